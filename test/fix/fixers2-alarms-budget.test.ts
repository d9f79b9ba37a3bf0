import { BudgetsClient, CreateBudgetCommand, DeleteBudgetCommand, DescribeBudgetCommand, NotFoundException } from '@aws-sdk/client-budgets';
import { CloudWatchClient, DeleteAlarmsCommand, DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, DeleteMetricFilterCommand, DescribeMetricFiltersCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyChange, rollbackEntry } from '../../src/fix/apply.js';
import { AwsExecutor } from '../../src/fix/executor.js';
import { CIS_ALARM_PATTERNS } from '../../src/fix/fixers/cis-alarms.js';
import { MONITORING_CONTROLS } from '../../src/checks/cis-monitoring-controls.js';
import { checks as monitoringChecks } from '../../src/checks/monitoring.js';
import type { AccountInventory } from '../../src/model/inventory.js';
import { account, ACCOUNT_ID, inventory, NOW, ok, trail } from '../helpers/inventory.js';
import { sharedDataDir, sharedDataMissing } from '../helpers/shared.js';
import { applyOpts, failing, journaled, mutatingCommands, planOne, skipReason, totalCalls } from './fixers2-common.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const cw = mockClient(CloudWatchClient);
const logs = mockClient(CloudWatchLogsClient);
const sns = mockClient(SNSClient);
const budgets = mockClient(BudgetsClient);
beforeEach(() => [cw, logs, sns, budgets].forEach((m) => m.reset()));

