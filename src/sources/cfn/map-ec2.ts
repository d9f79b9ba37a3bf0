/** EC2/VPC resources: security groups (+ standalone ingress/egress), volumes, instances, VPCs,
 *  subnets, flow logs, network ACLs (+ entries). Defaults per the CloudFormation reference. */
import type { EbsVolume, Ec2Instance, FlowLog, IpPermission, NetworkAcl, NetworkAclEntry, RouteTable, SecurityGroup, Subnet, Vpc } from '../../model/inventory.js';
import type { Builder, Lists } from './builder.js';
import type { Path, Res } from './context.js';
import type { MapperTable } from './mappers.js';
import { asText, findUnknown, isObj, ResRef, type Obj, type Value } from './values.js';
import { tagsOf } from './map-s3.js';

const PROTOCOLS: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6', all: '-1' };

export function normProtocol(p: string | undefined): string {
  if (p === undefined) return '-1';
  const l = p.toLowerCase();
  return PROTOCOLS[l] ?? l;
}

/** One rule object (inline or standalone resource) -> IpPermission; unknown parts recorded. */
function permission(res: Res, rule: Obj, path: Path, field: string, ingress: boolean): IpPermission {
  const u = findUnknown(rule);
  if (u) res.unknown(field, u);
  const proto = normProtocol(asText(rule.IpProtocol));
  const perm: IpPermission = { ipProtocol: proto, ipv4Ranges: [], ipv6Ranges: [], prefixListIds: [], groupRefs: [] };
  if (proto !== '-1') {
    const from = Number(asText(rule.FromPort));
    const to = Number(asText(rule.ToPort));
    if (rule.FromPort !== undefined && !Number.isNaN(from)) perm.fromPort = from === -1 && (proto === 'tcp' || proto === 'udp') ? 0 : from;
    if (rule.ToPort !== undefined && !Number.isNaN(to)) perm.toPort = to === -1 && (proto === 'tcp' || proto === 'udp') ? 65535 : to;
  }
  const cidr = asText(rule.CidrIp);
  if (cidr) perm.ipv4Ranges.push(canonicalCidr(cidr));
  const cidr6 = asText(rule.CidrIpv6);
  // Any IPv6 range of prefix length 0 is the whole address space.
  if (cidr6) perm.ipv6Ranges.push(/\/0$/.test(cidr6.trim()) ? '::/0' : cidr6);
  const pl = asText(ingress ? rule.SourcePrefixListId : rule.DestinationPrefixListId);
  if (pl) perm.prefixListIds.push(pl);
  const g = asText(ingress ? (rule.SourceSecurityGroupId ?? rule.SourceSecurityGroupName) : rule.DestinationSecurityGroupId);
  if (g) perm.groupRefs.push(g);
  void path;
  return perm;
}

/** EC2 stores a rule's CIDR with the host bits cleared (10.0.0.1/0 is 0.0.0.0/0). */
export function canonicalCidr(cidr: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr.trim());
  if (!m) return cidr;
  const bits = Number(m[5]);
  if (bits > 32 || m.slice(1, 5).some((o) => Number(o) > 255)) return cidr;
  const addr = m.slice(1, 5).reduce((a, o) => a * 256 + Number(o), 0);
  const mask = bits === 0 ? 0 : 2 ** 32 - 2 ** (32 - bits);
  const net = Number((BigInt(addr) & BigInt(mask)).toString());
  return `${[24, 16, 8, 0].map((sh) => Math.floor(net / 2 ** sh) % 256).join('.')}/${bits}`;
}

const ALL_EGRESS: IpPermission = { ipProtocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], groupRefs: [] };

function securityGroup(b: Builder, res: Res): void {
  const id = `sg-${res.logicalId}`;
  const sg: SecurityGroup = {
    id,
    arn: b.arn('ec2', `security-group/${id}`),
    name: res.str('GroupName', 'name') ?? `${b.pseudo.stackName}-${res.logicalId}`,
    ingress: [],
    egress: [],
    origin: res.origin,
  };
  const vpc = res.str('VpcId', 'vpcId');
  if (vpc) sg.vpcId = vpc;
  const d = res.str('GroupDescription', 'description');
  if (d) sg.description = d;
  for (const [prop, list, field, ingress] of [
    ['SecurityGroupIngress', sg.ingress, 'ingress', true],
    ['SecurityGroupEgress', sg.egress, 'egress', false],
  ] as const) {
    res.mark(field, prop);
    res.list(prop, field).forEach((r, i) => {
      if (!isObj(r)) return;
      res.mark(`${field}[${list.length}]`, [prop, i]);
      list.push(permission(res, r, [prop, i], field, ingress));
    });
  }
  // Without SecurityGroupEgress, EC2 creates the default allow-all egress rule.
  if (res.get('SecurityGroupEgress') === undefined) {
    sg.egress.push({ ...ALL_EGRESS });
    res.mark('egress[0]', 'SecurityGroupEgress');
  }
  const tags = tagsOf(res);
  if (tags) sg.tags = tags;
  b.lists.securityGroups.push(sg);
  b.add(res, sg, [id, sg.arn, sg.name]);
}

