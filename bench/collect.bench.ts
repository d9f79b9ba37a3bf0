/**
 * Live collection over a simulated account: ~20,000 resources in 17 regions behind mocked SDK
 * clients that answer every call after 50 ms. Measures wall time, API calls, calls per resource,
 * peak memory, and compares wall time with the critical-path lower bound:
 *   max(longest dependent chain x 50 ms, total calls x 50 ms / concurrency).
 * Target: wall <= 1.5 x bound; peak RSS < 1 GiB. `--quick`: 3 regions, a tenth of the resources.
 */
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { AccountClient } from '@aws-sdk/client-account';
import { BudgetsClient } from '@aws-sdk/client-budgets';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import * as ec2 from '@aws-sdk/client-ec2';
import { ECRClient } from '@aws-sdk/client-ecr';
import { EFSClient } from '@aws-sdk/client-efs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import * as iam from '@aws-sdk/client-iam';
import * as kms from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import * as org from '@aws-sdk/client-organizations';
import { RDSClient } from '@aws-sdk/client-rds';
import * as s3 from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import * as sns from '@aws-sdk/client-sns';
import * as sqs from '@aws-sdk/client-sqs';
import * as sts from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { collectInventory } from '../src/sources/aws/collect.js';
import { DEFAULT_CONCURRENCY } from '../src/sources/aws/clients.js';
import { mib, peakRssBytes } from './memory.js';

const LATENCY_MS = 50;
const ACCOUNT = '123456789012';
const ALL_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1',
  'eu-north-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1', 'sa-east-1',
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let calls = 0;

/** A page of `items` as AWS pages them: NextToken/Marker is the next start index. */
function page<T>(items: T[], token: string | undefined, max: number | undefined, limit: number): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  const size = Math.min(max ?? limit, limit);
  const end = Math.min(start + size, items.length);
  return { items: items.slice(start, end), ...(end < items.length ? { next: String(end) } : {}) };
}

