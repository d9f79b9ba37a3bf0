import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/s3.js';
import { statementAccess } from '../../src/checks/s3PublicReadWrite.js';
import { runChecks } from '../../src/checks/engine.js';
import type { PolicyDocument, PublicAccessBlock, S3Bucket, S3Grant } from '../../src/model/inventory.js';
import type { Collected } from '../../src/model/collected.js';
import { account, denied, inventory, NOW, ok } from '../helpers/inventory.js';

const ARN = 'arn:aws:s3:::data';
const READ = 's3_bucket_public_read_prohibited';
const WRITE = 's3_bucket_public_write_prohibited';
const ALL_ON: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

const bucket = (x: Partial<S3Bucket> = {}): S3Bucket => ({
  name: 'data', arn: ARN, region: 'us-east-1', policy: ok(null), policyStatus: ok(null), acl: ok({ grants: [] }), publicAccessBlock: ok(null),
  encryption: ok(null), versioning: ok({ status: 'Never', mfaDelete: false }), logging: ok(null), lifecycle: ok(null), objectLock: ok(null),
  ownershipControls: ok('ObjectWriter'), ...x,
});
const grant = (permission: S3Grant['permission'], who = 'AllUsers'): S3Grant => ({ granteeType: 'Group', grantee: `http://acs.amazonaws.com/groups/global/${who}`, permission });
const pol = (Action: unknown, extra: Record<string, unknown> = {}): Collected<PolicyDocument | null> =>
  ok({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action, Resource: [ARN, `${ARN}/*`], ...extra }] });

function st(id: string, b: S3Bucket, pab: Collected<PublicAccessBlock | null> = ok(null)): string {
  const check = checks.find((c) => c.meta.id === id)!;
  const r = runChecks(inventory([account({ s3: { buckets: ok([b]), accountPublicAccessBlock: pab } })]), [check], { now: NOW });
  expect(r).toHaveLength(1);
  return r[0]!.status;
}

describe('public read vs public write', () => {
  it('a public GetObject policy fails read and passes write', () => {
    const b = bucket({ policy: pol('s3:GetObject') });
    expect(st(READ, b)).toBe('FAIL');
    expect(st(WRITE, b)).toBe('PASS');
  });
  it('a public PutObject policy fails write and passes read', () => {
    const b = bucket({ policy: pol(['s3:PutObject']) });
    expect(st(READ, b)).toBe('PASS');
    expect(st(WRITE, b)).toBe('FAIL');
  });
  it('s3:* and NotAction count as both', () => {
    expect(st(WRITE, bucket({ policy: pol('s3:*') }))).toBe('FAIL');
    expect(st(READ, bucket({ policy: pol('s3:*') }))).toBe('FAIL');
    expect([...statementAccess({ NotAction: 's3:DeleteBucket' })].sort()).toEqual(['read', 'write']);
  });
  it('ACL READ fails read only; ACL WRITE fails write only; FULL_CONTROL fails both', () => {
    expect(st(READ, bucket({ acl: ok({ grants: [grant('READ')] }) }))).toBe('FAIL');
    expect(st(WRITE, bucket({ acl: ok({ grants: [grant('READ')] }) }))).toBe('PASS');
    expect(st(WRITE, bucket({ acl: ok({ grants: [grant('WRITE', 'AuthenticatedUsers')] }) }))).toBe('FAIL');
    expect(st(READ, bucket({ acl: ok({ grants: [grant('FULL_CONTROL')] }) }))).toBe('FAIL');
    expect(st(WRITE, bucket({ acl: ok({ grants: [grant('FULL_CONTROL')] }) }))).toBe('FAIL');
  });
  it('account-level Block Public Access neutralises both paths', () => {
    const b = bucket({ acl: ok({ grants: [grant('FULL_CONTROL')] }), policy: pol('s3:*') });
    expect(st(READ, b, ok(ALL_ON))).toBe('PASS');
    expect(st(WRITE, b, ok(ALL_ON))).toBe('PASS');
  });
  it("S3's own IsPublic verdict fails both when the engine finds no public statement", () => {
    const b = bucket({ policy: ok({ Version: '2012-10-17', Statement: [] }), policyStatus: ok({ isPublic: true }) });
    expect(st(READ, b)).toBe('FAIL');
    expect(st(WRITE, b)).toBe('FAIL');
  });
  it('errors when the ACL or policy is unreadable, or BPA is unknown for an open path', () => {
    expect(st(READ, bucket({ acl: denied('s3:GetBucketAcl') }))).toBe('ERROR');
    expect(st(WRITE, bucket({ policy: denied('s3:GetBucketPolicy') }))).toBe('ERROR');
    expect(st(READ, bucket({ policy: pol('s3:GetObject'), publicAccessBlock: denied() }))).toBe('ERROR');
  });
  it('an unreadable ACL does not matter when ACLs are disabled', () => {
    expect(st(READ, bucket({ acl: denied(), ownershipControls: ok('BucketOwnerEnforced') }))).toBe('PASS');
  });
  it('an organization-pinned policy is not public', () => {
    expect(st(READ, bucket({ policy: pol('s3:GetObject', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }) }))).toBe('PASS');
  });
});
