import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/cloudtrail.js';
import { managementCoverage, s3DataEventsCover } from '../../src/checks/trail-coverage.js';
import type { Check, Finding } from '../../src/checks/types.js';
import type { AccountInventory, S3Bucket, Trail } from '../../src/model/inventory.js';
import { account, denied, inventory, NOW, ok, trail } from '../helpers/inventory.js';

const byId = (id: string): Check => checks.find((c) => c.meta.id === id)!;
function run(id: string, acct: AccountInventory, others: AccountInventory[] = []): Finding[] {
  return byId(id).run(acct, { now: NOW, inventory: inventory([acct, ...others]) });
}
const statuses = (fs: Finding[]) => fs.map((f) => f.status);
const withTrails = (...trails: Trail[]) => account({}, { 'us-east-1': { cloudtrail: { trails: ok(trails) } } });

function bucket(name: string, overrides: Partial<S3Bucket> = {}): S3Bucket {
  return {
    name, arn: `arn:aws:s3:::${name}`, region: 'us-east-1',
    policy: ok(null), policyStatus: ok(null), acl: ok({ grants: [] }), publicAccessBlock: ok(null), encryption: ok(null),
    versioning: ok({ status: 'Never', mfaDelete: false }), logging: ok(null), lifecycle: ok(null), objectLock: ok(null), ownershipControls: ok(null),
    ...overrides,
  };
}

