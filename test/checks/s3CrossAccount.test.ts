import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/s3.js';
import { prohibitedActionsOf } from '../../src/checks/s3CrossAccount.js';
import { runChecks } from '../../src/checks/engine.js';
import type { PolicyDocument, S3Bucket } from '../../src/model/inventory.js';
import type { Collected } from '../../src/model/collected.js';
import { ACCOUNT_ID, account, denied, inventory, NOW, ok } from '../helpers/inventory.js';

const ARN = 'arn:aws:s3:::data';
const ID = 's3_bucket_no_cross_account_admin_actions';
const OTHER = '444455556666';
const bucket = (policy: Collected<PolicyDocument | null>): S3Bucket => ({
  name: 'data', arn: ARN, region: 'us-east-1', policy, policyStatus: ok(null), acl: ok({ grants: [] }), publicAccessBlock: ok(null),
  encryption: ok(null), versioning: ok({ status: 'Never', mfaDelete: false }), logging: ok(null), lifecycle: ok(null), objectLock: ok(null),
  ownershipControls: ok('BucketOwnerEnforced'),
});
const grantTo = (principal: string, Action: unknown): Collected<PolicyDocument | null> =>
  ok({ Version: '2012-10-17', Statement: [{ Sid: 'Share', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${principal}:root` }, Action, Resource: [ARN, `${ARN}/*`] }] });

function run(policy: Collected<PolicyDocument | null>) {
  const check = checks.find((c) => c.meta.id === ID)!;
  return runChecks(inventory([account({ s3: { buckets: ok([bucket(policy)]) } })]), [check], { now: NOW });
}

describe(ID, () => {
  it('passes read-only sharing with another account', () => {
    expect(run(grantTo(OTHER, ['s3:GetObject', 's3:ListBucket']))[0]!.status).toBe('PASS');
  });
  it('fails when another account may rewrite the policy (also through s3:* or s3:Put*)', () => {
    const r = run(grantTo(OTHER, 's3:PutBucketPolicy'))[0]!;
    expect(r.status).toBe('FAIL');
    expect(r.reason).toContain(OTHER);
    expect(run(grantTo(OTHER, 's3:*'))[0]!.status).toBe('FAIL');
    expect(run(grantTo(OTHER, 's3:Put*'))[0]!.status).toBe('FAIL');
  });
  it('passes the same actions granted to the owning account', () => {
    expect(run(grantTo(ACCOUNT_ID, 's3:*'))[0]!.status).toBe('PASS');
  });
  it('NotAction that does not exclude the prohibited actions counts as allowing them', () => {
    expect(prohibitedActionsOf({ NotAction: 's3:PutBucketPolicy' })).toEqual(['s3:DeleteBucketPolicy', 's3:PutBucketAcl', 's3:PutEncryptionConfiguration', 's3:PutObjectAcl']);
  });
  it('passes no policy; errors when the policy could not be read', () => {
    expect(run(ok(null))[0]!.status).toBe('PASS');
    expect(run(denied('s3:GetBucketPolicy'))[0]!.status).toBe('ERROR');
  });
});
