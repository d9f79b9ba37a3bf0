import type { AccountInventory, Trail } from '../../model/inventory.js';
import { managementCoverage, trailsOf } from '../../checks/trail-coverage.js';
import type { OutputRef } from '../executor.js';
import type { ApiCall, Executor, Fixer, PlannedChange } from '../types.js';
import { changeFor, hasCode } from './common.js';
import { tlsOnlyStatement } from './s3.js';

const call = (service: string, operation: string, region: string, params: Record<string, unknown> = {}, mutating = true): ApiCall => ({ service, operation, region, params, mutating });

export const KENRO_TRAIL = 'kenro-trail';
export const TRAIL_KEY_ALIAS = 'alias/kenro-cloudtrail';
export const trailBucketName = (account: string) => `kenro-cloudtrail-${account}`;

/** The id of the key created earlier in the same change. */
const NEW_KEY_ID: OutputRef = { $output: 'kms:CreateKey', path: 'KeyMetadata.KeyId' };
const NEW_KEY_ARN: OutputRef = { $output: 'kms:CreateKey', path: 'KeyMetadata.Arn' };

/**
 * The documented key policy for CloudTrail log encryption
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html):
 * the account administers the key; CloudTrail may generate data keys only for this account's trails
 * and only for the named trail (aws:SourceArn); principals of the account may decrypt log files.
 */
export function cloudTrailKeyPolicy(partition: string, account: string, trailArn: string): Record<string, unknown> {
  const trailPattern = `arn:${partition}:cloudtrail:*:${account}:trail/*`;
  return {
    Version: '2012-10-17',
    Id: 'kenro-cloudtrail-key',
    Statement: [
      { Sid: 'EnableIAMUserPermissions', Effect: 'Allow', Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: 'kms:*', Resource: '*' },
      {
        Sid: 'AllowCloudTrailToEncryptLogs',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': trailArn }, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailPattern } },
      },
      {
        Sid: 'AllowCloudTrailToDescribeKey',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:DescribeKey',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
      },
      {
        Sid: 'AllowAccountPrincipalsToDecryptLogFiles',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: ['kms:Decrypt', 'kms:ReEncryptFrom'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': account }, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailPattern } },
      },
    ],
  };
}

/**
 * The documented bucket policy for a trail's bucket, scoped to the one trail by aws:SourceArn
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html),
 * plus kenro's TLS-only Deny.
 */
export function cloudTrailBucketPolicy(partition: string, account: string, bucket: string, trailArn: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: `arn:${partition}:s3:::${bucket}`,
        Condition: { StringEquals: { 'aws:SourceArn': trailArn } },
      },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: `arn:${partition}:s3:::${bucket}/AWSLogs/${account}/*`,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
      },
      { ...tlsOnlyStatement(bucket), Resource: [`arn:${partition}:s3:::${bucket}`, `arn:${partition}:s3:::${bucket}/*`] },
    ],
  };
}

interface TrailState {
  exists: boolean;
  isMultiRegion?: boolean;
  globalServiceEvents?: boolean;
  logFileValidation?: boolean;
  kmsEncrypted?: boolean;
  isLogging?: boolean;
  /** Create only: whether kenro's trail bucket exists. */
  bucket?: boolean;
}

/** The region where kenro creates a new trail: us-east-1 when scanned, else the first region scanned. */
export function homeRegionOf(account: AccountInventory): string {
  return account.regions.includes('us-east-1') ? 'us-east-1' : account.regions[0] ?? 'us-east-1';
}

function createKeyCalls(region: string, partition: string, account: string, trailArn: string): ApiCall[] {
  return [
    call('kms', 'CreateKey', region, {
      Description: `kenro: encrypts CloudTrail log files of ${trailArn}`,
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      Policy: JSON.stringify(cloudTrailKeyPolicy(partition, account, trailArn)),
      Tags: [{ TagKey: 'created-by', TagValue: 'kenro' }],
    }),
    call('kms', 'EnableKeyRotation', region, { KeyId: NEW_KEY_ID }),
    call('kms', 'CreateAlias', region, { AliasName: TRAIL_KEY_ALIAS, TargetKeyId: NEW_KEY_ID }),
  ];
}

