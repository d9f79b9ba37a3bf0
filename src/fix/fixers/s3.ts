import type { PolicyDocument, PublicAccessBlock } from '../../model/inventory.js';
import { toPublicAccessBlock } from '../../sources/aws/services/s3.js';
import type { ApiCall, Executor, Fixer } from '../types.js';
import { changeFor, hasCode } from './common.js';

const ALL_ON: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

function toSdkPab(p: PublicAccessBlock) {
  return { BlockPublicAcls: p.blockPublicAcls, IgnorePublicAcls: p.ignorePublicAcls, BlockPublicPolicy: p.blockPublicPolicy, RestrictPublicBuckets: p.restrictPublicBuckets };
}

function bucketOf(account: { s3: { buckets: { status: string; value?: unknown } } }, name: string) {
  const b = account.s3.buckets;
  if (b.status !== 'ok') return undefined;
  return (b.value as { name: string; region: string; policy: { status: string; value?: PolicyDocument | null } }[]).find((x) => x.name === name);
}

export const bucketPublicAccessBlock: Fixer<PublicAccessBlock | null> = {
  id: 's3_bucket_public_access_block_enable',
  title: 'Turn on all four S3 Block Public Access settings for a bucket',
  checkIds: ['s3_bucket_public_access_block'],
  permissions: ['s3:GetBucketPublicAccessBlock', 's3:PutBucketPublicAccessBlock'],
  plan(r, { account }) {
    const bucket = account.s3.buckets.status === 'ok' ? account.s3.buckets.value.find((b) => b.name === r.resourceId) : undefined;
    if (!bucket) return { skip: `bucket ${r.resourceId} is not in the inventory` };
    if (bucket.publicAccessBlock.status !== 'ok') return { skip: 'the bucket public access block was not read' };
    const before = bucket.publicAccessBlock.value;
    const rollback: ApiCall[] = before
      ? [{ service: 's3', operation: 'PutPublicAccessBlock', region: bucket.region, params: { Bucket: bucket.name, PublicAccessBlockConfiguration: toSdkPab(before) }, mutating: true }]
      : [{ service: 's3', operation: 'DeletePublicAccessBlock', region: bucket.region, params: { Bucket: bucket.name }, mutating: true }];
    const publicNow = bucket.policyStatus.status === 'ok' && bucket.policyStatus.value?.isPublic;
    return changeFor(this.id, r, {
      summary: `block public access on bucket ${bucket.name} (all four settings)`,
      before,
      after: ALL_ON,
      calls: [{ service: 's3', operation: 'PutPublicAccessBlock', region: bucket.region, params: { Bucket: bucket.name, PublicAccessBlockConfiguration: toSdkPab(ALL_ON) }, mutating: true }],
      rollback,
      warnings: publicNow ? [`${bucket.name} is public by its policy today: anonymous readers (e.g. a website) lose access`] : [],
    });
  },
  async read(change, aws) {
    try {
      const out = await aws.call({ service: 's3', operation: 'GetPublicAccessBlock', region: change.region, params: { Bucket: change.resourceId }, mutating: false });
      return toPublicAccessBlock(out.PublicAccessBlockConfiguration as Parameters<typeof toPublicAccessBlock>[0]);
    } catch (err) {
      if (hasCode(err, 'NoSuchPublicAccessBlockConfiguration')) return null;
      throw err;
    }
  },
};

const S3_CONTROL_REGION = 'us-east-1';

