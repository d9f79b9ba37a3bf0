/**
 * S3 (global list, regional buckets): ListBuckets once, then every per-bucket read in the bucket's
 * own region. "Not configured" answers (NoSuchBucketPolicy, ...) become ok(null).
 */
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  S3Client,
  paginateListBuckets,
} from '@aws-sdk/client-s3';
import type { Bucket } from '@aws-sdk/client-s3';
import type { Collected } from '../../../model/collected.js';
import { notCollected, ok } from '../../../model/collected.js';
import type { PublicAccessBlock, S3Bucket, S3Grant, S3Inventory } from '../../../model/inventory.js';
import { mapOk, tryMapOk } from '../call.js';
import type { RegionContext } from '../context.js';
import { iso, parsePolicyDocument, tagsOf } from '../convert.js';
import type { Permission } from '../permissions.js';

/** GetBucketLocation's LocationConstraint -> region name (empty = us-east-1, `EU` = eu-west-1). */
export function regionFromLocation(constraint: string | undefined | null): string {
  if (!constraint) return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

export function toPublicAccessBlock(c: {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
} | undefined): PublicAccessBlock | null {
  if (!c) return null;
  return {
    blockPublicAcls: c.BlockPublicAcls === true,
    ignorePublicAcls: c.IgnorePublicAcls === true,
    blockPublicPolicy: c.BlockPublicPolicy === true,
    restrictPublicBuckets: c.RestrictPublicBuckets === true,
  };
}

/** Collects the bucket list and every bucket's settings; the S3Inventory minus the account PAB. */
export async function collectBuckets(ctx: RegionContext): Promise<S3Inventory['buckets']> {
  const s3 = ctx.client(S3Client);
  const listed = await ctx.list('s3:ListAllMyBuckets', () => paginateListBuckets({ client: s3, pageSize: 10000 }, {}), (p) => p.Buckets ?? [], {
    what: 's3 buckets',
  });
  if (listed.status !== 'ok') return listed;
  return ok(await Promise.all(listed.value.map((b) => collectBucket(ctx, s3, b))));
}

async function collectBucket(ctx: RegionContext, s3: S3Client, b: Bucket): Promise<S3Bucket> {
  const name = b.Name ?? '';
  const arn = `arn:${ctx.partition}:s3:::${name}`;
  const location = await ctx.call('s3:GetBucketLocation', () => s3.send(new GetBucketLocationCommand({ Bucket: name })), {
    what: `s3 bucket location (${name})`,
  });
  let region: string | undefined;
  if (location.status === 'ok') region = regionFromLocation(location.value.LocationConstraint);
  else if (b.BucketRegion) region = b.BucketRegion;

  const base = { name, arn, region: region ?? 'unknown', ...(b.CreationDate ? { creationDate: iso(b.CreationDate) } : {}) };
  if (!region && location.status !== 'ok') {
    // Without the bucket's region no per-bucket read can be trusted: every field is an error.
    const e = location;
    return { ...base, policy: e, policyStatus: e, acl: e, publicAccessBlock: e, encryption: e, versioning: e, logging: e, lifecycle: e, objectLock: e, ownershipControls: e };
  }
  const rctx = ctx.forRegion(region as string);
  const client = rctx.client(S3Client);
  const get = <T>(permission: Permission, what: string, fn: () => Promise<T>, absentCodes?: string[]): Promise<Collected<T | null>> =>
    rctx.call(permission, fn, { what: `s3 ${what} (${name})`, absentCodes: absentCodes ?? [] });

  const [policy, policyStatus, acl, pab, encryption, versioning, logging, lifecycle, objectLock, ownership, tagging] = await Promise.all([
    get('s3:GetBucketPolicy', 'bucket policy', () => client.send(new GetBucketPolicyCommand({ Bucket: name })), ['NoSuchBucketPolicy']),
    get('s3:GetBucketPolicyStatus', 'bucket policy status', () => client.send(new GetBucketPolicyStatusCommand({ Bucket: name })), ['NoSuchBucketPolicy']),
    get('s3:GetBucketAcl', 'bucket acl', () => client.send(new GetBucketAclCommand({ Bucket: name }))),
    get('s3:GetBucketPublicAccessBlock', 'bucket public access block', () => client.send(new GetPublicAccessBlockCommand({ Bucket: name })), [
      'NoSuchPublicAccessBlockConfiguration',
    ]),
    get('s3:GetEncryptionConfiguration', 'bucket encryption', () => client.send(new GetBucketEncryptionCommand({ Bucket: name })), [
      'ServerSideEncryptionConfigurationNotFoundError',
    ]),
    get('s3:GetBucketVersioning', 'bucket versioning', () => client.send(new GetBucketVersioningCommand({ Bucket: name }))),
    get('s3:GetBucketLogging', 'bucket logging', () => client.send(new GetBucketLoggingCommand({ Bucket: name }))),
    get('s3:GetLifecycleConfiguration', 'bucket lifecycle', () => client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: name })), [
      'NoSuchLifecycleConfiguration',
    ]),
    get('s3:GetBucketObjectLockConfiguration', 'bucket object lock', () => client.send(new GetObjectLockConfigurationCommand({ Bucket: name })), [
      'ObjectLockConfigurationNotFoundError',
    ]),
    get('s3:GetBucketOwnershipControls', 'bucket ownership controls', () => client.send(new GetBucketOwnershipControlsCommand({ Bucket: name })), [
      'OwnershipControlsNotFoundError',
    ]),
    get('s3:GetBucketTagging', 'bucket tags', () => client.send(new GetBucketTaggingCommand({ Bucket: name })), ['NoSuchTagSet']),
  ]);

  const parsedPolicy = tryMapOk(
    policy,
    (r) => (r?.Policy ? parsePolicyDocument(r.Policy) : null),
    's3:GetBucketPolicy',
  );
  if (parsedPolicy.status !== 'ok' && policy.status === 'ok') {
    rctx.note('s3:GetBucketPolicy', `s3 bucket policy (${name})`, parsedPolicy.error.code, parsedPolicy.error.message);
  }

  const bucket: S3Bucket = {
    ...base,
    policy: parsedPolicy,
    policyStatus: mapOk(policyStatus, (r) => (r?.PolicyStatus ? { isPublic: r.PolicyStatus.IsPublic === true } : null)),
    acl: required(acl, 's3:GetBucketAcl', (r) => ({
      ...(r.Owner?.ID ? { ownerId: r.Owner.ID } : {}),
      grants: (r.Grants ?? []).flatMap((g): S3Grant[] => {
        const t = g.Grantee?.Type;
        const grantee = t === 'CanonicalUser' ? g.Grantee?.ID : t === 'Group' ? g.Grantee?.URI : g.Grantee?.EmailAddress;
        if (!t || !grantee || !g.Permission) return [];
        return [{ granteeType: t, grantee, permission: g.Permission }];
      }),
    })),
    publicAccessBlock: mapOk(pab, (r) => toPublicAccessBlock(r?.PublicAccessBlockConfiguration)),
    encryption: mapOk(encryption, (r) => {
      const rules = r?.ServerSideEncryptionConfiguration?.Rules;
      if (!rules || rules.length === 0) return null;
      return {
        rules: rules.map((x) => ({
          sseAlgorithm: x.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? '',
          ...(x.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID ? { kmsMasterKeyId: x.ApplyServerSideEncryptionByDefault.KMSMasterKeyID } : {}),
          ...(x.BucketKeyEnabled !== undefined ? { bucketKeyEnabled: x.BucketKeyEnabled } : {}),
        })),
      };
    }),
    versioning: required(versioning, 's3:GetBucketVersioning', (r) => ({
      status: r.Status === 'Enabled' || r.Status === 'Suspended' ? r.Status : 'Never',
      mfaDelete: r.MFADelete === 'Enabled',
    })),
    logging: mapOk(logging, (r) =>
      r?.LoggingEnabled?.TargetBucket
        ? { targetBucket: r.LoggingEnabled.TargetBucket, ...(r.LoggingEnabled.TargetPrefix ? { targetPrefix: r.LoggingEnabled.TargetPrefix } : {}) }
        : null,
    ),
    lifecycle: mapOk(lifecycle, (r) =>
      r?.Rules
        ? r.Rules.map((x) => ({
            ...(x.ID ? { id: x.ID } : {}),
            status: x.Status ?? 'Disabled',
            ...(x.Expiration?.Days !== undefined ? { expirationDays: x.Expiration.Days } : {}),
          }))
        : null,
    ),
    objectLock: mapOk(objectLock, (r) => {
      const c = r?.ObjectLockConfiguration;
      if (!c) return null;
      const d = c.Rule?.DefaultRetention;
      return {
        enabled: c.ObjectLockEnabled === 'Enabled',
        ...(d?.Mode ? { mode: d.Mode } : {}),
        ...(d?.Days !== undefined ? { days: d.Days } : {}),
        ...(d?.Years !== undefined ? { years: d.Years } : {}),
      };
    }),
    ownershipControls: mapOk(ownership, (r) => {
      const o = r?.OwnershipControls?.Rules?.[0]?.ObjectOwnership;
      return o === 'BucketOwnerEnforced' || o === 'BucketOwnerPreferred' || o === 'ObjectWriter' ? o : null;
    }),
  };
  if (tagging.status === 'ok' && tagging.value) {
    const tags = tagsOf(tagging.value.TagSet);
    if (tags) bucket.tags = tags;
  }
  return bucket;
}

/** A read that has no "absent" answer: a null value would be a bug, so report it as failed. */
function required<A, B>(c: Collected<A | null>, permission: string, f: (a: A) => B): Collected<B> {
  if (c.status !== 'ok') return c;
  if (c.value === null) return notCollected('failed', { code: 'EmptyResponse', message: 'empty response', permission });
  return ok(f(c.value));
}
