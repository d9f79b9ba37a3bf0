/**
 * S3 checks: account and bucket Block Public Access, public ACLs, TLS-only policies, KMS default
 * encryption, versioning, MFA delete, access logging, lifecycle, Object Lock, ACLs disabled.
 *
 * Default encryption: since 5 January 2023 S3 encrypts every new object with SSE-S3 and the
 * setting cannot be turned off, so "encryption at rest" (CIS) is always met and kenro has no
 * check that could only ever pass. What can still fail is FSBP S3.17: default encryption with
 * AWS KMS keys (SSE-KMS or DSSE-KMS), which `s3_bucket_kms_encryption` checks.
 */
import type { Collected } from '../model/collected.js';
import type { AccountInventory, PublicAccessBlock, S3Bucket } from '../model/inventory.js';
import { accountRef, fail, GLOBAL, pass, type ResourceRef } from './helpers.js';
import { describeTlsGap, readTlsOnly } from './s3TlsPolicy.js';
import { judgePolicy } from './policyExposure.js';
import { publicReadWriteChecks } from './s3PublicReadWrite.js';
import { crossAccountCheck } from './s3CrossAccount.js';
import type { Check, CheckMeta, Finding } from './types.js';
import { readError, withRead } from './readErrors.js';

export function bucketRef(b: S3Bucket): ResourceRef {
  return { region: b.region || GLOBAL, resourceId: b.name, resourceArn: b.arn, origin: b.origin };
}

/** One call per bucket, or one ERROR when the bucket list itself could not be read. */
export function perBucket(account: AccountInventory, judge: (b: S3Bucket, ref: ResourceRef) => Finding[]): Finding[] {
  return withRead(account.s3.buckets, accountRef(account), 'S3 buckets (s3:ListAllMyBuckets)', (buckets) =>
    buckets.flatMap((b) => judge(b, bucketRef(b))),
  );
}

const PAB_KEYS = ['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'] as const;
type PabKey = (typeof PAB_KEYS)[number];

/** One setting as S3 applies it: on if either the account or the bucket turns it on. */
export type Tri = true | false | 'unknown';

/**
 * The effective Block Public Access settings of a bucket. S3 applies the most restrictive
 * combination of the account-level and bucket-level settings, so a setting is on when either
 * level has it on; it is off only when both levels were read and neither has it on.
 */
export function effectivePab(
  accountPab: Collected<PublicAccessBlock | null>,
  bucketPab: Collected<PublicAccessBlock | null>,
): Record<PabKey, Tri> {
  const out = {} as Record<PabKey, Tri>;
  for (const k of PAB_KEYS) {
    const a = accountPab.status === 'ok' ? (accountPab.value?.[k] ?? false) : 'unknown';
    const b = bucketPab.status === 'ok' ? (bucketPab.value?.[k] ?? false) : 'unknown';
    out[k] = a === true || b === true ? true : a === 'unknown' || b === 'unknown' ? 'unknown' : false;
  }
  return out;
}

function meta(m: Omit<CheckMeta, 'service' | 'resourceType'> & { resourceType?: string }): CheckMeta {
  return { service: 's3', resourceType: 'AWS::S3::Bucket', ...m };
}

const accountPab: Check = {
  meta: meta({
    id: 's3_account_public_access_block',
    title: 'S3 Block Public Access is enabled for the account',
    severity: 'high',
    resourceType: 'AWS::::Account',
    description:
      'All four account-level Block Public Access settings are on (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, ' +
      'RestrictPublicBuckets). They apply to every bucket, existing and future, in every region.',
    risk: 'Without the account-level block, one mistaken ACL or bucket policy can publish a bucket to the internet.',
    remediation: {
      cli:
        'aws s3control put-public-access-block --account-id <account-id> --public-access-block-configuration ' +
        'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      console: 'S3 console > Block Public Access settings for this account > Edit > tick "Block all public access" > Save.',
      docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html',
    },
    configRule: 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
  }),
  run(account) {
    const ref = accountRef(account);
    return withRead(account.s3.accountPublicAccessBlock, ref, 'the account S3 Block Public Access settings (s3:GetAccountPublicAccessBlock)', (pab) => {
      if (!pab) return [fail(ref, 'no account-level Block Public Access configuration is set', { accountPublicAccessBlock: null })];
      const off = PAB_KEYS.filter((k) => !pab[k]);
      return off.length === 0
        ? [pass(ref, 'all four account-level Block Public Access settings are on', pab)]
        : [fail(ref, `account-level Block Public Access has ${off.join(', ')} off`, pab)];
    });
  },
};