function range<T>(n: number, f: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

export default async function bench(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const scale = quick ? 0.1 : 1;
  const regions = quick ? ALL_REGIONS.slice(0, 3) : ALL_REGIONS;
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  const shape = {
    users: n(500), roles: n(1000), groups: n(50), policies: n(450), buckets: n(1000),
    instances: n(325), securityGroups: n(150), volumes: n(300), snapshots: n(100), images: n(20), vpcs: n(5), subnets: n(20),
    networkAcls: n(5), routeTables: n(10), internetGateways: n(5), flowLogs: n(5), vpcEndpoints: n(5), keyPairs: n(10),
    topics: n(10), queues: n(10), keys: n(20),
  };
  const globalResources = shape.users + shape.roles + shape.groups + shape.policies + shape.buckets;
  const perRegion = Object.entries(shape)
    .filter(([k]) => !['users', 'roles', 'groups', 'policies', 'buckets'].includes(k))
    .reduce((a, [, v]) => a + v, 0);
  const resources = globalResources + perRegion * regions.length;

  // Every client answers anything after the latency; specific commands answer with data.
  const generic = [AccessAnalyzerClient, AccountClient, BudgetsClient, CloudTrailClient, CloudWatchClient, CloudWatchLogsClient, ConfigServiceClient,
    ECRClient, EFSClient, ElasticLoadBalancingV2Client, GuardDutyClient, LambdaClient, RDSClient, S3ControlClient, SecretsManagerClient, SecurityHubClient,
    ec2.EC2Client, iam.IAMClient, kms.KMSClient, org.OrganizationsClient, s3.S3Client, sns.SNSClient, sqs.SQSClient, sts.STSClient];
  const mocks = new Map<unknown, ReturnType<typeof mockClient>>();
  for (const c of generic) {
    const m = mockClient(c as never);
    m.onAnyCommand().callsFake(async () => {
      calls++;
      await sleep(LATENCY_MS);
      return {};
    });
    mocks.set(c, m);
  }
  const on = <I, O>(client: unknown, command: unknown, answer: (input: I) => O) =>
    (mocks.get(client) as ReturnType<typeof mockClient>).on(command as never).callsFake(async (input: I) => {
      calls++;
      await sleep(LATENCY_MS);
      return answer(input);
    });

  on(sts.STSClient, sts.GetCallerIdentityCommand, () => ({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:role/scanner`, UserId: 'AROA:kenro' }));
  on(ec2.EC2Client, ec2.DescribeRegionsCommand, () => ({ Regions: regions.map((RegionName) => ({ RegionName })) }));

  // ---- IAM: 1000 entities per GetAccountAuthorizationDetails page; every user has 2 keys.
  const doc = encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }));
  const entities = [
    ...range(shape.users, (i) => ({ kind: 'user', v: { UserName: `user${i}`, UserId: `AIDA${i}`, Arn: `arn:aws:iam::${ACCOUNT}:user/user${i}`, Path: '/', CreateDate: new Date(), UserPolicyList: [{ PolicyName: 'p', PolicyDocument: doc }], GroupList: ['g0'] } })),
    ...range(shape.groups, (i) => ({ kind: 'group', v: { GroupName: `g${i}`, GroupId: `AGPA${i}`, Arn: `arn:aws:iam::${ACCOUNT}:group/g${i}`, Path: '/' } })),
    ...range(shape.roles, (i) => ({ kind: 'role', v: { RoleName: `role${i}`, RoleId: `AROA${i}`, Arn: `arn:aws:iam::${ACCOUNT}:role/role${i}`, Path: '/', CreateDate: new Date(), AssumeRolePolicyDocument: doc } })),
    ...range(shape.policies, (i) => ({ kind: 'policy', v: { PolicyName: `pol${i}`, PolicyId: `ANPA${i}`, Arn: `arn:aws:iam::${ACCOUNT}:policy/pol${i}`, Path: '/', DefaultVersionId: 'v1', AttachmentCount: 1, PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: doc }] } })),
  ];
  on(iam.IAMClient, iam.GetAccountAuthorizationDetailsCommand, (input: { Marker?: string; MaxItems?: number }) => {
    const p = page(entities, input.Marker, input.MaxItems, 1000);
    const of = (k: string) => p.items.filter((e) => e.kind === k).map((e) => e.v);
    return { UserDetailList: of('user'), GroupDetailList: of('group'), RoleDetailList: of('role'), Policies: of('policy'), IsTruncated: !!p.next, ...(p.next ? { Marker: p.next } : {}) };
  });
  on(iam.IAMClient, iam.ListAccessKeysCommand, (input: { UserName?: string }) => ({
    IsTruncated: false,
    AccessKeyMetadata: range(2, (k) => ({ UserName: input.UserName, AccessKeyId: `AKIA${input.UserName}${k}`, Status: 'Active', CreateDate: new Date() })),
  }));
  on(iam.IAMClient, iam.GetAccessKeyLastUsedCommand, () => ({ AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } }));
  on(iam.IAMClient, iam.GetLoginProfileCommand, () => ({ LoginProfile: { CreateDate: new Date(), UserName: 'u' } }));
  on(iam.IAMClient, iam.GenerateCredentialReportCommand, () => ({ State: 'COMPLETE' }));
  const header = 'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
  const report = [header, ...range(shape.users, (i) => `user${i},arn:aws:iam::${ACCOUNT}:user/user${i},2024-01-01T00:00:00+00:00,true,N/A,N/A,N/A,false,true,N/A,N/A,N/A,N/A,true,N/A,N/A,N/A,N/A,false,N/A,false,N/A`)].join('\n');
  on(iam.IAMClient, iam.GetCredentialReportCommand, () => ({ Content: new TextEncoder().encode(report) }));

  // ---- S3: every bucket has every setting (no absent errors), spread over the regions.
  on(s3.S3Client, s3.ListBucketsCommand, (input: { ContinuationToken?: string; MaxBuckets?: number }) => {
    const p = page(range(shape.buckets, (i) => ({ Name: `bucket-${i}` })), input.ContinuationToken, input.MaxBuckets, 10000);
    return { Buckets: p.items, ...(p.next ? { ContinuationToken: p.next } : {}) };
  });
  on(s3.S3Client, s3.GetBucketLocationCommand, (input: { Bucket: string }) => ({ LocationConstraint: regions[Number(input.Bucket.split('-')[1]) % regions.length] }));
  on(s3.S3Client, s3.GetBucketPolicyCommand, () => ({ Policy: decodeURIComponent(doc) }));
  on(s3.S3Client, s3.GetBucketVersioningCommand, () => ({ Status: 'Enabled' }));
  on(s3.S3Client, s3.GetBucketAclCommand, () => ({ Owner: { ID: 'o' }, Grants: [] }));

  // ---- Organizations: root -> OU -> account, one SCP per level.
  on(org.OrganizationsClient, org.DescribeOrganizationCommand, () => ({ Organization: { Id: 'o-1', Arn: 'arn', MasterAccountId: '111111111111' } }));
  on(org.OrganizationsClient, org.ListParentsCommand, (input: { ChildId: string }) => ({ Parents: [input.ChildId === ACCOUNT ? { Id: 'ou-1', Type: 'ORGANIZATIONAL_UNIT' } : { Id: 'r-1', Type: 'ROOT' }] }));
  on(org.OrganizationsClient, org.ListPoliciesForTargetCommand, () => ({ Policies: [{ Id: 'p-full', Name: 'FullAWSAccess' }] }));
  on(org.OrganizationsClient, org.DescribePolicyCommand, () => ({ Policy: { Content: decodeURIComponent(doc) } }));

  // ---- EC2, per region (every region alike).
  const ec2List = <T>(command: unknown, key: string, count: number, item: (i: number) => T, limit = 1000) =>
    on(ec2.EC2Client, command, (input: { NextToken?: string; MaxResults?: number }) => {
      const p = page(range(count, item), input.NextToken, input.MaxResults, limit);
      return { [key]: p.items, ...(p.next ? { NextToken: p.next } : {}) };
    });
  ec2List(ec2.DescribeInstancesCommand, 'Reservations', shape.instances, (i) => ({ Instances: [{ InstanceId: `i-${i}`, State: { Name: 'running' }, MetadataOptions: { HttpTokens: 'required' }, SecurityGroups: [{ GroupId: 'sg-0' }] }] }));
  ec2List(ec2.DescribeSecurityGroupsCommand, 'SecurityGroups', shape.securityGroups, (i) => ({ GroupId: `sg-${i}`, GroupName: `sg${i}`, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }], IpPermissionsEgress: [] }));
  ec2List(ec2.DescribeVolumesCommand, 'Volumes', shape.volumes, (i) => ({ VolumeId: `vol-${i}`, Encrypted: true, State: 'in-use', Attachments: [{ InstanceId: `i-${i}` }] }));
  ec2List(ec2.DescribeSnapshotsCommand, 'Snapshots', shape.snapshots, (i) => ({ SnapshotId: `snap-${i}`, Encrypted: true }));
  ec2List(ec2.DescribeImagesCommand, 'Images', shape.images, (i) => ({ ImageId: `ami-${i}`, Public: false }));
  ec2List(ec2.DescribeVpcsCommand, 'Vpcs', shape.vpcs, (i) => ({ VpcId: `vpc-${i}`, IsDefault: i === 0 }));
  ec2List(ec2.DescribeSubnetsCommand, 'Subnets', shape.subnets, (i) => ({ SubnetId: `subnet-${i}`, VpcId: 'vpc-0' }));
  ec2List(ec2.DescribeNetworkAclsCommand, 'NetworkAcls', shape.networkAcls, (i) => ({ NetworkAclId: `acl-${i}`, VpcId: 'vpc-0', Entries: [] }));
  ec2List(ec2.DescribeRouteTablesCommand, 'RouteTables', shape.routeTables, (i) => ({ RouteTableId: `rtb-${i}`, VpcId: 'vpc-0', Routes: [] }), 100);
  ec2List(ec2.DescribeInternetGatewaysCommand, 'InternetGateways', shape.internetGateways, (i) => ({ InternetGatewayId: `igw-${i}` }));
  ec2List(ec2.DescribeFlowLogsCommand, 'FlowLogs', shape.flowLogs, (i) => ({ FlowLogId: `fl-${i}`, ResourceId: `vpc-${i}`, TrafficType: 'ALL' }));
  ec2List(ec2.DescribeVpcEndpointsCommand, 'VpcEndpoints', shape.vpcEndpoints, (i) => ({ VpcEndpointId: `vpce-${i}`, VpcId: 'vpc-0', ServiceName: 's3' }));
  on(ec2.EC2Client, ec2.DescribeKeyPairsCommand, () => ({ KeyPairs: range(shape.keyPairs, (i) => ({ KeyName: `k${i}`, KeyPairId: `key-${i}` })) }));
  on(ec2.EC2Client, ec2.DescribeSnapshotAttributeCommand, () => ({ CreateVolumePermissions: [] }));
  on(ec2.EC2Client, ec2.GetEbsEncryptionByDefaultCommand, () => ({ EbsEncryptionByDefault: true }));

  // ---- A few regional services of collectors B, with per-resource reads.
  on(sns.SNSClient, sns.ListTopicsCommand, () => ({ Topics: range(shape.topics, (i) => ({ TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:t${i}` })) }));
  on(sns.SNSClient, sns.GetTopicAttributesCommand, () => ({ Attributes: {} }));
  on(sqs.SQSClient, sqs.ListQueuesCommand, () => ({ QueueUrls: range(shape.queues, (i) => `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/q${i}`) }));
  on(sqs.SQSClient, sqs.GetQueueAttributesCommand, () => ({ Attributes: {} }));
  on(kms.KMSClient, kms.ListKeysCommand, () => ({ Keys: range(shape.keys, (i) => ({ KeyId: `k${i}`, KeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k${i}` })) }));
  on(kms.KMSClient, kms.DescribeKeyCommand, (input: { KeyId: string }) => ({ KeyMetadata: { KeyId: input.KeyId, Arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${input.KeyId}`, KeyManager: 'CUSTOMER', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', Origin: 'AWS_KMS' } }));

  const concurrency = DEFAULT_CONCURRENCY;
  let peakSampled = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakSampled = Math.max(peakSampled, process.memoryUsage().rss);
  }, 100);
  const started = performance.now();
  const r = await collectInventory({ concurrency });
  const wall = performance.now() - started;
  clearInterval(sampler);
  peakSampled = Math.max(peakSampled, process.memoryUsage().rss);

  // Longest chain of dependent calls in this account's shape (each step waits for the previous):
  // STS -> DescribeRegions, then the longest of:
  //   IAM: authorization-details pages (sequential) -> ListAccessKeys -> GetAccessKeyLastUsed
  //   Organizations: DescribeOrganization -> ListParents x2 -> ListPoliciesForTarget -> DescribePolicy
  //   S3: ListBuckets pages -> GetBucketLocation -> per-bucket reads
  //   EC2: DescribeSnapshots pages -> DescribeSnapshotAttribute
  //   KMS (collectors B): ListKeys -> DescribeKey -> rotation / policy
  const authPages = Math.ceil(entities.length / 1000);
  const chain = 2 + Math.max(authPages + 2, 5, Math.ceil(shape.buckets / 10000) + 2, Math.ceil(shape.snapshots / 1000) + 1, 3);
  const bound = Math.max(chain * LATENCY_MS, (calls * LATENCY_MS) / concurrency);
  const ratio = wall / bound;
  const peak = Math.max(peakSampled, peakRssBytes());
  const okRatio = ratio <= 1.5;
  const okMem = peak < 1024 * 1024 * 1024;

  console.log(`   simulated account: ${resources} resources, ${regions.length} regions, ${LATENCY_MS} ms per call, concurrency ${concurrency}`);
  console.log(`   wall time           ${(wall / 1000).toFixed(2)} s`);
  console.log(`   API calls (mocked)  ${calls}  (kenro counted ${r.stats.apiCalls})`);
  console.log(`   calls per resource  ${(calls / resources).toFixed(2)}`);
  console.log(`   critical path bound ${(bound / 1000).toFixed(2)} s  (chain ${chain} calls x ${LATENCY_MS} ms = ${((chain * LATENCY_MS) / 1000).toFixed(2)} s; ${calls} calls x ${LATENCY_MS} ms / ${concurrency} = ${((calls * LATENCY_MS) / concurrency / 1000).toFixed(2)} s)`);
  console.log(`   wall / bound        ${ratio.toFixed(2)}  (target <= 1.5: ${okRatio ? 'met' : 'MISSED'})`);
  console.log(`   peak RSS            ${mib(peak)}  (target < 1 GiB: ${okMem ? 'met' : 'MISSED'})`);
  console.log(`   collection issues   ${r.issues.length}${r.issues.length ? ` (first: ${r.issues[0]?.what}: ${r.issues[0]?.code})` : ''}`);
  for (const m of mocks.values()) m.restore();
}