function ownTrails(account: AccountInventory): Trail[] {
  return trailsOf(account).trails.filter((t) => !t.ownedByOtherAccount && t.arn.split(':')[4] === account.accountId);
}

function stateOf(t: Trail): TrailState {
  return {
    exists: true,
    isMultiRegion: t.isMultiRegion,
    globalServiceEvents: t.includeGlobalServiceEvents,
    logFileValidation: t.logFileValidationEnabled,
    kmsEncrypted: !!t.kmsKeyId,
    isLogging: t.status.status === 'ok' ? t.status.value.isLogging : false,
  };
}

/**
 * Makes the account's trail multi-region, validated and KMS-encrypted: updates the account's own
 * trail when one exists (creating a KMS key for it when it has none), else creates `kenro-trail`
 * with a protected bucket (Block Public Access, versioning, SSE-KMS, TLS-only and CloudTrail-only
 * bucket policy) and a KMS key with the documented CloudTrail key policy and rotation.
 */
export const cloudTrailMultiRegionEnable: Fixer<TrailState> = {
  id: 'cloudtrail_multi_region_enable',
  title: 'Make a multi-region CloudTrail trail with log file validation and KMS encryption (update the own trail, or create one with a protected bucket)',
  checkIds: ['cloudtrail_multi_region_enabled', 'cloudtrail_log_file_validation_enabled', 'cloudtrail_kms_encryption_enabled'],
  permissions: [
    'cloudtrail:GetTrail',
    'cloudtrail:GetTrailStatus',
    'cloudtrail:CreateTrail',
    'cloudtrail:AddTags',
    'cloudtrail:UpdateTrail',
    'cloudtrail:StartLogging',
    'cloudtrail:StopLogging',
    'cloudtrail:DeleteTrail',
    'kms:CreateKey',
    'kms:EnableKeyRotation',
    'kms:CreateAlias',
    'kms:TagResource',
    's3:CreateBucket',
    's3:PutBucketPublicAccessBlock',
    's3:PutBucketVersioning',
    's3:PutEncryptionConfiguration',
    's3:PutBucketPolicy',
    's3:PutBucketOwnershipControls',
    's3:ListBucket',
  ],
  plan(r, { account }) {
    const view = trailsOf(account);
    if (view.failures.length > 0) return { skip: `trails were not read in ${view.failures.map((f) => f.region).join(', ')}` };
    const byResult = r.checkId === 'cloudtrail_multi_region_enabled' ? undefined : view.trails.find((t) => t.name === r.resourceId || t.arn === r.resourceArn);
    if (byResult?.ownedByOtherAccount || byResult?.isOrganizationTrail) return { skip: 'an organization trail is changed in the management account, not here' };
    const own = ownTrails(account).filter((t) => !t.isOrganizationTrail);
    const target = byResult ?? own.find((t) => t.isMultiRegion) ?? own[0];
    if (target) return planUpdate(this.id, r, account, target);
    return planCreate(this.id, r, account);
  },
  async read(change, aws) {
    const name = change.resourceId;
    let t: Record<string, unknown> | undefined;
    try {
      const out = await aws.call(call('cloudtrail', 'GetTrail', change.region, { Name: name }, false));
      t = out.Trail as Record<string, unknown> | undefined;
    } catch (err) {
      if (!hasCode(err, 'TrailNotFoundException')) throw err;
    }
    const bucket = change.before.bucket === undefined ? undefined : await bucketExists(aws, change.region, trailBucketName(change.account));
    const withBucket = (s: TrailState): TrailState => (bucket === undefined ? s : { ...s, bucket });
    if (!t) return withBucket({ exists: false });
    const status = await aws.call(call('cloudtrail', 'GetTrailStatus', change.region, { Name: name }, false));
    return withBucket({
      exists: true,
      isMultiRegion: t.IsMultiRegionTrail === true,
      globalServiceEvents: t.IncludeGlobalServiceEvents === true,
      logFileValidation: t.LogFileValidationEnabled === true,
      kmsEncrypted: typeof t.KmsKeyId === 'string' && t.KmsKeyId !== '',
      isLogging: status.IsLogging === true,
    });
  },
  rollbackFromOutputs(change: PlannedChange<TrailState>, outputs) {
    const key = outputs.map((o) => (o.KeyMetadata as { Arn?: string } | undefined)?.Arn).find((x): x is string => typeof x === 'string');
    // Name the new key in the journal (the entry shares this array).
    if (key) change.cannotRestore.forEach((n, i, all) => (all[i] = n.replace('the KMS key kenro created', `the KMS key kenro created (${key})`)));
    return change.rollback;
  },
};

