/**
 * CIS monitoring controls: for each, a metric filter whose pattern covers the CIS pattern, on a log
 * group that a qualifying trail (multi-region, logging, all management events) delivers to, with
 * an alarm on that metric whose action is an SNS topic with at least one confirmed subscription.
 */
import type { AccountInventory, Inventory, MetricFilter, SnsTopic } from '../model/inventory.js';
import type { Check, Finding } from './types.js';
import { accountRef, fail, pass } from './helpers.js';
import { describeFailure } from '../model/collected.js';
import { atomToString, covers, parseFilterPattern, toDnf, type Atom, type Conjunct } from './filter-pattern.js';
import { MONITORING_CONTROLS, type MonitoringControl } from './cis-monitoring-controls.js';
import { qualifiesAsBaselineTrail, trailsOf } from './trail-coverage.js';

interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

function parseArn(arn: string): Arn | undefined {
  const p = arn.split(':');
  if (p.length < 6 || p[0] !== 'arn') return undefined;
  return { partition: p[1]!, service: p[2]!, region: p[3]!, account: p[4]!, resource: p.slice(5).join(':') };
}

/** `arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]` -> its parts. */
export function parseLogGroupArn(arn: string): { region: string; account: string; name: string } | undefined {
  const a = parseArn(arn);
  if (!a || a.service !== 'logs' || !a.resource.startsWith('log-group:')) return undefined;
  let name = a.resource.slice('log-group:'.length);
  if (name.endsWith(':*')) name = name.slice(0, -2);
  return { region: a.region, account: a.account, name };
}

/** Facts every event of the reference conjunct carries: its service's event source. */
function contextFor(control: MonitoringControl): (c: Conjunct) => Atom[] {
  return (c) =>
    control.eventSource && c.some((a) => a.field === '$.eventName' && a.op === '=')
      ? [{ kind: 'atom', field: '$.eventSource', op: '=', value: control.eventSource }]
      : [];
}

const referenceCache = new Map<string, Conjunct[]>();
function referenceOf(pattern: string): Conjunct[] {
  let dnf = referenceCache.get(pattern);
  if (!dnf) referenceCache.set(pattern, (dnf = toDnf(parseFilterPattern(pattern))));
  return dnf;
}

/** Whether a customer's filter pattern matches at least every event of the control's pattern. */
const candidateCache = new Map<string, Conjunct[] | Error>();

/** A customer pattern in normal form (or why it could not be read), parsed once per scan-wide text. */
function candidateOf(pattern: string): Conjunct[] | Error {
  let c = candidateCache.get(pattern);
  if (c === undefined) {
    try {
      c = toDnf(parseFilterPattern(pattern));
    } catch (err) {
      c = err instanceof Error ? err : new Error(String(err));
    }
    if (candidateCache.size > 5000) candidateCache.clear();
    candidateCache.set(pattern, c);
  }
  return c;
}

export function patternSatisfies(control: MonitoringControl, pattern: string): { ok: boolean; detail: string } {
  const candidate = candidateOf(pattern);
  if (candidate instanceof Error) return { ok: false, detail: `pattern not understood: ${candidate.message}` };
  const res = covers(referenceOf(control.pattern), candidate, contextFor(control));
  if (res.covered) return { ok: true, detail: 'covers the CIS pattern' };
  for (const alt of control.alternatives ?? []) {
    if (covers(referenceOf(alt), candidate, contextFor(control)).covered) return { ok: true, detail: `covers the alternative pattern the benchmark offers: ${alt}` };
  }
  return { ok: false, detail: `misses events matching ${res.uncovered.slice(0, 2).map((c) => c.map(atomToString).join(' && ')).join(' | ')}` };
}

interface Progress {
  /** The furthest stage reached, for the FAIL reason. */
  stage: number;
  notes: string[];
  unreadable: string[];
}

const STAGES = [
  'no multi-region, logging trail recording all management events delivers to CloudWatch Logs',
  'no metric filter on the trail\'s log group matches the CIS pattern',
  'no alarm watches the filter\'s metric',
  'the alarm has no SNS topic action',
  'the alarm\'s SNS topic has no confirmed subscription',
];

function accountById(inv: Inventory, id: string, fallback: AccountInventory): AccountInventory | undefined {
  return fallback.accountId === id ? fallback : inv.accounts.find((a) => a.accountId === id);
}

function topicHasConfirmedSubscriber(topic: SnsTopic, p: Progress): boolean {
  if (topic.subscriptions.status !== 'ok') {
    p.unreadable.push(describeFailure(topic.subscriptions, `subscriptions of ${topic.arn} (sns:ListSubscriptionsByTopic)`));
    return false;
  }
  return topic.subscriptions.value.some((s) => !s.pending);
}

