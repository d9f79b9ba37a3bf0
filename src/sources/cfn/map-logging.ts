/** CloudTrail, Config, CloudWatch Logs and alarms, GuardDuty, Access Analyzer: the monitoring
 *  resources (defaults per each resource's CloudFormation reference). */
import { notCollected, ok } from '../../model/collected.js';
import type * as M from '../../model/inventory.js';
import type { Builder } from './builder.js';
import { notInTemplate, type Res } from './context.js';
import { physicalNameOf as name, setIf } from './map-helpers.js';
import type { MapperTable } from './mappers.js';
import { asText, findUnknown, isObj, type Value } from './values.js';

function trail(b: Builder, res: Res): void {
  const n = name(b, res);
  const arn = b.arn('cloudtrail', `trail/${n}`);
  const t: M.Trail = {
    name: n,
    arn,
    homeRegion: b.region,
    isMultiRegion: res.bool('IsMultiRegionTrail', 'isMultiRegion', false),
    isOrganizationTrail: res.bool('IsOrganizationTrail', 'isOrganizationTrail', false),
    logFileValidationEnabled: res.bool('EnableLogFileValidation', 'logFileValidationEnabled', false),
    includeGlobalServiceEvents: res.bool('IncludeGlobalServiceEvents', 'includeGlobalServiceEvents', true),
    status: ok({ isLogging: res.bool('IsLogging', 'status', false) }),
    eventSelectors: ok({}),
    origin: res.origin,
  };
  if (res.unresolved.has('status')) t.status = notCollected('unresolved', { code: 'Unresolved', message: res.unresolved.get('status')!.describe() });
  setIf(t, 's3BucketName', res.str('S3BucketName', 's3BucketName'));
  setIf(t, 's3KeyPrefix', res.str('S3KeyPrefix', 's3KeyPrefix'));
  setIf(t, 'kmsKeyId', res.str('KMSKeyId', 'kmsKeyId'));
  setIf(t, 'cloudWatchLogsLogGroupArn', res.str('CloudWatchLogsLogGroupArn', 'cloudWatchLogsLogGroupArn'));
  setIf(t, 'cloudWatchLogsRoleArn', res.str('CloudWatchLogsRoleArn', 'cloudWatchLogsRoleArn'));
  const sns = res.str('SnsTopicName', 'snsTopicArn');
  if (sns) t.snsTopicArn = sns.startsWith('arn:') ? sns : b.arn('sns', sns);
  // Event selectors: none => the trail logs all management events (read and write).
  const basic = res.get('EventSelectors');
  const adv = res.get('AdvancedEventSelectors');
  res.mark('eventSelectors', basic !== undefined ? 'EventSelectors' : 'AdvancedEventSelectors');
  const u = findUnknown(basic) ?? findUnknown(adv);
  if (u) t.eventSelectors = notCollected('unresolved', { code: 'Unresolved', message: u.describe() });
  else if (Array.isArray(adv) && adv.length > 0) {
    t.eventSelectors = ok({
      advanced: adv.filter(isObj).map((s) => {
        const x: NonNullable<M.TrailEventSelectors['advanced']>[number] = {
          fieldSelectors: (Array.isArray(s.FieldSelectors) ? s.FieldSelectors : []).filter(isObj).map((f) => {
            const fs: Record<string, unknown> = { field: asText(f.Field) ?? '' };
            for (const [k, m] of [['Equals', 'equals'], ['StartsWith', 'startsWith'], ['EndsWith', 'endsWith'], ['NotEquals', 'notEquals'], ['NotStartsWith', 'notStartsWith'], ['NotEndsWith', 'notEndsWith']] as const) {
              if (Array.isArray(f[k])) fs[m] = (f[k] as Value[]).map((v) => asText(v) ?? '');
            }
            return fs as { field: string };
          }),
        };
        setIf(x, 'name', asText(s.Name));
        return x;
      }),
    });
  } else {
    const sels = Array.isArray(basic) && basic.length > 0 ? basic.filter(isObj) : [{}];
    t.eventSelectors = ok({
      basic: sels.map((s) => ({
        readWriteType: (asText(s.ReadWriteType) ?? 'All') as 'All',
        includeManagementEvents: s.IncludeManagementEvents === undefined ? true : String(asText(s.IncludeManagementEvents)).toLowerCase() === 'true',
        dataResources: (Array.isArray(s.DataResources) ? s.DataResources : []).filter(isObj).map((d) => ({
          type: asText(d.Type) ?? '',
          values: Array.isArray(d.Values) ? d.Values.map((v) => asText(v) ?? '') : [],
        })),
        ...(Array.isArray(s.ExcludeManagementEventSources) ? { excludeManagementEventSources: s.ExcludeManagementEventSources.map((v) => asText(v) ?? '') } : {}),
      })),
    });
  }
  b.lists.trails.push(t);
  b.add(res, t, [n, arn]);
}

