import {
  CloudTrailClient, CreateTrailCommand, DeleteTrailCommand, GetTrailCommand, GetTrailStatusCommand, StartLoggingCommand, StopLoggingCommand,
  TrailNotFoundException, UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateAliasCommand, CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateBucketCommand, HeadBucketCommand, NotFound, PutBucketEncryptionCommand, PutBucketPolicyCommand, PutBucketVersioningCommand,
  PutPublicAccessBlockCommand, S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyChange, rollbackEntry } from '../../src/fix/apply.js';
import { AwsExecutor } from '../../src/fix/executor.js';
import { cloudTrailBucketPolicy, cloudTrailKeyPolicy } from '../../src/fix/fixers/cloudtrail.js';
import type { S3Bucket } from '../../src/model/inventory.js';
import { account, ACCOUNT_ID, ok, trail } from '../helpers/inventory.js';
import { applyOpts, failing, journaled, mutatingCommands, planOne, skipReason, totalCalls } from './fixers2-common.js';

const ct = mockClient(CloudTrailClient);
const kms = mockClient(KMSClient);
const s3 = mockClient(S3Client);
beforeEach(() => [ct, kms, s3].forEach((m) => m.reset()));

const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT_ID}:key/0000-new`;
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT_ID}:trail/kenro-trail`;
const notFound = () => new TrailNotFoundException({ message: 'Unknown trail', $metadata: {} });

function bucket(name: string, region = 'us-east-1'): S3Bucket {
  return {
    name, arn: `arn:aws:s3:::${name}`, region, policy: ok(null), policyStatus: ok(null), acl: ok({ grants: [] }), publicAccessBlock: ok(null), encryption: ok(null),
    versioning: ok({ status: 'Never', mfaDelete: false }), logging: ok(null), lifecycle: ok(null), objectLock: ok(null), ownershipControls: ok(null),
  };
}

