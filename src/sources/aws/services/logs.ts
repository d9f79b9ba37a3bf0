/**
 * CloudWatch Logs for one region: the `logs` key of RegionInventory.
 * DescribeLogGroups and DescribeMetricFilters, both paginated (nextToken).
 */
import type { LogGroup as SdkLogGroup, MetricFilter as SdkMetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchLogsClient, paginateDescribeLogGroups, paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
import type { LogGroup, MetricFilter, RegionInventory } from '../../../model/inventory.js';
import type { RegionContext } from '../context.js';
import { forService } from '../notInRegion.js';

export async function collect(base: RegionContext): Promise<RegionInventory['logs']> {
  const ctx = forService(base, 'CloudWatch Logs');
  const logs = ctx.client(CloudWatchLogsClient);
  const [logGroups, metricFilters] = await Promise.all([
    ctx.list(
      'logs:DescribeLogGroups',
      () => paginateDescribeLogGroups({ client: logs, pageSize: 50 }, {}),
      (p) => (p.logGroups ?? []).map((g) => toLogGroup(g, ctx)),
      { what: 'cloudwatch log groups' },
    ),
    ctx.list(
      'logs:DescribeMetricFilters',
      () => paginateDescribeMetricFilters({ client: logs, pageSize: 50 }, {}),
      (p) => (p.metricFilters ?? []).map(toMetricFilter),
      { what: 'cloudwatch logs metric filters' },
    ),
  ]);
  return { logGroups, metricFilters };
}

function toLogGroup(g: SdkLogGroup, ctx: RegionContext): LogGroup {
  const name = g.logGroupName ?? '';
  // `arn` ends in `:*`; `logGroupArn` is the ARN without it (the form IAM and CloudTrail use).
  const arn =
    g.logGroupArn ?? g.arn?.replace(/:\*$/, '') ?? `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
  const out: LogGroup = { name, arn };
  if (g.retentionInDays !== undefined) out.retentionInDays = g.retentionInDays;
  if (g.kmsKeyId) out.kmsKeyId = g.kmsKeyId;
  return out;
}

function toMetricFilter(f: SdkMetricFilter): MetricFilter {
  return {
    name: f.filterName ?? '',
    logGroupName: f.logGroupName ?? '',
    filterPattern: f.filterPattern ?? '',
    metricTransformations: (f.metricTransformations ?? []).map((t) => ({
      metricName: t.metricName ?? '',
      metricNamespace: t.metricNamespace ?? '',
      metricValue: t.metricValue ?? '',
    })),
  };
}