function recorder(b: Builder, res: Res): void {
  const rg = res.get('RecordingGroup');
  res.mark('allSupported', ['RecordingGroup', 'AllSupported']);
  const r: M.ConfigRecorder = {
    name: res.str('Name', 'name') ?? 'default',
    allSupported: rg === undefined ? true : res.bool(['RecordingGroup', 'AllSupported'], 'allSupported', false),
    includeGlobalResourceTypes: res.bool(['RecordingGroup', 'IncludeGlobalResourceTypes'], 'includeGlobalResourceTypes', false),
    status: notInTemplate('the recorder status'),
    origin: res.origin,
  };
  setIf(r, 'roleArn', res.str('RoleARN', 'roleArn'));
  setIf(r, 'recordingStrategy', res.str(['RecordingGroup', 'RecordingStrategy', 'UseOnly'], 'recordingStrategy'));
  const types = res.strList(['RecordingGroup', 'ResourceTypes']);
  if (types.length) r.resourceTypes = types;
  b.lists.recorders.push(r);
  b.add(res, r, [r.name]);
}

function deliveryChannel(b: Builder, res: Res): void {
  const d: { name: string; s3BucketName?: string; snsTopicArn?: string } = { name: res.str('Name') ?? 'default' };
  setIf(d, 's3BucketName', res.str('S3BucketName'));
  setIf(d, 'snsTopicArn', res.str('SnsTopicARN'));
  b.lists.deliveryChannels.push(d);
}

function logGroup(b: Builder, res: Res): void {
  const n = name(b, res);
  const arn = b.arn('logs', `log-group:${n}`);
  const g: M.LogGroup = { name: n, arn, origin: res.origin };
  setIf(g, 'retentionInDays', res.num('RetentionInDays', 'retentionInDays'));
  setIf(g, 'kmsKeyId', res.str('KmsKeyId', 'kmsKeyId'));
  b.lists.logGroups.push(g);
  b.add(res, g, [n, arn]);
}

function metricFilter(b: Builder, res: Res): void {
  const f: M.MetricFilter = {
    name: res.str('FilterName') ?? res.logicalId,
    logGroupName: res.str('LogGroupName', 'logGroupName') ?? '',
    filterPattern: res.str('FilterPattern', 'filterPattern') ?? '',
    metricTransformations: res.list('MetricTransformations', 'metricTransformations').filter(isObj).map((m) => ({
      metricName: asText(m.MetricName) ?? '',
      metricNamespace: asText(m.MetricNamespace) ?? '',
      metricValue: asText(m.MetricValue) ?? '',
    })),
    origin: res.origin,
  };
  b.lists.metricFilters.push(f);
  b.add(res, f, [f.name]);
}

function alarm(b: Builder, res: Res): void {
  const n = res.str('AlarmName', 'name') ?? `${b.pseudo.stackName}-${res.logicalId}`;
  const a: M.MetricAlarm = {
    name: n,
    arn: b.arn('cloudwatch', `alarm:${n}`),
    alarmActions: res.strList('AlarmActions', 'alarmActions'),
    actionsEnabled: res.bool('ActionsEnabled', 'actionsEnabled', true),
    origin: res.origin,
  };
  setIf(a, 'metricName', res.str('MetricName', 'metricName'));
  setIf(a, 'namespace', res.str('Namespace', 'namespace'));
  setIf(a, 'statistic', res.str('Statistic', 'statistic'));
  setIf(a, 'threshold', res.num('Threshold', 'threshold'));
  setIf(a, 'comparisonOperator', res.str('ComparisonOperator', 'comparisonOperator'));
  const dims = res.list('Dimensions').filter(isObj).map((d) => ({ name: asText(d.Name) ?? '', value: asText(d.Value) ?? '' }));
  if (dims.length) a.dimensions = dims;
  b.lists.alarms.push(a);
  b.add(res, a, [n, a.arn]);
}

function detector(b: Builder, res: Res): void {
  const d: M.GuardDutyDetector = { id: res.logicalId, status: res.bool('Enable', 'status', false) ? 'ENABLED' : 'DISABLED' };
  setIf(d, 'findingPublishingFrequency', res.str('FindingPublishingFrequency'));
  b.lists.detectors.push(d);
  b.add(res, d, [d.id]);
}

function analyzer(b: Builder, res: Res): void {
  const n = res.str('AnalyzerName') ?? `${b.pseudo.stackName}-${res.logicalId}`;
  const a: M.AccessAnalyzer = { arn: b.arn('access-analyzer', `analyzer/${n}`), name: n, type: res.str('Type') ?? 'ACCOUNT', status: 'ACTIVE' };
  b.lists.analyzers.push(a);
  b.add(res, a, [n, a.arn]);
}

export const loggingMappers: MapperTable = {
  'AWS::CloudTrail::Trail': { phase: 1, map: trail },
  'AWS::Config::ConfigurationRecorder': { phase: 1, map: recorder },
  'AWS::Config::DeliveryChannel': { phase: 1, map: deliveryChannel },
  'AWS::Logs::LogGroup': { phase: 1, map: logGroup },
  'AWS::Logs::MetricFilter': { phase: 1, map: metricFilter },
  'AWS::CloudWatch::Alarm': { phase: 1, map: alarm },
  'AWS::GuardDuty::Detector': { phase: 1, map: detector },
  'AWS::AccessAnalyzer::Analyzer': { phase: 1, map: analyzer },
};