describe('cloudtrail_multi_region_enable: no trail -> create one', () => {
  const r = failing('cloudtrail_multi_region_enabled', 'global', ACCOUNT_ID);

  it('plans bucket, key and trail in the documented order without calling AWS', () => {
    const change = planOne(account(), r);
    expect(totalCalls(ct, kms, s3)).toBe(0);
    expect(change.calls.map((c) => `${c.service}:${c.operation}`)).toEqual([
      's3:CreateBucket', 's3:PutPublicAccessBlock', 's3:PutBucketVersioning', 'kms:CreateKey', 'kms:EnableKeyRotation', 'kms:CreateAlias',
      's3:PutBucketEncryption', 's3:PutBucketPolicy', 'cloudtrail:CreateTrail', 'cloudtrail:StartLogging',
    ]);
    expect(change.region).toBe('us-east-1');
    expect(change.rollback.map((c) => c.operation)).toEqual(['StopLogging', 'DeleteTrail']);
    expect(change.cannotRestore.join(' ')).toMatch(/never deletes buckets/);
    expect(change.cannotRestore.join(' ')).toMatch(/KMS key/);
  });

  it('makes the exact calls, feeding the new key into the trail and the bucket, and journals them', async () => {
    const change = planOne(account(), r);
    ct.on(GetTrailCommand).rejectsOnce(notFound()).resolves({ Trail: { Name: 'kenro-trail', IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, LogFileValidationEnabled: true, KmsKeyId: KEY_ARN } });
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    s3.on(HeadBucketCommand).rejectsOnce(new NotFound({ message: 'Not Found', $metadata: {} })).resolves({});
    kms.on(CreateKeyCommand).resolves({ KeyMetadata: { KeyId: '0000-new', Arn: KEY_ARN } as never });
    const { entry, journalFile } = await applyChange(change, new AwsExecutor(), applyOpts());
    expect(entry.outcome).toBe('applied');
    expect(entry.verification?.stateMatches).toBe(true);

    const bucketName = `kenro-cloudtrail-${ACCOUNT_ID}`;
    expect(s3.commandCalls(CreateBucketCommand)[0]!.args[0].input).toEqual({ Bucket: bucketName, ObjectOwnership: 'BucketOwnerEnforced' });
    expect(s3.commandCalls(PutPublicAccessBlockCommand)[0]!.args[0].input.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    expect(s3.commandCalls(PutBucketVersioningCommand)[0]!.args[0].input.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const key = kms.commandCalls(CreateKeyCommand)[0]!.args[0].input;
    expect(JSON.parse(key.Policy!)).toEqual(cloudTrailKeyPolicy('aws', ACCOUNT_ID, TRAIL_ARN));
    expect(kms.commandCalls(EnableKeyRotationCommand)[0]!.args[0].input).toEqual({ KeyId: '0000-new' });
    expect(kms.commandCalls(CreateAliasCommand)[0]!.args[0].input).toEqual({ AliasName: 'alias/kenro-cloudtrail', TargetKeyId: '0000-new' });
    expect(s3.commandCalls(PutBucketEncryptionCommand)[0]!.args[0].input.ServerSideEncryptionConfiguration).toEqual({
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: KEY_ARN }, BucketKeyEnabled: true }],
    });
    const policy = JSON.parse(s3.commandCalls(PutBucketPolicyCommand)[0]!.args[0].input.Policy!);
    expect(policy).toEqual(cloudTrailBucketPolicy('aws', ACCOUNT_ID, bucketName, TRAIL_ARN));
    expect(ct.commandCalls(CreateTrailCommand)[0]!.args[0].input).toEqual({
      Name: 'kenro-trail', S3BucketName: bucketName, IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, EnableLogFileValidation: true,
      KmsKeyId: KEY_ARN, TagsList: [{ Key: 'created-by', Value: 'kenro' }],
    });
    expect(ct.commandCalls(StartLoggingCommand)[0]!.args[0].input).toEqual({ Name: 'kenro-trail' });

    const written = journaled(journalFile);
    expect(written.who).toMatch(/assumed-role/);
    expect(written.calls.every((c) => c.ok)).toBe(true);
    // The journal names the key that stays behind.
    expect(written.cannotRestore.join(' ')).toContain(KEY_ARN);
  });

  it('the bucket policy lets only CloudTrail for this trail write, and only over TLS', () => {
    const p = cloudTrailBucketPolicy('aws', ACCOUNT_ID, 'b', TRAIL_ARN) as { Statement: { Sid?: string; Effect: string; Condition?: Record<string, Record<string, string>> }[] };
    const write = p.Statement.find((s) => s.Sid === 'AWSCloudTrailWrite')!;
    expect(write.Condition!.StringEquals).toEqual({ 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN });
    expect(p.Statement.find((s) => s.Sid === 'AWSCloudTrailAclCheck')!.Condition!.StringEquals).toEqual({ 'aws:SourceArn': TRAIL_ARN });
    expect(p.Statement.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')).toBe(true);
  });

  it('rollback stops logging and deletes the trail, never the bucket or the key', async () => {
    const change = planOne(account(), r);
    ct.on(GetTrailCommand).rejectsOnce(notFound()).resolves({ Trail: { Name: 'kenro-trail', IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, LogFileValidationEnabled: true, KmsKeyId: KEY_ARN } });
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    s3.on(HeadBucketCommand).rejectsOnce(new NotFound({ message: 'Not Found', $metadata: {} })).resolves({});
    kms.on(CreateKeyCommand).resolves({ KeyMetadata: { KeyId: '0000-new', Arn: KEY_ARN } as never });
    const opts = applyOpts();
    const { entry } = await applyChange(change, new AwsExecutor(), opts);
    [ct, kms, s3].forEach((m) => m.reset());
    ct.on(GetTrailCommand).resolvesOnce({ Trail: { Name: 'kenro-trail', IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, LogFileValidationEnabled: true, KmsKeyId: KEY_ARN } }).rejects(notFound());
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    s3.on(HeadBucketCommand).resolves({});
    const back = await rollbackEntry(entry.id, new AwsExecutor(), opts);
    expect(back.outcome).toBe('rolled-back');
    expect(mutatingCommands(ct, kms, s3)).toEqual(['StopLogging', 'DeleteTrail']);
    expect(ct.commandCalls(DeleteTrailCommand)[0]!.args[0].input).toEqual({ Name: 'kenro-trail' });
    expect(back.after).toEqual({ exists: false, bucket: true });
  });

  it('refuses on drift: the bucket appeared since the plan', async () => {
    const change = planOne(account(), r);
    ct.on(GetTrailCommand).rejects(notFound());
    s3.on(HeadBucketCommand).resolves({});
    const { entry } = await applyChange(change, new AwsExecutor(), applyOpts());
    expect(entry.outcome).toBe('refused-drift');
    expect(mutatingCommands(ct, kms, s3)).toEqual([]);
  });

  it('does not reuse a bucket of that name it did not create', () => {
    expect(skipReason(account({ s3: { buckets: ok([bucket(`kenro-cloudtrail-${ACCOUNT_ID}`)]) } }), r)).toMatch(/already exists/);
  });
});