function evaluate(control: MonitoringControl, account: AccountInventory, inv: Inventory): { pass?: unknown; p: Progress } {
  const p: Progress = { stage: 0, notes: [], unreadable: [] };
  const view = trailsOf(account);
  for (const f of view.failures) p.unreadable.push(describeFailure(f.collected, `CloudTrail trails in ${f.region}`));
  for (const trail of view.trails) {
    const q = qualifiesAsBaselineTrail(trail);
    p.unreadable.push(...q.unreadable.map((u) => `could not read ${u}`));
    if (!q.ok || !trail.cloudWatchLogsLogGroupArn) continue;
    const lg = parseLogGroupArn(trail.cloudWatchLogsLogGroupArn);
    if (!lg) {
      p.notes.push(`trail ${trail.name} has an unreadable log group ARN ${trail.cloudWatchLogsLogGroupArn}`);
      continue;
    }
    const owner = accountById(inv, lg.account, account);
    const region = owner?.regional[lg.region];
    if (!owner || !region) {
      p.unreadable.push(`log group ${lg.name} is in account ${lg.account} region ${lg.region}, which this scan did not cover`);
      continue;
    }
    p.stage = Math.max(p.stage, 1);
    const filters = region.logs.metricFilters;
    if (filters.status !== 'ok') {
      p.unreadable.push(describeFailure(filters, `metric filters in ${lg.region} (logs:DescribeMetricFilters)`));
      continue;
    }
    const matching: MetricFilter[] = [];
    for (const f of filters.value.filter((x) => x.logGroupName === lg.name)) {
      const sat = patternSatisfies(control, f.filterPattern);
      if (sat.ok) matching.push(f);
      else p.notes.push(`filter ${f.name}: ${sat.detail}`);
    }
    if (matching.length === 0) continue;
    p.stage = Math.max(p.stage, 2);
    const alarms = region.cloudwatch.alarms;
    if (alarms.status !== 'ok') {
      p.unreadable.push(describeFailure(alarms, `CloudWatch alarms in ${lg.region} (cloudwatch:DescribeAlarms)`));
      continue;
    }
    for (const f of matching) {
      for (const mt of f.metricTransformations) {
        const onMetric = alarms.value.filter((a) => a.metricName === mt.metricName && a.namespace === mt.metricNamespace);
        if (onMetric.length === 0) continue;
        p.stage = Math.max(p.stage, 3);
        for (const alarm of onMetric) {
          if (!alarm.actionsEnabled) {
            p.notes.push(`alarm ${alarm.name} has its actions disabled`);
            continue;
          }
          for (const action of alarm.alarmActions) {
            const t = parseArn(action);
            if (!t || t.service !== 'sns') continue;
            p.stage = Math.max(p.stage, 4);
            const topicOwner = accountById(inv, t.account, account);
            const topics = topicOwner?.regional[t.region]?.sns.topics;
            if (!topics) {
              p.unreadable.push(`SNS topic ${action} is in an account or region this scan did not cover`);
              continue;
            }
            if (topics.status !== 'ok') {
              p.unreadable.push(describeFailure(topics, `SNS topics in ${t.region} (sns:ListTopics)`));
              continue;
            }
            const topic = topics.value.find((x) => x.arn === action);
            if (!topic) {
              p.notes.push(`alarm ${alarm.name} notifies ${action}, which does not exist`);
              continue;
            }
            if (topicHasConfirmedSubscriber(topic, p)) {
              return {
                pass: { trail: trail.arn, logGroup: lg.name, metricFilter: f.name, pattern: f.filterPattern, alarm: alarm.arn, topic: topic.arn },
                p,
              };
            }
          }
        }
      }
    }
  }
  return { p };
}

function monitoringCheck(control: MonitoringControl): Check {
  return {
    meta: {
      id: control.id,
      title: `${control.subject[0]!.toUpperCase()}${control.subject.slice(1)} raise a CloudWatch alarm`,
      severity: control.severity,
      service: 'cloudwatch',
      resourceType: 'AWS::::Account',
      description:
        `A metric filter on the CloudWatch Logs group of a multi-region, logging CloudTrail trail must match at least every event ` +
        `the CIS pattern for ${control.subject} matches (kenro compares patterns by meaning, not text: ${control.pattern}), and an ` +
        'alarm on its metric must notify an SNS topic with at least one confirmed subscription.',
      risk: control.why,
      remediation: {
        cli:
          `aws logs put-metric-filter --log-group-name TRAIL_LOG_GROUP --filter-name ${control.id} --metric-transformations metricName=${control.id},metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '${control.pattern}'\n` +
          `aws cloudwatch put-metric-alarm --alarm-name ${control.id} --metric-name ${control.id} --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions SNS_TOPIC_ARN`,
        docs: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html',
      },
    },
    run(account, ctx): Finding[] {
      const ref = accountRef(account);
      const { pass: ok, p } = evaluate(control, account, ctx.inventory);
      if (ok) return [pass(ref, `monitoring of ${control.subject} is complete: filter, alarm and confirmed subscriber`, ok)];
      const evidence = { notes: p.notes.slice(0, 10), unreadable: p.unreadable };
      if (p.unreadable.length > 0) {
        return [{ status: 'ERROR', ...ref, reason: `could not verify monitoring of ${control.subject}: ${p.unreadable[0]}`, evidence }];
      }
      return [fail(ref, STAGES[p.stage]!, evidence)];
    },
  };
}

export const checks: Check[] = MONITORING_CONTROLS.map(monitoringCheck);
