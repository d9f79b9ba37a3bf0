/** Resource-policy exposure checks, read through the real IAM engine (no mocks). */
import { describe, expect, it } from 'vitest';
import { checks as s3 } from '../../src/checks/s3.js';
import { checks as sns } from '../../src/checks/sns.js';
import { checks as sqs } from '../../src/checks/sqs.js';
import { checks as lambda } from '../../src/checks/lambda.js';
import { checks as ecr } from '../../src/checks/ecr.js';
import { checks as secrets } from '../../src/checks/secretsmanager.js';
import { checks as kms } from '../../src/checks/kms.js';
import { checks as efs } from '../../src/checks/efs.js';
import { runChecks } from '../../src/checks/engine.js';
import type { PolicyDocument, PublicAccessBlock, S3Bucket } from '../../src/model/inventory.js';
import type { Collected } from '../../src/model/collected.js';
import { ACCOUNT_ID, account, denied, inventory, NOW, ok } from '../helpers/inventory.js';
import { runner } from './serviceRunner.js';

const R = 'us-east-1';
const { statuses, run } = runner([...sns, ...sqs, ...lambda, ...ecr, ...secrets, ...kms, ...efs]);

const allowAll = (action: string, resource: string, extra: Record<string, unknown> = {}): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: action, Resource: resource, ...extra }],
});
const ownAccount = (action: string, resource: string): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: action, Resource: resource }],
});
const orgPinned = (action: string, resource: string): PolicyDocument =>
  allowAll(action, resource, { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } });

describe('SNS/SQS/ECR/Secrets/Lambda/EFS/KMS policy not public', () => {
  const topicArn = `arn:aws:sns:${R}:${ACCOUNT_ID}:t`;
  const topic = (policy: Collected<PolicyDocument | null>) => ({ sns: { topics: ok([{ arn: topicArn, name: 't', policy, subscriptions: ok([]) }]) } });
  it('sns: public FAIL, own account PASS, org-pinned PASS, none PASS, unreadable ERROR', () => {
    const id = 'sns_topic_policy_not_public';
    expect(statuses(id, topic(ok(allowAll('sns:Publish', topicArn))))).toEqual(['FAIL']);
    expect(statuses(id, topic(ok(ownAccount('sns:Publish', topicArn))))).toEqual(['PASS']);
    expect(statuses(id, topic(ok(orgPinned('sns:Publish', topicArn))))).toEqual(['PASS']);
    expect(statuses(id, topic(ok(null)))).toEqual(['PASS']);
    const e = run(id, topic(denied('sns:GetTopicAttributes')))[0]!;
    expect(e.status).toBe('ERROR');
    expect(e.reason).toContain('sns:GetTopicAttributes');
  });
  it('sns: a condition that does not restrict the caller (SecureTransport) stays public', () => {
    const p = allowAll('sns:Publish', topicArn, { Condition: { Bool: { 'aws:SecureTransport': 'true' } } });
    expect(statuses('sns_topic_policy_not_public', topic(ok(p)))).toEqual(['FAIL']);
  });
  it('sqs', () => {
    const arn = `arn:aws:sqs:${R}:${ACCOUNT_ID}:q`;
    const q = (policy: Collected<PolicyDocument | null>) => ({ sqs: { queues: ok([{ url: 'u', arn, name: 'q', policy }]) } });
    expect(statuses('sqs_queue_policy_not_public', q(ok(allowAll('sqs:SendMessage', arn))))).toEqual(['FAIL']);
    expect(statuses('sqs_queue_policy_not_public', q(ok(ownAccount('sqs:SendMessage', arn))))).toEqual(['PASS']);
    expect(statuses('sqs_queue_policy_not_public', q(denied()))).toEqual(['ERROR']);
  });
  it('lambda: public FAIL; service principal pinned by SourceArn PASS', () => {
    const arn = `arn:aws:lambda:${R}:${ACCOUNT_ID}:function:f`;
    const f = (policy: Collected<PolicyDocument | null>) => ({ lambda: { functions: ok([{ name: 'f', arn, runtime: 'python3.13', policy, url: ok(null) }]) } });
    expect(statuses('lambda_function_policy_not_public', f(ok(allowAll('lambda:InvokeFunction', arn))))).toEqual(['FAIL']);
    const pinned: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: arn,
        Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::my-bucket' }, StringEquals: { 'AWS:SourceAccount': ACCOUNT_ID } } }],
    };
    expect(statuses('lambda_function_policy_not_public', f(ok(pinned)))).toEqual(['PASS']);
    expect(statuses('lambda_function_policy_not_public', f(denied('lambda:GetPolicy')))).toEqual(['ERROR']);
  });
  it('ecr and secrets manager', () => {
    const repoArn = `arn:aws:ecr:${R}:${ACCOUNT_ID}:repository/r`;
    const repo = (policy: Collected<PolicyDocument | null>) => ({ ecr: { repositories: ok([{ name: 'r', arn: repoArn, policy, imageScanOnPush: true }]) } });
    expect(statuses('ecr_repository_policy_not_public', repo(ok(allowAll('ecr:BatchGetImage', repoArn))))).toEqual(['FAIL']);
    expect(statuses('ecr_repository_policy_not_public', repo(ok(null)))).toEqual(['PASS']);
    const secArn = `arn:aws:secretsmanager:${R}:${ACCOUNT_ID}:secret:s-AbCdEf`;
    const sec = (policy: Collected<PolicyDocument | null>) => ({ secretsmanager: { secrets: ok([{ name: 's', arn: secArn, rotationEnabled: true, policy }]) } });
    expect(statuses('secretsmanager_policy_not_public', sec(ok(allowAll('secretsmanager:GetSecretValue', '*'))))).toEqual(['FAIL']);
    expect(statuses('secretsmanager_policy_not_public', sec(ok(ownAccount('secretsmanager:GetSecretValue', '*'))))).toEqual(['PASS']);
  });
  it('kms: only customer managed keys; public key policy fails', () => {
    const arn = `arn:aws:kms:${R}:${ACCOUNT_ID}:key/k`;
    const key = (keyManager: 'AWS' | 'CUSTOMER', policy: Collected<PolicyDocument>) => ({ kms: { keys: ok([{ id: 'k', arn, keyManager, keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', keyOrigin: 'AWS_KMS', rotationEnabled: ok(true), policy }]) } });
    expect(statuses('kms_key_policy_not_public', key('CUSTOMER', ok(allowAll('kms:Decrypt', '*'))))).toEqual(['FAIL']);
    expect(statuses('kms_key_policy_not_public', key('CUSTOMER', ok(ownAccount('kms:*', '*'))))).toEqual(['PASS']);
    expect(statuses('kms_key_policy_not_public', key('AWS', ok(allowAll('kms:Decrypt', '*'))))).toEqual([]);
    expect(statuses('kms_key_policy_not_public', key('CUSTOMER', denied('kms:GetKeyPolicy')))).toEqual(['ERROR']);
  });
  it('efs: public FAIL, absent PASS, not collected ERROR', () => {
    const arn = `arn:aws:elasticfilesystem:${R}:${ACCOUNT_ID}:file-system/fs-1`;
    const fsx = (policy: Collected<PolicyDocument | null> | undefined) => ({ efs: { fileSystems: ok([{ id: 'fs-1', arn, encrypted: true, policy }]) } });
    expect(statuses('efs_policy_not_public', fsx(ok(allowAll('elasticfilesystem:ClientMount', arn))))).toEqual(['FAIL']);
    expect(statuses('efs_policy_not_public', fsx(ok(null)))).toEqual(['PASS']);
    expect(statuses('efs_policy_not_public', fsx(undefined))).toEqual(['ERROR']);
  });
});

describe('s3_bucket_policy_not_public', () => {
  const ARN = 'arn:aws:s3:::data';
  const ALL_ON: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
  const bucket = (x: Partial<S3Bucket>): S3Bucket => ({
    name: 'data', arn: ARN, region: R, policy: ok(null), policyStatus: ok(null), acl: ok({ grants: [] }), publicAccessBlock: ok(null),
    encryption: ok(null), versioning: ok({ status: 'Never', mfaDelete: false }), logging: ok(null), lifecycle: ok(null), objectLock: ok(null),
    ownershipControls: ok('BucketOwnerEnforced'), ...x,
  });
  const check = s3.find((c) => c.meta.id === 's3_bucket_policy_not_public')!;
  const st = (b: S3Bucket, pab: Collected<PublicAccessBlock | null> = ok(null)) =>
    runChecks(inventory([account({ s3: { buckets: ok([b]), accountPublicAccessBlock: pab } })]), [check], { now: NOW })[0]!.status;
  const pub = ok(allowAll('s3:GetObject', `${ARN}/*`));

  it('fails a public GetObject policy', () => {
    expect(st(bucket({ policy: pub }))).toBe('FAIL');
  });
  it('passes when the account-level RestrictPublicBuckets is on', () => {
    expect(st(bucket({ policy: pub }), ok(ALL_ON))).toBe('PASS');
  });
  it("fails when S3's own policy status says public even if the engine does not", () => {
    expect(st(bucket({ policy: ok(ownAccount('s3:GetObject', `${ARN}/*`)), policyStatus: ok({ isPublic: true }) }))).toBe('FAIL');
  });
  it('passes an org-pinned policy and no policy', () => {
    expect(st(bucket({ policy: ok(orgPinned('s3:GetObject', `${ARN}/*`)) }))).toBe('PASS');
    expect(st(bucket({}))).toBe('PASS');
  });
  it('errors when the policy or the Block Public Access state needed to judge it could not be read', () => {
    expect(st(bucket({ policy: denied('s3:GetBucketPolicy') }))).toBe('ERROR');
    expect(st(bucket({ policy: pub, publicAccessBlock: denied() }))).toBe('ERROR');
  });
});