function standaloneRule(ingress: boolean) {
  return (b: Builder, res: Res): void => {
    const ref = res.refId('GroupId');
    const name = res.str('GroupName') ?? res.str('GroupId');
    const t = b.target<SecurityGroup>(ref, 'AWS::EC2::SecurityGroup')?.model ?? b.lists.securityGroups.find((g) => g.name === name || g.id === name);
    const rule: Obj = {};
    for (const k of ['IpProtocol', 'FromPort', 'ToPort', 'CidrIp', 'CidrIpv6', 'SourcePrefixListId', 'DestinationPrefixListId', 'SourceSecurityGroupId', 'SourceSecurityGroupName', 'DestinationSecurityGroupId']) {
      const v = res.get(k);
      if (v !== undefined) rule[k] = v;
    }
    const field = ingress ? 'ingress' : 'egress';
    if (!t) {
      b.add(res, rule, []);
      return;
    }
    const tres = b.built.get(t.origin!.logicalId)!.res;
    const list = ingress ? t.ingress : t.egress;
    // The field location is the rule resource itself (the offending code).
    tres.markPos(`${field}[${list.length}]`, res.locate(rule.CidrIp !== undefined ? 'CidrIp' : rule.CidrIpv6 !== undefined ? 'CidrIpv6' : []));
    list.push(permission(tres, rule, [], field, ingress));
    b.add(res, rule, []);
  };
}

function volume(b: Builder, res: Res): void {
  const id = `vol-${res.logicalId}`;
  const v: EbsVolume = {
    id,
    arn: b.arn('ec2', `volume/${id}`),
    // Encrypted: default false (unless the account turns on encryption by default).
    encrypted: res.bool('Encrypted', 'encrypted', false),
    state: 'available',
    attachedInstanceIds: [],
    origin: res.origin,
  };
  const k = res.str('KmsKeyId', 'kmsKeyId');
  if (k) v.kmsKeyId = k;
  const size = res.num('Size', 'sizeGiB');
  if (size !== undefined) v.sizeGiB = size;
  b.lists.volumes.push(v);
  b.add(res, v, [id, v.arn]);
}

function instance(b: Builder, res: Res): void {
  const id = `i-${res.logicalId}`;
  const inst: Ec2Instance = {
    id,
    arn: b.arn('ec2', `instance/${id}`),
    state: 'pending',
    securityGroupIds: [...res.strList('SecurityGroupIds', 'securityGroupIds'), ...res.strList('SecurityGroups', 'securityGroupIds')],
    origin: res.origin,
  };
  const subnet = res.str('SubnetId', 'subnetId');
  if (subnet) inst.subnetId = subnet;
  const image = res.str('ImageId', 'imageId');
  if (image) inst.imageId = image;
  publicIp(b, res, inst);
  metadataOptions(b, res, inst);
  const prof = res.str('IamInstanceProfile', 'iamInstanceProfileArn');
  if (prof) inst.iamInstanceProfileArn = prof.startsWith('arn:') ? prof : b.arn('iam', `instance-profile/${prof}`, false);
  const tags = tagsOf(res);
  if (tags) inst.tags = tags;
  b.lists.instances.push(inst);
  b.add(res, inst, [id, inst.arn]);
  // Volumes: [{VolumeId, Device}] attaches template volumes to the instance.
  for (const v of res.list('Volumes')) {
    const vol = isObj(v) && v.VolumeId instanceof ResRef ? b.target<EbsVolume>(v.VolumeId.logicalId, 'AWS::EC2::Volume')?.model : undefined;
    if (vol) {
      vol.attachedInstanceIds.push(id);
      vol.state = 'in-use';
    }
  }
  // Block device mappings create EBS volumes (Ebs.Encrypted default false).
  res.list('BlockDeviceMappings').forEach((m, i) => {
    if (!isObj(m) || !isObj(m.Ebs)) return;
    const vid = `vol-${res.logicalId}-${i}`;
    const enc = m.Ebs.Encrypted;
    const encrypted = enc === true || String(asText(enc)).toLowerCase() === 'true';
    const vol: EbsVolume = {
      id: vid,
      arn: b.arn('ec2', `volume/${vid}`),
      encrypted,
      state: 'in-use',
      attachedInstanceIds: [id],
      origin: { ...res.origin, fields: { encrypted: res.locate(['BlockDeviceMappings', i, 'Ebs', 'Encrypted']) } },
    };
    const k = asText(m.Ebs.KmsKeyId);
    if (k) vol.kmsKeyId = k;
    b.lists.volumes.push(vol);
    const u = findUnknown(enc);
    const entry = { logicalId: res.logicalId, fields: u ? new Map([['encrypted', u]]) : new Map() };
    b.unresolvedByResource.set(vid, entry);
    b.unresolvedByResource.set(vol.arn, entry);
  });
}

