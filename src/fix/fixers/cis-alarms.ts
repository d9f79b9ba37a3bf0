import { MONITORING_CONTROLS, type MonitoringControl } from '../../checks/cis-monitoring-controls.js';
import { parseLogGroupArn } from '../../checks/monitoring.js';
import { qualifiesAsBaselineTrail, trailsOf } from '../../checks/trail-coverage.js';
import type { ApiCall, Fixer } from '../types.js';
import { changeFor } from './common.js';

const call = (service: string, operation: string, region: string, params: Record<string, unknown> = {}, mutating = true): ApiCall => ({ service, operation, region, params, mutating });

export const ALERT_TOPIC_NAME = 'kenro-security-alerts';
/** The namespace the CIS benchmark's own remediation uses. */
export const CIS_METRIC_NAMESPACE = 'CISBenchmark';

/**
 * The CIS v5.0 (= v6.0, v7.0) filter patterns, one per control: kenro keeps them in one table,
 * src/checks/cis-monitoring-controls.ts, which the checks judge customer filters against, so the
 * filter kenro writes is by construction one the check accepts.
 */
export const CIS_ALARM_PATTERNS: Readonly<Record<string, string>> = Object.fromEntries(MONITORING_CONTROLS.map((c) => [c.id, c.pattern]));

export const filterNameOf = (c: MonitoringControl) => `kenro-${c.id}`;
export const alarmNameOf = (c: MonitoringControl) => `kenro-${c.id}`;

/** PutMetricFilter parameters for a control on a log group. */
export function metricFilterParams(c: MonitoringControl, logGroupName: string): Record<string, unknown> {
  return {
    logGroupName,
    filterName: filterNameOf(c),
    filterPattern: c.pattern,
    metricTransformations: [{ metricName: c.id, metricNamespace: CIS_METRIC_NAMESPACE, metricValue: '1' }],
  };
}

/** PutMetricAlarm parameters: any matching event in 5 minutes raises the alarm. */
export function metricAlarmParams(c: MonitoringControl, topicArn: string): Record<string, unknown> {
  return {
    AlarmName: alarmNameOf(c),
    AlarmDescription: `kenro: CIS monitoring of ${c.subject}`,
    MetricName: c.id,
    Namespace: CIS_METRIC_NAMESPACE,
    Statistic: 'Sum',
    Period: 300,
    EvaluationPeriods: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
    ActionsEnabled: true,
    AlarmActions: [topicArn],
  };
}

interface AlarmState {
  filter: boolean;
  alarm: boolean;
}

/**
 * For one CIS monitoring control: a metric filter with the CIS pattern on the log group of the
 * account's multi-region trail, and an alarm on its metric that notifies an SNS topic
 * (--alarm-topic-arn, or `kenro-security-alerts`, created, with --alarm-email subscribed).
 */
