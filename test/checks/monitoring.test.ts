import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/monitoring.js';
import { MONITORING_CONTROLS } from '../../src/checks/cis-monitoring-controls.js';
import { runChecks } from '../../src/checks/engine.js';
import type { AccountInventory, MetricAlarm, MetricFilter, SnsTopic } from '../../src/model/inventory.js';
import { account, ACCOUNT_ID, denied, inventory, NOW, ok, trail } from '../helpers/inventory.js';

const ROOT = checks.find((c) => c.meta.id === 'cloudwatch_alarm_root_usage')!;
const ROOT_PATTERN = MONITORING_CONTROLS.find((c) => c.id === 'cloudwatch_alarm_root_usage')!.pattern;
const LG = 'cloudtrail-logs';
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT_ID}:security-alerts`;

function filter(pattern = ROOT_PATTERN): MetricFilter {
  return { name: 'root-usage', logGroupName: LG, filterPattern: pattern, metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CIS', metricValue: '1' }] };
}
function alarm(overrides: Partial<MetricAlarm> = {}): MetricAlarm {
  return { name: 'root-usage', arn: 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:root-usage', metricName: 'RootUsage', namespace: 'CIS', alarmActions: [TOPIC], actionsEnabled: true, ...overrides };
}
function topic(pending = false): SnsTopic {
  return { arn: TOPIC, name: 'security-alerts', policy: ok(null), subscriptions: ok([{ arn: `${TOPIC}:sub`, protocol: 'email', endpoint: 'sec@example.com', pending }]) };
}

function monitored(opts: { filters?: MetricFilter[]; alarms?: MetricAlarm[]; topics?: SnsTopic[]; trailOverrides?: Parameters<typeof trail>[0] } = {}): AccountInventory {
  return account({}, {
    'us-east-1': {
      cloudtrail: { trails: ok([trail({ cloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT_ID}:log-group:${LG}:*`, ...opts.trailOverrides })]) },
      logs: { logGroups: ok([]), metricFilters: ok(opts.filters ?? [filter()]) },
      cloudwatch: { alarms: ok(opts.alarms ?? [alarm()]) },
      sns: { topics: ok(opts.topics ?? [topic()]) },
    },
  });
}

function run(acct: AccountInventory, others: AccountInventory[] = []) {
  return ROOT.run(acct, { now: NOW, inventory: inventory([acct, ...others]) });
}

describe('CIS monitoring checks', () => {
  it('there is one check per CIS monitoring control (15)', () => {
    expect(checks).toHaveLength(15);
    expect(new Set(checks.map((c) => c.meta.id)).size).toBe(15);
  });

  it('PASS: trail -> log group -> equivalent filter -> alarm -> topic with a confirmed subscriber', () => {
    const [f] = run(monitored({ filters: [filter('{ ($.eventType != "AwsServiceEvent") && ($.userIdentity.invokedBy NOT EXISTS) && ($.userIdentity.type = "Root") }')] }));
    expect(f!.status).toBe('PASS');
    expect(f!.evidence).toMatchObject({ metricFilter: 'root-usage', topic: TOPIC });
  });

  it('FAIL: the only subscription is pending confirmation', () => {
    const [f] = run(monitored({ topics: [topic(true)] }));
    expect(f!.status).toBe('FAIL');
    expect(f!.reason).toMatch(/confirmed subscription/);
  });

  it('FAIL: the filter pattern is narrower than the CIS one', () => {
    const [f] = run(monitored({ filters: [filter('{ $.userIdentity.type = Root && $.eventName = ConsoleLogin }')] }));
    expect(f!.status).toBe('FAIL');
    expect(f!.reason).toMatch(/no metric filter/);
  });

  it('FAIL: the filter is on a log group no qualifying trail delivers to', () => {
    const [f] = run(monitored({ filters: [{ ...filter(), logGroupName: 'other' }] }));
    expect(f!.status).toBe('FAIL');
  });

  it('FAIL: the trail is not logging, so nothing reaches the log group', () => {
    const [f] = run(monitored({ trailOverrides: { status: ok({ isLogging: false }) } }));
    expect(f!.status).toBe('FAIL');
    expect(f!.reason).toMatch(/no multi-region, logging trail/);
  });

  it('FAIL: the alarm is on another metric, or its actions are disabled', () => {
    expect(run(monitored({ alarms: [alarm({ metricName: 'Other' })] }))[0]!.reason).toMatch(/no alarm/);
    expect(run(monitored({ alarms: [alarm({ actionsEnabled: false })] }))[0]!.status).toBe('FAIL');
  });

  it('ERROR: metric filters could not be read (names the permission)', () => {
    const acct = monitored();
    acct.regional['us-east-1']!.logs.metricFilters = denied('logs:DescribeMetricFilters');
    const [f] = run(acct);
    expect(f!.status).toBe('ERROR');
    expect(f!.reason).toMatch(/logs:DescribeMetricFilters/);
  });

  it('ERROR: trails could not be read in a region and nothing else passes', () => {
    const acct = monitored({ filters: [] });
    acct.regional['eu-west-1']!.cloudtrail.trails = denied('cloudtrail:DescribeTrails');
    expect(run(acct)[0]!.status).toBe('ERROR');
  });

  it('member account: an organization trail delivering to the management account counts when that account is scanned', () => {
    const MGMT = '999988887777';
    const orgTrail = trail({
      name: 'org',
      arn: `arn:aws:cloudtrail:us-east-1:${MGMT}:trail/org`,
      isOrganizationTrail: true,
      ownedByOtherAccount: true,
      cloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${MGMT}:log-group:${LG}:*`,
    });
    const member = account({}, { 'us-east-1': { cloudtrail: { trails: ok([orgTrail]) } } });
    const mgmt = monitored();
    mgmt.accountId = MGMT;
    mgmt.regional['us-east-1']!.sns.topics = ok([{ ...topic(), arn: TOPIC.replace(ACCOUNT_ID, MGMT) }]);
    mgmt.regional['us-east-1']!.cloudwatch.alarms = ok([alarm({ alarmActions: [TOPIC.replace(ACCOUNT_ID, MGMT)] })]);
    expect(run(member, [mgmt])[0]!.status).toBe('PASS');
    // Without the management account in the scan, it cannot be verified: ERROR, not PASS.
    const alone = run(member);
    expect(alone[0]!.status).toBe('ERROR');
    expect(alone[0]!.reason).toMatch(MGMT);
  });

  it('runs through the engine for every monitoring control without throwing', () => {
    const results = runChecks(inventory([monitored()]), checks, { now: NOW });
    expect(results.filter((r) => r.status === 'PASS').map((r) => r.checkId)).toEqual(['cloudwatch_alarm_root_usage']);
    expect(results.filter((r) => r.status === 'FAIL')).toHaveLength(14);
  });
});