/** IMDS settings come from the instance's launch template (AWS::EC2::Instance has no MetadataOptions). */
function metadataOptions(b: Builder, res: Res, inst: Ec2Instance): void {
  const lt = b.target<{ data: Value | undefined }>(res.refId(['LaunchTemplate', 'LaunchTemplateId']), 'AWS::EC2::LaunchTemplate') ??
    b.target<{ data: Value | undefined }>(res.refId(['LaunchTemplate', 'LaunchTemplateName']), 'AWS::EC2::LaunchTemplate');
  res.mark('metadataOptions', 'LaunchTemplate');
  if (!lt) return;
  const mo = isObj(lt.model.data) ? lt.model.data.MetadataOptions : undefined;
  if (!isObj(mo)) return;
  const u = findUnknown(mo);
  if (u) {
    res.unknown('metadataOptions', u);
    return;
  }
  const opts: NonNullable<Ec2Instance['metadataOptions']> = {};
  const tokens = asText(mo.HttpTokens);
  if (tokens === 'required' || tokens === 'optional') opts.httpTokens = tokens;
  const ep = asText(mo.HttpEndpoint);
  if (ep === 'enabled' || ep === 'disabled') opts.httpEndpoint = ep;
  const hop = Number(asText(mo.HttpPutResponseHopLimit));
  if (mo.HttpPutResponseHopLimit !== undefined && !Number.isNaN(hop)) opts.httpPutResponseHopLimit = hop;
  inst.metadataOptions = opts;
  res.origin.fields!['metadataOptions'] = lt.res.locate(['LaunchTemplateData', 'MetadataOptions']);
}

function launchTemplate(b: Builder, res: Res): void {
  b.add(res, { data: res.get('LaunchTemplateData') }, []);
}

/** Stand-in for the public IPv4 address EC2 assigns at launch (the address itself is not known). */
export const PUBLIC_IP_AT_LAUNCH = 'assigned-at-launch';

/**
 * Whether the instance gets a public IPv4 address (EC2 User Guide, "Public IPv4 addressing"):
 * NetworkInterfaces[].AssociatePublicIpAddress decides when set; otherwise the subnet's
 * MapPublicIpOnLaunch (a subnet of this template, or unknown); with no subnet at all the instance
 * lands in a default subnet of the default VPC, which maps public addresses.
 */
function publicIp(b: Builder, res: Res, inst: Ec2Instance): void {
  const nis = res.list('NetworkInterfaces', 'publicIp');
  const assoc = nis.filter(isObj).find((n) => n.AssociatePublicIpAddress !== undefined)?.AssociatePublicIpAddress;
  res.mark('publicIp', nis.length ? 'NetworkInterfaces' : 'SubnetId');
  if (assoc !== undefined) {
    const u = findUnknown(assoc);
    if (u) res.unknown('publicIp', u);
    else if (String(asText(assoc)).toLowerCase() === 'true') inst.publicIp = PUBLIC_IP_AT_LAUNCH;
    return;
  }
  const subnetVal = res.get('SubnetId') ?? nis.filter(isObj).map((n) => n.SubnetId).find((x) => x !== undefined);
  if (subnetVal === undefined) {
    inst.publicIp = PUBLIC_IP_AT_LAUNCH;
    return;
  }
  const ref = subnetVal instanceof ResRef ? b.target<Subnet>(subnetVal.logicalId, 'AWS::EC2::Subnet') : undefined;
  if (ref) {
    if (ref.model.mapPublicIpOnLaunch) inst.publicIp = PUBLIC_IP_AT_LAUNCH;
    return;
  }
  res.unknownAt('publicIp', 'SubnetId', 'whether the instance gets a public IP depends on its subnet, which is not in this template');
}

