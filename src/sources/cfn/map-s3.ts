/** AWS::S3::Bucket and AWS::S3::BucketPolicy (CloudFormation resource reference, S3 defaults). */
import { notCollected, ok, type Collected } from '../../model/collected.js';
import type { PublicAccessBlock, S3Bucket, S3Grant } from '../../model/inventory.js';
import type { Builder } from './builder.js';
import type { Res } from './context.js';
import type { MapperTable } from './mappers.js';
import { asText, findUnknown, isObj } from './values.js';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
const LOG_DELIVERY = 'http://acs.amazonaws.com/groups/s3/LogDelivery';

/** Canned ACL -> grants besides the owner's FULL_CONTROL (S3 User Guide, "Canned ACL"). */
const CANNED: Record<string, S3Grant[]> = {
  Private: [],
  PublicRead: [{ granteeType: 'Group', grantee: ALL_USERS, permission: 'READ' }],
  PublicReadWrite: [
    { granteeType: 'Group', grantee: ALL_USERS, permission: 'READ' },
    { granteeType: 'Group', grantee: ALL_USERS, permission: 'WRITE' },
  ],
  AuthenticatedRead: [{ granteeType: 'Group', grantee: AUTH_USERS, permission: 'READ' }],
  LogDeliveryWrite: [
    { granteeType: 'Group', grantee: LOG_DELIVERY, permission: 'WRITE' },
    { granteeType: 'Group', grantee: LOG_DELIVERY, permission: 'READ_ACP' },
  ],
  BucketOwnerRead: [],
  BucketOwnerFullControl: [],
  AwsExecRead: [],
};

function unresolved<T>(res: Res, field: string): Collected<T> | undefined {
  const u = res.unresolved.get(field);
  return u ? notCollected('unresolved', { code: 'Unresolved', message: u.describe() }) : undefined;
}

function bucket(b: Builder, res: Res): void {
  const name = b.resolver.physicalName(res.logicalId);
  res.mark('name', 'BucketName');
  const bn = res.get('BucketName');
  const bnUnknown = findUnknown(bn);
  if (bnUnknown) res.unknown('name', bnUnknown);

  // ACL: the canned ACL (AccessControl); the owner always has FULL_CONTROL.
  const canned = res.str('AccessControl', 'acl') ?? 'Private';
  const grants: S3Grant[] = [{ granteeType: 'CanonicalUser', grantee: 'owner', permission: 'FULL_CONTROL' }, ...(CANNED[canned] ?? [])];
  const acl: Collected<{ ownerId?: string; grants: S3Grant[] }> =
    unresolved(res, 'acl') ?? (CANNED[canned] ? ok({ ownerId: 'owner', grants }) : notCollected('unresolved', { code: 'Unresolved', message: `unknown canned ACL ${canned}` }));

  // A public canned ACL (PublicRead, PublicReadWrite, AuthenticatedRead) is a request for a public
  // bucket: S3 accepts it only with ACLs enabled and public ACLs not blocked, so kenro models the
  // bucket the template asks for (not the deployment error the new-bucket defaults would cause).
  const wantsPublicAcl = (CANNED[canned] ?? []).some((g) => g.grantee === ALL_USERS || g.grantee === AUTH_USERS);

  // Block Public Access: absent => S3 enables all four on new buckets (since April 2023); present
  // => each omitted setting is false (PutPublicAccessBlock).
  let pab: Collected<PublicAccessBlock | null>;
  const pabv = res.get('PublicAccessBlockConfiguration');
  res.mark('publicAccessBlock', 'PublicAccessBlockConfiguration');
  if (pabv === undefined) {
    pab = ok({ blockPublicAcls: !wantsPublicAcl, ignorePublicAcls: !wantsPublicAcl, blockPublicPolicy: true, restrictPublicBuckets: true });
  } else {
    const p = (k: string) => res.bool(['PublicAccessBlockConfiguration', k], 'publicAccessBlock', false);
    const v = { blockPublicAcls: p('BlockPublicAcls'), ignorePublicAcls: p('IgnorePublicAcls'), blockPublicPolicy: p('BlockPublicPolicy'), restrictPublicBuckets: p('RestrictPublicBuckets') };
    pab = unresolved(res, 'publicAccessBlock') ?? ok(v);
  }

  // Default encryption: absent => SSE-S3 (S3 encrypts every new object by default since January 2023).
  let encryption: S3Bucket['encryption'];
  const encv = res.get('BucketEncryption');
  res.mark('encryption', 'BucketEncryption');
  if (encv === undefined) encryption = ok({ rules: [{ sseAlgorithm: 'AES256' }] });
  else {
    const u = findUnknown(encv);
    if (u) encryption = notCollected('unresolved', { code: 'Unresolved', message: u.describe() });
    else {
      const rules = res.list(['BucketEncryption', 'ServerSideEncryptionConfiguration']).map((r) => {
        const d = isObj(r) && isObj(r.ServerSideEncryptionByDefault) ? r.ServerSideEncryptionByDefault : {};
        const rule: { sseAlgorithm: string; kmsMasterKeyId?: string; bucketKeyEnabled?: boolean } = { sseAlgorithm: asText(d.SSEAlgorithm) ?? 'AES256' };
        const k = asText(d.KMSMasterKeyID);
        if (k) rule.kmsMasterKeyId = k;
        if (isObj(r) && r.BucketKeyEnabled !== undefined) rule.bucketKeyEnabled = String(r.BucketKeyEnabled) === 'true';
        return rule;
      });
      encryption = ok({ rules });
    }
  }

  const vs = res.str(['VersioningConfiguration', 'Status'], 'versioning');
  const versioning: S3Bucket['versioning'] =
    unresolved(res, 'versioning') ?? ok({ status: vs === 'Enabled' ? 'Enabled' : vs === 'Suspended' ? 'Suspended' : 'Never', mfaDelete: false });

  let logging: S3Bucket['logging'];
  const lv = res.get('LoggingConfiguration');
  res.mark('logging', 'LoggingConfiguration');
  if (lv === undefined) logging = ok(null);
  else {
    const target = res.str(['LoggingConfiguration', 'DestinationBucketName'], 'logging') ?? name;
    const prefix = res.str(['LoggingConfiguration', 'LogFilePrefix'], 'logging');
    logging = unresolved(res, 'logging') ?? ok(prefix !== undefined ? { targetBucket: target, targetPrefix: prefix } : { targetBucket: target });
  }

  const lrules = res.list(['LifecycleConfiguration', 'Rules'], 'lifecycle');
  const lifecycle: S3Bucket['lifecycle'] =
    unresolved(res, 'lifecycle') ??
    ok(
      res.get('LifecycleConfiguration') === undefined
        ? null
        : lrules.filter(isObj).map((r) => {
            const x: { id?: string; status: string; expirationDays?: number } = { status: asText(r.Status) ?? 'Enabled' };
            const id = asText(r.Id);
            if (id) x.id = id;
            if (r.ExpirationInDays !== undefined) x.expirationDays = Number(asText(r.ExpirationInDays));
            return x;
          }),
    );

  const lockEnabled = res.bool('ObjectLockEnabled', 'objectLock', false);
  const mode = res.str(['ObjectLockConfiguration', 'Rule', 'DefaultRetention', 'Mode'], 'objectLock');
  const days = res.num(['ObjectLockConfiguration', 'Rule', 'DefaultRetention', 'Days'], 'objectLock');
  const years = res.num(['ObjectLockConfiguration', 'Rule', 'DefaultRetention', 'Years'], 'objectLock');
  const lock: { enabled: boolean; mode?: string; days?: number; years?: number } = { enabled: lockEnabled };
  if (mode) lock.mode = mode;
  if (days !== undefined) lock.days = days;
  if (years !== undefined) lock.years = years;
  const objectLock: S3Bucket['objectLock'] = unresolved(res, 'objectLock') ?? ok(lockEnabled ? lock : null);

  // Object ownership: absent => BucketOwnerEnforced (the default for new buckets since April 2023).
  const own = res.str(['OwnershipControls', 'Rules', 0, 'ObjectOwnership'], 'ownershipControls') ?? (wantsPublicAcl ? 'ObjectWriter' : 'BucketOwnerEnforced');
  const ownershipControls: S3Bucket['ownershipControls'] =
    unresolved(res, 'ownershipControls') ?? ok(own as 'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter');

  const bucketArn = `arn:${b.pseudo.partition}:s3:::${name}`;
  const model: S3Bucket = {
    name,
    arn: bucketArn,
    region: b.region,
    policy: ok(null),
    policyStatus: notCollected('not_available', {
      code: 'NotInTemplate',
      message: 'the policy status is computed by S3 after deployment: not described by a template',
    }),
    acl,
    publicAccessBlock: pab,
    encryption,
    versioning,
    logging,
    lifecycle,
    objectLock,
    ownershipControls,
    origin: res.origin,
  };
  const tags = tagsOf(res);
  if (tags) model.tags = tags;
  res.markPos('policy', res.tr.pos);
  b.lists.buckets.push(model);
  b.add(res, model, [name, bucketArn]);
}

