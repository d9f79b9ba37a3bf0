/** CloudTrail, KMS, RDS, EFS, SNS, SQS, Lambda, ELBv2, Config, Logs, CloudWatch, Secrets Manager,
 *  ECR, GuardDuty, Access Analyzer. Defaults per each resource's CloudFormation reference. */
import { notCollected, ok } from '../../model/collected.js';
import type * as M from '../../model/inventory.js';
import type { Builder } from './builder.js';
import { notInTemplate, policyValue, type Res } from './context.js';
import type { MapperTable } from './mappers.js';
import { attrText, refText } from './physical.js';
import { asText, findUnknown, isObj, ResRef, type Value } from './values.js';

function name(b: Builder, res: Res): string {
  return b.resolver.physicalName(res.logicalId);
}

function setIf<T extends object, K extends keyof T>(o: T, k: K, v: T[K] | undefined): void {
  if (v !== undefined) o[k] = v;
}

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

function kmsKey(b: Builder, res: Res): void {
  const id = res.logicalId;
  const arn = attrText('AWS::KMS::Key', id, id, 'Arn', b.pseudo);
  const enabled = res.bool('Enabled', 'keyState', true);
  const spec = res.str('KeySpec', 'keySpec') ?? 'SYMMETRIC_DEFAULT';
  let policy = res.policy('KeyPolicy', 'policy');
  // No KeyPolicy: KMS applies the default key policy (the account root may use the key).
  if (policy.status === 'ok' && policy.value === null) {
    policy = ok({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:${b.pseudo.partition}:iam::${b.pseudo.accountId}:root` }, Action: 'kms:*', Resource: '*' }],
    });
  }
  const rotation = res.bool('EnableKeyRotation', 'rotationEnabled', false);
  const k: M.KmsKey = {
    id,
    arn,
    keyManager: 'CUSTOMER',
    keyState: enabled ? 'Enabled' : 'Disabled',
    keySpec: spec,
    keyUsage: res.str('KeyUsage', 'keyUsage') ?? 'ENCRYPT_DECRYPT',
    keyOrigin: res.str('Origin', 'keyOrigin') ?? 'AWS_KMS',
    multiRegion: res.bool('MultiRegion', 'multiRegion', false),
    rotationEnabled: res.unresolved.has('rotationEnabled')
      ? notCollected('unresolved', { code: 'Unresolved', message: res.unresolved.get('rotationEnabled')!.describe() })
      : ok(rotation),
    policy: policy.status === 'ok' ? ok(policy.value ?? {}) : policy,
    origin: res.origin,
  };
  b.lists.keys.push(k);
  b.add(res, k, [id, arn]);
}

function kmsAlias(b: Builder, res: Res): void {
  const t = b.target<M.KmsKey>(res.refId('TargetKeyId'), 'AWS::KMS::Key');
  const a = res.str('AliasName');
  if (t && a) (t.model.aliases ??= []).push(a);
}

function rdsInstance(b: Builder, res: Res): void {
  const id = name(b, res);
  const arn = b.arn('rds', `db:${id}`);
  const clusterId = res.str('DBClusterIdentifier', 'clusterId');
  const fromSnapshot = res.get('DBSnapshotIdentifier') !== undefined || res.get('SourceDBInstanceIdentifier') !== undefined;
  const i: M.RdsInstance = {
    id,
    arn,
    engine: res.str('Engine', 'engine') ?? '',
    // PubliclyAccessible: when omitted, the default depends on the VPC and subnet group.
    publiclyAccessible: res.bool('PubliclyAccessible', 'publiclyAccessible', true),
    storageEncrypted: res.bool('StorageEncrypted', 'storageEncrypted', false),
    multiAz: res.bool('MultiAZ', 'multiAz', false),
    autoMinorVersionUpgrade: res.bool('AutoMinorVersionUpgrade', 'autoMinorVersionUpgrade', true),
    backupRetentionPeriod: res.num('BackupRetentionPeriod', 'backupRetentionPeriod') ?? 1,
    deletionProtection: res.bool('DeletionProtection', 'deletionProtection', false),
    iamDatabaseAuthenticationEnabled: res.bool('EnableIAMDatabaseAuthentication', 'iamDatabaseAuthenticationEnabled', false),
    vpcSecurityGroupIds: res.strList('VPCSecurityGroups', 'vpcSecurityGroupIds'),
    origin: res.origin,
  };
  if (res.get('PubliclyAccessible') === undefined) {
    res.unknownAt('publiclyAccessible', 'PubliclyAccessible', 'PubliclyAccessible is not set: the default depends on the VPC and DB subnet group (CreateDBInstance)');
  }
  if (clusterId) {
    i.clusterId = clusterId;
    const c = b.target<M.RdsCluster>(res.refId('DBClusterIdentifier'), 'AWS::RDS::DBCluster');
    if (c) i.storageEncrypted = c.model.storageEncrypted;
    else if (res.get('StorageEncrypted') === undefined) res.unknownAt('storageEncrypted', 'DBClusterIdentifier', 'the storage encryption comes from the DB cluster, which is not in this template');
  } else if (fromSnapshot && res.get('StorageEncrypted') === undefined) {
    res.unknownAt('storageEncrypted', 'DBSnapshotIdentifier', 'the storage encryption is inherited from the source snapshot or instance');
  }
  setIf(i, 'kmsKeyId', res.str('KmsKeyId', 'kmsKeyId'));
  b.lists.rdsInstances.push(i);
  b.add(res, i, [id, arn]);
}

function rdsCluster(b: Builder, res: Res): void {
  const id = name(b, res);
  const arn = b.arn('rds', `cluster:${id}`);
  const c: M.RdsCluster = {
    id,
    arn,
    engine: res.str('Engine', 'engine') ?? '',
    storageEncrypted: res.bool('StorageEncrypted', 'storageEncrypted', false),
    deletionProtection: res.bool('DeletionProtection', 'deletionProtection', false),
    backupRetentionPeriod: res.num('BackupRetentionPeriod', 'backupRetentionPeriod') ?? 1,
    origin: res.origin,
  };
  if (res.get('StorageEncrypted') === undefined && (res.get('SnapshotIdentifier') !== undefined || res.get('SourceDBClusterIdentifier') !== undefined)) {
    res.unknownAt('storageEncrypted', 'SnapshotIdentifier', 'the storage encryption is inherited from the source snapshot or cluster');
  }
  b.lists.rdsClusters.push(c);
  b.add(res, c, [id, arn]);
}

function efs(b: Builder, res: Res): void {
  const id = `fs-${res.logicalId}`;
  const arn = b.arn('elasticfilesystem', `file-system/${id}`);
  const f: M.EfsFileSystem = {
    id,
    arn,
    encrypted: res.bool('Encrypted', 'encrypted', false),
    policy: res.policy('FileSystemPolicy', 'policy'),
    backupPolicyEnabled: ok(String(res.str(['BackupPolicy', 'Status'], 'backupPolicyEnabled') ?? 'DISABLED').toUpperCase() === 'ENABLED'),
    origin: res.origin,
  };
  setIf(f, 'kmsKeyId', res.str('KmsKeyId', 'kmsKeyId'));
  b.lists.fileSystems.push(f);
  b.add(res, f, [id, arn]);
}

function topic(b: Builder, res: Res): void {
  const n = name(b, res);
  const arn = refText('AWS::SNS::Topic', n, b.pseudo);
  const subs = res.list('Subscription', 'subscriptions').filter(isObj).map((s, i) => ({
    arn: `${arn}:sub${i}`,
    protocol: asText(s.Protocol) ?? '',
    endpoint: asText(s.Endpoint) ?? '',
    pending: false,
  }));
  const t: M.SnsTopic = { arn, name: n, policy: ok(null), subscriptions: ok(subs), origin: res.origin };
  setIf(t, 'kmsMasterKeyId', res.str('KmsMasterKeyId', 'kmsMasterKeyId'));
  res.markPos('policy', res.tr.pos);
  b.lists.topics.push(t);
  b.add(res, t, [n, arn]);
}

function subscription(b: Builder, res: Res): void {
  const t = b.target<M.SnsTopic>(res.refId('TopicArn'), 'AWS::SNS::Topic')?.model;
  if (!t || t.subscriptions.status !== 'ok') return;
  t.subscriptions.value.push({ arn: `${t.arn}:${res.logicalId}`, protocol: res.str('Protocol') ?? '', endpoint: res.str('Endpoint') ?? '', pending: false });
}

function queue(b: Builder, res: Res): void {
  const n = name(b, res);
  const arn = attrText('AWS::SQS::Queue', res.logicalId, n, 'Arn', b.pseudo);
  const url = refText('AWS::SQS::Queue', n, b.pseudo);
  const q: M.SqsQueue = { url, arn, name: n, policy: ok(null), origin: res.origin };
  const kms = res.str('KmsMasterKeyId', 'kmsMasterKeyId');
  if (kms) q.kmsMasterKeyId = kms;
  // SSE-SQS is on by default for new queues unless a KMS key is chosen or it is turned off.
  q.sqsManagedSseEnabled = res.bool('SqsManagedSseEnabled', 'sqsManagedSseEnabled', kms === undefined);
  res.mark('kmsMasterKeyId', 'SqsManagedSseEnabled');
  res.markPos('policy', res.tr.pos);
  b.lists.queues.push(q);
  b.add(res, q, [n, arn, url]);
}

/** Topic/Queue policies: attach to each referenced template resource. */
function attachPolicy(listProp: string, type: string, find: (b: Builder, v: Value) => { policy: M.SnsTopic['policy'] } | undefined) {
  return (b: Builder, res: Res): void => {
    const doc = policyValue(res.get('PolicyDocument'), () => res.locate('PolicyDocument'));
    for (const v of res.list(listProp)) {
      const m = v instanceof ResRef ? b.target<{ policy: M.SnsTopic['policy'] }>(v.logicalId, type)?.model : find(b, v);
      if (!m) continue;
      m.policy = doc;
      const logical = (m as { origin?: M.ResourceOrigin }).origin?.logicalId;
      const owner = logical ? b.built.get(logical)?.res : undefined;
      if (owner) owner.origin.fields!['policy'] = res.locate('PolicyDocument');
    }
  };
}

function lambda(b: Builder, res: Res): void {
  const n = name(b, res);
  const arn = attrText('AWS::Lambda::Function', res.logicalId, n, 'Arn', b.pseudo);
  const f: M.LambdaFunction = { name: n, arn, policy: ok(null), url: ok(null), origin: res.origin };
  setIf(f, 'runtime', res.str('Runtime', 'runtime'));
  setIf(f, 'role', res.str('Role', 'role'));
  const env = res.get(['Environment', 'Variables']);
  res.mark('environmentVariableNames', ['Environment', 'Variables']);
  if (isObj(env)) f.environmentVariableNames = Object.keys(env);
  // In a VPC when VpcConfig names subnets (the VPC itself is implied by them).
  const vpc = res.get('VpcConfig');
  res.mark('vpcId', 'VpcConfig');
  const subnets = isObj(vpc) ? vpc.SubnetIds : undefined;
  const u = findUnknown(vpc);
  if (u && !(Array.isArray(subnets) && subnets.length > 0)) res.unknown('vpcId', u);
  else if (Array.isArray(subnets) && subnets.length > 0) f.vpcId = 'vpc-of-subnets';
  b.lists.functions.push(f);
  b.add(res, f, [n, arn]);
}

function findFunction(b: Builder, res: Res, prop: string): M.LambdaFunction | undefined {
  const ref = b.target<M.LambdaFunction>(res.refId(prop), 'AWS::Lambda::Function')?.model;
  if (ref) return ref;
  const v = res.str(prop);
  return b.lists.functions.find((f) => f.name === v || f.arn === v);
}

/** AWS::Lambda::Permission -> a statement of the function's resource-based policy. */
function lambdaPermission(b: Builder, res: Res): void {
  const f = findFunction(b, res, 'FunctionName');
  if (!f) return;
  const principal = res.get('Principal');
  const p = asText(principal);
  const stmt: Record<string, unknown> = {
    Sid: res.logicalId,
    Effect: 'Allow',
    Principal: p === undefined || p === '*' ? '*' : p.endsWith('.amazonaws.com') ? { Service: p } : { AWS: p },
    Action: res.str('Action') ?? 'lambda:InvokeFunction',
    Resource: f.arn,
  };
  const cond: Record<string, Record<string, string>> = {};
  const sa = res.str('SourceArn');
  if (sa) cond.ArnLike = { 'AWS:SourceArn': sa };
  const acct = res.str('SourceAccount');
  if (acct) cond.StringEquals = { 'AWS:SourceAccount': acct };
  const org = res.str('PrincipalOrgID');
  if (org) (cond.StringEquals ??= {})['aws:PrincipalOrgID'] = org;
  const urlAuth = res.str('FunctionUrlAuthType');
  if (urlAuth) (cond.StringEquals ??= {})['lambda:FunctionUrlAuthType'] = urlAuth;
  if (Object.keys(cond).length > 0) stmt.Condition = cond;
  const owner = b.built.get(f.origin!.logicalId)!.res;
  const u = findUnknown(principal) ?? ['Action', 'SourceArn', 'SourceAccount'].map((k) => findUnknown(res.get(k))).find((x) => x);
  if (u) {
    f.policy = notCollected('unresolved', { code: 'Unresolved', message: u.describe() });
  } else if (f.policy.status === 'ok') {
    const doc = f.policy.value ?? { Version: '2012-10-17', Statement: [] as unknown[] };
    (doc.Statement as unknown[]).push(stmt);
    f.policy = ok(doc);
  }
  owner.origin.fields!['policy'] ??= res.locate('Principal');
}

function lambdaUrl(b: Builder, res: Res): void {
  const f = findFunction(b, res, 'TargetFunctionArn');
  if (!f) return;
  const t = res.str('AuthType');
  f.url = t === 'NONE' || t === 'AWS_IAM' ? ok({ authType: t }) : notCollected('unresolved', { code: 'Unresolved', message: 'AuthType cannot be resolved' });
  const owner = b.built.get(f.origin!.logicalId)?.res;
  if (owner) owner.origin.fields!['url'] = res.locate('AuthType');
}

function loadBalancer(b: Builder, res: Res): void {
  const n = name(b, res);
  const type = res.str('Type', 'type') ?? 'application';
  const arn = b.arn('elasticloadbalancing', `loadbalancer/${type === 'network' ? 'net' : type === 'gateway' ? 'gwy' : 'app'}/${n}/0`);
  const attrs: Record<string, string> = {};
  for (const a of res.list('LoadBalancerAttributes', 'attributes')) if (isObj(a)) attrs[asText(a.Key) ?? ''] = asText(a.Value) ?? '';
  const lb: M.LoadBalancer = {
    arn,
    name: n,
    type,
    scheme: res.str('Scheme', 'scheme') ?? 'internet-facing',
    listeners: ok([]),
    attributes: ok(attrs),
    origin: res.origin,
  };
  b.lists.loadBalancers.push(lb);
  b.add(res, lb, [n, arn]);
}

function listener(b: Builder, res: Res): void {
  const t = b.target<M.LoadBalancer>(res.refId('LoadBalancerArn'), 'AWS::ElasticLoadBalancingV2::LoadBalancer');
  if (!t || t.model.listeners.status !== 'ok') return;
  const l: { arn: string; port: number; protocol: string; sslPolicy?: string; defaultActions?: { type: string; redirectProtocol?: string }[] } = {
    arn: `${t.model.arn}/listener/${res.logicalId}`,
    port: Number(res.str('Port') ?? 0),
    protocol: res.str('Protocol') ?? '',
    defaultActions: res.list('DefaultActions').filter(isObj).map((a) => {
      const x: { type: string; redirectProtocol?: string } = { type: asText(a.Type) ?? '' };
      const rp = isObj(a.RedirectConfig) ? asText(a.RedirectConfig.Protocol) : undefined;
      if (rp) x.redirectProtocol = rp;
      return x;
    }),
  };
  setIf(l, 'sslPolicy', res.str('SslPolicy'));
  const u = ['Port', 'Protocol', 'DefaultActions', 'SslPolicy'].map((k) => findUnknown(res.get(k))).find((x) => x);
  if (u) t.res.unknown('listeners', u);
  t.res.markPos(`listeners[${t.model.listeners.value.length}]`, res.tr.pos);
  t.res.markPos('listeners', res.tr.pos);
  t.model.listeners.value.push(l);
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

function secret(b: Builder, res: Res): void {
  const n = name(b, res);
  const arn = refText('AWS::SecretsManager::Secret', n, b.pseudo);
  const s: M.Secret = { name: n, arn, rotationEnabled: false, policy: ok(null), origin: res.origin };
  setIf(s, 'kmsKeyId', res.str('KmsKeyId', 'kmsKeyId'));
  res.markPos('rotationEnabled', res.tr.pos);
  res.markPos('policy', res.tr.pos);
  b.lists.secrets.push(s);
  b.add(res, s, [n, arn]);
}

function secretAttachment(kind: 'rotation' | 'policy') {
  return (b: Builder, res: Res): void => {
    const t = b.target<M.Secret>(res.refId('SecretId'), 'AWS::SecretsManager::Secret');
    if (!t) return;
    if (kind === 'rotation') t.model.rotationEnabled = true;
    else {
      t.model.policy = res.policy('ResourcePolicy', 'resourcePolicy');
      t.res.origin.fields!['policy'] = res.locate('ResourcePolicy');
    }
  };
}

function ecr(b: Builder, res: Res): void {
  const n = name(b, res);
  const arn = attrText('AWS::ECR::Repository', res.logicalId, n, 'Arn', b.pseudo);
  const r: M.EcrRepository = {
    name: n,
    arn,
    imageScanOnPush: res.bool(['ImageScanningConfiguration', 'ScanOnPush'], 'imageScanOnPush', false),
    imageTagMutability: res.str('ImageTagMutability', 'imageTagMutability') ?? 'MUTABLE',
    policy: res.policy('RepositoryPolicyText', 'policy'),
    origin: res.origin,
  };
  b.lists.repositories.push(r);
  b.add(res, r, [n, arn]);
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

export const serviceMappers: MapperTable = {
  'AWS::CloudTrail::Trail': { phase: 1, map: trail },
  'AWS::KMS::Key': { phase: 1, map: kmsKey },
  'AWS::KMS::Alias': { phase: 2, map: kmsAlias },
  'AWS::RDS::DBCluster': { phase: 1, map: rdsCluster },
  'AWS::RDS::DBInstance': { phase: 2, map: rdsInstance },
  'AWS::EFS::FileSystem': { phase: 1, map: efs },
  'AWS::SNS::Topic': { phase: 1, map: topic },
  'AWS::SNS::Subscription': { phase: 2, map: subscription },
  'AWS::SNS::TopicPolicy': { phase: 2, map: attachPolicy('Topics', 'AWS::SNS::Topic', (b, v) => b.lists.topics.find((t) => t.arn === asText(v))) },
  'AWS::SQS::Queue': { phase: 1, map: queue },
  'AWS::SQS::QueuePolicy': { phase: 2, map: attachPolicy('Queues', 'AWS::SQS::Queue', (b, v) => b.lists.queues.find((q) => q.url === asText(v) || q.arn === asText(v))) },
  'AWS::Lambda::Function': { phase: 1, map: lambda },
  'AWS::Lambda::Permission': { phase: 2, map: lambdaPermission },
  'AWS::Lambda::Url': { phase: 2, map: lambdaUrl },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': { phase: 1, map: loadBalancer },
  'AWS::ElasticLoadBalancingV2::Listener': { phase: 2, map: listener },
  'AWS::Config::ConfigurationRecorder': { phase: 1, map: recorder },
  'AWS::Config::DeliveryChannel': { phase: 1, map: deliveryChannel },
  'AWS::Logs::LogGroup': { phase: 1, map: logGroup },
  'AWS::Logs::MetricFilter': { phase: 1, map: metricFilter },
  'AWS::CloudWatch::Alarm': { phase: 1, map: alarm },
  'AWS::SecretsManager::Secret': { phase: 1, map: secret },
  'AWS::SecretsManager::RotationSchedule': { phase: 2, map: secretAttachment('rotation') },
  'AWS::SecretsManager::ResourcePolicy': { phase: 2, map: secretAttachment('policy') },
  'AWS::ECR::Repository': { phase: 1, map: ecr },
  'AWS::GuardDuty::Detector': { phase: 1, map: detector },
  'AWS::AccessAnalyzer::Analyzer': { phase: 1, map: analyzer },
};
