import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { AccountClient, GetAlternateContactCommand } from '@aws-sdk/client-account';
import { BudgetsClient, DescribeBudgetsCommand } from '@aws-sdk/client-budgets';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { DescribeInstancesCommand, DescribeRegionsCommand, EC2Client, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { EFSClient } from '@aws-sdk/client-efs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetCredentialReportCommand,
  IAMClient,
  ListAccountAliasesCommand,
} from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { RDSClient } from '@aws-sdk/client-rds';
import { GetBucketLocationCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collectInventory, validateRegions } from '../../../src/sources/aws/collect.js';
import { loadCollector, notCollectedKey, REGIONAL_FIELDS, REGIONAL_KEYS } from '../../../src/sources/aws/regional.js';
import { ACCOUNT, awsError } from './a-helpers.js';

const CLIENTS = [
  AccessAnalyzerClient, AccountClient, BudgetsClient, CloudTrailClient, CloudWatchClient, CloudWatchLogsClient, ConfigServiceClient, EC2Client, ECRClient,
  EFSClient, ElasticLoadBalancingV2Client, GuardDutyClient, IAMClient, KMSClient, LambdaClient, OrganizationsClient, RDSClient, S3Client, S3ControlClient,
  SecretsManagerClient, SecurityHubClient, SNSClient, SQSClient, STSClient,
] as const;
const mocks = new Map(CLIENTS.map((c) => [c, mockClient(c as never)]));
const m = <C>(c: C) => mocks.get(c as never)!;

const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
beforeAll(() => {
  // Never reach for real credentials: every client is mocked, but keep the chain short anyway.
  process.env.AWS_ACCESS_KEY_ID = 'AKIDTEST';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
});
afterAll(() => {
  if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
  else process.env.AWS_ACCESS_KEY_ID = saved.id;
  if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
  else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
});