export const cisMonitoringAlarmsCreate: Fixer<AlarmState> = {
  id: 'cis_monitoring_alarms_create',
  title: 'Create the CIS metric filter and alarm for a monitoring control on the trail\'s log group, notifying an SNS topic',
  checkIds: MONITORING_CONTROLS.map((c) => c.id),
  permissions: [
    'logs:DescribeMetricFilters',
    'logs:PutMetricFilter',
    'logs:DeleteMetricFilter',
    'cloudwatch:DescribeAlarms',
    'cloudwatch:PutMetricAlarm',
    'cloudwatch:DeleteAlarms',
    'sns:CreateTopic',
    'sns:TagResource',
    'sns:Subscribe',
  ],
  plan(r, { account, options }) {
    const control = MONITORING_CONTROLS.find((c) => c.id === r.checkId);
    if (!control) return { skip: `no CIS pattern for ${r.checkId}` };
    const trail = trailsOf(account).trails.find((t) => qualifiesAsBaselineTrail(t).ok && t.cloudWatchLogsLogGroupArn);
    if (!trail) return { skip: 'no multi-region, logging trail delivers to CloudWatch Logs: send the trail to a log group first (cloudtrail update-trail --cloud-watch-logs-log-group-arn)' };
    const lg = parseLogGroupArn(trail.cloudWatchLogsLogGroupArn!);
    if (!lg) return { skip: `the log group ARN of ${trail.name} is not understood` };
    if (lg.account !== account.accountId) return { skip: `the trail's log group is in account ${lg.account}: fix it there` };
    const reg = account.regional[lg.region];
    if (!reg) return { skip: `the trail's log group is in ${lg.region}, which was not scanned` };
    if (reg.logs.metricFilters.status !== 'ok' || reg.cloudwatch.alarms.status !== 'ok' || reg.sns.topics.status !== 'ok') {
      return { skip: `metric filters, alarms or SNS topics in ${lg.region} were not read` };
    }
    const topicArn = options.alarmTopicArn ?? `arn:${account.partition}:sns:${lg.region}:${account.accountId}:${ALERT_TOPIC_NAME}`;
    if (topicArn.split(':')[3] !== lg.region) return { skip: `--alarm-topic-arn must be in ${lg.region}, the log group's region (alarms notify topics of their own region)` };
    const topic = reg.sns.topics.value.find((t) => t.arn === topicArn);
    const subs = topic?.subscriptions.status === 'ok' ? topic.subscriptions.value : [];
    const haveFilter = reg.logs.metricFilters.value.some((f) => f.logGroupName === lg.name && f.name === filterNameOf(control));
    const haveAlarm = reg.cloudwatch.alarms.value.some((a) => a.name === alarmNameOf(control));
    const calls: ApiCall[] = [];
    if (!options.alarmTopicArn) calls.push(call('sns', 'CreateTopic', lg.region, { Name: ALERT_TOPIC_NAME, Tags: [{ Key: 'created-by', Value: 'kenro' }] }));
    const email = options.alarmEmail;
    if (email && !subs.some((s) => s.protocol === 'email' && s.endpoint === email)) {
      calls.push(call('sns', 'Subscribe', lg.region, { TopicArn: topicArn, Protocol: 'email', Endpoint: email }));
    }
    calls.push(call('logs', 'PutMetricFilter', lg.region, metricFilterParams(control, lg.name)));
    calls.push(call('cloudwatch', 'PutMetricAlarm', lg.region, metricAlarmParams(control, topicArn)));
    const rollback: ApiCall[] = [];
    if (!haveAlarm) rollback.push(call('cloudwatch', 'DeleteAlarms', lg.region, { AlarmNames: [alarmNameOf(control)] }));
    if (!haveFilter) rollback.push(call('logs', 'DeleteMetricFilter', lg.region, { logGroupName: lg.name, filterName: filterNameOf(control) }));
    const confirmed = subs.some((s) => !s.pending);
    const warnings: string[] = [];
    if (!confirmed) {
      warnings.push(
        email
          ? `the alarm is complete once ${email} confirms the subscription (SNS sends a confirmation e-mail; a repeated subscribe may send another)`
          : `the alarm is not complete until someone subscribes to ${topicArn} and confirms (use --alarm-email)`,
      );
    }
    const logGroupArn = `arn:${account.partition}:logs:${lg.region}:${account.accountId}:log-group:${lg.name}`;
    return changeFor<AlarmState>(this.id, { ...r, region: lg.region, resourceId: control.id, resourceArn: logGroupArn }, {
      summary: `alarm on ${control.subject}: metric filter ${filterNameOf(control)} on ${lg.name} and alarm ${alarmNameOf(control)} notifying ${topicArn}`,
      before: { filter: haveFilter, alarm: haveAlarm },
      after: { filter: true, alarm: true },
      calls,
      rollback,
      cannotRestore: [
        `the SNS topic ${topicArn} and its subscriptions stay (other alarms use them)`,
        ...(haveFilter || haveAlarm ? ['a filter or alarm of this name existed before and was overwritten; rollback does not restore its old definition'] : []),
      ],
      warnings,
    });
  },
  async read(change, aws) {
    const control = MONITORING_CONTROLS.find((c) => c.id === change.resourceId)!;
    // The change's resource ARN is the log group's (rollback rebuilds the change from the journal).
    const logGroupName = parseLogGroupArn(change.resourceArn ?? '')?.name;
    if (!logGroupName) throw new Error(`change ${change.id} does not name its log group`);
    const f = await aws.call(call('logs', 'DescribeMetricFilters', change.region, { logGroupName, filterNamePrefix: filterNameOf(control) }, false));
    const a = await aws.call(call('cloudwatch', 'DescribeAlarms', change.region, { AlarmNames: [alarmNameOf(control)] }, false));
    return {
      filter: ((f.metricFilters ?? []) as { filterName?: string }[]).some((x) => x.filterName === filterNameOf(control)),
      alarm: ((a.MetricAlarms ?? []) as { AlarmName?: string }[]).some((x) => x.AlarmName === alarmNameOf(control)),
    };
  },
};