async function bucketExists(aws: Executor, region: string, bucket: string): Promise<boolean> {
  try {
    await aws.call(call('s3', 'HeadBucket', region, { Bucket: bucket }, false));
    return true;
  } catch (err) {
    if (hasCode(err, 'NotFound', 'NoSuchBucket')) return false;
    // 403: the name is taken (by another account): it exists, and is not kenro's to use.
    if (hasCode(err, 'Forbidden', 'AccessDenied')) return true;
    throw err;
  }
}

function planUpdate(fixerId: string, r: Parameters<Fixer['plan']>[0], account: AccountInventory, t: Trail) {
  if (t.eventSelectors.status === 'ok') {
    const cov = managementCoverage(t.eventSelectors.value);
    if (!cov.read || !cov.write || cov.excludedSources.length > 0) {
      return { skip: `trail ${t.name} does not record all management events; kenro does not rewrite event selectors (see cloudtrail put-event-selectors)` };
    }
  } else if (r.checkId === 'cloudtrail_multi_region_enabled') {
    return { skip: `the event selectors of ${t.name} were not read` };
  }
  if (t.status.status !== 'ok') return { skip: `the logging status of ${t.name} was not read` };
  const before = stateOf(t);
  const region = t.homeRegion;
  const calls: ApiCall[] = [];
  // A multi-region trail must include global service events (IAM, STS): CloudTrail refuses otherwise.
  const update: Record<string, unknown> = { Name: t.name, IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, EnableLogFileValidation: true };
  const cannotRestore: string[] = [];
  const warnings: string[] = [];
  if (!t.kmsKeyId) {
    const bucket = t.s3BucketName && account.s3.buckets.status === 'ok' ? account.s3.buckets.value.find((b) => b.name === t.s3BucketName) : undefined;
    if (!bucket) return { skip: `the bucket of ${t.name} is not in this account's inventory: the KMS key must be in the bucket's region` };
    if (bucket.region !== region) return { skip: `the bucket of ${t.name} is in ${bucket.region}, the trail in ${region}: create the key there by hand` };
    calls.push(...createKeyCalls(region, account.partition, account.accountId, t.arn));
    update.KmsKeyId = NEW_KEY_ARN;
    cannotRestore.push(`the KMS key kenro created and its alias ${TRAIL_KEY_ALIAS} stay: log files written meanwhile need it to be read (schedule its deletion yourself once none does)`);
    warnings.push('readers of the log files now also need kms:Decrypt on the new key (granted to the account\'s principals by its key policy)');
  }
  calls.push(call('cloudtrail', 'UpdateTrail', region, update));
  if (!before.isLogging) calls.push(call('cloudtrail', 'StartLogging', region, { Name: t.name }));
  const rollback: ApiCall[] = [
    call('cloudtrail', 'UpdateTrail', region, {
      Name: t.name,
      IsMultiRegionTrail: t.isMultiRegion,
      IncludeGlobalServiceEvents: t.includeGlobalServiceEvents,
      EnableLogFileValidation: t.logFileValidationEnabled,
      // Unverified against AWS: an empty KmsKeyId is taken to switch SSE-KMS off again (as the
      // CLI's --kms-key-id ''); if AWS refuses it, the rollback fails and says so in the journal.
      ...(t.kmsKeyId ? {} : { KmsKeyId: '' }),
    }),
  ];
  if (!before.isLogging) rollback.push(call('cloudtrail', 'StopLogging', region, { Name: t.name }));
  if (!t.logFileValidationEnabled) cannotRestore.push('digest files written while validation was on stay in the bucket');
  if (!t.isMultiRegion) warnings.push('a multi-region trail also records events in every other region (its events are billed once per trail)');
  return changeFor<TrailState>(fixerId, { ...r, region, resourceId: t.name, resourceArn: t.arn }, {
    summary: `update trail ${t.name}: multi-region with global service events, log file validation${t.kmsKeyId ? '' : ', KMS encryption with a new key'}${before.isLogging ? '' : ', start logging'}`,
    before,
    after: { exists: true, isMultiRegion: true, globalServiceEvents: true, logFileValidation: true, kmsEncrypted: true, isLogging: true },
    calls,
    rollback,
    cannotRestore,
    warnings,
  });
}

