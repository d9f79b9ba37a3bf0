/** EC2 / VPC / EBS for one region: the `ec2` key of RegionInventory. */
import type {
  IpPermission as SdkIpPermission,
  Instance as SdkInstance,
  SecurityGroup as SdkSecurityGroup,
  Snapshot as SdkSnapshot,
  Route as SdkRoute,
} from '@aws-sdk/client-ec2';
import {
  DescribeKeyPairsCommand,
  DescribeSnapshotAttributeCommand,
  EC2Client,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
  GetInstanceMetadataDefaultsCommand,
  paginateDescribeFlowLogs,
  paginateDescribeImages,
  paginateDescribeInstances,
  paginateDescribeInternetGateways,
  paginateDescribeNetworkAcls,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSnapshots,
  paginateDescribeSubnets,
  paginateDescribeVolumes,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import type { Collected } from '../../../model/collected.js';
import { ok } from '../../../model/collected.js';
import type {
  EbsSnapshot,
  Ec2Instance,
  FlowLog,
  IpPermission,
  NetworkAcl,
  RegionInventory,
  SecurityGroup,
  VpcEndpoint,
} from '../../../model/inventory.js';
import { mapOk } from '../call.js';
import type { RegionContext } from '../context.js';
import { iso, tagsOf } from '../convert.js';
import { policyFrom } from '../policyResult.js';

const PAGE = { pageSize: 1000 };

export async function collect(ctx: RegionContext): Promise<RegionInventory['ec2']> {
  const ec2 = ctx.client(EC2Client);
  const arnOf = (type: string, id: string): string => `arn:${ctx.partition}:ec2:${ctx.region}:${ctx.accountId}:${type}/${id}`;

  const [
    instances,
    securityGroups,
    networkAcls,
    vpcs,
    subnets,
    routeTables,
    internetGateways,
    flowLogs,
    vpcEndpoints,
    volumes,
    snapshots,
    images,
    ebsEncryptionByDefault,
    ebsDefaultKmsKeyId,
    keyPairs,
    instanceMetadataDefaults,
  ] = await Promise.all([
    ctx.list(
      'ec2:DescribeInstances',
      () => paginateDescribeInstances({ client: ec2, ...PAGE }, {}),
      (p) => (p.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => toInstance(i, arnOf)),
      { what: 'ec2 instances' },
    ),
    ctx.list(
      'ec2:DescribeSecurityGroups',
      () => paginateDescribeSecurityGroups({ client: ec2, ...PAGE }, {}),
      (p) => (p.SecurityGroups ?? []).map((g) => toSecurityGroup(g, ctx.accountId, arnOf)),
      { what: 'ec2 security groups' },
    ),
    ctx.list(
      'ec2:DescribeNetworkAcls',
      () => paginateDescribeNetworkAcls({ client: ec2, ...PAGE }, {}),
      (p) =>
        (p.NetworkAcls ?? []).map(
          (n): NetworkAcl => ({
            id: n.NetworkAclId ?? '',
            arn: arnOf('network-acl', n.NetworkAclId ?? ''),
            vpcId: n.VpcId ?? '',
            isDefault: n.IsDefault === true,
            entries: (n.Entries ?? []).map((e) => ({
              ruleNumber: e.RuleNumber ?? 0,
              egress: e.Egress === true,
              ruleAction: e.RuleAction === 'allow' ? 'allow' : 'deny',
              protocol: e.Protocol ?? '-1',
              ...(e.CidrBlock ? { cidrBlock: e.CidrBlock } : {}),
              ...(e.Ipv6CidrBlock ? { ipv6CidrBlock: e.Ipv6CidrBlock } : {}),
              ...(e.PortRange ? { portRange: { from: e.PortRange.From ?? 0, to: e.PortRange.To ?? 65535 } } : {}),
            })),
            subnetIds: (n.Associations ?? []).map((a) => a.SubnetId).filter((s): s is string => !!s),
          }),
        ),
      { what: 'ec2 network ACLs' },
    ),
    ctx.list(
      'ec2:DescribeVpcs',
      () => paginateDescribeVpcs({ client: ec2, ...PAGE }, {}),
      (p) =>
        (p.Vpcs ?? []).map((v) => ({
          id: v.VpcId ?? '',
          arn: arnOf('vpc', v.VpcId ?? ''),
          ...(v.CidrBlock ? { cidrBlock: v.CidrBlock } : {}),
          isDefault: v.IsDefault === true,
          ...optTags(v.Tags),
        })),
      { what: 'ec2 VPCs' },
    ),
    ctx.list(
      'ec2:DescribeSubnets',
      () => paginateDescribeSubnets({ client: ec2, ...PAGE }, {}),
      (p) =>
        (p.Subnets ?? []).map((s) => ({
          id: s.SubnetId ?? '',
          arn: s.SubnetArn ?? arnOf('subnet', s.SubnetId ?? ''),
          vpcId: s.VpcId ?? '',
          ...(s.CidrBlock ? { cidrBlock: s.CidrBlock } : {}),
          mapPublicIpOnLaunch: s.MapPublicIpOnLaunch === true,
          ...(s.AvailabilityZone ? { availabilityZone: s.AvailabilityZone } : {}),
        })),
      { what: 'ec2 subnets' },
    ),
    ctx.list(
      'ec2:DescribeRouteTables',
      () => paginateDescribeRouteTables({ client: ec2, pageSize: 100 }, {}),
      (p) =>
        (p.RouteTables ?? []).map((t) => ({
          id: t.RouteTableId ?? '',
          vpcId: t.VpcId ?? '',
          routes: (t.Routes ?? []).map(toRoute),
          subnetIds: (t.Associations ?? []).map((a) => a.SubnetId).filter((s): s is string => !!s),
          main: (t.Associations ?? []).some((a) => a.Main === true),
        })),
      { what: 'ec2 route tables' },
    ),
    ctx.list(
      'ec2:DescribeInternetGateways',
      () => paginateDescribeInternetGateways({ client: ec2, ...PAGE }, {}),
      (p) =>
        (p.InternetGateways ?? []).map((g) => ({
          id: g.InternetGatewayId ?? '',
          vpcIds: (g.Attachments ?? []).map((a) => a.VpcId).filter((s): s is string => !!s),
        })),
      { what: 'ec2 internet gateways' },
    ),
    ctx.list(
      'ec2:DescribeFlowLogs',
      () => paginateDescribeFlowLogs({ client: ec2, ...PAGE }, {}),
      (p) =>
        (p.FlowLogs ?? []).map(
          (f): FlowLog => ({
            id: f.FlowLogId ?? '',
            resourceId: f.ResourceId ?? '',
            trafficType: (f.TrafficType ?? 'ALL') as FlowLog['trafficType'],
            ...(f.FlowLogStatus ? { status: f.FlowLogStatus } : {}),
            destinationType: (f.LogDestinationType ?? 'cloud-watch-logs') as FlowLog['destinationType'],
            ...((f.LogDestination ?? f.LogGroupName) ? { destination: f.LogDestination ?? f.LogGroupName } : {}),
          }),
        ),
      { what: 'vpc flow logs' },
    ),
    ctx.list(
      'ec2:DescribeVpcEndpoints',
      () => paginateDescribeVpcEndpoints({ client: ec2, ...PAGE }, {}),
      (p) =>
        (p.VpcEndpoints ?? []).map((e): VpcEndpoint => {
          const id = e.VpcEndpointId ?? '';
          const out: VpcEndpoint = {
            id,
            vpcId: e.VpcId ?? '',
            serviceName: e.ServiceName ?? '',
            type: e.VpcEndpointType ?? 'Gateway',
          };
          // The policy arrives inside the DescribeVpcEndpoints answer: no PolicyDocument means
          // the endpoint has none; one that cannot be parsed is recorded as unread, never as none.
          out.policyCollected = policyFrom(ctx, ok(e), (x) => x.PolicyDocument, 'ec2:DescribeVpcEndpoints', `vpc endpoint policy (${id})`);
          if (out.policyCollected.status === 'ok' && out.policyCollected.value) out.policy = out.policyCollected.value;
          return out;
        }),
      { what: 'vpc endpoints' },
    ),
    ctx.list(
      'ec2:DescribeVolumes',
      () => paginateDescribeVolumes({ client: ec2, ...PAGE }, {}),
      (p) =>
        (p.Volumes ?? []).map((v) => ({
          id: v.VolumeId ?? '',
          arn: arnOf('volume', v.VolumeId ?? ''),
          encrypted: v.Encrypted === true,
          ...(v.KmsKeyId ? { kmsKeyId: v.KmsKeyId } : {}),
          state: v.State ?? 'unknown',
          attachedInstanceIds: (v.Attachments ?? []).map((a) => a.InstanceId).filter((s): s is string => !!s),
          ...(v.Size !== undefined ? { sizeGiB: v.Size } : {}),
        })),
      { what: 'ebs volumes' },
    ),
    ctx.list(
      'ec2:DescribeSnapshots',
      () => paginateDescribeSnapshots({ client: ec2, ...PAGE }, { OwnerIds: ['self'] }),
      (p) => p.Snapshots ?? [],
      { what: 'ebs snapshots (owned)' },
    ),
    ctx.list(
      'ec2:DescribeImages',
      () => paginateDescribeImages({ client: ec2, ...PAGE }, { Owners: ['self'] }),
      (p) =>
        (p.Images ?? []).map((i) => ({
          id: i.ImageId ?? '',
          ...(i.Name ? { name: i.Name } : {}),
          public: i.Public === true,
          // AMI ARNs carry no account id.
          arn: `arn:${ctx.partition}:ec2:${ctx.region}::image/${i.ImageId ?? ''}`,
        })),
      { what: 'amis (owned)' },
    ),
    ctx.call('ec2:GetEbsEncryptionByDefault', () => ec2.send(new GetEbsEncryptionByDefaultCommand({})), {
      what: 'ebs encryption by default',
    }),
    ctx.call('ec2:GetEbsDefaultKmsKeyId', () => ec2.send(new GetEbsDefaultKmsKeyIdCommand({})), {
      what: 'ebs default kms key',
    }),
    ctx.call('ec2:DescribeKeyPairs', () => ec2.send(new DescribeKeyPairsCommand({})), { what: 'ec2 key pairs' }),
    ctx.call('ec2:GetInstanceMetadataDefaults', () => ec2.send(new GetInstanceMetadataDefaultsCommand({})), {
      what: 'instance metadata defaults',
    }),
  ]);

  return {
    instances,
    securityGroups,
    networkAcls,
    vpcs,
    subnets,
    routeTables,
    internetGateways,
    flowLogs,
    vpcEndpoints,
    volumes,
    snapshots: await withSnapshotPublicity(ctx, ec2, snapshots, arnOf),
    images,
    ebsEncryptionByDefault: mapOk(ebsEncryptionByDefault, (r) => r.EbsEncryptionByDefault === true),
    ebsDefaultKmsKeyId: mapOk(ebsDefaultKmsKeyId, (r) => r.KmsKeyId ?? null),
    keyPairs: mapOk(keyPairs, (r) =>
      (r.KeyPairs ?? []).map((k) => ({
        name: k.KeyName ?? '',
        id: k.KeyPairId ?? '',
        ...(k.KeyType ? { type: k.KeyType } : {}),
        ...(k.CreateTime ? { createTime: iso(k.CreateTime) } : {}),
      })),
    ),
    instanceMetadataDefaults: mapOk(instanceMetadataDefaults, (r) => {
      const a = r.AccountLevel;
      if (!a || (a.HttpTokens === undefined && a.HttpPutResponseHopLimit === undefined)) return null;
      return {
        ...(a.HttpTokens ? { httpTokens: a.HttpTokens } : {}),
        ...(a.HttpPutResponseHopLimit !== undefined ? { httpPutResponseHopLimit: a.HttpPutResponseHopLimit } : {}),
      };
    }),
  };
}

function optTags(list: { Key?: string; Value?: string }[] | undefined): { tags?: Record<string, string> } {
  const tags = tagsOf(list);
  return tags ? { tags } : {};
}

function toInstance(i: SdkInstance, arnOf: (type: string, id: string) => string): Ec2Instance {
  const m = i.MetadataOptions;
  return {
    id: i.InstanceId ?? '',
    arn: arnOf('instance', i.InstanceId ?? ''),
    state: i.State?.Name ?? 'unknown',
    ...(i.VpcId ? { vpcId: i.VpcId } : {}),
    ...(i.SubnetId ? { subnetId: i.SubnetId } : {}),
    ...(i.PublicIpAddress ? { publicIp: i.PublicIpAddress } : {}),
    ...(i.ImageId ? { imageId: i.ImageId } : {}),
    ...(i.IamInstanceProfile?.Arn ? { iamInstanceProfileArn: i.IamInstanceProfile.Arn } : {}),
    securityGroupIds: (i.SecurityGroups ?? []).map((g) => g.GroupId).filter((s): s is string => !!s),
    ...(m
      ? {
          metadataOptions: {
            ...(m.HttpTokens ? { httpTokens: m.HttpTokens } : {}),
            ...(m.HttpEndpoint ? { httpEndpoint: m.HttpEndpoint } : {}),
            ...(m.HttpPutResponseHopLimit !== undefined ? { httpPutResponseHopLimit: m.HttpPutResponseHopLimit } : {}),
          },
        }
      : {}),
    ...(i.LaunchTime ? { launchTime: iso(i.LaunchTime) } : {}),
    ...optTags(i.Tags),
  };
}

/** One SDK IpPermission -> kenro's IpPermission (all four source kinds kept). */
export function toIpPermission(p: SdkIpPermission, accountId: string): IpPermission {
  return {
    ipProtocol: p.IpProtocol ?? '-1',
    ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}),
    ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}),
    ipv4Ranges: (p.IpRanges ?? []).map((r) => r.CidrIp).filter((s): s is string => !!s),
    ipv6Ranges: (p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6).filter((s): s is string => !!s),
    prefixListIds: (p.PrefixListIds ?? []).map((r) => r.PrefixListId).filter((s): s is string => !!s),
    groupRefs: (p.UserIdGroupPairs ?? [])
      .filter((g) => g.GroupId || g.GroupName)
      .map((g) => {
        const id = g.GroupId ?? g.GroupName ?? '';
        return g.UserId && g.UserId !== accountId ? `${g.UserId}/${id}` : id;
      }),
  };
}

