/**
 * Public read and public write of S3 buckets, told apart (FSBP S3.2 and S3.3; AWS Config
 * S3_BUCKET_PUBLIC_READ_PROHIBITED / S3_BUCKET_PUBLIC_WRITE_PROHIBITED). A bucket is publicly
 * readable (writable) when an ACL grant or a public bucket-policy statement gives everyone a read
 * (write) permission and Block Public Access does not neutralise that path:
 *
 * - ACL path: grants to AllUsers or AuthenticatedUsers; READ or FULL_CONTROL count as read; WRITE,
 *   WRITE_ACP or FULL_CONTROL count as write. Ignored when ACLs are disabled (BucketOwnerEnforced)
 *   or IgnorePublicAcls is in effect at bucket or account level.
 * - Policy path: statements the IAM engine judges public, classified by the S3 actions they allow
 *   (NotAction counts as both). Ignored when RestrictPublicBuckets is in effect. When S3's own
 *   policy status says public but the engine found no public statement, the kind is unknown and
 *   the bucket fails both checks rather than pass one wrongly.
 *
 * Anything that could not be read and might open the path gives ERROR, never PASS.
 */
import type { Collected } from '../model/collected.js';
import type { AccountInventory, PolicyDocument, S3Bucket } from '../model/inventory.js';
import { compileMatcher, encodeWildcards } from '../iam/wildcard.js';
import { fail, pass, type ResourceRef } from './helpers.js';
import { exposureOf } from './policyExposure.js';
import type { Check, Finding } from './types.js';
import { readError } from './readErrors.js';

export type Access = 'read' | 'write';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTH_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

const ACL_PERMISSIONS: Record<Access, ReadonlySet<string>> = {
  read: new Set(['READ', 'FULL_CONTROL']),
  write: new Set(['WRITE', 'WRITE_ACP', 'FULL_CONTROL']),
};

/** Representative S3 actions: a statement allowing any of them grants that kind of access. */
const PROBE_ACTIONS: Record<Access, string[]> = {
  read: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:ListBucketVersions'],
  write: [
    's3:PutObject',
    's3:DeleteObject',
    's3:DeleteObjectVersion',
    's3:PutObjectAcl',
    's3:PutBucketAcl',
    's3:PutBucketPolicy',
    's3:DeleteBucketPolicy',
    's3:DeleteBucket',
    's3:PutEncryptionConfiguration',
    's3:PutLifecycleConfiguration',
  ],
};

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

/** Which kinds of access a raw policy statement allows, by its Action (NotAction: both). */
export function statementAccess(statement: unknown): Set<Access> {
  const out = new Set<Access>();
  if (!statement || typeof statement !== 'object') return out;
  const st = statement as Record<string, unknown>;
  if (st.NotAction !== undefined) return new Set<Access>(['read', 'write']);
  const patterns = asList(st.Action).filter((a): a is string => typeof a === 'string');
  const matchers = patterns.map((p) => compileMatcher(encodeWildcards(p), 'plain-ci'));
  for (const kind of ['read', 'write'] as const) if (PROBE_ACTIONS[kind].some((a) => matchers.some((m) => m(a)))) out.add(kind);
  return out;
}

type Path = { state: 'public'; why: string; evidence: unknown } | { state: 'closed'; why: string } | { state: 'unknown'; finding: Finding };

function effective(account: AccountInventory, b: S3Bucket, key: 'ignorePublicAcls' | 'restrictPublicBuckets'): true | false | Collected<unknown> {
  const a = account.s3.accountPublicAccessBlock;
  const k = b.publicAccessBlock;
  const av = a.status === 'ok' ? (a.value?.[key] ?? false) : undefined;
  const kv = k.status === 'ok' ? (k.value?.[key] ?? false) : undefined;
  if (av === true || kv === true) return true;
  if (av === false && kv === false) return false;
  return k.status !== 'ok' ? k : a;
}

function aclPath(account: AccountInventory, b: S3Bucket, ref: ResourceRef, kind: Access): Path {
  if (b.ownershipControls.status === 'ok' && b.ownershipControls.value === 'BucketOwnerEnforced') return { state: 'closed', why: 'ACLs are disabled' };
  const ignore = effective(account, b, 'ignorePublicAcls');
  if (ignore === true) return { state: 'closed', why: 'IgnorePublicAcls is in effect' };
  if (b.acl.status !== 'ok') return { state: 'unknown', finding: readError(ref, b.acl, `the ACL of ${b.name} (s3:GetBucketAcl)`) };
  const grants = b.acl.value.grants.filter(
    (g) => g.granteeType === 'Group' && (g.grantee === ALL_USERS || g.grantee === AUTH_USERS) && ACL_PERMISSIONS[kind].has(g.permission),
  );
  if (grants.length === 0) return { state: 'closed', why: `no public ${kind} ACL grant` };
  if (ignore !== false) return { state: 'unknown', finding: readError(ref, ignore, `whether S3 ignores the public ACL grants of ${b.name} (Block Public Access)`) };
  const g = grants[0]!;
  return { state: 'public', why: `the ACL (grant ${g.permission} to ${g.grantee.endsWith('AllUsers') ? 'AllUsers' : 'AuthenticatedUsers'})`, evidence: { grants } };
}

