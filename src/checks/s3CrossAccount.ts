/**
 * FSBP S3.6 (AWS Config S3_BUCKET_BLACKLISTED_ACTIONS_PROHIBITED): a bucket policy must not let
 * principals of other AWS accounts (or everyone) change who controls the bucket — delete or
 * replace the bucket policy, change bucket or object ACLs, or change default encryption.
 * Statements are judged by the IAM engine (who is admitted, after conditions) and their actions
 * are matched against those powerful actions with IAM wildcard rules; NotAction counts as all.
 */
import type { AccountInventory, S3Bucket } from '../model/inventory.js';
import { compileMatcher, encodeWildcards } from '../iam/wildcard.js';
import { fail, pass, type ResourceRef } from './helpers.js';
import { exposureOf } from './policyExposure.js';
import type { Check, Finding } from './types.js';
import { readError } from './readErrors.js';

/** The actions Security Hub S3.6 prohibits for other accounts. */
export const PROHIBITED_CROSS_ACCOUNT_ACTIONS = [
  's3:DeleteBucketPolicy',
  's3:PutBucketAcl',
  's3:PutBucketPolicy',
  's3:PutEncryptionConfiguration',
  's3:PutObjectAcl',
];

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

/** Prohibited actions a raw statement allows. */
export function prohibitedActionsOf(statement: unknown): string[] {
  if (!statement || typeof statement !== 'object') return [];
  const st = statement as Record<string, unknown>;
  if (st.NotAction !== undefined) {
    const excluded = asList(st.NotAction).filter((a): a is string => typeof a === 'string').map((p) => compileMatcher(encodeWildcards(p), 'plain-ci'));
    return PROHIBITED_CROSS_ACCOUNT_ACTIONS.filter((a) => !excluded.some((m) => m(a)));
  }
  const matchers = asList(st.Action).filter((a): a is string => typeof a === 'string').map((p) => compileMatcher(encodeWildcards(p), 'plain-ci'));
  return PROHIBITED_CROSS_ACCOUNT_ACTIONS.filter((a) => matchers.some((m) => m(a)));
}

function judge(account: AccountInventory, b: S3Bucket, ref: ResourceRef): Finding {
  if (b.policy.status !== 'ok') return readError(ref, b.policy, `the bucket policy of ${b.name} (s3:GetBucketPolicy)`);
  const doc = b.policy.value;
  if (!doc) return pass(ref, 'no bucket policy, so no other account is granted anything');
  const ex = exposureOf(doc, account, b.arn, 's3');
  const statements = asList(doc.Statement);
  const offending: { statement: string; access: string; accounts: string[]; actions: string[] }[] = [];
  for (const s of ex.statements) {
    if (s.access !== 'cross-account' && s.access !== 'public') continue;
    const raw = typeof s.index === 'number' ? statements[s.index] : statements.find((x) => (x as { Sid?: unknown })?.Sid === s.index);
    const actions = prohibitedActionsOf(raw);
    if (actions.length > 0) offending.push({ statement: String(s.index), access: s.access, accounts: s.accounts, actions });
  }
  if (offending.length > 0) {
    const o = offending[0]!;
    const who = o.access === 'public' ? 'everyone' : `account(s) ${o.accounts.join(', ')}`;
    return fail(ref, `bucket policy statement ${o.statement} lets ${who} ${o.actions.join(', ')}`, { statements: offending }, 'policy');
  }
  if (ex.errors.length > 0) return { status: 'ERROR', ...ref, reason: `the bucket policy of ${b.name} is malformed: ${ex.errors[0]!.code}: ${ex.errors[0]!.message}` };
  return pass(ref, 'no other account may change the bucket policy, ACLs or encryption', { crossAccount: ex.crossAccount });
}

export function crossAccountCheck(perBucket: (account: AccountInventory, j: (b: S3Bucket, ref: ResourceRef) => Finding[]) => Finding[]): Check {
  return {
    meta: {
      id: 's3_bucket_no_cross_account_admin_actions',
      title: 'S3 bucket policies do not let other accounts change policies, ACLs or encryption',
      severity: 'high',
      service: 's3',
      resourceType: 'AWS::S3::Bucket',
      description:
        `No bucket-policy statement that admits another AWS account (or everyone) allows ${PROHIBITED_CROSS_ACCOUNT_ACTIONS.join(', ')}. ` +
        'Sharing data with other accounts is fine; handing them control over who can access it is not.',
      risk: 'Another account that can rewrite the bucket policy or ACLs can lock the owner out, make the data public, or remove encryption.',
      remediation: {
        cli: 'aws s3api put-bucket-policy --bucket my-bucket --policy file://policy.json   # grant other accounts only the data actions they need',
        cloudformation:
          'BucketPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref Bucket\n    PolicyDocument:\n      Statement:\n' +
          '        - Effect: Allow\n          Principal: { AWS: "arn:aws:iam::444455556666:root" }\n          Action: [s3:GetObject]\n          Resource: !Sub "${Bucket.Arn}/*"',
        console: 'S3 console > the bucket > Permissions > Bucket policy > Edit: remove the listed actions from statements for other accounts.',
        docs: 'https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html',
      },
      configRule: 'S3_BUCKET_BLACKLISTED_ACTIONS_PROHIBITED',
    },
    run(account) {
      return perBucket(account, (b, ref) => [judge(account, b, ref)]);
    },
  };
}