export const accountPublicAccessBlock: Fixer<PublicAccessBlock | null> = {
  id: 's3_account_public_access_block_enable',
  title: 'Turn on all four S3 Block Public Access settings for the account',
  checkIds: ['s3_account_public_access_block'],
  permissions: ['s3:GetAccountPublicAccessBlock', 's3:PutAccountPublicAccessBlock'],
  plan(r, { account }) {
    const current = account.s3.accountPublicAccessBlock;
    if (current.status !== 'ok') return { skip: 'the account public access block was not read' };
    const before = current.value;
    const publicBuckets = account.s3.buckets.status === 'ok' ? account.s3.buckets.value.filter((b) => b.policyStatus.status === 'ok' && b.policyStatus.value?.isPublic).map((b) => b.name) : [];
    const rollback: ApiCall[] = before
      ? [{ service: 's3control', operation: 'PutPublicAccessBlock', region: S3_CONTROL_REGION, params: { AccountId: account.accountId, PublicAccessBlockConfiguration: toSdkPab(before) }, mutating: true }]
      : [{ service: 's3control', operation: 'DeletePublicAccessBlock', region: S3_CONTROL_REGION, params: { AccountId: account.accountId }, mutating: true }];
    return changeFor(this.id, { ...r, region: 'global' }, {
      summary: `block public access for every bucket of account ${account.accountId}`,
      before,
      after: ALL_ON,
      calls: [{ service: 's3control', operation: 'PutPublicAccessBlock', region: S3_CONTROL_REGION, params: { AccountId: account.accountId, PublicAccessBlockConfiguration: toSdkPab(ALL_ON) }, mutating: true }],
      rollback,
      warnings: publicBuckets.length ? [`public today and no longer after this: ${publicBuckets.join(', ')}`] : [],
    });
  },
  async read(change, aws) {
    try {
      const out = await aws.call({ service: 's3control', operation: 'GetPublicAccessBlock', region: S3_CONTROL_REGION, params: { AccountId: change.account }, mutating: false });
      return toPublicAccessBlock(out.PublicAccessBlockConfiguration as Parameters<typeof toPublicAccessBlock>[0]);
    } catch (err) {
      if (hasCode(err, 'NoSuchPublicAccessBlockConfiguration')) return null;
      throw err;
    }
  },
};

interface PolicyState {
  policy: PolicyDocument | null;
}

export const TLS_ONLY_SID = 'KenroDenyInsecureTransport';