const bucketPab: Check = {
  meta: meta({
    id: 's3_bucket_public_access_block',
    title: 'S3 buckets have Block Public Access enabled (bucket or account level)',
    severity: 'high',
    description:
      'For each bucket, all four Block Public Access settings are in effect. S3 applies the most restrictive ' +
      'combination of the account and bucket settings, so the account-level block satisfies this check for every bucket.',
    risk: 'A bucket without Block Public Access can be made public by a single ACL or policy change.',
    remediation: {
      cli:
        'aws s3api put-public-access-block --bucket my-bucket --public-access-block-configuration ' +
        'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      cloudformation:
        'Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    PublicAccessBlockConfiguration:\n      BlockPublicAcls: true\n' +
        '      IgnorePublicAcls: true\n      BlockPublicPolicy: true\n      RestrictPublicBuckets: true',
      console: 'S3 console > the bucket > Permissions > Block public access (bucket settings) > Edit > Block all public access.',
      docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html',
    },
    configRule: 'S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED',
  }),
  run(account) {
    return perBucket(account, (b, ref) => {
      const eff = effectivePab(account.s3.accountPublicAccessBlock, b.publicAccessBlock);
      const off = PAB_KEYS.filter((k) => eff[k] === false);
      const unknown = PAB_KEYS.filter((k) => eff[k] === 'unknown');
      const ev = { effective: eff };
      if (off.length > 0) return [fail(ref, `Block Public Access ${off.join(', ')} ${off.length > 1 ? 'are' : 'is'} off at both bucket and account level`, ev, 'publicAccessBlock')];
      if (unknown.length > 0) {
        const c = b.publicAccessBlock.status !== 'ok' ? b.publicAccessBlock : account.s3.accountPublicAccessBlock;
        return [readError(ref, c, `the Block Public Access settings of ${b.name} (s3:GetBucketPublicAccessBlock, s3:GetAccountPublicAccessBlock)`)];
      }
      const acctPab = account.s3.accountPublicAccessBlock;
      const byAccount = acctPab.status === 'ok' && PAB_KEYS.every((k) => acctPab.value?.[k] === true);
      return [pass(ref, byAccount ? 'all four settings are on through the account-level block' : 'all four Block Public Access settings are in effect', ev)];
    });
  },
};

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