describe('trail coverage', () => {
  it('reads basic and advanced management selectors', () => {
    expect(managementCoverage({ basic: [{ readWriteType: 'WriteOnly', includeManagementEvents: true, dataResources: [] }] })).toMatchObject({ read: false, write: true });
    expect(managementCoverage({ advanced: [{ fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] }] })).toMatchObject({ read: true, write: true });
    expect(managementCoverage({ advanced: [{ fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'readOnly', equals: ['false'] }] }] })).toMatchObject({ read: false, write: true });
    // Two advanced selectors, read-only and write-only, together cover both.
    expect(managementCoverage({ advanced: [
      { fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'readOnly', equals: ['true'] }] },
      { fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'readOnly', equals: ['false'] }] },
    ] })).toMatchObject({ read: true, write: true });
    // Narrowed to one event source: not all management events.
    expect(managementCoverage({ advanced: [{ fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'eventSource', equals: ['iam.amazonaws.com'] }] }] })).toMatchObject({ read: false, write: false });
    expect(managementCoverage({ advanced: [{ fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'eventSource', notEquals: ['kms.amazonaws.com'] }] }] }).excludedSources).toEqual(['kms.amazonaws.com']);
  });

  it('reads S3 data event selectors', () => {
    const all = { basic: [{ readWriteType: 'WriteOnly' as const, includeManagementEvents: true, dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }] };
    expect(s3DataEventsCover(all, 'b', 'aws', 'write')).toBe(true);
    expect(s3DataEventsCover(all, 'b', 'aws', 'read')).toBe(false);
    const one = { basic: [{ readWriteType: 'All' as const, includeManagementEvents: true, dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::b/'] }] }] };
    expect(s3DataEventsCover(one, 'b', 'aws', 'read')).toBe(true);
    expect(s3DataEventsCover(one, 'bb', 'aws', 'read')).toBe(false);
    const adv = { advanced: [{ fieldSelectors: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::S3::Object'] }, { field: 'readOnly', equals: ['true'] }] }] };
    expect(s3DataEventsCover(adv, 'x', 'aws', 'read')).toBe(true);
    expect(s3DataEventsCover(adv, 'x', 'aws', 'write')).toBe(false);
  });
});

describe('cloudtrail_multi_region_enabled', () => {
  it('PASS for a baseline trail; the shadow copy in another region is the same trail', () => {
    const t = trail();
    const acct = account({}, { 'us-east-1': { cloudtrail: { trails: ok([t]) } }, 'eu-west-1': { cloudtrail: { trails: ok([t]) } } });
    expect(statuses(run('cloudtrail_multi_region_enabled', acct))).toEqual(['PASS']);
  });

  it('PASS for a member account seeing the organization trail', () => {
    const org = trail({ name: 'org', arn: 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org', isOrganizationTrail: true, ownedByOtherAccount: true });
    const [f] = run('cloudtrail_multi_region_enabled', withTrails(org));
    expect(f!.status).toBe('PASS');
    expect(f!.reason).toMatch(/organization trail/);
  });

  it('FAIL: single-region, not logging, write-only, or excluding an event source', () => {
    expect(statuses(run('cloudtrail_multi_region_enabled', withTrails(trail({ isMultiRegion: false }))))).toEqual(['FAIL']);
    expect(statuses(run('cloudtrail_multi_region_enabled', withTrails(trail({ includeGlobalServiceEvents: false }))))).toEqual(['FAIL']);
    expect(statuses(run('cloudtrail_multi_region_enabled', withTrails(trail({ status: ok({ isLogging: false }) }))))).toEqual(['FAIL']);
    expect(statuses(run('cloudtrail_multi_region_enabled', withTrails(trail({ eventSelectors: ok({ basic: [{ readWriteType: 'WriteOnly', includeManagementEvents: true, dataResources: [] }] }) }))))).toEqual(['FAIL']);
    expect(statuses(run('cloudtrail_multi_region_enabled', withTrails(trail({ eventSelectors: ok({ basic: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [], excludeManagementEventSources: ['kms.amazonaws.com'] }] }) }))))).toEqual(['FAIL']);
    expect(statuses(run('cloudtrail_multi_region_enabled', account()))).toEqual(['FAIL']);
  });

  it('ERROR: trail status unreadable, or a region\'s trail list unreadable', () => {
    const [e] = run('cloudtrail_multi_region_enabled', withTrails(trail({ status: denied('cloudtrail:GetTrailStatus') })));
    expect(e!.status).toBe('ERROR');
    expect(e!.reason).toMatch(/GetTrailStatus/);
    const acct = account();
    acct.regional['eu-west-1']!.cloudtrail.trails = denied('cloudtrail:DescribeTrails');
    expect(statuses(run('cloudtrail_multi_region_enabled', acct))).toEqual(['ERROR']);
  });
});

describe('per-trail settings', () => {
  it('log file validation and KMS: PASS, FAIL, and FAIL when there is no trail', () => {
    expect(statuses(run('cloudtrail_log_file_validation_enabled', withTrails(trail(), trail({ name: 'b', arn: 'arn:b', logFileValidationEnabled: false }))))).toEqual(['PASS', 'FAIL']);
    expect(statuses(run('cloudtrail_kms_encryption_enabled', withTrails(trail({ kmsKeyId: undefined }))))).toEqual(['FAIL']);
    expect(statuses(run('cloudtrail_kms_encryption_enabled', withTrails(trail())))).toEqual(['PASS']);
    expect(statuses(run('cloudtrail_kms_encryption_enabled', account()))).toEqual(['FAIL']);
    const acct = account();
    acct.regional['us-east-1']!.cloudtrail.trails = denied();
    expect(statuses(run('cloudtrail_log_file_validation_enabled', acct))).toEqual(['ERROR']);
  });
});

describe('trail bucket checks', () => {
  const acctWith = (b: S3Bucket) => account({ s3: { buckets: ok([b]) } }, { 'us-east-1': { cloudtrail: { trails: ok([trail()]) } } });

  it('access logging: PASS, FAIL, ERROR (logging unreadable, or bucket in an unscanned account)', () => {
    expect(statuses(run('cloudtrail_bucket_access_logging_enabled', acctWith(bucket('trail-bucket', { logging: ok({ targetBucket: 'logs' }) }))))).toEqual(['PASS']);
    expect(statuses(run('cloudtrail_bucket_access_logging_enabled', acctWith(bucket('trail-bucket'))))).toEqual(['FAIL']);
    expect(statuses(run('cloudtrail_bucket_access_logging_enabled', acctWith(bucket('trail-bucket', { logging: denied('s3:GetBucketLogging') }))))).toEqual(['ERROR']);
    const [e] = run('cloudtrail_bucket_access_logging_enabled', acctWith(bucket('some-other-bucket')));
    expect(e!.status).toBe('ERROR');
    expect(e!.reason).toMatch(/not in the scanned inventory/);
  });

  it('the bucket is found in another scanned account (central log archive)', () => {
    const archive = account({ s3: { buckets: ok([bucket('trail-bucket', { logging: ok({ targetBucket: 'logs' }) })]) } });
    archive.accountId = '444455556666';
    expect(statuses(run('cloudtrail_bucket_access_logging_enabled', withTrails(trail()), [archive]))).toEqual(['PASS']);
  });

  it('not public: PASS with full Block Public Access, FAIL for a public policy or AllUsers ACL, ERROR when unreadable', () => {
    const pab = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
    expect(statuses(run('cloudtrail_bucket_not_public', acctWith(bucket('trail-bucket', { publicAccessBlock: ok(pab), policyStatus: denied() }))))).toEqual(['PASS']);
    expect(statuses(run('cloudtrail_bucket_not_public', acctWith(bucket('trail-bucket'))))).toEqual(['PASS']);
    expect(statuses(run('cloudtrail_bucket_not_public', acctWith(bucket('trail-bucket', { policyStatus: ok({ isPublic: true }) }))))).toEqual(['FAIL']);
    expect(statuses(run('cloudtrail_bucket_not_public', acctWith(bucket('trail-bucket', { acl: ok({ grants: [{ granteeType: 'Group', grantee: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' }] }) }))))).toEqual(['FAIL']);
    // The policy itself was read (none): S3's policy status is only a second opinion.
    expect(statuses(run('cloudtrail_bucket_not_public', acctWith(bucket('trail-bucket', { policyStatus: denied('s3:GetBucketPolicyStatus') }))))).toEqual(['PASS']);
    const [e] = run('cloudtrail_bucket_not_public', acctWith(bucket('trail-bucket', { policy: denied('s3:GetBucketPolicy') })));
    expect(e!.status).toBe('ERROR');
    expect(e!.reason).toMatch(/s3:GetBucketPolicy/);
    expect(statuses(run('cloudtrail_bucket_not_public', acctWith(bucket('trail-bucket', { acl: denied('s3:GetBucketAcl') }))))).toEqual(['ERROR']);
  });

  it('not public: the bucket policy is read by the IAM engine — statements, principals and conditions', () => {
    const policy = (st: Record<string, unknown>) => ok({ Version: '2012-10-17', Statement: [st] });
    const cloudtrailWrite = { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::trail-bucket/*', Condition: { StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111122223333:trail/baseline' } } };
    const publicRead = { Sid: 'Oops', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::trail-bucket/*' };
    const orgRead = { ...publicRead, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } };
    const tlsOnly = { ...publicRead, Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
    // S3's policy status has not caught up (or was not read): the engine still finds the public statement.
    const [f] = run('cloudtrail_bucket_not_public', acctWith(bucket('trail-bucket', { policy: policy(publicRead), policyStatus: denied() })));
    expect(f!.status).toBe('FAIL');
    expect(f!.reason).toMatch(/Oops/);
    expect(statuses(run('cloudtrail_bucket_not_public', acctWith(bucket('trail-bucket', { policy: policy(tlsOnly) }))))).toEqual(['FAIL']);
    expect(statuses(run('cloudtrail_bucket_not_public', acctWith(bucket('trail-bucket', { policy: policy(orgRead) }))))).toEqual(['PASS']);
    expect(statuses(run('cloudtrail_bucket_not_public', acctWith(bucket('trail-bucket', { policy: policy(cloudtrailWrite) }))))).toEqual(['PASS']);
    // RestrictPublicBuckets makes a public policy ineffective; BucketOwnerEnforced disables ACLs.
    const restrict = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: true };
    expect(statuses(run('cloudtrail_bucket_not_public', acctWith(bucket('trail-bucket', { policy: policy(publicRead), publicAccessBlock: ok(restrict) }))))).toEqual(['PASS']);
    const allUsers = ok({ grants: [{ granteeType: 'Group' as const, grantee: 'http://acs.amazonaws.com/groups/global/AllUsers', permission: 'READ' as const }] });
    expect(statuses(run('cloudtrail_bucket_not_public', acctWith(bucket('trail-bucket', { acl: allUsers, ownershipControls: ok('BucketOwnerEnforced') }))))).toEqual(['PASS']);
  });
});

describe('S3 data events', () => {
  const dataTrail = (rw: 'ReadOnly' | 'WriteOnly' | 'All') =>
    trail({ eventSelectors: ok({ basic: [{ readWriteType: rw, includeManagementEvents: true, dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }] }) });
  const acct = (t: Trail) => account({ s3: { buckets: ok([bucket('data')]) } }, { 'us-east-1': { cloudtrail: { trails: ok([t]) } } });

  it('write: PASS/FAIL per bucket; read: FAIL with a write-only selector', () => {
    expect(statuses(run('cloudtrail_s3_dataevents_write_enabled', acct(dataTrail('WriteOnly'))))).toEqual(['PASS']);
    expect(statuses(run('cloudtrail_s3_dataevents_read_enabled', acct(dataTrail('WriteOnly'))))).toEqual(['FAIL']);
    expect(statuses(run('cloudtrail_s3_dataevents_read_enabled', acct(dataTrail('All'))))).toEqual(['PASS']);
  });

  it('a trail that is not logging does not count; unreadable selectors give ERROR', () => {
    expect(statuses(run('cloudtrail_s3_dataevents_write_enabled', acct({ ...dataTrail('All'), status: ok({ isLogging: false }) })))).toEqual(['FAIL']);
    expect(statuses(run('cloudtrail_s3_dataevents_write_enabled', acct({ ...dataTrail('All'), eventSelectors: denied('cloudtrail:GetEventSelectors') })))).toEqual(['ERROR']);
    expect(statuses(run('cloudtrail_s3_dataevents_write_enabled', account({ s3: { buckets: denied() } })))).toEqual(['ERROR']);
  });
});

describe('unread data that cannot change the outcome', () => {
  it('a single-region trail with unreadable status is simply not qualifying (FAIL, not ERROR)', () => {
    expect(statuses(run('cloudtrail_multi_region_enabled', withTrails(trail({ isMultiRegion: false, status: denied('cloudtrail:GetTrailStatus') }))))).toEqual(['FAIL']);
  });

  it('a failing organization trail seen from a member says where to fix it', () => {
    const org = trail({ name: 'org', arn: 'arn:aws:cloudtrail:us-east-1:999988887777:trail/org', isOrganizationTrail: true, ownedByOtherAccount: true, kmsKeyId: undefined });
    const [f] = run('cloudtrail_kms_encryption_enabled', withTrails(org));
    expect(f!.status).toBe('FAIL');
    expect(f!.reason).toMatch(/management account/);
  });
});
