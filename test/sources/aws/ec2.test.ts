import {
  DescribeFlowLogsCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeKeyPairsCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
  GetInstanceMetadataDefaultsCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/ec2.js';
import { ACCOUNT, awsError, testContext } from './a-helpers.js';

const ec2 = mockClient(EC2Client);

export function emptyRegion(m = ec2) {
  m.on(DescribeInstancesCommand).resolves({ Reservations: [] });
  m.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
  m.on(DescribeNetworkAclsCommand).resolves({ NetworkAcls: [] });
  m.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
  m.on(DescribeSubnetsCommand).resolves({ Subnets: [] });
  m.on(DescribeRouteTablesCommand).resolves({ RouteTables: [] });
  m.on(DescribeInternetGatewaysCommand).resolves({ InternetGateways: [] });
  m.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
  m.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [] });
  m.on(DescribeVolumesCommand).resolves({ Volumes: [] });
  m.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
  m.on(DescribeImagesCommand).resolves({ Images: [] });
  m.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: false });
  m.on(GetEbsDefaultKmsKeyIdCommand).resolves({ KmsKeyId: 'alias/aws/ebs' });
  m.on(DescribeKeyPairsCommand).resolves({ KeyPairs: [] });
  m.on(GetInstanceMetadataDefaultsCommand).resolves({});
}

beforeEach(() => ec2.reset());