const aclNotPublic: Check = {
  meta: meta({
    id: 's3_bucket_acl_not_public',
    title: 'S3 bucket ACLs do not grant access to everyone or to all AWS users',
    severity: 'critical',
    description:
      'No bucket ACL grant names the AllUsers or AuthenticatedUsers groups, unless S3 ignores public ACLs for the bucket ' +
      '(IgnorePublicAcls in effect at bucket or account level) or ACLs are disabled (Object Ownership = BucketOwnerEnforced).',
    risk: 'AllUsers grants publish the bucket to the internet; AuthenticatedUsers grants it to anyone with any AWS account.',
    remediation: {
      cli: 'aws s3api put-bucket-acl --bucket my-bucket --acl private\naws s3api put-bucket-ownership-controls --bucket my-bucket --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]',
      cloudformation: 'Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    OwnershipControls:\n      Rules:\n        - ObjectOwnership: BucketOwnerEnforced',
      console: 'S3 console > the bucket > Permissions > Object Ownership > Edit > ACLs disabled (recommended).',
      docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html',
    },
  }),
  run(account) {
    return perBucket(account, (b, ref) => {
      if (b.ownershipControls.status === 'ok' && b.ownershipControls.value === 'BucketOwnerEnforced')
        return [pass(ref, 'ACLs are disabled (BucketOwnerEnforced), so no ACL grants access')];
      const eff = effectivePab(account.s3.accountPublicAccessBlock, b.publicAccessBlock);
      if (eff.ignorePublicAcls === true) return [pass(ref, 'S3 ignores public ACLs for this bucket (IgnorePublicAcls in effect)')];
      if (b.acl.status !== 'ok') return [readError(ref, b.acl, `the ACL of ${b.name} (s3:GetBucketAcl)`)];
      const publicGrants = b.acl.value.grants.filter((g) => g.granteeType === 'Group' && (g.grantee === ALL_USERS || g.grantee === AUTH_USERS));
      if (publicGrants.length > 0 && eff.ignorePublicAcls === 'unknown') {
        const c = b.publicAccessBlock.status !== 'ok' ? b.publicAccessBlock : account.s3.accountPublicAccessBlock;
        return [readError(ref, c, `whether S3 ignores the public ACL grants of ${b.name} (Block Public Access settings)`)];
      }
      if (publicGrants.length > 0) {
        const who = publicGrants.map((g) => `${g.grantee.endsWith('AllUsers') ? 'AllUsers' : 'AuthenticatedUsers'}:${g.permission}`);
        return [fail(ref, `the bucket ACL grants ${who.join(', ')}`, { grants: publicGrants }, 'acl')];
      }
      return [pass(ref, 'the bucket ACL has no grant to AllUsers or AuthenticatedUsers')];
    });
  },
};

const tlsOnly: Check = {
  meta: meta({
    id: 's3_bucket_tls_only',
    title: 'S3 bucket policies deny requests that do not use TLS',
    severity: 'medium',
    description:
      'The bucket policy denies every S3 action on the bucket and all of its objects, for every principal, when ' +
      'aws:SecureTransport is false. A deny narrowed by further conditions, or covering only some actions or only ' +
      'the objects, is not enough. A minimum TLS version condition (s3:TlsVersion) alone does not refuse plain HTTP.',
    risk: 'Requests over plain HTTP expose data and signed requests to anyone on the network path.',
    remediation: {
      cli:
        'aws s3api put-bucket-policy --bucket my-bucket --policy \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport",' +
        '"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::my-bucket","arn:aws:s3:::my-bucket/*"],' +
        '"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}\'   # merge with the existing policy first',
      cloudformation:
        'BucketPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref Bucket\n    PolicyDocument:\n      Version: "2012-10-17"\n' +
        '      Statement:\n        - Sid: DenyInsecureTransport\n          Effect: Deny\n          Principal: "*"\n          Action: "s3:*"\n' +
        '          Resource: [!GetAtt Bucket.Arn, !Sub "${Bucket.Arn}/*"]\n          Condition:\n            Bool:\n              aws:SecureTransport: "false"',
      console: 'S3 console > the bucket > Permissions > Bucket policy > Edit: add the DenyInsecureTransport statement above.',
      docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
    },
    configRule: 'S3_BUCKET_SSL_REQUESTS_ONLY',
    fixerId: 's3_bucket_tls_only_statement',
  }),
  run(account) {
    return perBucket(account, (b, ref) => {
      if (b.policy.status !== 'ok') return [readError(ref, b.policy, `the bucket policy of ${b.name} (s3:GetBucketPolicy)`)];
      if (!b.policy.value) return [fail(ref, 'the bucket has no policy, so HTTP requests are not denied', { policy: null }, 'policy')];
      const v = readTlsOnly(b.policy.value, b.arn);
      if (v.errors.length > 0 && !v.tlsOnly)
        return [{ status: 'ERROR', ...ref, reason: `the bucket policy of ${b.name} could not be read: ${v.errors.join('; ')}`, evidence: v }];
      return v.tlsOnly
        ? [pass(ref, 'the bucket policy denies all non-TLS requests to the bucket and its objects', { denyStatements: v.denyStatements })]
        : [fail(ref, describeTlsGap(v), v, 'policy')];
    });
  },
};

const KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);

const kmsEncryption: Check = {
  meta: meta({
    id: 's3_bucket_kms_encryption',
    title: 'S3 buckets use AWS KMS keys for default encryption',
    severity: 'medium',
    description:
      'Every default-encryption rule of the bucket uses SSE-KMS or DSSE-KMS. S3 already encrypts all new objects with ' +
      'SSE-S3 by default; KMS adds key policies, CloudTrail records of each key use, and the ability to revoke access by key.',
    risk: 'With SSE-S3 only, anyone allowed to read objects can decrypt them; there is no separate key permission and no per-use audit trail.',
    remediation: {
      cli:
        'aws s3api put-bucket-encryption --bucket my-bucket --server-side-encryption-configuration ' +
        '\'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key-arn>"},"BucketKeyEnabled":true}]}\'',
      cloudformation:
        'Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    BucketEncryption:\n      ServerSideEncryptionConfiguration:\n' +
        '        - ServerSideEncryptionByDefault:\n            SSEAlgorithm: aws:kms\n            KMSMasterKeyID: !Ref Key\n          BucketKeyEnabled: true',
      console: 'S3 console > the bucket > Properties > Default encryption > Edit > SSE-KMS, choose a key, enable Bucket Key.',
      docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html',
    },
    configRule: 'S3_DEFAULT_ENCRYPTION_KMS',
  }),
  run(account) {
    return perBucket(account, (b, ref) => {
      if (b.encryption.status !== 'ok') return [readError(ref, b.encryption, `the default encryption of ${b.name} (s3:GetEncryptionConfiguration)`)];
      const rules = b.encryption.value?.rules ?? [];
      if (rules.length === 0) return [fail(ref, 'no default encryption rule names a KMS key (S3 applies SSE-S3)', { rules }, 'encryption')];
      const nonKms = rules.filter((r) => !KMS_ALGORITHMS.has(r.sseAlgorithm));
      return nonKms.length === 0
        ? [pass(ref, `default encryption uses ${rules.map((r) => r.sseAlgorithm).join(', ')}`, { rules })]
        : [fail(ref, `default encryption uses ${nonKms[0]!.sseAlgorithm}, not AWS KMS`, { rules }, 'encryption')];
    });
  },
};

/** A simple per-bucket check over one collected field. */
function bucketSetting<T>(opts: {
  meta: CheckMeta;
  select: (b: S3Bucket) => Collected<T>;
  what: (b: S3Bucket) => string;
  judge: (value: T, b: S3Bucket, ref: ResourceRef) => Finding[];
}): Check {
  return {
    meta: opts.meta,
    run(account) {
      return perBucket(account, (b, ref) => {
        const c = opts.select(b);
        if (c.status !== 'ok') return [readError(ref, c, opts.what(b))];
        return opts.judge(c.value, b, ref);
      });
    },
  };
}

const versioning = bucketSetting({
  meta: meta({
    id: 's3_bucket_versioning_enabled',
    title: 'S3 buckets have versioning enabled',
    severity: 'low',
    description: 'Versioning is Enabled (not Suspended or never set), so overwritten and deleted objects can be recovered.',
    risk: 'Without versioning, an overwrite, a deletion or ransomware encryption of objects is final.',
    remediation: {
      cli: 'aws s3api put-bucket-versioning --bucket my-bucket --versioning-configuration Status=Enabled',
      cloudformation: 'Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    VersioningConfiguration:\n      Status: Enabled',
      console: 'S3 console > the bucket > Properties > Bucket Versioning > Edit > Enable.',
      docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
    },
    configRule: 'S3_BUCKET_VERSIONING_ENABLED',
  }),
  select: (b) => b.versioning,
  what: (b) => `the versioning of ${b.name} (s3:GetBucketVersioning)`,
  judge: (v, _b, ref) =>
    v.status === 'Enabled'
      ? [pass(ref, 'versioning is enabled', v)]
      : [fail(ref, `versioning is ${v.status === 'Never' ? 'not enabled' : 'suspended'}`, v, 'versioning')],
});