function planCreate(fixerId: string, r: Parameters<Fixer['plan']>[0], account: AccountInventory) {
  if (account.s3.buckets.status !== 'ok') return { skip: 'S3 buckets were not read' };
  const region = homeRegionOf(account);
  const bucket = trailBucketName(account.accountId);
  if (account.s3.buckets.value.some((b) => b.name === bucket)) {
    return { skip: `bucket ${bucket} already exists; kenro only creates a trail with a bucket it creates itself` };
  }
  const p = account.partition;
  const trailArn = `arn:${p}:cloudtrail:${region}:${account.accountId}:trail/${KENRO_TRAIL}`;
  const s3 = (operation: string, params: Record<string, unknown>) => call('s3', operation, region, { Bucket: bucket, ...params });
  const calls: ApiCall[] = [
    s3('CreateBucket', { ObjectOwnership: 'BucketOwnerEnforced', ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region } }) }),
    s3('PutPublicAccessBlock', { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }),
    s3('PutBucketVersioning', { VersioningConfiguration: { Status: 'Enabled' } }),
    ...createKeyCalls(region, p, account.accountId, trailArn),
    s3('PutBucketEncryption', {
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: NEW_KEY_ARN }, BucketKeyEnabled: true }] },
    }),
    s3('PutBucketPolicy', { Policy: JSON.stringify(cloudTrailBucketPolicy(p, account.accountId, bucket, trailArn)) }),
    call('cloudtrail', 'CreateTrail', region, {
      Name: KENRO_TRAIL,
      S3BucketName: bucket,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      KmsKeyId: NEW_KEY_ARN,
      TagsList: [{ Key: 'created-by', Value: 'kenro' }],
    }),
    call('cloudtrail', 'StartLogging', region, { Name: KENRO_TRAIL }),
  ];
  return changeFor<TrailState>(fixerId, { ...r, region, resourceId: KENRO_TRAIL, resourceArn: trailArn }, {
    summary: `create multi-region trail ${KENRO_TRAIL} in ${region} (validation, KMS key ${TRAIL_KEY_ALIAS}, protected bucket ${bucket})`,
    before: { exists: false, bucket: false },
    after: { exists: true, isMultiRegion: true, globalServiceEvents: true, logFileValidation: true, kmsEncrypted: true, isLogging: true, bucket: true },
    calls,
    rollback: [call('cloudtrail', 'StopLogging', region, { Name: KENRO_TRAIL }), call('cloudtrail', 'DeleteTrail', region, { Name: KENRO_TRAIL })],
    cannotRestore: [
      `the bucket ${bucket} and the log files in it stay: kenro never deletes buckets or log data`,
      `the KMS key kenro created and its alias ${TRAIL_KEY_ALIAS} stay: the log files need it to be read`,
    ],
    warnings: [
      'the first copy of management events is free; the bucket, the KMS requests and any data events are billed',
      'add S3 server access logging on the new bucket with kenro fix --check cloudtrail_bucket_access_logging_enabled --log-bucket NAME',
    ],
  });
}
