/**
 * CloudWatch alarms for one region: the `cloudwatch` key of RegionInventory.
 * DescribeAlarms with AlarmTypes=[MetricAlarm] (composite alarms are not read), paginated.
 */
import type { MetricAlarm as SdkMetricAlarm } from '@aws-sdk/client-cloudwatch';
import { CloudWatchClient, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import type { MetricAlarm, RegionInventory } from '../../../model/inventory.js';
import type { RegionContext } from '../context.js';
import { forService } from '../notInRegion.js';

export async function collect(base: RegionContext): Promise<RegionInventory['cloudwatch']> {
  const ctx = forService(base, 'CloudWatch');
  const cw = ctx.client(CloudWatchClient);
  const alarms = await ctx.list(
    'cloudwatch:DescribeAlarms',
    () => paginateDescribeAlarms({ client: cw, pageSize: 100 }, { AlarmTypes: ['MetricAlarm'] }),
    (p) => (p.MetricAlarms ?? []).map(toAlarm),
    { what: 'cloudwatch metric alarms' },
  );
  return { alarms };
}

function toAlarm(a: SdkMetricAlarm): MetricAlarm {
  const out: MetricAlarm = {
    name: a.AlarmName ?? '',
    arn: a.AlarmArn ?? '',
    alarmActions: [...(a.AlarmActions ?? [])],
    actionsEnabled: a.ActionsEnabled === true,
  };
  if (a.MetricName) out.metricName = a.MetricName;
  if (a.Namespace) out.namespace = a.Namespace;
  const statistic = a.Statistic ?? a.ExtendedStatistic;
  if (statistic) out.statistic = statistic;
  if (a.Threshold !== undefined) out.threshold = a.Threshold;
  if (a.ComparisonOperator) out.comparisonOperator = a.ComparisonOperator;
  if (a.Dimensions?.length) out.dimensions = a.Dimensions.map((d) => ({ name: d.Name ?? '', value: d.Value ?? '' }));
  return out;
}