const mfaDelete = bucketSetting({
  meta: meta({
    id: 's3_bucket_mfa_delete',
    title: 'S3 buckets have MFA delete enabled',
    severity: 'low',
    description:
      'The versioning configuration has MFA Delete enabled, so permanently deleting an object version or changing the ' +
      'versioning state needs the root user and a current MFA code.',
    risk: 'Without MFA delete, stolen credentials alone are enough to destroy every version of the data.',
    remediation: {
      cli: 'aws s3api put-bucket-versioning --bucket my-bucket --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "<root-mfa-serial> <code>"   # as the root user',
      console: 'MFA delete cannot be set in the console: use the CLI as the root user with its MFA device.',
      docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html',
    },
    configRule: 'S3_BUCKET_MFA_DELETE_ENABLED',
  }),
  select: (b) => b.versioning,
  what: (b) => `the versioning of ${b.name} (s3:GetBucketVersioning)`,
  judge: (v, _b, ref) =>
    v.mfaDelete ? [pass(ref, 'MFA delete is enabled', v)] : [fail(ref, 'MFA delete is not enabled', v, 'versioning')],
});

const accessLogging = bucketSetting({
  meta: meta({
    id: 's3_bucket_access_logging',
    title: 'S3 buckets have server access logging enabled',
    severity: 'medium',
    description: 'Server access logging delivers a record of every request made to the bucket to a target bucket.',
    risk: 'Without access logs, reads and writes that CloudTrail data events do not capture leave no trace for an investigation.',
    remediation: {
      cli: 'aws s3api put-bucket-logging --bucket my-bucket --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"my-log-bucket","TargetPrefix":"my-bucket/"}}\'',
      cloudformation: 'Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    LoggingConfiguration:\n      DestinationBucketName: !Ref LogBucket\n      LogFilePrefix: my-bucket/',
      console: 'S3 console > the bucket > Properties > Server access logging > Edit > Enable, choose a destination bucket.',
      docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html',
    },
    configRule: 'S3_BUCKET_LOGGING_ENABLED',
  }),
  select: (b) => b.logging,
  what: (b) => `the logging configuration of ${b.name} (s3:GetBucketLogging)`,
  judge: (v, _b, ref) =>
    v ? [pass(ref, `access logs go to ${v.targetBucket}`, v)] : [fail(ref, 'server access logging is not enabled', { logging: null }, 'logging')],
});

const lifecycle = bucketSetting({
  meta: meta({
    id: 's3_bucket_lifecycle_configured',
    title: 'S3 buckets have an enabled lifecycle rule',
    severity: 'low',
    description: 'The bucket has at least one lifecycle rule with status Enabled, so data does not accumulate without end.',
    risk: 'Data kept forever costs money and widens what a breach can expose.',
    remediation: {
      cli: 'aws s3api put-bucket-lifecycle-configuration --bucket my-bucket --lifecycle-configuration file://lifecycle.json',
      cloudformation:
        'Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    LifecycleConfiguration:\n      Rules:\n        - Id: expire-old\n          Status: Enabled\n          ExpirationInDays: 365',
      console: 'S3 console > the bucket > Management > Lifecycle rules > Create lifecycle rule.',
      docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html',
    },
    configRule: 'S3_LIFECYCLE_POLICY_CHECK',
  }),
  select: (b) => b.lifecycle,
  what: (b) => `the lifecycle configuration of ${b.name} (s3:GetLifecycleConfiguration)`,
  judge: (rules, _b, ref) => {
    const enabled = (rules ?? []).filter((r) => r.status === 'Enabled');
    return enabled.length > 0
      ? [pass(ref, `${enabled.length} enabled lifecycle rule(s)`, { rules })]
      : [fail(ref, 'no enabled lifecycle rule', { rules }, 'lifecycle')];
  },
});