function toSecurityGroup(g: SdkSecurityGroup, accountId: string, arnOf: (type: string, id: string) => string): SecurityGroup {
  return {
    id: g.GroupId ?? '',
    arn: g.SecurityGroupArn ?? arnOf('security-group', g.GroupId ?? ''),
    name: g.GroupName ?? '',
    ...(g.VpcId ? { vpcId: g.VpcId } : {}),
    ...(g.Description ? { description: g.Description } : {}),
    ingress: (g.IpPermissions ?? []).map((p) => toIpPermission(p, accountId)),
    egress: (g.IpPermissionsEgress ?? []).map((p) => toIpPermission(p, accountId)),
    ...optTags(g.Tags),
  };
}

function toRoute(r: SdkRoute): { destination: string; target?: string } {
  const destination = r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? '';
  const target =
    r.GatewayId ??
    r.NatGatewayId ??
    r.TransitGatewayId ??
    r.VpcPeeringConnectionId ??
    r.InstanceId ??
    r.NetworkInterfaceId ??
    r.EgressOnlyInternetGatewayId ??
    r.LocalGatewayId ??
    r.CarrierGatewayId ??
    r.CoreNetworkArn;
  return target ? { destination, target } : { destination };
}

/** DescribeSnapshotAttribute createVolumePermission per owned snapshot: public when group `all` is listed. */
async function withSnapshotPublicity(
  ctx: RegionContext,
  ec2: EC2Client,
  snapshots: Collected<SdkSnapshot[]>,
  arnOf: (type: string, id: string) => string,
): Promise<Collected<EbsSnapshot[]>> {
  if (snapshots.status !== 'ok') return snapshots;
  const out = await Promise.all(
    snapshots.value.map(async (s): Promise<EbsSnapshot> => {
      const id = s.SnapshotId ?? '';
      const attr = await ctx.call(
        'ec2:DescribeSnapshotAttribute',
        () => ec2.send(new DescribeSnapshotAttributeCommand({ SnapshotId: id, Attribute: 'createVolumePermission' })),
        { what: `ebs snapshot createVolumePermission (${id})` },
      );
      return {
        id,
        arn: arnOf('snapshot', id),
        encrypted: s.Encrypted === true,
        ...(s.VolumeId ? { volumeId: s.VolumeId } : {}),
        public: mapOk(attr, (r) => (r.CreateVolumePermissions ?? []).some((p) => p.Group === 'all')),
      };
    }),
  );
  return ok(out);
}