export function tlsOnlyStatement(bucket: string, sid = TLS_ONLY_SID): Record<string, unknown> {
  return {
    Sid: sid,
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/** Adds the TLS-only Deny statement to the bucket policy, keeping every existing statement. */
export function mergeTlsOnly(policy: PolicyDocument | null, bucket: string): PolicyDocument {
  const statements = policy ? (Array.isArray(policy.Statement) ? [...policy.Statement] : policy.Statement ? [policy.Statement] : []) : [];
  const sids = new Set(statements.map((s) => (s as { Sid?: string }).Sid));
  let sid = TLS_ONLY_SID;
  for (let i = 2; sids.has(sid); i++) sid = `${TLS_ONLY_SID}${i}`;
  return { ...(policy ?? {}), Version: (policy?.Version as string | undefined) ?? '2012-10-17', Statement: [...statements, tlsOnlyStatement(bucket, sid)] };
}

async function readPolicy(aws: Executor, region: string, bucket: string): Promise<PolicyState> {
  try {
    const out = await aws.call({ service: 's3', operation: 'GetBucketPolicy', region, params: { Bucket: bucket }, mutating: false });
    return { policy: JSON.parse(String(out.Policy)) as PolicyDocument };
  } catch (err) {
    if (hasCode(err, 'NoSuchBucketPolicy')) return { policy: null };
    throw err;
  }
}

export const tlsOnlyStatementFixer: Fixer<PolicyState> = {
  id: 's3_bucket_tls_only_statement',
  title: 'Add a statement that denies every request to the bucket over plain HTTP (merged into the existing policy)',
  checkIds: ['s3_bucket_tls_only'],
  permissions: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy'],
  plan(r, { account }) {
    const bucket = bucketOf(account, r.resourceId);
    if (!bucket) return { skip: `bucket ${r.resourceId} is not in the inventory` };
    if (bucket.policy.status !== 'ok') return { skip: 'the bucket policy was not read' };
    const before = bucket.policy.value ?? null;
    const after = mergeTlsOnly(before, bucket.name);
    const rollback: ApiCall[] = before
      ? [{ service: 's3', operation: 'PutBucketPolicy', region: bucket.region, params: { Bucket: bucket.name, Policy: JSON.stringify(before) }, mutating: true }]
      : [{ service: 's3', operation: 'DeleteBucketPolicy', region: bucket.region, params: { Bucket: bucket.name }, mutating: true }];
    return changeFor(this.id, r, {
      summary: `add a Deny for aws:SecureTransport=false to the policy of ${bucket.name}${before ? ' (existing statements kept)' : ''}`,
      before: { policy: before },
      after: { policy: after },
      calls: [{ service: 's3', operation: 'PutBucketPolicy', region: bucket.region, params: { Bucket: bucket.name, Policy: JSON.stringify(after) }, mutating: true }],
      rollback,
      warnings: ['clients that still use http:// endpoints get AccessDenied'],
    });
  },
  read(change, aws) {
    return readPolicy(aws, change.region, change.resourceId);
  },
};

interface VersioningState {
  status: 'Enabled' | 'Suspended' | 'Never';
}

export const bucketVersioning: Fixer<VersioningState> = {
  id: 's3_bucket_versioning_enable',
  title: 'Enable S3 bucket versioning',
  checkIds: ['s3_bucket_versioning_enabled'],
  permissions: ['s3:GetBucketVersioning', 's3:PutBucketVersioning'],
  plan(r, { account }) {
    const bucket = account.s3.buckets.status === 'ok' ? account.s3.buckets.value.find((b) => b.name === r.resourceId) : undefined;
    if (!bucket) return { skip: `bucket ${r.resourceId} is not in the inventory` };
    if (bucket.versioning.status !== 'ok') return { skip: 'versioning was not read' };
    const status = bucket.versioning.value.status;
    return changeFor(this.id, r, {
      summary: `enable versioning on ${bucket.name}`,
      before: { status },
      after: { status: 'Enabled' },
      calls: [{ service: 's3', operation: 'PutBucketVersioning', region: bucket.region, params: { Bucket: bucket.name, VersioningConfiguration: { Status: 'Enabled' } }, mutating: true }],
      rollback: [{ service: 's3', operation: 'PutBucketVersioning', region: bucket.region, params: { Bucket: bucket.name, VersioningConfiguration: { Status: 'Suspended' } }, mutating: true }],
      cannotRestore: status === 'Never' ? ['versioning, once enabled, can be suspended but never returned to "never enabled"; object versions written meanwhile stay'] : [],
      warnings: ['noncurrent versions are kept and billed: add a lifecycle rule that expires them'],
    });
  },
  async read(change, aws) {
    const out = await aws.call({ service: 's3', operation: 'GetBucketVersioning', region: change.region, params: { Bucket: change.resourceId }, mutating: false });
    const s = out.Status as string | undefined;
    return { status: s === 'Enabled' || s === 'Suspended' ? s : 'Never' };
  },
};

interface EncryptionState {
  rules: { sseAlgorithm: string; kmsMasterKeyId?: string; bucketKeyEnabled?: boolean }[] | null;
}

function toSdkEncryption(rules: NonNullable<EncryptionState['rules']>) {
  return {
    Rules: rules.map((r) => ({
      ApplyServerSideEncryptionByDefault: { SSEAlgorithm: r.sseAlgorithm, ...(r.kmsMasterKeyId ? { KMSMasterKeyID: r.kmsMasterKeyId } : {}) },
      ...(r.bucketKeyEnabled !== undefined ? { BucketKeyEnabled: r.bucketKeyEnabled } : {}),
    })),
  };
}

/** Switches default encryption to SSE-KMS with the AWS managed key (aws/s3) and an S3 Bucket Key. */
export const bucketKmsEncryption: Fixer<EncryptionState> = {
  id: 's3_bucket_default_encryption_kms',
  title: 'Set S3 default encryption to SSE-KMS (AWS managed key aws/s3, with an S3 Bucket Key)',
  checkIds: ['s3_bucket_kms_encryption'],
  permissions: ['s3:GetEncryptionConfiguration', 's3:PutEncryptionConfiguration'],
  plan(r, { account }) {
    const bucket = account.s3.buckets.status === 'ok' ? account.s3.buckets.value.find((b) => b.name === r.resourceId) : undefined;
    if (!bucket) return { skip: `bucket ${r.resourceId} is not in the inventory` };
    if (bucket.encryption.status !== 'ok') return { skip: 'default encryption was not read' };
    const before = bucket.encryption.value?.rules ?? null;
    const after = [{ sseAlgorithm: 'aws:kms', bucketKeyEnabled: true }];
    return changeFor(this.id, r, {
      summary: `set default encryption of ${bucket.name} to SSE-KMS (aws/s3) with a Bucket Key`,
      before: { rules: before },
      after: { rules: after },
      calls: [{ service: 's3', operation: 'PutBucketEncryption', region: bucket.region, params: { Bucket: bucket.name, ServerSideEncryptionConfiguration: toSdkEncryption(after) }, mutating: true }],
      rollback: before
        ? [{ service: 's3', operation: 'PutBucketEncryption', region: bucket.region, params: { Bucket: bucket.name, ServerSideEncryptionConfiguration: toSdkEncryption(before) }, mutating: true }]
        : [{ service: 's3', operation: 'DeleteBucketEncryption', region: bucket.region, params: { Bucket: bucket.name }, mutating: true }],
      cannotRestore: ['objects written while SSE-KMS was the default stay encrypted with KMS'],
      warnings: ['applies to new objects only; readers need kms:Decrypt on aws/s3 (granted to the account by default)'],
    });
  },
  async read(change, aws) {
    try {
      const out = await aws.call({ service: 's3', operation: 'GetBucketEncryption', region: change.region, params: { Bucket: change.resourceId }, mutating: false });
      const rules = ((out.ServerSideEncryptionConfiguration as { Rules?: { ApplyServerSideEncryptionByDefault?: { SSEAlgorithm?: string; KMSMasterKeyID?: string }; BucketKeyEnabled?: boolean }[] } | undefined)?.Rules ?? []).map((x) => ({
        sseAlgorithm: x.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? '',
        ...(x.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID ? { kmsMasterKeyId: x.ApplyServerSideEncryptionByDefault.KMSMasterKeyID } : {}),
        ...(x.BucketKeyEnabled !== undefined ? { bucketKeyEnabled: x.BucketKeyEnabled } : {}),
      }));
      return { rules };
    } catch (err) {
      if (hasCode(err, 'ServerSideEncryptionConfigurationNotFoundError')) return { rules: null };
      throw err;
    }
  },
};

interface LoggingState {
  logging: { targetBucket: string; targetPrefix: string } | null;
}

export const bucketAccessLogging: Fixer<LoggingState> = {
  id: 's3_bucket_access_logging_enable',
  title: 'Enable S3 server access logging into a log bucket (--log-bucket)',
  checkIds: ['s3_bucket_access_logging', 'cloudtrail_bucket_access_logging_enabled'],
  permissions: ['s3:GetBucketLogging', 's3:PutBucketLogging'],
  plan(r, { account, options }) {
    if (!options.logBucket) return { skip: 'needs --log-bucket NAME: the bucket that receives access logs' };
    const name = r.checkId === 'cloudtrail_bucket_access_logging_enabled' ? String((r.evidence as { bucket?: string } | undefined)?.bucket ?? r.resourceId) : r.resourceId;
    const bucket = account.s3.buckets.status === 'ok' ? account.s3.buckets.value.find((b) => b.name === name) : undefined;
    if (!bucket) return { skip: `bucket ${name} is not in the inventory` };
    if (bucket.name === options.logBucket) return { skip: 'a bucket should not log into itself' };
    if (bucket.logging.status !== 'ok') return { skip: 'logging was not read' };
    const before = bucket.logging.value ? { targetBucket: bucket.logging.value.targetBucket, targetPrefix: bucket.logging.value.targetPrefix ?? '' } : null;
    const after = { targetBucket: options.logBucket, targetPrefix: `${bucket.name}/` };
    const status = (l: LoggingState['logging']) => (l ? { LoggingEnabled: { TargetBucket: l.targetBucket, TargetPrefix: l.targetPrefix } } : {});
    return changeFor(this.id, { ...r, resourceId: bucket.name, resourceArn: bucket.arn, region: bucket.region }, {
      summary: `log requests to ${bucket.name} into s3://${after.targetBucket}/${after.targetPrefix}`,
      before: { logging: before },
      after: { logging: after },
      calls: [{ service: 's3', operation: 'PutBucketLogging', region: bucket.region, params: { Bucket: bucket.name, BucketLoggingStatus: status(after) }, mutating: true }],
      rollback: [{ service: 's3', operation: 'PutBucketLogging', region: bucket.region, params: { Bucket: bucket.name, BucketLoggingStatus: status(before) }, mutating: true }],
      cannotRestore: ['log objects already delivered stay in the log bucket'],
      warnings: [`the log bucket ${options.logBucket} must be in ${bucket.region} and allow logging.s3.amazonaws.com to write (bucket policy)`],
    });
  },
  async read(change, aws) {
    const out = await aws.call({ service: 's3', operation: 'GetBucketLogging', region: change.region, params: { Bucket: change.resourceId }, mutating: false });
    const l = out.LoggingEnabled as { TargetBucket?: string; TargetPrefix?: string } | undefined;
    return { logging: l?.TargetBucket ? { targetBucket: l.TargetBucket, targetPrefix: l.TargetPrefix ?? '' } : null };
  },
};