const versionedLifecycle: Check = {
  meta: meta({
    id: 's3_versioned_bucket_lifecycle',
    title: 'S3 buckets with versioning enabled have lifecycle rules',
    severity: 'medium',
    description:
      'A bucket that keeps object versions also has an enabled lifecycle rule, so non-current versions do not pile up. ' +
      'Buckets without versioning are not evaluated.',
    risk: 'Versioned buckets without lifecycle rules grow without bound: every overwrite keeps a full copy.',
    remediation: lifecycle.meta.remediation,
    configRule: 'S3_VERSION_LIFECYCLE_POLICY_CHECK',
  }),
  run(account) {
    return perBucket(account, (b, ref) => {
      if (b.versioning.status !== 'ok') return [readError(ref, b.versioning, `the versioning of ${b.name} (s3:GetBucketVersioning)`)];
      if (b.versioning.value.status !== 'Enabled') return [];
      if (b.lifecycle.status !== 'ok') return [readError(ref, b.lifecycle, `the lifecycle configuration of ${b.name} (s3:GetLifecycleConfiguration)`)];
      const enabled = (b.lifecycle.value ?? []).filter((r) => r.status === 'Enabled');
      return enabled.length > 0
        ? [pass(ref, `versioned bucket with ${enabled.length} enabled lifecycle rule(s)`)]
        : [fail(ref, 'versioning is enabled but no lifecycle rule is enabled', { lifecycle: b.lifecycle.value }, 'lifecycle')];
    });
  },
};

const objectLock = bucketSetting({
  meta: meta({
    id: 's3_bucket_object_lock',
    title: 'S3 buckets have Object Lock enabled',
    severity: 'medium',
    description: 'Object Lock is enabled on the bucket, so object versions can be protected from deletion and overwrite for a retention period.',
    risk: 'Without Object Lock, anyone with delete permissions (or stolen credentials) can destroy data that must be kept.',
    remediation: {
      cli: 'aws s3api put-object-lock-configuration --bucket my-bucket --object-lock-configuration \'{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"GOVERNANCE","Days":30}}}\'',
      cloudformation:
        'Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    ObjectLockEnabled: true\n    ObjectLockConfiguration:\n      ObjectLockEnabled: Enabled\n      Rule:\n        DefaultRetention:\n          Mode: GOVERNANCE\n          Days: 30',
      console: 'S3 console > the bucket > Properties > Object Lock > Edit > Enable (versioning must be on).',
      docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html',
    },
    configRule: 'S3_BUCKET_DEFAULT_LOCK_ENABLED',
  }),
  select: (b) => b.objectLock,
  what: (b) => `the Object Lock configuration of ${b.name} (s3:GetBucketObjectLockConfiguration)`,
  judge: (v, _b, ref) =>
    v?.enabled ? [pass(ref, 'Object Lock is enabled', v)] : [fail(ref, 'Object Lock is not enabled', { objectLock: v }, 'objectLock')],
});

const aclsDisabled = bucketSetting({
  meta: meta({
    id: 's3_bucket_acls_disabled',
    title: 'S3 buckets do not use ACLs to manage access (Object Ownership = BucketOwnerEnforced)',
    severity: 'medium',
    description:
      'Object Ownership is BucketOwnerEnforced: ACLs are disabled and access is decided by policies alone. Any other ' +
      'setting (BucketOwnerPreferred, ObjectWriter, or none) leaves ACLs in force.',
    risk: 'ACLs are a second, easily overlooked permission system; a grant on one object can expose it while every policy looks right.',
    remediation: {
      cli: 'aws s3api put-bucket-ownership-controls --bucket my-bucket --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]',
      cloudformation: 'Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    OwnershipControls:\n      Rules:\n        - ObjectOwnership: BucketOwnerEnforced',
      console: 'S3 console > the bucket > Permissions > Object Ownership > Edit > ACLs disabled.',
      docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html',
    },
    configRule: 'S3_BUCKET_ACL_PROHIBITED',
  }),
  select: (b) => b.ownershipControls,
  what: (b) => `the ownership controls of ${b.name} (s3:GetBucketOwnershipControls)`,
  judge: (v, _b, ref) =>
    v === 'BucketOwnerEnforced'
      ? [pass(ref, 'ACLs are disabled (BucketOwnerEnforced)')]
      : [fail(ref, `ACLs are in force (Object Ownership ${v ?? 'not set'})`, { ownershipControls: v }, 'ownershipControls')],
});