beforeEach(() => {
  for (const mock of mocks.values()) {
    mock.reset();
    mock.onAnyCommand().resolves({}); // an empty account: every list empty, nothing configured
  }
  m(STSClient).on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/scanner`, UserId: 'AIDASCANNER' });
  m(EC2Client).on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1' }, { RegionName: 'eu-west-1' }] });
  m(EC2Client).on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: true });
  m(IAMClient).on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  m(IAMClient).on(GetCredentialReportCommand).resolves({ Content: new TextEncoder().encode('user,arn\n') });
  m(IAMClient).on(GetAccountAuthorizationDetailsCommand).resolves({ IsTruncated: false, UserDetailList: [], RoleDetailList: [], GroupDetailList: [], Policies: [] });
  m(IAMClient).on(ListAccountAliasesCommand).resolves({ AccountAliases: ['prod'], IsTruncated: false });
  m(S3Client).on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'b1' }] });
  m(S3Client).on(GetBucketLocationCommand).resolves({ LocationConstraint: 'eu-west-1' });
  m(OrganizationsClient).on(DescribeOrganizationCommand).rejects(awsError('AWSOrganizationsNotInUseException', 400));
  m(AccountClient).on(GetAlternateContactCommand).rejects(awsError('ResourceNotFoundException', 404));
  m(BudgetsClient).on(DescribeBudgetsCommand).resolves({ Budgets: [] });
});

describe('collectInventory', () => {
  it('collects identity, enabled regions, global services once and every region', async () => {
    const progress: [number, number][] = [];
    const r = await collectInventory({ concurrency: 8, onProgress: (d, t) => progress.push([d, t]) });
    const a = r.inventory.accounts[0]!;
    expect(r.inventory.source.kind).toBe('live');
    expect(a.accountId).toBe(ACCOUNT);
    expect(a.partition).toBe('aws');
    expect(a.alias).toBe('prod');
    expect(a.caller).toEqual({ arn: `arn:aws:iam::${ACCOUNT}:user/scanner`, userId: 'AIDASCANNER' });
    expect(a.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(Object.keys(a.regional).sort()).toEqual(['eu-west-1', 'us-east-1']);
    for (const region of a.regions) {
      const inv = a.regional[region]!;
      expect(inv.region).toBe(region);
      for (const key of REGIONAL_KEYS) expect(inv[key], `${region} ${key}`).toBeDefined();
      expect(inv.ec2.ebsEncryptionByDefault, JSON.stringify(inv.ec2.ebsEncryptionByDefault)).toEqual({ status: "ok", value: true });
    }
    expect(a.organization).toEqual({ status: 'ok', value: null });
    expect(a.contacts).toEqual({ status: 'ok', value: { security: null, billing: null, operations: null } });
    expect(a.budgets).toEqual({ status: 'ok', value: [] });
    // The credential report here has only two columns: failed, with the missing column named.
    expect(a.iam.credentialReport.status).toBe('failed');
    expect(r.issues.find((i) => i.what === 'iam credential report')?.message).toMatch(/user_creation_time/);
    const bucket = a.s3.buckets.status === 'ok' ? a.s3.buckets.value[0] : undefined;
    expect(bucket?.region).toBe('eu-west-1');
    // Each EC2 read once per region; DescribeRegions once.
    expect(m(EC2Client).commandCalls(DescribeInstancesCommand)).toHaveLength(2);
    expect(m(EC2Client).commandCalls(DescribeRegionsCommand)).toHaveLength(1);
    expect(m(IAMClient).commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(1);
    expect(r.stats.apiCalls).toBeGreaterThan(50);
    const last = progress[progress.length - 1];
    expect(last?.[0]).toBe(last?.[1]);
    expect(last?.[1]).toBe(7 + 2 * REGIONAL_KEYS.length);
  });

  it('--regions skips DescribeRegions and rejects names that are not regions', async () => {
    const r = await collectInventory({ regions: ['ap-northeast-1'] });
    expect(r.inventory.accounts[0]?.regions).toEqual(['ap-northeast-1']);
    expect(m(EC2Client).commandCalls(DescribeRegionsCommand)).toHaveLength(0);
    expect(() => validateRegions(['eu-west-1', 'europe'])).toThrow(/not a region name: europe/);
  });

  it('records denials as issues with account, region, permission, and the values as access_denied', async () => {
    m(EC2Client).on(DescribeInstancesCommand).rejects(awsError('UnauthorizedOperation', 403, 'You are not authorized to perform this operation.'));
    const r = await collectInventory({ regions: ['eu-west-1'] });
    const inv = r.inventory.accounts[0]!.regional['eu-west-1']!;
    expect(inv.ec2.instances.status).toBe('access_denied');
    expect(r.issues).toContainEqual({
      account: ACCOUNT,
      region: 'eu-west-1',
      what: 'ec2 instances',
      status: 'access_denied',
      code: 'UnauthorizedOperation',
      message: 'You are not authorized to perform this operation.',
      permission: 'ec2:DescribeInstances',
    });
  });

  it('stops with a clear message when the identity cannot be read', async () => {
    m(STSClient).on(GetCallerIdentityCommand).rejects(awsError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.'));
    await expect(collectInventory({})).rejects.toThrow(/cannot identify the AWS account.*InvalidClientTokenId/);
    // Bad credentials stop the scan before anything is collected.
    for (const [ctor, mock] of mocks) if (ctor !== STSClient) expect(mock.calls()).toHaveLength(0);
  });

  it('stops with a clear message when enabled regions cannot be listed', async () => {
    m(EC2Client).on(DescribeRegionsCommand).rejects(awsError('UnauthorizedOperation', 403));
    await expect(collectInventory({})).rejects.toThrow(/ec2:DescribeRegions.*--regions/);
  });
});

describe('regional keys', () => {
  it('a missing collector module is reported, not faked', async () => {
    const got = await loadCollector('no-such-service' as never);
    expect('missing' in got).toBe(true);
    const filled = notCollectedKey('rds', 'NotCollected', 'kenro has no collector for rds');
    expect(Object.keys(filled).sort()).toEqual([...REGIONAL_FIELDS.rds].sort());
    expect(filled.instances).toEqual({ status: 'failed', error: { code: 'NotCollected', message: 'kenro has no collector for rds' } });
  });
});