function volumeAttachment(b: Builder, res: Res): void {
  const v = b.target<EbsVolume>(res.refId('VolumeId'), 'AWS::EC2::Volume')?.model;
  const i = res.str('InstanceId');
  if (v && i) v.attachedInstanceIds.push(i);
  if (v) v.state = 'in-use';
}

function vpc(b: Builder, res: Res): void {
  const id = `vpc-${res.logicalId}`;
  const v: Vpc = { id, arn: b.arn('ec2', `vpc/${id}`), isDefault: false, origin: res.origin };
  const c = res.str('CidrBlock', 'cidrBlock');
  if (c) v.cidrBlock = c;
  const tags = tagsOf(res);
  if (tags) v.tags = tags;
  b.lists.vpcs.push(v);
  b.add(res, v, [id, v.arn]);
}

function subnet(b: Builder, res: Res): void {
  const id = `subnet-${res.logicalId}`;
  const s: Subnet = {
    id,
    arn: b.arn('ec2', `subnet/${id}`),
    vpcId: res.str('VpcId', 'vpcId') ?? '',
    mapPublicIpOnLaunch: res.bool('MapPublicIpOnLaunch', 'mapPublicIpOnLaunch', false),
  };
  const c = res.str('CidrBlock', 'cidrBlock');
  if (c) s.cidrBlock = c;
  const az = res.str('AvailabilityZone');
  if (az) s.availabilityZone = az;
  b.lists.subnets.push(s);
  b.add(res, s, [id, s.arn]);
}

function flowLog(b: Builder, res: Res): void {
  const resourceId = res.str('ResourceId', 'resourceId') ?? '';
  const f: FlowLog = {
    id: `fl-${res.logicalId}`,
    resourceId,
    trafficType: (res.str('TrafficType', 'trafficType') ?? 'ALL') as FlowLog['trafficType'],
    status: 'ACTIVE',
    destinationType: (res.str('LogDestinationType', 'destinationType') ?? 'cloud-watch-logs') as FlowLog['destinationType'],
    origin: res.origin,
  };
  const d = res.str('LogDestination') ?? res.str('LogGroupName');
  if (d) f.destination = d;
  b.lists.flowLogs.push(f);
  b.add(res, f, [f.id]);
}

function networkAcl(b: Builder, res: Res): void {
  const id = `acl-${res.logicalId}`;
  const n: NetworkAcl = { id, arn: b.arn('ec2', `network-acl/${id}`), vpcId: res.str('VpcId', 'vpcId') ?? '', isDefault: false, entries: [], subnetIds: [], origin: res.origin };
  b.lists.networkAcls.push(n);
  b.add(res, n, [id, n.arn]);
}

function networkAclEntry(b: Builder, res: Res): void {
  const t = b.target<NetworkAcl>(res.refId('NetworkAclId'), 'AWS::EC2::NetworkAcl');
  if (!t) return;
  const proto = asText(res.get('Protocol')) ?? '-1';
  const e: NetworkAclEntry = {
    ruleNumber: Number(asText(res.get('RuleNumber')) ?? 0),
    egress: String(asText(res.get('Egress')) ?? 'false').toLowerCase() === 'true',
    ruleAction: (asText(res.get('RuleAction')) ?? 'allow').toLowerCase() === 'deny' ? 'deny' : 'allow',
    protocol: proto,
  };
  const c = asText(res.get('CidrBlock'));
  if (c) e.cidrBlock = canonicalCidr(c);
  const c6 = asText(res.get('Ipv6CidrBlock'));
  if (c6) e.ipv6CidrBlock = c6;
  const pr = res.get('PortRange');
  if (isObj(pr)) e.portRange = { from: Number(asText(pr.From)), to: Number(asText(pr.To)) };
  const field = `entries[${t.model.entries.length}]`;
  t.res.markPos(field, res.tr.pos);
  const u = ['Protocol', 'RuleNumber', 'RuleAction', 'CidrBlock', 'PortRange', 'Egress'].map((k) => findUnknown(res.get(k))).find((x) => x);
  if (u) t.res.unknown('entries', u);
  t.model.entries.push(e);
}

function subnetAclAssociation(b: Builder, res: Res): void {
  const t = b.target<NetworkAcl>(res.refId('NetworkAclId'), 'AWS::EC2::NetworkAcl');
  const s = res.str('SubnetId');
  if (t && s) t.model.subnetIds.push(s);
}