describe('EC2 collector', () => {
  it('converts security group rules with every source kind', async () => {
    emptyRegion();
    ec2.on(DescribeSecurityGroupsCommand).resolves({
      SecurityGroups: [
        {
          GroupId: 'sg-1',
          GroupName: 'web',
          VpcId: 'vpc-1',
          Description: 'web',
          OwnerId: ACCOUNT,
          SecurityGroupArn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-1`,
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }], PrefixListIds: [], UserIdGroupPairs: [] },
            { IpProtocol: '-1', IpRanges: [], Ipv6Ranges: [], PrefixListIds: [{ PrefixListId: 'pl-1' }], UserIdGroupPairs: [{ GroupId: 'sg-1', UserId: ACCOUNT }, { GroupId: 'sg-9', UserId: '999999999999' }] },
          ],
          IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
          Tags: [{ Key: 'Name', Value: 'web' }],
        },
      ],
    });
    const { ctx } = testContext();
    const inv = await collect(ctx);
    expect(inv.securityGroups).toEqual({
      status: 'ok',
      value: [
        {
          id: 'sg-1',
          arn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-1`,
          name: 'web',
          vpcId: 'vpc-1',
          description: 'web',
          ingress: [
            { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'], prefixListIds: [], groupRefs: [] },
            { ipProtocol: '-1', ipv4Ranges: [], ipv6Ranges: [], prefixListIds: ['pl-1'], groupRefs: ['sg-1', '999999999999/sg-9'] },
          ],
          egress: [{ ipProtocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], groupRefs: [] }],
          tags: { Name: 'web' },
        },
      ],
    });
  });

  it('reads instances across NextToken pages with metadata options and profile', async () => {
    emptyRegion();
    ec2.on(DescribeInstancesCommand)
      .resolvesOnce({
        NextToken: 'p2',
        Reservations: [{ Instances: [{ InstanceId: 'i-1', State: { Name: 'running' }, MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 }, IamInstanceProfile: { Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/app` }, SecurityGroups: [{ GroupId: 'sg-1' }], PublicIpAddress: '203.0.113.1' }] }],
      })
      .resolvesOnce({ Reservations: [{ Instances: [{ InstanceId: 'i-2', State: { Name: 'stopped' } }] }] });
    const { ctx } = testContext();
    const inv = await collect(ctx);
    const list = inv.instances.status === 'ok' ? inv.instances.value : [];
    expect(list.map((i) => i.id)).toEqual(['i-1', 'i-2']);
    expect(list[0]).toMatchObject({
      arn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-1`,
      metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 },
      iamInstanceProfileArn: `arn:aws:iam::${ACCOUNT}:instance-profile/app`,
      securityGroupIds: ['sg-1'],
      publicIp: '203.0.113.1',
    });
    expect(ec2.commandCalls(DescribeInstancesCommand)[1]?.args[0].input).toMatchObject({ NextToken: 'p2' });
  });

  it('marks snapshots public from createVolumePermission group all, per snapshot', async () => {
    emptyRegion();
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-pub', Encrypted: false }, { SnapshotId: 'snap-priv', Encrypted: true }, { SnapshotId: 'snap-denied', Encrypted: true }] });
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-pub' }).resolves({ SnapshotId: 'snap-pub', CreateVolumePermissions: [{ Group: 'all' }] });
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-priv' }).resolves({ SnapshotId: 'snap-priv', CreateVolumePermissions: [{ UserId: '111122223333' }] });
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-denied' }).rejects(awsError('UnauthorizedOperation', 403, 'You are not authorized to perform this operation.'));
    const { ctx } = testContext();
    const inv = await collect(ctx);
    const snaps = inv.snapshots.status === 'ok' ? inv.snapshots.value : [];
    expect(snaps.map((s) => [s.id, s.public.status === 'ok' ? s.public.value : s.public.status])).toEqual([
      ['snap-pub', true],
      ['snap-priv', false],
      ['snap-denied', 'access_denied'],
    ]);
    expect(ec2.commandCalls(DescribeSnapshotsCommand)[0]?.args[0].input).toMatchObject({ OwnerIds: ['self'] });
  });

  it('account settings: EBS default encryption, default key, IMDS defaults (none => null)', async () => {
    emptyRegion();
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: true });
    const { ctx } = testContext();
    const inv = await collect(ctx);
    expect(inv.ebsEncryptionByDefault).toEqual({ status: 'ok', value: true });
    expect(inv.ebsDefaultKmsKeyId).toEqual({ status: 'ok', value: 'alias/aws/ebs' });
    expect(inv.instanceMetadataDefaults).toEqual({ status: 'ok', value: null });
    ec2.on(GetInstanceMetadataDefaultsCommand).resolves({ AccountLevel: { HttpTokens: 'required', HttpPutResponseHopLimit: 2 } });
    const again = await collect(testContext().ctx);
    expect(again.instanceMetadataDefaults).toEqual({ status: 'ok', value: { httpTokens: 'required', httpPutResponseHopLimit: 2 } });
  });

  it('network pieces: NACL entries, route targets and main flag, flow log destinations, endpoint policies', async () => {
    emptyRegion();
    ec2.on(DescribeNetworkAclsCommand).resolves({
      NetworkAcls: [{ NetworkAclId: 'acl-1', VpcId: 'vpc-1', IsDefault: true, Entries: [{ RuleNumber: 100, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 22, To: 22 } }], Associations: [{ SubnetId: 'subnet-1' }] }],
    });
    ec2.on(DescribeRouteTablesCommand).resolves({ RouteTables: [{ RouteTableId: 'rtb-1', VpcId: 'vpc-1', Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-1' }], Associations: [{ Main: true }] }] });
    ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [{ FlowLogId: 'fl-1', ResourceId: 'vpc-1', TrafficType: 'REJECT', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::logs' }] });
    ec2.on(DescribeVpcEndpointsCommand).resolves({ VpcEndpoints: [{ VpcEndpointId: 'vpce-1', VpcId: 'vpc-1', ServiceName: 'com.amazonaws.eu-west-1.s3', VpcEndpointType: 'Gateway', PolicyDocument: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}' }] });
    const { ctx } = testContext();
    const inv = await collect(ctx);
    expect(inv.networkAcls.status === 'ok' && inv.networkAcls.value[0]?.entries[0]).toEqual({ ruleNumber: 100, egress: false, ruleAction: 'allow', protocol: '6', cidrBlock: '0.0.0.0/0', portRange: { from: 22, to: 22 } });
    expect(inv.routeTables).toEqual({ status: 'ok', value: [{ id: 'rtb-1', vpcId: 'vpc-1', routes: [{ destination: '0.0.0.0/0', target: 'igw-1' }], subnetIds: [], main: true }] });
    expect(inv.flowLogs).toEqual({ status: 'ok', value: [{ id: 'fl-1', resourceId: 'vpc-1', trafficType: 'REJECT', destinationType: 's3', destination: 'arn:aws:s3:::logs' }] });
    expect(inv.vpcEndpoints.status === 'ok' && inv.vpcEndpoints.value[0]?.policy).toEqual({ Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
  });

  it('vpc endpoint policy: parsed => ok, none => ok(null), unparsable => failed MalformedPolicy (never "no policy")', async () => {
    emptyRegion();
    ec2.on(DescribeVpcEndpointsCommand).resolves({
      VpcEndpoints: [
        { VpcEndpointId: 'vpce-ok', VpcId: 'vpc-1', ServiceName: 'com.amazonaws.eu-west-1.s3', VpcEndpointType: 'Gateway', PolicyDocument: '{"Statement":[]}' },
        { VpcEndpointId: 'vpce-none', VpcId: 'vpc-1', ServiceName: 'com.amazonaws.vpce.eu-west-1.vpce-svc-1', VpcEndpointType: 'GatewayLoadBalancer' },
        { VpcEndpointId: 'vpce-bad', VpcId: 'vpc-1', ServiceName: 'com.amazonaws.eu-west-1.sqs', VpcEndpointType: 'Interface', PolicyDocument: '{"Statement": [' },
      ],
    });
    const { ctx, issues } = testContext();
    const inv = await collect(ctx);
    expect(inv.vpcEndpoints.status).toBe('ok');
    const byId = new Map((inv.vpcEndpoints.status === 'ok' ? inv.vpcEndpoints.value : []).map((e) => [e.id, e]));
    expect(byId.get('vpce-ok')?.policyCollected).toEqual({ status: 'ok', value: { Statement: [] } });
    expect(byId.get('vpce-ok')?.policy).toEqual({ Statement: [] });
    expect(byId.get('vpce-none')?.policyCollected).toEqual({ status: 'ok', value: null });
    expect(byId.get('vpce-none')?.policy).toBeUndefined();
    const bad = byId.get('vpce-bad')?.policyCollected;
    expect(bad?.status).toBe('failed');
    expect(bad?.status !== 'ok' && bad?.error).toMatchObject({ code: 'MalformedPolicy', permission: 'ec2:DescribeVpcEndpoints' });
    expect(issues).toEqual([expect.objectContaining({ what: 'vpc endpoint policy (vpce-bad)', status: 'failed', code: 'MalformedPolicy', permission: 'ec2:DescribeVpcEndpoints' })]);
  });

  it('OptInRequired makes the reads not_available; throttling that outlived retries is failed', async () => {
    emptyRegion();
    ec2.on(DescribeInstancesCommand).rejects(awsError('OptInRequired', 401, 'You are not subscribed to this service.'));
    ec2.on(DescribeVolumesCommand).rejects(awsError('RequestLimitExceeded', 503, 'Request limit exceeded.'));
    const { ctx, issues } = testContext('ap-east-1');
    const inv = await collect(ctx);
    expect(inv.instances.status).toBe('not_available');
    expect(inv.volumes).toEqual({ status: 'failed', error: { code: 'RequestLimitExceeded', message: 'Request limit exceeded.', permission: 'ec2:DescribeVolumes' } });
    expect(issues.map((i) => [i.region, i.what, i.status]).sort()).toEqual([
      ['ap-east-1', 'ebs volumes', 'failed'],
      ['ap-east-1', 'ec2 instances', 'not_available'],
    ]);
  });
});