function bucketPolicy(b: Builder, res: Res): void {
  const id = res.refId('Bucket');
  const name = res.str('Bucket');
  const t =
    b.target<S3Bucket>(id, 'AWS::S3::Bucket') ??
    (name ? wrap(b, b.lists.buckets.find((x) => x.name === name)) : undefined);
  if (!t) {
    // The policy names a bucket kenro cannot resolve: it may be one of the template's buckets
    // whose name is unknown too, so their policy is unknown rather than "none".
    const u = findUnknown(res.get('Bucket') ?? null);
    if (u) {
      for (const bk of b.lists.buckets) {
        const owner = bk.origin ? b.built.get(bk.origin.logicalId)?.res : undefined;
        if (owner?.unresolved.has('name') && bk.policy.status === 'ok' && bk.policy.value === null) {
          bk.policy = notCollected('unresolved', { code: 'Unresolved', message: `bucket policy ${res.logicalId} (line ${res.tr.pos.line}) is for ${u.describe()}, which may be this bucket` });
        }
      }
    }
    return; // a bucket outside this template
  }
  t.model.policy = res.policy('PolicyDocument', 'policy');
  const at = res.locate('PolicyDocument');
  t.model.origin!.fields!['policy'] = at;
  t.model.origin!.fields!['policyStatus'] = at;
}

function wrap(b: Builder, bucket: S3Bucket | undefined): { model: S3Bucket; res: Res } | undefined {
  if (!bucket?.origin) return undefined;
  const built = b.built.get(bucket.origin.logicalId);
  return built ? { model: bucket, res: built.res } : undefined;
}

export function tagsOf(res: Res): Record<string, string> | undefined {
  const v = res.get('Tags');
  if (!Array.isArray(v)) return isObj(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asText(x) ?? ''])) : undefined;
  const out: Record<string, string> = {};
  for (const t of v) if (isObj(t)) out[asText(t.Key) ?? ''] = asText(t.Value) ?? '';
  return out;
}

export const s3Mappers: MapperTable = {
  'AWS::S3::Bucket': { phase: 1, map: bucket },
  'AWS::S3::BucketPolicy': { phase: 2, map: bucketPolicy },
};