function vpcEndpoint(b: Builder, res: Res): void {
  const id = `vpce-${res.logicalId}`;
  const e: Lists['vpcEndpoints'][number] = {
    id,
    vpcId: res.str('VpcId', 'vpcId') ?? '',
    serviceName: res.str('ServiceName', 'serviceName') ?? '',
    // VpcEndpointType: default Gateway.
    type: (res.str('VpcEndpointType', 'type') ?? 'Gateway').toLowerCase() === 'interface' ? 'Interface' : res.str('VpcEndpointType') ?? 'Gateway',
  };
  const pol = res.policy('PolicyDocument', 'policy');
  if (pol.status === 'ok' && pol.value) e.policy = pol.value;
  else if (pol.status !== 'ok') res.unknownAt('policy', 'PolicyDocument', pol.error.message);
  b.lists.vpcEndpoints.push(e);
  b.add(res, e, [id]);
}

function internetGateway(b: Builder, res: Res): void {
  const g = { id: `igw-${res.logicalId}`, vpcIds: [] as string[] };
  b.lists.internetGateways.push(g);
  b.add(res, g, [g.id]);
}

function gatewayAttachment(b: Builder, res: Res): void {
  const g = b.target<{ id: string; vpcIds: string[] }>(res.refId('InternetGatewayId'), 'AWS::EC2::InternetGateway')?.model;
  const vpc = res.str('VpcId');
  if (g && vpc) g.vpcIds.push(vpc);
}

function routeTable(b: Builder, res: Res): void {
  const t: RouteTable = { id: `rtb-${res.logicalId}`, vpcId: res.str('VpcId', 'vpcId') ?? '', routes: [], subnetIds: [], main: false };
  b.lists.routeTables.push(t);
  b.add(res, t, [t.id]);
}

function route(b: Builder, res: Res): void {
  const t = b.target<RouteTable>(res.refId('RouteTableId'), 'AWS::EC2::RouteTable')?.model;
  if (!t) return;
  const destination = res.str('DestinationCidrBlock') ?? res.str('DestinationIpv6CidrBlock') ?? res.str('DestinationPrefixListId') ?? '';
  const target = ['GatewayId', 'NatGatewayId', 'TransitGatewayId', 'VpcPeeringConnectionId', 'InstanceId', 'NetworkInterfaceId', 'VpcEndpointId', 'EgressOnlyInternetGatewayId', 'CarrierGatewayId', 'LocalGatewayId', 'CoreNetworkArn']
    .map((k) => res.str(k))
    .find((x) => x !== undefined);
  t.routes.push(target !== undefined ? { destination, target } : { destination });
}

function routeTableAssociation(b: Builder, res: Res): void {
  const t = b.target<RouteTable>(res.refId('RouteTableId'), 'AWS::EC2::RouteTable')?.model;
  const s = res.str('SubnetId');
  if (t && s) t.subnetIds.push(s);
}

export const ec2Mappers: MapperTable = {
  'AWS::EC2::LaunchTemplate': { phase: 1, map: launchTemplate },
  'AWS::EC2::VPCEndpoint': { phase: 2, map: vpcEndpoint },
  'AWS::EC2::InternetGateway': { phase: 1, map: internetGateway },
  'AWS::EC2::VPCGatewayAttachment': { phase: 2, map: gatewayAttachment },
  'AWS::EC2::RouteTable': { phase: 1, map: routeTable },
  'AWS::EC2::Route': { phase: 2, map: route },
  'AWS::EC2::SubnetRouteTableAssociation': { phase: 2, map: routeTableAssociation },
  'AWS::EC2::SecurityGroup': { phase: 1, map: securityGroup },
  'AWS::EC2::SecurityGroupIngress': { phase: 2, map: standaloneRule(true) },
  'AWS::EC2::SecurityGroupEgress': { phase: 2, map: standaloneRule(false) },
  'AWS::EC2::Volume': { phase: 1, map: volume },
  'AWS::EC2::VolumeAttachment': { phase: 2, map: volumeAttachment },
  'AWS::EC2::Instance': { phase: 2, map: instance },
  'AWS::EC2::VPC': { phase: 1, map: vpc },
  'AWS::EC2::Subnet': { phase: 1, map: subnet },
  'AWS::EC2::FlowLog': { phase: 2, map: flowLog },
  'AWS::EC2::NetworkAcl': { phase: 1, map: networkAcl },
  'AWS::EC2::NetworkAclEntry': { phase: 2, map: networkAclEntry },
  'AWS::EC2::SubnetNetworkAclAssociation': { phase: 2, map: subnetAclAssociation },
};
