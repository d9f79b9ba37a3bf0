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
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPabCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { collectBuckets, regionFromLocation } from '../../../src/sources/aws/services/s3.js';
import { collectAccountPublicAccessBlock } from '../../../src/sources/aws/services/s3control.js';
import { ACCOUNT, awsError, testContext } from './a-helpers.js';

const s3 = mockClient(S3Client);
const s3control = mockClient(S3ControlClient);
const POLICY = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] };

/** A bucket with nothing configured: every optional setting answers its documented "not found" error. */
function bareBuckets(names: string[]) {
  s3.on(ListBucketsCommand).resolves({ Buckets: names.map((Name) => ({ Name, CreationDate: new Date('2023-01-01T00:00:00Z') })), Owner: { ID: 'owner' } });
  s3.on(GetBucketLocationCommand).resolves({});
  s3.on(GetBucketPolicyCommand).rejects(awsError('NoSuchBucketPolicy', 404, 'The bucket policy does not exist'));
  s3.on(GetBucketPolicyStatusCommand).rejects(awsError('NoSuchBucketPolicy', 404));
  s3.on(GetBucketAclCommand).resolves({ Owner: { ID: 'owner' }, Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' }] });
  s3.on(GetPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 404));
  s3.on(GetBucketEncryptionCommand).rejects(awsError('ServerSideEncryptionConfigurationNotFoundError', 404));
  s3.on(GetBucketVersioningCommand).resolves({});
  s3.on(GetBucketLoggingCommand).resolves({});
  s3.on(GetBucketLifecycleConfigurationCommand).rejects(awsError('NoSuchLifecycleConfiguration', 404));
  s3.on(GetObjectLockConfigurationCommand).rejects(awsError('ObjectLockConfigurationNotFoundError', 404));
  s3.on(GetBucketOwnershipControlsCommand).rejects(awsError('OwnershipControlsNotFoundError', 404));
  s3.on(GetBucketTaggingCommand).rejects(awsError('NoSuchTagSet', 404));
}

beforeEach(() => {
  s3.reset();
  s3control.reset();
});

describe('S3 collector', () => {
  it('maps LocationConstraint: empty = us-east-1, EU = eu-west-1', () => {
    expect(regionFromLocation(undefined)).toBe('us-east-1');
    expect(regionFromLocation('')).toBe('us-east-1');
    expect(regionFromLocation('EU')).toBe('eu-west-1');
    expect(regionFromLocation('ap-northeast-1')).toBe('ap-northeast-1');
  });

  it('a bucket with nothing configured: absent settings are ok(null), versioning Never, no issues', async () => {
    bareBuckets(['plain']);
    const { ctx, issues } = testContext('us-east-1', 'global');
    const r = await collectBuckets(ctx);
    expect(issues).toEqual([]);
    const b = r.status === 'ok' ? r.value[0] : undefined;
    expect(b).toMatchObject({
      name: 'plain',
      arn: 'arn:aws:s3:::plain',
      region: 'us-east-1',
      creationDate: '2023-01-01T00:00:00.000Z',
      policy: { status: 'ok', value: null },
      policyStatus: { status: 'ok', value: null },
      acl: { status: 'ok', value: { ownerId: 'owner', grants: [{ granteeType: 'CanonicalUser', grantee: 'owner', permission: 'FULL_CONTROL' }] } },
      publicAccessBlock: { status: 'ok', value: null },
      encryption: { status: 'ok', value: null },
      versioning: { status: 'ok', value: { status: 'Never', mfaDelete: false } },
      logging: { status: 'ok', value: null },
      lifecycle: { status: 'ok', value: null },
      objectLock: { status: 'ok', value: null },
      ownershipControls: { status: 'ok', value: null },
    });
    expect(b?.tags).toBeUndefined();
  });

  it('reads configured settings, calling per-bucket APIs in the bucket region', async () => {
    bareBuckets(['conf']);
    s3.on(GetBucketLocationCommand).resolves({ LocationConstraint: 'EU' });
    s3.on(GetBucketPolicyCommand).resolves({ Policy: JSON.stringify(POLICY) });
    s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: false } });
    s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } });
    s3.on(GetBucketEncryptionCommand).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:eu-west-1:123456789012:key/k' }, BucketKeyEnabled: true }] } });
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Suspended', MFADelete: 'Enabled' });
    s3.on(GetBucketLoggingCommand).resolves({ LoggingEnabled: { TargetBucket: 'logs', TargetPrefix: 'conf/' } });
    s3.on(GetBucketLifecycleConfigurationCommand).resolves({ Rules: [{ ID: 'expire', Status: 'Enabled', Expiration: { Days: 30 } }] });
    s3.on(GetObjectLockConfigurationCommand).resolves({ ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 7 } } } });
    s3.on(GetBucketOwnershipControlsCommand).resolves({ OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } });
    s3.on(GetBucketTaggingCommand).resolves({ TagSet: [{ Key: 'env', Value: 'prod' }] });
    const { ctx } = testContext('us-east-1', 'global');
    const r = await collectBuckets(ctx);
    const b = r.status === 'ok' ? r.value[0] : undefined;
    expect(b?.region).toBe('eu-west-1');
    expect(b?.policy).toEqual({ status: 'ok', value: POLICY });
    expect(b?.encryption).toEqual({ status: 'ok', value: { rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/k', bucketKeyEnabled: true }] } });
    expect(b?.versioning).toEqual({ status: 'ok', value: { status: 'Suspended', mfaDelete: true } });
    expect(b?.objectLock).toEqual({ status: 'ok', value: { enabled: true, mode: 'COMPLIANCE', days: 7 } });
    expect(b?.ownershipControls).toEqual({ status: 'ok', value: 'BucketOwnerEnforced' });
    expect(b?.lifecycle).toEqual({ status: 'ok', value: [{ id: 'expire', status: 'Enabled', expirationDays: 30 }] });
    expect(b?.tags).toEqual({ env: 'prod' });
    // The policy read went to a client configured for the bucket's region.
    const policyCall = s3.commandCalls(GetBucketPolicyCommand)[0];
    expect(await (policyCall?.thisValue as S3Client).config.region()).toBe('eu-west-1');
  });

  it('a malformed bucket policy is failed with the parse message, other settings unaffected', async () => {
    bareBuckets(['bad']);
    s3.on(GetBucketPolicyCommand).resolves({ Policy: '{"Version": "2012-10-17", ' });
    const { ctx, issues } = testContext('us-east-1', 'global');
    const r = await collectBuckets(ctx);
    const b = r.status === 'ok' ? r.value[0] : undefined;
    expect(b?.policy.status).toBe('failed');
    expect(b?.policy.status !== 'ok' && b?.policy.error.message).toMatch(/not valid JSON/);
    expect(b?.acl.status).toBe('ok');
    expect(issues.map((i) => i.what)).toEqual(['s3 bucket policy (bad)']);
  });

  it('AccessDenied on one setting is access_denied with its permission, never null', async () => {
    bareBuckets(['locked']);
    s3.on(GetBucketEncryptionCommand).rejects(awsError('AccessDenied', 403, 'Access Denied'));
    const { ctx, issues } = testContext('us-east-1', 'global');
    const r = await collectBuckets(ctx);
    const b = r.status === 'ok' ? r.value[0] : undefined;
    expect(b?.encryption).toEqual({ status: 'access_denied', error: { code: 'AccessDenied', message: 'Access Denied', permission: 's3:GetEncryptionConfiguration' } });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ region: 'us-east-1', what: 's3 bucket encryption (locked)', permission: 's3:GetEncryptionConfiguration' });
  });

  it('without the bucket location every setting carries the location error', async () => {
    bareBuckets(['nowhere']);
    s3.on(GetBucketLocationCommand).rejects(awsError('AccessDenied', 403));
    const { ctx } = testContext('us-east-1', 'global');
    const r = await collectBuckets(ctx);
    const b = r.status === 'ok' ? r.value[0] : undefined;
    expect(b?.region).toBe('unknown');
    expect(b?.versioning.status).toBe('access_denied');
    expect(b?.policy.status).toBe('access_denied');
    expect(s3.commandCalls(GetBucketPolicyCommand)).toHaveLength(0);
  });

  it('follows ListBuckets ContinuationToken pages', async () => {
    bareBuckets([]);
    s3.on(ListBucketsCommand)
      .resolvesOnce({ Buckets: [{ Name: 'a' }], ContinuationToken: 'next' })
      .resolvesOnce({ Buckets: [{ Name: 'b' }] });
    const { ctx } = testContext('us-east-1', 'global');
    const r = await collectBuckets(ctx);
    expect(r.status === 'ok' && r.value.map((b) => b.name)).toEqual(['a', 'b']);
    expect(s3.commandCalls(ListBucketsCommand)[1]?.args[0].input).toMatchObject({ ContinuationToken: 'next' });
  });

  it('ListBuckets denied => buckets access_denied with s3:ListAllMyBuckets', async () => {
    s3.on(ListBucketsCommand).rejects(awsError('AccessDenied', 403));
    const { ctx } = testContext('us-east-1', 'global');
    const r = await collectBuckets(ctx);
    expect(r.status !== 'ok' && r.error.permission).toBe('s3:ListAllMyBuckets');
  });
});

describe('S3 Control account public access block', () => {
  it('reads the configuration for the scanned account', async () => {
    s3control.on(GetAccountPabCommand, { AccountId: ACCOUNT }).resolves({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: false } });
    const { ctx } = testContext('us-east-1', 'global');
    expect(await collectAccountPublicAccessBlock(ctx)).toEqual({
      status: 'ok',
      value: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: false },
    });
  });
  it('not configured => ok(null)', async () => {
    s3control.on(GetAccountPabCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 404));
    const { ctx } = testContext('us-east-1', 'global');
    expect(await collectAccountPublicAccessBlock(ctx)).toEqual({ status: 'ok', value: null });
  });
  it('denied => access_denied naming s3:GetAccountPublicAccessBlock', async () => {
    s3control.on(GetAccountPabCommand).rejects(awsError('AccessDenied', 403));
    const { ctx } = testContext('us-east-1', 'global');
    const r = await collectAccountPublicAccessBlock(ctx);
    expect(r.status).toBe('access_denied');
    expect(r.status !== 'ok' && r.error.permission).toBe('s3:GetAccountPublicAccessBlock');
  });
});