describe('cloudtrail_multi_region_enable: update the own trail', () => {
  const single = trail({ name: 'main', isMultiRegion: false, includeGlobalServiceEvents: false, logFileValidationEnabled: false, kmsKeyId: undefined, status: ok({ isLogging: false }) });
  const acct = () => account({ s3: { buckets: ok([bucket('trail-bucket')]) } }, { 'us-east-1': { cloudtrail: { trails: ok([single]) } } });
  const live = (multi: boolean, validation: boolean, key: string | undefined) => ({ Trail: { Name: 'main', IsMultiRegionTrail: multi, IncludeGlobalServiceEvents: multi, LogFileValidationEnabled: validation, ...(key ? { KmsKeyId: key } : {}) } });

  it('the three trail checks plan one and the same change', () => {
    const a = acct();
    const ids = ['cloudtrail_multi_region_enabled', 'cloudtrail_log_file_validation_enabled', 'cloudtrail_kms_encryption_enabled'].map((c) =>
      planOne(a, failing(c, c === 'cloudtrail_multi_region_enabled' ? 'global' : 'us-east-1', c === 'cloudtrail_multi_region_enabled' ? ACCOUNT_ID : 'main', c === 'cloudtrail_multi_region_enabled' ? undefined : single.arn)).id,
    );
    expect(new Set(ids).size).toBe(1);
  });

  it('creates a key for the trail, updates it and starts logging; rollback restores the old settings', async () => {
    const change = planOne(acct(), failing('cloudtrail_log_file_validation_enabled', 'us-east-1', 'main', single.arn));
    expect(change.calls.map((c) => c.operation)).toEqual(['CreateKey', 'EnableKeyRotation', 'CreateAlias', 'UpdateTrail', 'StartLogging']);
    ct.on(GetTrailCommand).resolvesOnce(live(false, false, undefined)).resolves(live(true, true, KEY_ARN));
    ct.on(GetTrailStatusCommand).resolvesOnce({ IsLogging: false }).resolves({ IsLogging: true });
    kms.on(CreateKeyCommand).resolves({ KeyMetadata: { KeyId: '0000-new', Arn: KEY_ARN } as never });
    const opts = applyOpts();
    const { entry } = await applyChange(change, new AwsExecutor(), opts);
    expect(entry.outcome).toBe('applied');
    expect(entry.verification?.stateMatches).toBe(true);
    expect(ct.commandCalls(UpdateTrailCommand)[0]!.args[0].input).toEqual({ Name: 'main', IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, EnableLogFileValidation: true, KmsKeyId: KEY_ARN });
    expect(JSON.parse(kms.commandCalls(CreateKeyCommand)[0]!.args[0].input.Policy!)).toEqual(cloudTrailKeyPolicy('aws', ACCOUNT_ID, single.arn));

    [ct, kms, s3].forEach((m) => m.reset());
    ct.on(GetTrailCommand).resolvesOnce(live(true, true, KEY_ARN)).resolves(live(false, false, undefined));
    ct.on(GetTrailStatusCommand).resolvesOnce({ IsLogging: true }).resolves({ IsLogging: false });
    const back = await rollbackEntry(entry.id, new AwsExecutor(), opts);
    expect(back.outcome).toBe('rolled-back');
    expect(back.verification?.stateMatches).toBe(true);
    expect(ct.commandCalls(UpdateTrailCommand)[0]!.args[0].input).toEqual({ Name: 'main', IsMultiRegionTrail: false, IncludeGlobalServiceEvents: false, EnableLogFileValidation: false, KmsKeyId: '' });
    expect(ct.commandCalls(StopLoggingCommand)).toHaveLength(1);
    expect(mutatingCommands(kms)).toEqual([]);
  });

  it('is idempotent once the trail is fixed', async () => {
    const change = planOne(acct(), failing('cloudtrail_kms_encryption_enabled', 'us-east-1', 'main', single.arn));
    ct.on(GetTrailCommand).resolves(live(true, true, KEY_ARN));
    ct.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    const { entry } = await applyChange(change, new AwsExecutor(), applyOpts());
    expect(entry.outcome).toBe('already-fixed');
    expect(mutatingCommands(ct, kms, s3)).toEqual([]);
  });

  it('leaves organization trails and trails with narrowed event selectors alone', () => {
    const org = trail({ name: 'org', isOrganizationTrail: true, ownedByOtherAccount: true, logFileValidationEnabled: false });
    expect(skipReason(account({}, { 'us-east-1': { cloudtrail: { trails: ok([org]) } } }), failing('cloudtrail_log_file_validation_enabled', 'us-east-1', 'org', org.arn))).toMatch(/management account/);
    const narrow = trail({ name: 'w', isMultiRegion: false, eventSelectors: ok({ basic: [{ readWriteType: 'WriteOnly', includeManagementEvents: true, dataResources: [] }] }) });
    expect(skipReason(account({}, { 'us-east-1': { cloudtrail: { trails: ok([narrow]) } } }), failing('cloudtrail_multi_region_enabled', 'global', ACCOUNT_ID))).toMatch(/event selectors/);
  });
});