function policyPath(account: AccountInventory, b: S3Bucket, ref: ResourceRef, kind: Access): Path {
  const restrict = effective(account, b, 'restrictPublicBuckets');
  if (restrict === true) return { state: 'closed', why: 'RestrictPublicBuckets is in effect' };
  if (b.policy.status !== 'ok') return { state: 'unknown', finding: readError(ref, b.policy, `the bucket policy of ${b.name} (s3:GetBucketPolicy)`) };
  const doc: PolicyDocument | null = b.policy.value;
  const awsSaysPublic = b.policyStatus.status === 'ok' && b.policyStatus.value?.isPublic === true;
  let found: Path = { state: 'closed', why: doc ? `no public ${kind} statement in the bucket policy` : 'no bucket policy' };
  if (doc) {
    const ex = exposureOf(doc, account, b.arn, 's3');
    const statements = asList(doc.Statement);
    const hits = ex.publicStatements.filter((s) => {
      const raw = typeof s.index === 'number' ? statements[s.index] : statements.find((x) => (x as { Sid?: unknown })?.Sid === s.index);
      return statementAccess(raw).has(kind);
    });
    if (hits.length > 0) found = { state: 'public', why: `the bucket policy (${hits[0]!.reason})`, evidence: { publicStatements: hits } };
    else if (awsSaysPublic && ex.publicStatements.length === 0)
      found = { state: 'public', why: 'the bucket policy (S3 reports it public: GetBucketPolicyStatus IsPublic)', evidence: { policyStatus: { isPublic: true } } };
    else if (ex.errors.length > 0 && ex.publicStatements.length === 0)
      return { state: 'unknown', finding: { status: 'ERROR', ...ref, reason: `the bucket policy of ${b.name} is malformed: ${ex.errors[0]!.code}: ${ex.errors[0]!.message}` } };
  }
  if (found.state === 'public' && restrict !== false)
    return { state: 'unknown', finding: readError(ref, restrict, `whether Block Public Access restricts the public policy of ${b.name}`) };
  return found;
}

function judge(account: AccountInventory, b: S3Bucket, ref: ResourceRef, kind: Access): Finding {
  const paths = [aclPath(account, b, ref, kind), policyPath(account, b, ref, kind)];
  const open = paths.find((p): p is Extract<Path, { state: 'public' }> => p.state === 'public');
  if (open) return fail(ref, `public ${kind} through ${open.why}`, open.evidence, open.why.startsWith('the ACL') ? 'acl' : 'policy');
  const unknown = paths.find((p): p is Extract<Path, { state: 'unknown' }> => p.state === 'unknown');
  if (unknown) return unknown.finding;
  return pass(ref, `not publicly ${kind === 'read' ? 'readable' : 'writable'}: ${paths.map((p) => (p as { why: string }).why).join('; ')}`);
}

function makeCheck(kind: Access, perBucket: (account: AccountInventory, j: (b: S3Bucket, ref: ResourceRef) => Finding[]) => Finding[]): Check {
  const verb = kind === 'read' ? 'read' : 'write to';
  return {
    meta: {
      id: `s3_bucket_public_${kind}_prohibited`,
      title: `S3 buckets do not allow public ${kind} access`,
      severity: 'critical',
      service: 's3',
      resourceType: 'AWS::S3::Bucket',
      description:
        `Nobody outside the account can ${verb} the bucket through an ACL grant (AllUsers/AuthenticatedUsers) or a public ` +
        'bucket-policy statement, after Block Public Access (bucket or account level) is taken into account. Policies are ' +
        `read through the IAM engine and classified by the ${kind} actions they allow.`,
      risk:
        kind === 'read'
          ? 'Anyone on the internet can list and download the data in the bucket.'
          : 'Anyone on the internet can upload, overwrite or delete data, or change who has access.',
      remediation: {
        cli:
          'aws s3api put-public-access-block --bucket my-bucket --public-access-block-configuration ' +
          'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
        cloudformation:
          'Bucket:\n  Type: AWS::S3::Bucket\n  Properties:\n    PublicAccessBlockConfiguration:\n      BlockPublicAcls: true\n' +
          '      IgnorePublicAcls: true\n      BlockPublicPolicy: true\n      RestrictPublicBuckets: true\n    OwnershipControls:\n      Rules:\n        - ObjectOwnership: BucketOwnerEnforced',
        console: 'S3 console > the bucket > Permissions: turn on Block public access, disable ACLs, and remove "*" principals from the bucket policy.',
        docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
      },
      configRule: kind === 'read' ? 'S3_BUCKET_PUBLIC_READ_PROHIBITED' : 'S3_BUCKET_PUBLIC_WRITE_PROHIBITED',
    },
    run(account) {
      return perBucket(account, (b, ref) => [judge(account, b, ref, kind)]);
    },
  };
}

/** The two checks; `perBucket` comes from s3.ts so bucket listing errors are reported the same way. */
export function publicReadWriteChecks(perBucket: (account: AccountInventory, j: (b: S3Bucket, ref: ResourceRef) => Finding[]) => Finding[]): Check[] {
  return [makeCheck('read', perBucket), makeCheck('write', perBucket)];
}
