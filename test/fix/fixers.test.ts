import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessAnalyzerClient, CreateAnalyzerCommand, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { EC2Client, EnableEbsEncryptionByDefaultCommand, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { CreateDetectorCommand, GetDetectorCommand, GuardDutyClient, ListDetectorsCommand, UpdateDetectorCommand } from '@aws-sdk/client-guardduty';
import { GetAccountPasswordPolicyCommand, IAMClient, ListAccessKeysCommand, NoSuchEntityException, UpdateAccessKeyCommand, UpdateAccountPasswordPolicyCommand } from '@aws-sdk/client-iam';
import { EnableKeyRotationCommand, GetKeyRotationStatusCommand, KMSClient } from '@aws-sdk/client-kms';
import { DescribeDBInstancesCommand, ModifyDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetBucketPolicyCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand, PutBucketPolicyCommand, PutBucketVersioningCommand, PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPabCommand, PutPublicAccessBlockCommand as PutAccountPabCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { DescribeHubCommand, EnableSecurityHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyChange, rollbackEntry } from '../../src/fix/apply.js';
import { AwsExecutor } from '../../src/fix/executor.js';
import { ALL_FIXERS } from '../../src/fix/fixers/index.js';
import { mergeTlsOnly } from '../../src/fix/fixers/s3.js';
import { Journal } from '../../src/fix/journal.js';
import { buildPlan } from '../../src/fix/plan.js';
import type { PlannedChange } from '../../src/fix/types.js';
import type { AccountInventory, S3Bucket } from '../../src/model/inventory.js';
import type { CheckResult } from '../../src/model/result.js';
import { account, ACCOUNT_ID, inventory, NOW, ok } from '../helpers/inventory.js';

const journal = () => new Journal(mkdtempSync(join(tmpdir(), 'kenro-fix-')));
const opts = () => ({ journal: journal(), who: 'tester', fixers: ALL_FIXERS });

function result(checkId: string, region: string, resourceId: string, resourceArn?: string): CheckResult {
  return { checkId, status: 'FAIL', severity: 'high', account: ACCOUNT_ID, region, resourceType: 'x', resourceId, ...(resourceArn ? { resourceArn } : {}), reason: 'r', controls: {} };
}

function onlyChange(acct: AccountInventory, r: CheckResult, extra: { logBucket?: string } = {}): PlannedChange {
  const plan = buildPlan(inventory([acct]), [r], ALL_FIXERS, { now: NOW, ...extra });
  expect(plan.skipped).toEqual([]);
  expect(plan.changes).toHaveLength(1);
  return plan.changes[0]!;
}

function bucket(o: Partial<S3Bucket> = {}): S3Bucket {
  return {
    name: 'data', arn: 'arn:aws:s3:::data', region: 'eu-west-1',
    policy: ok(null), policyStatus: ok(null), acl: ok({ grants: [] }), publicAccessBlock: ok(null), encryption: ok(null),
    versioning: ok({ status: 'Never', mfaDelete: false }), logging: ok(null), lifecycle: ok(null), objectLock: ok(null), ownershipControls: ok(null),
    ...o,
  };
}

const iam = mockClient(IAMClient);
const s3 = mockClient(S3Client);
const s3c = mockClient(S3ControlClient);
const ec2 = mockClient(EC2Client);
const kms = mockClient(KMSClient);
const rds = mockClient(RDSClient);
const gd = mockClient(GuardDutyClient);
const sh = mockClient(SecurityHubClient);
const aa = mockClient(AccessAnalyzerClient);
beforeEach(() => [iam, s3, s3c, ec2, kms, rds, gd, sh, aa].forEach((m) => m.reset()));

describe('password policy fixer', () => {
  const r = result('iam_password_policy_min_length_14', 'global', ACCOUNT_ID);

  it('keeps stricter settings and sends the whole policy', async () => {
    const acct = account({ iam: { passwordPolicy: ok({ minimumPasswordLength: 8, passwordReusePrevention: 30, requireSymbols: true }) } });
    const change = onlyChange(acct, r);
    expect(change.calls[0]!.params).toEqual({ MinimumPasswordLength: 14, PasswordReusePrevention: 30, RequireSymbols: true });
    iam.on(GetAccountPasswordPolicyCommand)
      .resolvesOnce({ PasswordPolicy: { MinimumPasswordLength: 8, PasswordReusePrevention: 30, RequireSymbols: true } })
      .resolves({ PasswordPolicy: { MinimumPasswordLength: 14, PasswordReusePrevention: 30, RequireSymbols: true } });
    const { entry } = await applyChange(change, new AwsExecutor(), opts());
    expect(entry.outcome).toBe('applied');
    expect(entry.verification?.stateMatches).toBe(true);
    expect(iam.commandCalls(UpdateAccountPasswordPolicyCommand)[0]!.args[0].input).toEqual({ MinimumPasswordLength: 14, PasswordReusePrevention: 30, RequireSymbols: true });
  });

  it('creates a policy when there is none, and its rollback deletes it', async () => {
    const change = onlyChange(account({ iam: { passwordPolicy: ok(null) } }), r);
    expect(change.before).toBeNull();
    expect(change.rollback.map((c) => c.operation)).toEqual(['DeleteAccountPasswordPolicy']);
    iam.on(GetAccountPasswordPolicyCommand).rejects(new NoSuchEntityException({ message: 'The Password Policy with domain name 111122223333 cannot be found.', $metadata: {} }));
    iam.on(UpdateAccountPasswordPolicyCommand).resolves({});
    const { entry } = await applyChange(change, new AwsExecutor(), opts());
    // the mock still answers NoSuchEntity after the update, so verification must say it failed
    expect(entry.verification?.stateMatches).toBe(false);
  });

  it('skips when the policy was not read', () => {
    const acct = account({ iam: { passwordPolicy: { status: 'access_denied', error: { code: 'AccessDenied', message: 'no' } } } });
    const plan = buildPlan(inventory([acct]), [r], ALL_FIXERS, { now: NOW });
    expect(plan.changes).toEqual([]);
    expect(plan.skipped[0]!.reason).toMatch(/not read/);
  });
});

describe('access key fixer', () => {
  const user = (keys: { id: string; created: string; used?: string }[]) =>
    account({
      iam: {
        users: ok([{ arn: `arn:aws:iam::${ACCOUNT_ID}:user/bob`, name: 'bob', id: 'AIDA1', path: '/', createDate: '2024-01-01T00:00:00Z', inlinePolicies: [], attachedPolicies: [], groups: [], accessKeys: ok(keys.map((k) => ({ id: k.id, status: 'Active' as const, createDate: k.created, lastUsed: ok(k.used ? { date: k.used } : {}) }))), mfaDevices: ok([]) }]),
      },
    });

  it('deactivates only the stale key, never deletes, and rollback reactivates it', async () => {
    const acct = user([{ id: 'AKIAOLD', created: '2025-01-01T00:00:00Z', used: '2026-03-01T00:00:00Z' }, { id: 'AKIANEW', created: '2026-06-01T00:00:00Z', used: '2026-06-14T00:00:00Z' }]);
    const change = onlyChange(acct, result('iam_user_unused_credentials_45_days', 'global', 'bob', `arn:aws:iam::${ACCOUNT_ID}:user/bob`));
    expect(change.calls).toEqual([expect.objectContaining({ operation: 'UpdateAccessKey', params: { UserName: 'bob', AccessKeyId: 'AKIAOLD', Status: 'Inactive' } })]);
    expect(change.rollback[0]!.params).toEqual({ UserName: 'bob', AccessKeyId: 'AKIAOLD', Status: 'Active' });
    expect(change.calls.some((c) => /Delete/.test(c.operation))).toBe(false);
    iam.on(ListAccessKeysCommand)
      .resolvesOnce({ AccessKeyMetadata: [{ AccessKeyId: 'AKIAOLD', Status: 'Active' }, { AccessKeyId: 'AKIANEW', Status: 'Active' }] })
      .resolves({ AccessKeyMetadata: [{ AccessKeyId: 'AKIAOLD', Status: 'Inactive' }, { AccessKeyId: 'AKIANEW', Status: 'Active' }] });
    const o = opts();
    const { entry } = await applyChange(change, new AwsExecutor(), o);
    expect(entry.verification?.stateMatches).toBe(true);
    expect(iam.commandCalls(UpdateAccessKeyCommand)).toHaveLength(1);
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [{ AccessKeyId: 'AKIAOLD', Status: 'Active' }, { AccessKeyId: 'AKIANEW', Status: 'Active' }] });
    // after rollback the live state equals the before-state already at the first read: no call needed
    const back = await rollbackEntry(entry.id, new AwsExecutor(), o);
    expect(back.outcome).toBe('rolled-back');
  });

  it('counts a never-used key from its creation and warns about keys in recent use', () => {
    const never = onlyChange(user([{ id: 'AKIAX', created: '2026-04-01T00:00:00Z' }]), result('iam_user_unused_credentials_45_days', 'global', 'bob'));
    expect(never.calls).toHaveLength(1);
    const rotated = onlyChange(user([{ id: 'AKIAY', created: '2025-01-01T00:00:00Z', used: '2026-06-14T00:00:00Z' }]), result('iam_user_access_keys_rotated_90_days', 'global', 'bob'));
    expect(rotated.warnings.join(' ')).toMatch(/used in the last 7 days/);
  });
});