const policyNotPublic: Check = {
  meta: meta({
    id: 's3_bucket_policy_not_public',
    title: 'S3 bucket policies do not allow public access',
    severity: 'critical',
    description:
      'No bucket policy statement lets anyone read, write or manage the bucket, unless RestrictPublicBuckets is in effect ' +
      '(bucket or account level), which limits a public policy to AWS services and the bucket owner\'s own account. The policy is ' +
      'read as IAM reads it (principal "*" without a condition that pins the caller is public), and S3\'s own verdict ' +
      '(GetBucketPolicyStatus IsPublic) also counts: either one saying public fails the bucket.',
    risk: 'A public bucket policy publishes data to the internet, or lets strangers write, delete or re-permission it.',
    remediation: {
      cli:
        'aws s3api put-public-access-block --bucket my-bucket --public-access-block-configuration ' +
        'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\n' +
        'aws s3api put-bucket-policy --bucket my-bucket --policy file://policy.json   # without "*" principals',
      cloudformation:
        'BucketPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref Bucket\n    PolicyDocument:\n      Statement:\n' +
        '        - Effect: Allow\n          Principal: { AWS: !Sub "arn:aws:iam::${AWS::AccountId}:role/reader" }\n          Action: s3:GetObject\n          Resource: !Sub "${Bucket.Arn}/*"',
      console: 'S3 console > the bucket > Permissions > Bucket policy > Edit: remove statements with Principal "*" (or add a restricting condition); turn on Block public access.',
      docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
    },
  }),
  run(account) {
    return perBucket(account, (b, ref) => {
      const eff = effectivePab(account.s3.accountPublicAccessBlock, b.publicAccessBlock);
      if (eff.restrictPublicBuckets === true)
        return [pass(ref, 'RestrictPublicBuckets is in effect: a public policy only admits AWS services and this account')];
      const awsSaysPublic = b.policyStatus.status === 'ok' && b.policyStatus.value?.isPublic === true;
      let f = judgePolicy({ account, ref, policy: b.policy, service: 's3', what: 'the bucket policy', permission: 's3:GetBucketPolicy' });
      if (awsSaysPublic && f.status !== 'FAIL')
        f = fail(ref, 'S3 reports the bucket policy as public (GetBucketPolicyStatus IsPublic)', { policyStatus: { isPublic: true }, engine: f.evidence }, 'policy');
      if (f.status === 'FAIL' && eff.restrictPublicBuckets === 'unknown') {
        const c = b.publicAccessBlock.status !== 'ok' ? b.publicAccessBlock : account.s3.accountPublicAccessBlock;
        return [readError(ref, c, `whether Block Public Access restricts the public policy of ${b.name} (s3:GetBucketPublicAccessBlock, s3:GetAccountPublicAccessBlock)`)];
      }
      return [f];
    });
  },
};

export const checks: Check[] = [
  accountPab,
  bucketPab,
  aclNotPublic,
  policyNotPublic,
  ...publicReadWriteChecks(perBucket),
  crossAccountCheck(perBucket),
  tlsOnly,
  kmsEncryption,
  versioning,
  mfaDelete,
  accessLogging,
  lifecycle,
  versionedLifecycle,
  objectLock,
  aclsDisabled,
];