const LG_ARN = `arn:aws:logs:us-east-1:${ACCOUNT_ID}:log-group:org-trail:*`;
const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT_ID}:kenro-security-alerts`;
const withTrail = (): AccountInventory => account({}, { 'us-east-1': { cloudtrail: { trails: ok([trail({ cloudWatchLogsLogGroupArn: LG_ARN })]) } } });
const ROOT = 'cloudwatch_alarm_root_usage';

describe('cis_monitoring_alarms_create', () => {
  it('has the 15 CIS patterns', () => {
    expect(Object.keys(CIS_ALARM_PATTERNS)).toHaveLength(15);
  });

  it.skipIf(sharedDataMissing('cis-aws-monitoring'))('writes exactly the CIS v5.0 patterns (benchmark text, whitespace aside)', () => {
    const file = join(sharedDataDir('cis-aws-monitoring')!, 'cis_monitoring_metric_filters.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as { versions: Record<string, { filterPattern?: string }[]> };
    const squash = (s: string) => s.replace(/\s+/g, '');
    const v5 = data.versions['5.0']!.map((c) => squash(c.filterPattern ?? ''));
    expect(v5).toHaveLength(15);
    for (const c of MONITORING_CONTROLS) expect(v5, c.id).toContain(squash(CIS_ALARM_PATTERNS[c.id]!));
  });

  it('plans topic, subscription, filter and alarm on the trail\'s log group, without calling AWS', () => {
    const change = planOne(withTrail(), failing(ROOT, 'global', ACCOUNT_ID), { alarmEmail: 'sec@example.com' });
    expect(totalCalls(cw, logs, sns)).toBe(0);
    expect(change.calls.map((c) => `${c.service}:${c.operation}`)).toEqual(['sns:CreateTopic', 'sns:Subscribe', 'logs:PutMetricFilter', 'cloudwatch:PutMetricAlarm']);
    expect(change.region).toBe('us-east-1');
    expect(change.warnings.join(' ')).toMatch(/confirms the subscription/);
  });

  it('the filter and alarm it writes make the check PASS once the subscription is confirmed', () => {
    const change = planOne(withTrail(), failing(ROOT, 'global', ACCOUNT_ID), { alarmEmail: 'sec@example.com' });
    const f = change.calls.find((c) => c.operation === 'PutMetricFilter')!.params as { filterName: string; filterPattern: string; logGroupName: string; metricTransformations: { metricName: string; metricNamespace: string; metricValue: string }[] };
    const a = change.calls.find((c) => c.operation === 'PutMetricAlarm')!.params as { AlarmName: string; MetricName: string; Namespace: string; AlarmActions: string[] };
    const after = account({}, {
      'us-east-1': {
        cloudtrail: { trails: ok([trail({ cloudWatchLogsLogGroupArn: LG_ARN })]) },
        logs: { logGroups: ok([]), metricFilters: ok([{ name: f.filterName, logGroupName: f.logGroupName, filterPattern: f.filterPattern, metricTransformations: f.metricTransformations }]) },
        cloudwatch: { alarms: ok([{ name: a.AlarmName, arn: 'x', metricName: a.MetricName, namespace: a.Namespace, alarmActions: a.AlarmActions, actionsEnabled: true }]) },
        sns: { topics: ok([{ arn: TOPIC, name: 'kenro-security-alerts', policy: ok(null), subscriptions: ok([{ arn: 's', protocol: 'email', endpoint: 'sec@example.com', pending: false }]) }]) },
      },
    });
    const check = monitoringChecks.find((c) => c.meta.id === ROOT)!;
    const findings = check.run(after, { now: NOW, inventory: inventory([after]) });
    expect(findings.map((x) => x.status)).toEqual(['PASS']);
  });

  it('applies the exact calls, journals, is idempotent, and rollback deletes only the filter and alarm', async () => {
    const change = planOne(withTrail(), failing(ROOT, 'global', ACCOUNT_ID));
    expect(change.calls.map((c) => c.operation)).toEqual(['CreateTopic', 'PutMetricFilter', 'PutMetricAlarm']);
    expect(change.warnings.join(' ')).toMatch(/not complete until someone subscribes/);
    logs.on(DescribeMetricFiltersCommand).resolvesOnce({ metricFilters: [] }).resolves({ metricFilters: [{ filterName: `kenro-${ROOT}` }] });
    cw.on(DescribeAlarmsCommand).resolvesOnce({ MetricAlarms: [] }).resolves({ MetricAlarms: [{ AlarmName: `kenro-${ROOT}` }] });
    sns.on(CreateTopicCommand).resolves({ TopicArn: TOPIC });
    const o = applyOpts();
    const { entry, journalFile } = await applyChange(change, new AwsExecutor(), o);
    expect(entry.outcome).toBe('applied');
    expect(entry.verification?.stateMatches).toBe(true);
    expect(sns.commandCalls(CreateTopicCommand)[0]!.args[0].input.Name).toBe('kenro-security-alerts');
    expect(sns.commandCalls(SubscribeCommand)).toHaveLength(0);
    expect(logs.commandCalls(PutMetricFilterCommand)[0]!.args[0].input).toEqual({
      logGroupName: 'org-trail', filterName: `kenro-${ROOT}`, filterPattern: CIS_ALARM_PATTERNS[ROOT],
      metricTransformations: [{ metricName: ROOT, metricNamespace: 'CISBenchmark', metricValue: '1' }],
    });
    expect(cw.commandCalls(PutMetricAlarmCommand)[0]!.args[0].input).toMatchObject({
      AlarmName: `kenro-${ROOT}`, MetricName: ROOT, Namespace: 'CISBenchmark', Statistic: 'Sum', Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [TOPIC], ActionsEnabled: true,
    });
    expect(journaled(journalFile).expectedAfter).toEqual({ filter: true, alarm: true });

    // Second apply with the after-state live: no mutating call.
    [cw, logs, sns].forEach((m) => m.reset());
    logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [{ filterName: `kenro-${ROOT}` }] });
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: `kenro-${ROOT}` }] });
    expect((await applyChange(change, new AwsExecutor(), applyOpts())).entry.outcome).toBe('already-fixed');
    expect(mutatingCommands(cw, logs, sns)).toEqual([]);

    [cw, logs, sns].forEach((m) => m.reset());
    logs.on(DescribeMetricFiltersCommand).resolvesOnce({ metricFilters: [{ filterName: `kenro-${ROOT}` }] }).resolves({ metricFilters: [] });
    cw.on(DescribeAlarmsCommand).resolvesOnce({ MetricAlarms: [{ AlarmName: `kenro-${ROOT}` }] }).resolves({ MetricAlarms: [] });
    const back = await rollbackEntry(entry.id, new AwsExecutor(), o);
    expect(back.outcome).toBe('rolled-back');
    expect(back.verification?.stateMatches).toBe(true);
    expect(mutatingCommands(cw, logs, sns)).toEqual(['DeleteAlarms', 'DeleteMetricFilter']);
    expect(logs.commandCalls(DeleteMetricFilterCommand)[0]!.args[0].input).toEqual({ logGroupName: 'org-trail', filterName: `kenro-${ROOT}` });
    expect(cw.commandCalls(DeleteAlarmsCommand)[0]!.args[0].input).toEqual({ AlarmNames: [`kenro-${ROOT}`] });
  });

  it('refuses on drift (the alarm appeared meanwhile)', async () => {
    const change = planOne(withTrail(), failing(ROOT, 'global', ACCOUNT_ID));
    logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [] });
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: `kenro-${ROOT}` }] });
    expect((await applyChange(change, new AwsExecutor(), applyOpts())).entry.outcome).toBe('refused-drift');
    expect(mutatingCommands(cw, logs, sns)).toEqual([]);
  });

  it('uses --alarm-topic-arn without creating a topic, and refuses a topic in another region', () => {
    const mine = `arn:aws:sns:us-east-1:${ACCOUNT_ID}:ops`;
    const change = planOne(withTrail(), failing(ROOT, 'global', ACCOUNT_ID), { alarmTopicArn: mine });
    expect(change.calls.map((c) => c.operation)).toEqual(['PutMetricFilter', 'PutMetricAlarm']);
    expect(change.calls[1]!.params.AlarmActions).toEqual([mine]);
    expect(skipReason(withTrail(), failing(ROOT, 'global', ACCOUNT_ID), { alarmTopicArn: `arn:aws:sns:eu-west-1:${ACCOUNT_ID}:ops` })).toMatch(/us-east-1/);
  });

  it('needs a trail that delivers to CloudWatch Logs', () => {
    expect(skipReason(account({}, { 'us-east-1': { cloudtrail: { trails: ok([trail()]) } } }), failing(ROOT, 'global', ACCOUNT_ID))).toMatch(/CloudWatch Logs/);
  });
});

describe('billing_budget_create', () => {
  const r = failing('billing_spend_monitored', 'global', ACCOUNT_ID);
  const o = { budgetEmail: 'billing@example.com', budgetAmount: 250 };

  it('skips without the options', () => {
    expect(skipReason(account(), r)).toMatch(/--budget-email/);
    expect(skipReason(account(), r, { budgetEmail: 'x@example.com' })).toMatch(/--budget-amount/);
  });

  it('creates a monthly cost budget with an 80% actual-spend e-mail, journals it, is idempotent, rolls back with DeleteBudget', async () => {
    const change = planOne(account(), r, o);
    expect(totalCalls(budgets)).toBe(0);
    budgets.on(DescribeBudgetCommand).rejectsOnce(new NotFoundException({ message: 'not found', $metadata: {} })).resolves({ Budget: { BudgetName: 'kenro-monthly-cost' } as never });
    const opts = applyOpts();
    const { entry, journalFile } = await applyChange(change, new AwsExecutor(), opts);
    expect(entry.outcome).toBe('applied');
    expect(entry.verification?.stateMatches).toBe(true);
    expect(budgets.commandCalls(CreateBudgetCommand)[0]!.args[0].input).toEqual({
      AccountId: ACCOUNT_ID,
      Budget: { BudgetName: 'kenro-monthly-cost', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '250', Unit: 'USD' } },
      NotificationsWithSubscribers: [{
        Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80, ThresholdType: 'PERCENTAGE' },
        Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'billing@example.com' }],
      }],
    });
    expect(journaled(journalFile).rollback).toEqual([{ service: 'budgets', operation: 'DeleteBudget', region: 'us-east-1', params: { AccountId: ACCOUNT_ID, BudgetName: 'kenro-monthly-cost' }, mutating: true }]);

    budgets.reset();
    budgets.on(DescribeBudgetCommand).resolves({ Budget: {} as never });
    expect((await applyChange(change, new AwsExecutor(), applyOpts())).entry.outcome).toBe('already-fixed');
    expect(mutatingCommands(budgets)).toEqual([]);

    budgets.reset();
    budgets.on(DescribeBudgetCommand).resolvesOnce({ Budget: {} as never }).rejects(new NotFoundException({ message: 'not found', $metadata: {} }));
    const back = await rollbackEntry(entry.id, new AwsExecutor(), opts);
    expect(back.outcome).toBe('rolled-back');
    expect(budgets.commandCalls(DeleteBudgetCommand)[0]!.args[0].input).toEqual({ AccountId: ACCOUNT_ID, BudgetName: 'kenro-monthly-cost' });
  });
});