describe('S3 fixers', () => {
  it('merges the TLS-only statement into an existing policy without touching other statements', () => {
    const existing = { Version: '2012-10-17', Statement: [{ Sid: 'KenroDenyInsecureTransport', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }] };
    const merged = mergeTlsOnly(existing, 'data');
    const stmts = merged.Statement as Record<string, unknown>[];
    expect(stmts[0]).toEqual(existing.Statement[0]);
    expect(stmts[1]).toMatchObject({ Sid: 'KenroDenyInsecureTransport2', Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(mergeTlsOnly({ Version: '2012-10-17', Statement: existing.Statement[0] }, 'data').Statement).toHaveLength(2);
  });

  it('applies the TLS-only policy and its rollback restores the exact previous policy', async () => {
    const previous = { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' }] };
    const change = onlyChange(account({ s3: { buckets: ok([bucket({ policy: ok(previous) })]) } }), result('s3_bucket_tls_only', 'eu-west-1', 'data', 'arn:aws:s3:::data'));
    const after = (change.after as { policy: object }).policy;
    s3.on(GetBucketPolicyCommand).resolvesOnce({ Policy: JSON.stringify(previous) }).resolves({ Policy: JSON.stringify(after) });
    s3.on(PutBucketPolicyCommand).resolves({});
    const { entry } = await applyChange(change, new AwsExecutor(), opts());
    expect(entry.verification?.stateMatches).toBe(true);
    expect(JSON.parse(String(s3.commandCalls(PutBucketPolicyCommand)[0]!.args[0].input.Policy))).toEqual(after);
    expect(JSON.parse(String(change.rollback[0]!.params.Policy))).toEqual(previous);
  });

  it('blocks public access on a bucket, warning when the bucket is public today', async () => {
    const change = onlyChange(account({ s3: { buckets: ok([bucket({ policyStatus: ok({ isPublic: true }) })]) } }), result('s3_bucket_public_access_block', 'eu-west-1', 'data'));
    expect(change.warnings.join(' ')).toMatch(/public by its policy today/);
    expect(change.rollback.map((c) => c.operation)).toEqual(['DeletePublicAccessBlock']);
    s3.on(GetPublicAccessBlockCommand).rejects(Object.assign(new Error('The public access block configuration was not found'), { name: 'NoSuchPublicAccessBlockConfiguration' }));
    s3.on(PutPublicAccessBlockCommand).resolves({});
    const { entry } = await applyChange(change, new AwsExecutor(), opts());
    expect(s3.commandCalls(PutPublicAccessBlockCommand)[0]!.args[0].input).toEqual({ Bucket: 'data', PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } });
    expect(entry.outcome).toBe('applied');
  });

  it('blocks public access for the account through S3 Control with the account id', async () => {
    const change = onlyChange(account({ s3: { accountPublicAccessBlock: ok(null) } }), result('s3_account_public_access_block', 'global', ACCOUNT_ID));
    const on = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
    s3c.on(GetAccountPabCommand).rejectsOnce(Object.assign(new Error('no'), { name: 'NoSuchPublicAccessBlockConfiguration' })).resolves({ PublicAccessBlockConfiguration: on });
    s3c.on(PutAccountPabCommand).resolves({});
    const { entry } = await applyChange(change, new AwsExecutor(), opts());
    expect(s3c.commandCalls(PutAccountPabCommand)[0]!.args[0].input).toEqual({ AccountId: ACCOUNT_ID, PublicAccessBlockConfiguration: on });
    expect(entry.verification?.stateMatches).toBe(true);
  });

  it('enables versioning and says that "never enabled" cannot be restored', async () => {
    const change = onlyChange(account({ s3: { buckets: ok([bucket()]) } }), result('s3_bucket_versioning_enabled', 'eu-west-1', 'data'));
    expect(change.cannotRestore.join(' ')).toMatch(/never/);
    s3.on(GetBucketVersioningCommand).resolvesOnce({}).resolves({ Status: 'Enabled' });
    s3.on(PutBucketVersioningCommand).resolves({});
    const { entry } = await applyChange(change, new AwsExecutor(), opts());
    expect(entry.verification?.stateMatches).toBe(true);
    expect(entry.rollback[0]!.params).toEqual({ Bucket: 'data', VersioningConfiguration: { Status: 'Suspended' } });
  });

  it('needs --log-bucket for access logging', () => {
    const acct = account({ s3: { buckets: ok([bucket()]) } });
    const r = result('s3_bucket_access_logging', 'eu-west-1', 'data');
    expect(buildPlan(inventory([acct]), [r], ALL_FIXERS, { now: NOW }).skipped[0]!.reason).toMatch(/--log-bucket/);
    const change = onlyChange(acct, r, { logBucket: 'logs' });
    expect(change.calls[0]!.params).toEqual({ Bucket: 'data', BucketLoggingStatus: { LoggingEnabled: { TargetBucket: 'logs', TargetPrefix: 'data/' } } });
  });
});

describe('regional fixers', () => {
  it('EBS default encryption: enable, verify, rollback disables', async () => {
    const change = onlyChange(account({}, { 'eu-west-1': { ec2: { ebsEncryptionByDefault: ok(false) } } }), result('ec2_ebs_default_encryption', 'eu-west-1', ACCOUNT_ID));
    ec2.on(GetEbsEncryptionByDefaultCommand).resolvesOnce({ EbsEncryptionByDefault: false }).resolves({ EbsEncryptionByDefault: true });
    ec2.on(EnableEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: true });
    const { entry } = await applyChange(change, new AwsExecutor(), opts());
    expect(entry.verification?.stateMatches).toBe(true);
    expect(entry.rollback.map((c) => c.operation)).toEqual(['DisableEbsEncryptionByDefault']);
  });

  it('KMS rotation on a customer key', async () => {
    const key = { id: 'k1', arn: `arn:aws:kms:eu-west-1:${ACCOUNT_ID}:key/k1`, keyManager: 'CUSTOMER' as const, keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', keyOrigin: 'AWS_KMS', rotationEnabled: ok(false), policy: ok({}) };
    const change = onlyChange(account({}, { 'eu-west-1': { kms: { keys: ok([key]) } } }), result('kms_cmk_rotation_enabled', 'eu-west-1', 'k1', key.arn));
    kms.on(GetKeyRotationStatusCommand).resolvesOnce({ KeyRotationEnabled: false }).resolves({ KeyRotationEnabled: true });
    kms.on(EnableKeyRotationCommand).resolves({});
    const { entry } = await applyChange(change, new AwsExecutor(), opts());
    expect(kms.commandCalls(EnableKeyRotationCommand)[0]!.args[0].input).toEqual({ KeyId: 'k1' });
    expect(entry.verification?.stateMatches).toBe(true);
  });

  it('RDS public access off, applied immediately', async () => {
    const db = { id: 'db1', arn: `arn:aws:rds:eu-west-1:${ACCOUNT_ID}:db:db1`, engine: 'postgres', publiclyAccessible: true, storageEncrypted: true, multiAz: false, autoMinorVersionUpgrade: true, backupRetentionPeriod: 7, deletionProtection: false, vpcSecurityGroupIds: [] };
    const change = onlyChange(account({}, { 'eu-west-1': { rds: { instances: ok([db]) } } }), result('rds_instance_not_public', 'eu-west-1', 'db1', db.arn));
    rds.on(DescribeDBInstancesCommand).resolvesOnce({ DBInstances: [{ PubliclyAccessible: true }] }).resolves({ DBInstances: [{ PubliclyAccessible: false }] });
    rds.on(ModifyDBInstanceCommand).resolves({});
    await applyChange(change, new AwsExecutor(), opts());
    expect(rds.commandCalls(ModifyDBInstanceCommand)[0]!.args[0].input).toEqual({ DBInstanceIdentifier: 'db1', PubliclyAccessible: false, ApplyImmediately: true });
  });

  it('GuardDuty: creates a detector and builds the rollback from the id AWS assigned', async () => {
    const change = onlyChange(account({}, { 'eu-west-1': { guardduty: { detectors: ok([]) } } }), result('guardduty_enabled_all_regions', 'eu-west-1', ACCOUNT_ID));
    gd.on(ListDetectorsCommand).resolvesOnce({ DetectorIds: [] }).resolves({ DetectorIds: ['d-123'] });
    gd.on(GetDetectorCommand).resolves({ Status: 'ENABLED', ServiceRole: 'r', CreatedAt: 'x' } as never);
    gd.on(CreateDetectorCommand).resolves({ DetectorId: 'd-123' });
    const { entry } = await applyChange(change, new AwsExecutor(), opts());
    expect(entry.verification?.stateMatches).toBe(true);
    expect(entry.rollback).toEqual([expect.objectContaining({ operation: 'UpdateDetector', params: { DetectorId: 'd-123', Enable: false } })]);
    expect(gd.commandCalls(UpdateDetectorCommand)).toHaveLength(0);
  });

  it('Security Hub and Access Analyzer', async () => {
    const acct = account({}, { 'eu-west-1': { securityhub: { hub: ok(null), standards: ok([]) }, accessanalyzer: { analyzers: ok([]) } } });
    const hub = onlyChange(acct, result('securityhub_enabled', 'eu-west-1', ACCOUNT_ID));
    sh.on(DescribeHubCommand).rejectsOnce(Object.assign(new Error('not subscribed'), { name: 'InvalidAccessException' })).resolves({ HubArn: 'arn' });
    sh.on(EnableSecurityHubCommand).resolves({});
    expect((await applyChange(hub, new AwsExecutor(), opts())).entry.verification?.stateMatches).toBe(true);
    expect(sh.commandCalls(EnableSecurityHubCommand)[0]!.args[0].input).toEqual({ EnableDefaultStandards: true });
    const analyzer = onlyChange(acct, result('accessanalyzer_enabled_all_regions', 'eu-west-1', ACCOUNT_ID));
    aa.on(ListAnalyzersCommand).resolvesOnce({ analyzers: [] }).resolves({ analyzers: [{ status: 'ACTIVE' }] as never });
    aa.on(CreateAnalyzerCommand).resolves({ arn: 'a' });
    expect((await applyChange(analyzer, new AwsExecutor(), opts())).entry.verification?.stateMatches).toBe(true);
    expect(aa.commandCalls(CreateAnalyzerCommand)[0]!.args[0].input).toEqual({ analyzerName: 'kenro-account-analyzer', type: 'ACCOUNT' });
  });
});
