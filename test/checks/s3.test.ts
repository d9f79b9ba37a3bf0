import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/s3.js';
import { readTlsOnly } from '../../src/checks/s3TlsPolicy.js';
import { runChecks } from '../../src/checks/engine.js';
import type { Check } from '../../src/checks/types.js';
import type { PublicAccessBlock, S3Bucket } from '../../src/model/inventory.js';
import type { Collected } from '../../src/model/collected.js';
import { account, denied, inventory, NOW, ok } from '../helpers/inventory.js';

function byId(id: string): Check {
  const c = checks.find((x) => x.meta.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
}

const ARN = 'arn:aws:s3:::data';

function bucket(extra: Partial<S3Bucket> = {}): S3Bucket {
  return {
    name: 'data',
    arn: ARN,
    region: 'eu-west-1',
    policy: ok(null),
    policyStatus: ok(null),
    acl: ok({ grants: [] }),
    publicAccessBlock: ok(null),
    encryption: ok({ rules: [{ sseAlgorithm: 'AES256' }] }),
    versioning: ok({ status: 'Never', mfaDelete: false }),
    logging: ok(null),
    lifecycle: ok(null),
    objectLock: ok(null),
    ownershipControls: ok('BucketOwnerEnforced'),
    ...extra,
  };
}

const ALL_ON: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const ALL_OFF: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };

function run(id: string, buckets: Collected<S3Bucket[]>, accountPab: Collected<PublicAccessBlock | null> = ok(null)) {
  return runChecks(inventory([account({ s3: { buckets, accountPublicAccessBlock: accountPab } })]), [byId(id)], { now: NOW });
}
const status = (id: string, b: S3Bucket, pab: Collected<PublicAccessBlock | null> = ok(null)) => run(id, ok([b]), pab)[0]?.status;

describe('s3_account_public_access_block', () => {
  const id = 's3_account_public_access_block';
  it('passes all four on, fails one off or none set, errors when unreadable', () => {
    expect(run(id, ok([]), ok(ALL_ON))[0]!.status).toBe('PASS');
    expect(run(id, ok([]), ok({ ...ALL_ON, restrictPublicBuckets: false }))[0]!.status).toBe('FAIL');
    expect(run(id, ok([]), ok(null))[0]!.status).toBe('FAIL');
    const e = run(id, ok([]), denied('s3:GetAccountPublicAccessBlock'))[0]!;
    expect(e.status).toBe('ERROR');
    expect(e.reason).toContain('s3:GetAccountPublicAccessBlock');
  });
});

describe('s3_bucket_public_access_block', () => {
  const id = 's3_bucket_public_access_block';
  it('the account-level block satisfies the bucket check', () => {
    const r = run(id, ok([bucket({ publicAccessBlock: ok(null) })]), ok(ALL_ON))[0]!;
    expect(r.status).toBe('PASS');
    expect(r.reason).toContain('account-level');
  });
  it('the bucket-level block passes even when the account read failed', () => {
    expect(status(id, bucket({ publicAccessBlock: ok(ALL_ON) }), denied())).toBe('PASS');
  });
  it('settings combine per key across levels', () => {
    const b = bucket({ publicAccessBlock: ok({ ...ALL_OFF, blockPublicAcls: true, ignorePublicAcls: true }) });
    expect(status(id, b, ok({ ...ALL_OFF, blockPublicPolicy: true, restrictPublicBuckets: true }))).toBe('PASS');
    expect(status(id, b, ok({ ...ALL_OFF, blockPublicPolicy: true }))).toBe('FAIL');
  });
  it('fails when neither level sets it', () => {
    expect(status(id, bucket(), ok(null))).toBe('FAIL');
  });
  it('errors when a setting is unknown and none is known off', () => {
    expect(status(id, bucket({ publicAccessBlock: denied('s3:GetBucketPublicAccessBlock') }), ok(null))).toBe('ERROR');
  });
  it('errors once when the bucket list failed', () => {
    const r = run(id, denied('s3:ListAllMyBuckets'));
    expect(r).toHaveLength(1);
    expect(r[0]!.status).toBe('ERROR');
    expect(r[0]!.reason).toContain('s3:ListAllMyBuckets');
  });
});

describe('s3_bucket_acl_not_public', () => {
  const id = 's3_bucket_acl_not_public';
  const pub = ok({ grants: [{ granteeType: 'Group' as const, grantee: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' as const }] });
  const authUsers = ok({ grants: [{ granteeType: 'Group' as const, grantee: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers', permission: 'WRITE' as const }] });
  it('fails AllUsers and AuthenticatedUsers grants when ACLs are in force', () => {
    expect(status(id, bucket({ acl: pub, ownershipControls: ok('ObjectWriter') }))).toBe('FAIL');
    expect(status(id, bucket({ acl: authUsers, ownershipControls: ok('BucketOwnerPreferred') }))).toBe('FAIL');
  });
  it('passes when IgnorePublicAcls is in effect through the account', () => {
    expect(status(id, bucket({ acl: pub, ownershipControls: ok('ObjectWriter') }), ok(ALL_ON))).toBe('PASS');
  });
  it('passes when ACLs are disabled', () => {
    expect(status(id, bucket({ acl: pub, ownershipControls: ok('BucketOwnerEnforced') }))).toBe('PASS');
  });
  it('errors when the ACL was not read, or when public grants might be ignored but BPA is unknown', () => {
    expect(status(id, bucket({ acl: denied('s3:GetBucketAcl'), ownershipControls: ok(null) }))).toBe('ERROR');
    expect(status(id, bucket({ acl: pub, ownershipControls: ok(null), publicAccessBlock: denied() }))).toBe('ERROR');
  });
  it('passes a private ACL', () => {
    expect(status(id, bucket({ ownershipControls: ok(null) }))).toBe('PASS');
  });
});

describe('s3_bucket_tls_only', () => {
  const id = 's3_bucket_tls_only';
  const deny = (extra: Record<string, unknown> = {}) => ({
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [ARN, `${ARN}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    ...extra,
  });
  const pol = (...Statement: unknown[]) => ok({ Version: '2012-10-17', Statement });

  it('passes the documented statement (string or boolean false, Principal {"AWS":"*"})', () => {
    expect(status(id, bucket({ policy: pol(deny()) }))).toBe('PASS');
    expect(status(id, bucket({ policy: pol(deny({ Condition: { Bool: { 'aws:SecureTransport': false } } })) }))).toBe('PASS');
    expect(status(id, bucket({ policy: pol(deny({ Principal: { AWS: '*' } })) }))).toBe('PASS');
  });
  it('passes when two statements split bucket and objects', () => {
    expect(status(id, bucket({ policy: pol(deny({ Resource: ARN }), deny({ Resource: `${ARN}/*` })) }))).toBe('PASS');
  });
  it('fails a deny that targets only the objects', () => {
    const r = run(id, ok([bucket({ policy: pol(deny({ Resource: `${ARN}/*` })) })]))[0]!;
    expect(r.status).toBe('FAIL');
    expect(r.reason).toContain('only the objects');
  });
  it('fails a deny wrapped with another condition', () => {
    const c = { Bool: { 'aws:SecureTransport': 'false' }, StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } };
    const r = run(id, ok([bucket({ policy: pol(deny({ Condition: c })) })]))[0]!;
    expect(r.status).toBe('FAIL');
    expect(r.reason).toContain('further conditions');
  });
  it('fails a deny naming only GetObject', () => {
    expect(status(id, bucket({ policy: pol(deny({ Action: ['s3:GetObject'] })) }))).toBe('FAIL');
  });
  it('fails s3:TlsVersion alone (HTTP has no TLS version, so the deny never applies)', () => {
    expect(status(id, bucket({ policy: pol(deny({ Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } })) }))).toBe('FAIL');
  });
  it('fails an Allow with SecureTransport true (allows, does not deny HTTP)', () => {
    expect(status(id, bucket({ policy: pol({ ...deny(), Effect: 'Allow', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }) }))).toBe('FAIL');
  });
  it('fails a deny for one principal only', () => {
    expect(status(id, bucket({ policy: pol(deny({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } })) }))).toBe('FAIL');
  });
  it('fails no policy; errors when the policy could not be read', () => {
    expect(status(id, bucket({ policy: ok(null) }))).toBe('FAIL');
    expect(status(id, bucket({ policy: denied('s3:GetBucketPolicy') }))).toBe('ERROR');
  });
  it('accepts wildcard resources and "*" actions', () => {
    expect(status(id, bucket({ policy: pol(deny({ Action: '*', Resource: 'arn:aws:s3:::data*' })) }))).toBe('PASS');
  });
  it('a deny for another bucket does not count', () => {
    expect(readTlsOnly({ Statement: [deny({ Resource: ['arn:aws:s3:::other', 'arn:aws:s3:::other/*'] })] }, ARN).tlsOnly).toBe(false);
  });
  it('a malformed policy gives ERROR naming the field', () => {
    const r = run(id, ok([bucket({ policy: ok({ Version: '2012-10-17' }) })]))[0]!;
    expect(r.status).toBe('ERROR');
    expect(r.reason).toContain('Statement');
  });
});

describe('s3_bucket_kms_encryption', () => {
  const id = 's3_bucket_kms_encryption';
  it('passes aws:kms and aws:kms:dsse, fails AES256 and none, errors unreadable', () => {
    expect(status(id, bucket({ encryption: ok({ rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'k' }] }) }))).toBe('PASS');
    expect(status(id, bucket({ encryption: ok({ rules: [{ sseAlgorithm: 'aws:kms:dsse' }] }) }))).toBe('PASS');
    expect(status(id, bucket({ encryption: ok({ rules: [{ sseAlgorithm: 'AES256' }] }) }))).toBe('FAIL');
    expect(status(id, bucket({ encryption: ok(null) }))).toBe('FAIL');
    expect(status(id, bucket({ encryption: denied() }))).toBe('ERROR');
  });
});

describe('simple bucket settings', () => {
  it('versioning', () => {
    expect(status('s3_bucket_versioning_enabled', bucket({ versioning: ok({ status: 'Enabled', mfaDelete: false }) }))).toBe('PASS');
    expect(status('s3_bucket_versioning_enabled', bucket({ versioning: ok({ status: 'Suspended', mfaDelete: false }) }))).toBe('FAIL');
    expect(status('s3_bucket_versioning_enabled', bucket({ versioning: denied() }))).toBe('ERROR');
  });
  it('MFA delete', () => {
    expect(status('s3_bucket_mfa_delete', bucket({ versioning: ok({ status: 'Enabled', mfaDelete: true }) }))).toBe('PASS');
    expect(status('s3_bucket_mfa_delete', bucket({ versioning: ok({ status: 'Enabled', mfaDelete: false }) }))).toBe('FAIL');
    expect(status('s3_bucket_mfa_delete', bucket({ versioning: denied() }))).toBe('ERROR');
  });
  it('access logging', () => {
    expect(status('s3_bucket_access_logging', bucket({ logging: ok({ targetBucket: 'logs' }) }))).toBe('PASS');
    expect(status('s3_bucket_access_logging', bucket())).toBe('FAIL');
    expect(status('s3_bucket_access_logging', bucket({ logging: denied() }))).toBe('ERROR');
  });
  it('lifecycle', () => {
    expect(status('s3_bucket_lifecycle_configured', bucket({ lifecycle: ok([{ status: 'Enabled' }]) }))).toBe('PASS');
    expect(status('s3_bucket_lifecycle_configured', bucket({ lifecycle: ok([{ status: 'Disabled' }]) }))).toBe('FAIL');
    expect(status('s3_bucket_lifecycle_configured', bucket({ lifecycle: denied() }))).toBe('ERROR');
  });
  it('versioned bucket lifecycle: skips unversioned buckets', () => {
    const id = 's3_versioned_bucket_lifecycle';
    expect(run(id, ok([bucket()]))).toHaveLength(0);
    expect(status(id, bucket({ versioning: ok({ status: 'Enabled', mfaDelete: false }) }))).toBe('FAIL');
    expect(status(id, bucket({ versioning: ok({ status: 'Enabled', mfaDelete: false }), lifecycle: ok([{ status: 'Enabled' }]) }))).toBe('PASS');
    expect(status(id, bucket({ versioning: denied() }))).toBe('ERROR');
  });
  it('object lock', () => {
    expect(status('s3_bucket_object_lock', bucket({ objectLock: ok({ enabled: true }) }))).toBe('PASS');
    expect(status('s3_bucket_object_lock', bucket())).toBe('FAIL');
    expect(status('s3_bucket_object_lock', bucket({ objectLock: denied() }))).toBe('ERROR');
  });
  it('ACLs disabled', () => {
    expect(status('s3_bucket_acls_disabled', bucket())).toBe('PASS');
    expect(status('s3_bucket_acls_disabled', bucket({ ownershipControls: ok('BucketOwnerPreferred') }))).toBe('FAIL');
    expect(status('s3_bucket_acls_disabled', bucket({ ownershipControls: ok(null) }))).toBe('FAIL');
    expect(status('s3_bucket_acls_disabled', bucket({ ownershipControls: denied() }))).toBe('ERROR');
  });
  it('results carry the bucket region and template origin field', () => {
    const origin = { file: 'b.yaml', logicalId: 'B', line: 2, column: 3, fields: { versioning: { line: 8, column: 5 } } };
    const r = run('s3_bucket_versioning_enabled', ok([bucket({ origin })]))[0]!;
    expect(r).toMatchObject({ region: 'eu-west-1', status: 'FAIL', file: 'b.yaml', line: 8 });
  });
});
