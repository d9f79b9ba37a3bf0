/**
 * EC2, VPC and EBS checks: security groups, network ACLs, flow logs, EBS encryption and sharing,
 * instance metadata and public addresses.
 */
import type { Collected } from '../model/collected.js';
import type { AccountInventory, Ec2Instance, RegionInventory, SecurityGroup } from '../model/inventory.js';
import { accountRef, fail, pass, regionsOf, type ResourceRef } from './helpers.js';
import { exposedIngress, naclOpenings, unauthorizedOpenIngress, type Family, type L4 } from './netRules.js';
import type { Check, Finding } from './types.js';
import { perRegionRead, readError } from './readErrors.js';
import { vpcEndpointChecks } from './vpcEndpoints.js';

/** `ingress[i]` when the template located that rule, else the whole `ingress` list. */
function ruleField(sg: SecurityGroup, list: 'ingress' | 'egress', index: number): string {
  const precise = `${list}[${index}]`;
  return sg.origin?.fields?.[precise] ? precise : list;
}

const sgRef = (sg: SecurityGroup, region: string): ResourceRef => ({
  region,
  resourceId: sg.id,
  resourceArn: sg.arn,
  origin: sg.origin,
});

/** One finding per security group from `judge`, or one ERROR per region whose groups were not read. */
function perSecurityGroup(account: AccountInventory, judge: (sg: SecurityGroup, ref: ResourceRef) => Finding): Finding[] {
  return perRegionRead(account, (r) => r.ec2.securityGroups, 'EC2 security groups (ec2:DescribeSecurityGroups)', (sg, region) => [
    judge(sg, sgRef(sg, region)),
  ]);
}

/** A check that fails security groups exposing `ports` to the internet over the given families. */
function publicPortsCheck(opts: {
  id: string;
  title: string;
  severity: Check['meta']['severity'];
  ports: number[];
  families: Family[];
  protos: L4[];
  portsText: string;
  configRule?: string;
  description: string;
}): Check {
  const source = opts.families.map((f) => (f === 'ipv4' ? '0.0.0.0/0' : '::/0')).join(' or ');
  return {
    meta: {
      id: opts.id,
      title: opts.title,
      severity: opts.severity,
      service: 'ec2',
      resourceType: 'AWS::EC2::SecurityGroup',
      description: opts.description,
      risk:
        `Anyone on the internet can reach ${opts.portsText} on every instance or interface that uses the group; ` +
        'these services are scanned for continuously and are a common way in through weak credentials or unpatched flaws.',
      remediation: {
        cli:
          'aws ec2 revoke-security-group-ingress --group-id sg-0123 --ip-permissions ' +
          `'IpProtocol=tcp,FromPort=${opts.ports[0]},ToPort=${opts.ports[0]},IpRanges=[{CidrIp=0.0.0.0/0}]'\n` +
          'aws ec2 authorize-security-group-ingress --group-id sg-0123 --protocol tcp ' +
          `--port ${opts.ports[0]} --cidr 203.0.113.0/24   # a trusted range, or use Session Manager instead`,
        cloudformation:
          'SecurityGroupIngress:\n' +
          `  - IpProtocol: tcp\n    FromPort: ${opts.ports[0]}\n    ToPort: ${opts.ports[0]}\n    CidrIp: 203.0.113.0/24  # never 0.0.0.0/0 or ::/0`,
        console:
          'EC2 console > Security Groups > select the group > Inbound rules > Edit inbound rules: remove or narrow ' +
          `every rule whose source is ${source} and whose port range or protocol (All traffic) includes ${opts.portsText}.`,
        docs: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
      },
      configRule: opts.configRule,
    },
    run(account) {
      return perSecurityGroup(account, (sg, ref) => {
        const exposed = exposedIngress(sg.ingress, opts.ports, opts.families, opts.protos);
        if (exposed.length === 0) return pass(ref, `no inbound rule opens ${opts.portsText} to ${source}`);
        const first = exposed[0]!;
        return fail(
          ref,
          `inbound rule ${first.ipProtocol === '-1' ? 'all traffic' : `${first.ipProtocol} ${first.fromPort ?? '*'}-${first.toPort ?? '*'}`} ` +
            `from ${first.source} opens port ${first.ports.join(', ')}` +
            (exposed.length > 1 ? ` (and ${exposed.length - 1} more rule(s))` : ''),
          { exposedRules: exposed },
          ruleField(sg, 'ingress', first.index),
        );
      });
    },
  };
}

const ADMIN_PORTS = [22, 3389];
const adminDescription = (fam: string): string =>
  `Security groups must not accept traffic from ${fam} on the remote administration ports SSH (22) and RDP (3389). ` +
  'A rule counts when its port range covers 22 or 3389 with protocol TCP, UDP or all traffic (-1), so ' +
  '"all traffic" and wide ranges such as 0-65535 fail as well.';

const sgNoIpv4AdminPorts = publicPortsCheck({
  id: 'ec2_sg_no_ipv4_admin_ingress',
  title: 'No security group allows ingress from 0.0.0.0/0 to remote administration ports',
  severity: 'high',
  ports: ADMIN_PORTS,
  families: ['ipv4'],
  protos: ['tcp', 'udp'],
  portsText: 'ports 22 and 3389',
  configRule: 'RESTRICTED_INCOMING_TRAFFIC',
  description: adminDescription('0.0.0.0/0 (any IPv4 address)'),
});

const sgNoIpv6AdminPorts = publicPortsCheck({
  id: 'ec2_sg_no_ipv6_admin_ingress',
  title: 'No security group allows ingress from ::/0 to remote administration ports',
  severity: 'high',
  ports: ADMIN_PORTS,
  families: ['ipv6'],
  protos: ['tcp', 'udp'],
  portsText: 'ports 22 and 3389',
  configRule: 'RESTRICTED_INCOMING_TRAFFIC',
  description: adminDescription('::/0 (any IPv6 address)'),
});

const sgNoPublicSsh = publicPortsCheck({
  id: 'ec2_sg_no_public_ssh',
  title: 'Security groups do not allow ingress from 0.0.0.0/0 or ::/0 to port 22',
  severity: 'high',
  ports: [22],
  families: ['ipv4', 'ipv6'],
  protos: ['tcp'],
  portsText: 'SSH (TCP 22)',
  configRule: 'INCOMING_SSH_DISABLED',
  description:
    'No security group accepts SSH (TCP port 22) from the whole IPv4 or IPv6 internet, including through ' +
    '"all traffic" rules or port ranges that contain 22.',
});

const sgNoPublicRdp = publicPortsCheck({
  id: 'ec2_sg_no_public_rdp',
  title: 'Security groups do not allow ingress from 0.0.0.0/0 or ::/0 to port 3389',
  severity: 'high',
  ports: [3389],
  families: ['ipv4', 'ipv6'],
  protos: ['tcp'],
  portsText: 'RDP (TCP 3389)',
  configRule: 'RESTRICTED_INCOMING_TRAFFIC',
  description:
    'No security group accepts Remote Desktop (TCP port 3389) from the whole IPv4 or IPv6 internet, including ' +
    'through "all traffic" rules or port ranges that contain 3389.',
});

const sgNoPublicCifs = publicPortsCheck({
  id: 'ec2_sg_no_public_cifs',
  title: 'Security groups do not allow CIFS/SMB (ports 139, 445) from the internet',
  severity: 'high',
  ports: [139, 445],
  families: ['ipv4', 'ipv6'],
  protos: ['tcp'],
  portsText: 'CIFS/SMB (TCP 139 and 445)',
  description:
    'File sharing over CIFS/SMB (TCP 445, and NetBIOS session service on TCP 139) must only be reachable from ' +
    'trusted networks, never from 0.0.0.0/0 or ::/0.',
});

/** Ports Security Hub's EC2.19 treats as high risk (restricted-common-ports parameters). */
export const HIGH_RISK_PORTS = [
  20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088,
  8888, 9200, 9300,
];

const sgNoPublicHighRiskPorts = publicPortsCheck({
  id: 'ec2_sg_no_public_high_risk_ports',
  title: 'Security groups do not allow unrestricted access to high-risk ports',
  severity: 'high',
  ports: HIGH_RISK_PORTS,
  families: ['ipv4', 'ipv6'],
  protos: ['tcp'],
  portsText: 'high-risk ports (FTP, SSH, Telnet, SMTP, POP3, RPC, IMAP, SMB, SQL Server, MySQL, RDP, PostgreSQL, Kibana, Elasticsearch and others)',
  configRule: 'RESTRICTED_INCOMING_TRAFFIC',
  description:
    `No security group accepts traffic from 0.0.0.0/0 or ::/0 on any of the ports ${HIGH_RISK_PORTS.join(', ')}: ` +
    'administration, database, mail and search services that should never face the internet directly.',
});

const AUTHORIZED = { tcp: [80, 443], udp: [] as number[] };

const sgOpenOnlyAuthorizedPorts: Check = {
  meta: {
    id: 'ec2_sg_open_only_authorized_ports',
    title: 'Security groups only allow unrestricted inbound traffic on authorized ports (TCP 80, 443)',
    severity: 'high',
    service: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    description:
      'When a security group accepts traffic from 0.0.0.0/0 or ::/0, it may only do so for TCP 80 and 443 (the ' +
      "defaults of Security Hub's EC2.18). Any other TCP or UDP port, or all traffic, open to the internet fails.",
    risk: 'Every port open to the whole internet is attack surface; only deliberate web entry points should be.',
    remediation: {
      cli: 'aws ec2 revoke-security-group-ingress --group-id sg-0123 --ip-permissions \'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]\'',
      cloudformation:
        'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 443\n    ToPort: 443\n    CidrIp: 0.0.0.0/0',
      console:
        'EC2 console > Security Groups > Inbound rules: restrict every rule with source 0.0.0.0/0 or ::/0 to TCP 80/443, or narrow its source.',
      docs: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html',
    },
    configRule: 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS',
  },
  run(account) {
    return perSecurityGroup(account, (sg, ref) => {
      const bad = unauthorizedOpenIngress(sg.ingress, AUTHORIZED);
      if (bad.length === 0) return pass(ref, 'internet-open inbound rules (if any) are limited to TCP 80 and 443');
      const b = bad[0]!;
      return fail(
        ref,
        `inbound ${b.ipProtocol === '-1' ? 'all traffic' : `${b.ipProtocol} ${b.fromPort ?? '*'}-${b.toPort ?? '*'}`} is open to ${b.source}`,
        { rules: bad, authorizedTcpPorts: AUTHORIZED.tcp },
        ruleField(sg, 'ingress', b.index),
      );
    });
  },
};

const defaultSgClosed: Check = {
  meta: {
    id: 'ec2_default_sg_closed',
    title: 'The default security group of every VPC restricts all traffic',
    severity: 'high',
    service: 'ec2',
    resourceType: 'AWS::EC2::SecurityGroup',
    description:
      "Each VPC's default security group has no inbound and no outbound rules, so resources launched without " +
      'choosing a group get no network access by accident.',
    risk:
      'Resources placed in the default group silently inherit its rules; an open default group connects them to each other and beyond without anyone deciding so.',
    remediation: {
      cli:
        'aws ec2 revoke-security-group-ingress --group-id <default-sg> --ip-permissions "$(aws ec2 describe-security-groups --group-ids <default-sg> --query SecurityGroups[0].IpPermissions)"\n' +
        'aws ec2 revoke-security-group-egress --group-id <default-sg> --ip-permissions "$(aws ec2 describe-security-groups --group-ids <default-sg> --query SecurityGroups[0].IpPermissionsEgress)"',
      cloudformation:
        '# CloudFormation cannot manage the default group; create dedicated groups and leave the default empty:\n' +
        'AppSecurityGroup:\n  Type: AWS::EC2::SecurityGroup\n  Properties:\n    GroupDescription: app\n    VpcId: !Ref Vpc',
      console: 'VPC console > Security groups > the group named "default" > delete every inbound rule and every outbound rule.',
      docs: 'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
    },
    configRule: 'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
    fixerId: 'ec2_default_sg_close',
  },
  run(account) {
    return perRegionRead(account, (r) => r.ec2.securityGroups, 'EC2 security groups (ec2:DescribeSecurityGroups)', (sg, region) => {
      if (sg.name !== 'default') return [];
      const ref = sgRef(sg, region);
      if (sg.ingress.length === 0 && sg.egress.length === 0) return [pass(ref, 'the default security group has no inbound or outbound rules')];
      return [
        fail(
          ref,
          `the default security group has ${sg.ingress.length} inbound and ${sg.egress.length} outbound rule(s)`,
          { ingress: sg.ingress, egress: sg.egress },
          sg.ingress.length > 0 ? 'ingress' : 'egress',
        ),
      ];
    });
  },
};

const naclNoPublicAdminPorts: Check = {
  meta: {
    id: 'ec2_nacl_no_public_admin_ports',
    title: 'No network ACL allows ingress from 0.0.0.0/0 or ::/0 to remote administration ports',
    severity: 'medium',
    service: 'ec2',
    resourceType: 'AWS::EC2::NetworkAcl',
    description:
      'Network ACLs do not let the internet reach SSH (22) or RDP (3389) over TCP or UDP. Rules are read in ' +
      'rule-number order as AWS evaluates them: the first rule for 0.0.0.0/0 (or ::/0) that matches the port decides, ' +
      'so a lower-numbered deny closes the port even if a later rule allows it.',
    risk: 'An ACL that admits administration ports from anywhere removes a layer of defence in depth for every subnet it covers.',
    remediation: {
      cli: 'aws ec2 create-network-acl-entry --network-acl-id acl-0123 --ingress --rule-number 50 --protocol 6 --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny',
      cloudformation:
        'DenySshFromInternet:\n  Type: AWS::EC2::NetworkAclEntry\n  Properties:\n    NetworkAclId: !Ref Acl\n    RuleNumber: 50\n    Protocol: 6\n    RuleAction: deny\n    CidrBlock: 0.0.0.0/0\n    PortRange: { From: 22, To: 22 }',
      console:
        'VPC console > Network ACLs > the ACL > Inbound rules: remove allow rules from 0.0.0.0/0 or ::/0 covering 22/3389, or add lower-numbered deny rules.',
      docs: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html',
    },
    configRule: 'NACL_NO_UNRESTRICTED_SSH_RDP',
  },
  run(account) {
    return perRegionRead(account, (r) => r.ec2.networkAcls, 'network ACLs (ec2:DescribeNetworkAcls)', (acl, region) => {
      const ref: ResourceRef = { region, resourceId: acl.id, resourceArn: acl.arn, origin: acl.origin };
      const open = naclOpenings(acl.entries, ADMIN_PORTS, ['ipv4', 'ipv6']);
      if (open.length === 0) return [pass(ref, 'no inbound rule lets 0.0.0.0/0 or ::/0 reach ports 22 or 3389')];
      const o = open[0]!;
      return [
        fail(
          ref,
          `inbound rule ${o.ruleNumber} allows ${o.protocol} port ${o.port} from ${o.family === 'ipv4' ? '0.0.0.0/0' : '::/0'}`,
          { openings: open },
          'entries',
        ),
      ];
    });
  },
};

const naclUnused: Check = {
  meta: {
    id: 'ec2_nacl_unused',
    title: 'Unused network ACLs are removed',
    severity: 'low',
    service: 'ec2',
    resourceType: 'AWS::EC2::NetworkAcl',
    description: 'Every non-default network ACL is associated with at least one subnet; stale ACLs are deleted.',
    risk: 'Unused ACLs clutter reviews and can be attached later with rules nobody remembers approving.',
    remediation: {
      cli: 'aws ec2 delete-network-acl --network-acl-id acl-0123',
      console: 'VPC console > Network ACLs > select the ACL with no associated subnets > Actions > Delete.',
      docs: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html',
    },
    configRule: 'VPC_NETWORK_ACL_UNUSED_CHECK',
  },
  run(account) {
    return perRegionRead(account, (r) => r.ec2.networkAcls, 'network ACLs (ec2:DescribeNetworkAcls)', (acl, region) => {
      if (acl.isDefault) return [];
      const ref: ResourceRef = { region, resourceId: acl.id, resourceArn: acl.arn, origin: acl.origin };
      return acl.subnetIds.length > 0
        ? [pass(ref, `associated with ${acl.subnetIds.length} subnet(s)`)]
        : [fail(ref, 'the network ACL is not associated with any subnet', { subnetIds: [] })];
    });
  },
};

const ebsDefaultEncryption: Check = {
  meta: {
    id: 'ec2_ebs_default_encryption',
    title: 'EBS encryption by default is enabled in every region',
    severity: 'medium',
    service: 'ec2',
    resourceType: 'AWS::::Account',
    description:
      'The account-level "EBS encryption by default" setting is on in each scanned region, so every new volume and ' +
      'snapshot copy is encrypted even when the person creating it forgets to ask.',
    risk: 'Without it, a single launch without the encryption flag leaves data at rest unencrypted, and it cannot be encrypted in place later.',
    remediation: {
      cli: 'aws ec2 enable-ebs-encryption-by-default --region <region>',
      cloudformation: '# Not a CloudFormation resource; run the CLI command in each region, or use the kenro fixer.',
      console: 'EC2 console (each region) > Dashboard > Account attributes > Data protection and security > EBS encryption > Manage > Enable.',
      docs: 'https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html',
    },
    configRule: 'EC2_EBS_ENCRYPTION_BY_DEFAULT',
  },
  run(account) {
    const out: Finding[] = [];
    for (const [region, r] of regionsOf(account)) {
      const ref = accountRef(account, region);
      const c = r.ec2.ebsEncryptionByDefault;
      if (c.status !== 'ok') out.push(readError(ref, c, `EBS encryption by default in ${region} (ec2:GetEbsEncryptionByDefault)`));
      else if (c.value) out.push(pass(ref, `EBS encryption by default is enabled in ${region}`));
      else out.push(fail(ref, `EBS encryption by default is disabled in ${region}`, { ebsEncryptionByDefault: false }));
    }
    return out;
  },
};

const ebsVolumeEncrypted: Check = {
  meta: {
    id: 'ec2_ebs_volume_encrypted',
    title: 'Attached EBS volumes are encrypted at rest',
    severity: 'medium',
    service: 'ec2',
    resourceType: 'AWS::EC2::Volume',
    description:
      'Every EBS volume attached to an instance (state in-use, or with attachments) is encrypted with KMS, as AWS Config\'s ' +
      'encrypted-volumes rule evaluates it. Unattached volumes are not evaluated here; EBS encryption by default covers new ones.',
    risk: 'Unencrypted volumes, and every snapshot taken of them, hold data in the clear.',
    remediation: {
      cli:
        'aws ec2 create-snapshot --volume-id vol-0123\naws ec2 copy-snapshot --source-snapshot-id snap-0123 --source-region <region> --encrypted\n' +
        'aws ec2 create-volume --snapshot-id <encrypted-copy> --availability-zone <az> --encrypted   # then swap the volume',
      cloudformation: 'Volume:\n  Type: AWS::EC2::Volume\n  Properties:\n    Encrypted: true\n    AvailabilityZone: !Select [0, !GetAZs ""]\n    Size: 20',
      console: 'EC2 console > Volumes: snapshot the volume, copy the snapshot with encryption, create a volume from the copy, and swap it in.',
      docs: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html',
    },
    configRule: 'ENCRYPTED_VOLUMES',
  },
  run(account) {
    return perRegionRead(account, (r) => r.ec2.volumes, 'EBS volumes (ec2:DescribeVolumes)', (v, region) => {
      if (v.attachedInstanceIds.length === 0 && v.state !== 'in-use') return [];
      const ref: ResourceRef = { region, resourceId: v.id, resourceArn: v.arn, origin: v.origin };
      const ev = { encrypted: v.encrypted, attachedInstanceIds: v.attachedInstanceIds, state: v.state };
      return [v.encrypted ? pass(ref, 'the volume is encrypted', ev) : fail(ref, 'the volume is not encrypted', ev, 'encrypted')];
    });
  },
};

const ebsSnapshotNotPublic: Check = {
  meta: {
    id: 'ec2_ebs_snapshot_not_public',
    title: 'EBS snapshots are not publicly restorable',
    severity: 'critical',
    service: 'ec2',
    resourceType: 'AWS::EC2::Snapshot',
    description: "No snapshot owned by the account grants createVolumePermission to the group 'all'.",
    risk: 'Anyone with an AWS account can create a volume from a public snapshot and read everything on it.',
    remediation: {
      cli: 'aws ec2 modify-snapshot-attribute --snapshot-id snap-0123 --attribute createVolumePermission --operation-type remove --group-names all',
      console: 'EC2 console > Snapshots > the snapshot > Actions > Snapshot settings > Modify permissions > Private.',
      docs: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html',
    },
    configRule: 'EBS_SNAPSHOT_PUBLIC_RESTORABLE_CHECK',
  },
  run(account) {
    return perRegionRead(account, (r) => r.ec2.snapshots, 'EBS snapshots (ec2:DescribeSnapshots)', (s, region) => {
      const ref: ResourceRef = { region, resourceId: s.id, resourceArn: s.arn };
      if (s.public.status !== 'ok') return [readError(ref, s.public, `the permissions of snapshot ${s.id} (ec2:DescribeSnapshotAttribute)`)];
      return [
        s.public.value
          ? fail(ref, "the snapshot grants createVolumePermission to 'all' (public)", { public: true })
          : pass(ref, 'the snapshot is private', { public: false }),
      ];
    });
  },
};

const amiNotPublic: Check = {
  meta: {
    id: 'ec2_ami_not_public',
    title: 'AMIs owned by the account are not public',
    severity: 'high',
    service: 'ec2',
    resourceType: 'AWS::EC2::Image',
    description: 'No machine image owned by the account is shared with everyone.',
    risk: 'A public AMI exposes whatever was baked into it — code, configuration, sometimes credentials — to every AWS customer.',
    remediation: {
      cli: 'aws ec2 modify-image-attribute --image-id ami-0123 --launch-permission "Remove=[{Group=all}]"',
      console: 'EC2 console > AMIs > the image > Actions > Edit AMI permissions > Private.',
      docs: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html',
    },
  },
  run(account) {
    return perRegionRead(account, (r) => r.ec2.images, 'AMIs (ec2:DescribeImages)', (img, region) => {
      const ref: ResourceRef = { region, resourceId: img.id, resourceArn: img.arn };
      return [img.public ? fail(ref, 'the AMI is public', { public: true }) : pass(ref, 'the AMI is private', { public: false })];
    });
  },
};

function instanceRef(i: Ec2Instance, region: string): ResourceRef {
  return { region, resourceId: i.id, resourceArn: i.arn, origin: i.origin };
}

const GONE = new Set(['terminated', 'shutting-down']);

const imdsv2Required: Check = {
  meta: {
    id: 'ec2_instance_imdsv2_required',
    title: 'EC2 instances require IMDSv2',
    severity: 'high',
    service: 'ec2',
    resourceType: 'AWS::EC2::Instance',
    description:
      'Each instance either requires session tokens for the instance metadata service (HttpTokens = required) or has ' +
      'the metadata endpoint turned off. An instance with no metadata options set takes the account default for the ' +
      'region when that default requires tokens; otherwise it fails, since IMDSv1 stays usable.',
    risk:
      'IMDSv1 answers plain GET requests, so a server-side request forgery or an open proxy on the instance can read the role credentials from the metadata service.',
    remediation: {
      cli: 'aws ec2 modify-instance-metadata-options --instance-id i-0123 --http-tokens required --http-endpoint enabled',
      cloudformation:
        'Instance:\n  Type: AWS::EC2::Instance\n  Properties:\n    ImageId: ami-0123\n    MetadataOptions:\n      HttpTokens: required\n' +
        '# or, for a launch template: LaunchTemplateData.MetadataOptions.HttpTokens: required',
      console: 'EC2 console > Instances > the instance > Actions > Instance settings > Modify instance metadata options > IMDSv2: Required.',
      docs: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html',
    },
    configRule: 'EC2_IMDSV2_CHECK',
  },
  run(account) {
    return perRegionRead(account, (r) => r.ec2.instances, 'EC2 instances (ec2:DescribeInstances)', (i, region, r) => {
      if (GONE.has(i.state)) return [];
      const ref = instanceRef(i, region);
      const mo = i.metadataOptions;
      if (mo?.httpEndpoint === 'disabled') return [pass(ref, 'the instance metadata endpoint is disabled', mo)];
      if (mo?.httpTokens === 'required') return [pass(ref, 'IMDSv2 is required (HttpTokens = required)', mo)];
      if (mo?.httpTokens === 'optional') return [fail(ref, 'IMDSv1 is allowed (HttpTokens = optional)', mo, 'metadataOptions')];
      return [imdsFromDefaults(ref, r)];
    });
  },
};

function imdsFromDefaults(ref: ResourceRef, r: RegionInventory): Finding {
  const d: Collected<{ httpTokens?: string } | null> | undefined = r.ec2.instanceMetadataDefaults;
  if (d === undefined || d.status !== 'ok') {
    if (d) return readError(ref, d, `the account's instance metadata defaults in ${r.region} (ec2:GetInstanceMetadataDefaults)`);
    return fail(ref, 'no metadata options are set, so IMDSv1 may be allowed', { metadataOptions: null }, 'metadataOptions');
  }
  if (d.value?.httpTokens === 'required')
    return pass(ref, 'no metadata options on the instance; the account default for the region requires IMDSv2', { accountDefault: d.value });
  return fail(ref, 'no metadata options are set and the account default does not require IMDSv2', { accountDefault: d.value }, 'metadataOptions');
}

const instanceNoPublicIp: Check = {
  meta: {
    id: 'ec2_instance_no_public_ip',
    title: 'EC2 instances do not have a public IPv4 address',
    severity: 'high',
    service: 'ec2',
    resourceType: 'AWS::EC2::Instance',
    description: 'Instances sit behind load balancers, NAT or private connectivity instead of holding a public IPv4 address themselves.',
    risk: 'An instance with a public address is directly reachable from the internet, so a single loose security-group rule exposes it.',
    remediation: {
      cli: 'aws ec2 modify-subnet-attribute --subnet-id subnet-0123 --no-map-public-ip-on-launch   # then relaunch the instance without a public address',
      cloudformation:
        'LaunchTemplateData:\n  NetworkInterfaces:\n    - DeviceIndex: 0\n      AssociatePublicIpAddress: false',
      console: 'Launch replacement instances in private subnets (auto-assign public IP disabled) and put a load balancer or Session Manager in front.',
      docs: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html',
    },
    configRule: 'EC2_INSTANCE_NO_PUBLIC_IP',
  },
  run(account) {
    return perRegionRead(account, (r) => r.ec2.instances, 'EC2 instances (ec2:DescribeInstances)', (i, region) => {
      if (GONE.has(i.state)) return [];
      const ref = instanceRef(i, region);
      return [
        i.publicIp
          ? fail(ref, `the instance has the public IPv4 address ${i.publicIp}`, { publicIp: i.publicIp }, 'publicIp')
          : pass(ref, 'the instance has no public IPv4 address'),
      ];
    });
  },
};

const vpcFlowLogs: Check = {
  meta: {
    id: 'ec2_vpc_flow_logs_enabled',
    title: 'VPC flow logging is enabled in every VPC',
    severity: 'medium',
    service: 'ec2',
    resourceType: 'AWS::EC2::VPC',
    description:
      'Every VPC has a flow log that records at least rejected traffic (traffic type REJECT or ALL). A flow log that ' +
      'records only accepted traffic does not count.',
    risk: 'Without flow logs there is no record of who connected to what, which leaves network investigations blind.',
    remediation: {
      cli: 'aws ec2 create-flow-logs --resource-type VPC --resource-ids vpc-0123 --traffic-type REJECT --log-destination-type s3 --log-destination arn:aws:s3:::my-flow-logs',
      cloudformation:
        'FlowLog:\n  Type: AWS::EC2::FlowLog\n  Properties:\n    ResourceId: !Ref Vpc\n    ResourceType: VPC\n    TrafficType: ALL\n    LogDestinationType: s3\n    LogDestination: !GetAtt FlowLogBucket.Arn',
      console: 'VPC console > Your VPCs > the VPC > Flow logs > Create flow log > Filter: Reject or All.',
      docs: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
    },
    configRule: 'VPC_FLOW_LOGS_ENABLED',
  },
  run(account) {
    return perRegionRead(account, (r) => r.ec2.vpcs, 'VPCs (ec2:DescribeVpcs)', (vpc, region, r) => {
      const ref: ResourceRef = { region, resourceId: vpc.id, resourceArn: vpc.arn, origin: vpc.origin };
      if (r.ec2.flowLogs.status !== 'ok') return [readError(ref, r.ec2.flowLogs, `flow logs in ${region} (ec2:DescribeFlowLogs)`)];
      const logs = r.ec2.flowLogs.value.filter((f) => f.resourceId === vpc.id);
      const good = logs.filter((f) => (f.trafficType === 'REJECT' || f.trafficType === 'ALL') && (f.status === undefined || f.status === 'ACTIVE'));
      if (good.length > 0) return [pass(ref, `flow log ${good[0]!.id} records ${good[0]!.trafficType} traffic`, { flowLogs: good.map((f) => f.id) })];
      if (logs.length > 0)
        return [fail(ref, 'the VPC has flow logs, but none active that records rejected traffic', { flowLogs: logs.map((f) => ({ id: f.id, trafficType: f.trafficType, status: f.status })) })];
      return [fail(ref, 'the VPC has no flow log', { flowLogs: [] })];
    });
  },
};

const subnetNoAutoPublicIp: Check = {
  meta: {
    id: 'ec2_subnet_no_auto_public_ip',
    title: 'Subnets do not automatically assign public IP addresses',
    severity: 'medium',
    service: 'ec2',
    resourceType: 'AWS::EC2::Subnet',
    description: 'The subnet attribute MapPublicIpOnLaunch is off, so instances get a public address only when someone asks for one.',
    risk: 'Instances launched into an auto-assigning subnet become internet-addressable by default.',
    remediation: {
      cli: 'aws ec2 modify-subnet-attribute --subnet-id subnet-0123 --no-map-public-ip-on-launch',
      cloudformation: 'Subnet:\n  Type: AWS::EC2::Subnet\n  Properties:\n    VpcId: !Ref Vpc\n    CidrBlock: 10.0.1.0/24\n    MapPublicIpOnLaunch: false',
      console: 'VPC console > Subnets > the subnet > Actions > Edit subnet settings > clear "Enable auto-assign public IPv4 address".',
      docs: 'https://docs.aws.amazon.com/vpc/latest/userguide/subnet-public-ip.html',
    },
    configRule: 'SUBNET_AUTO_ASSIGN_PUBLIC_IP_DISABLED',
  },
  run(account) {
    return perRegionRead(account, (r) => r.ec2.subnets, 'subnets (ec2:DescribeSubnets)', (s, region) => {
      const ref: ResourceRef = { region, resourceId: s.id, resourceArn: s.arn };
      return [
        s.mapPublicIpOnLaunch
          ? fail(ref, 'the subnet assigns public IPv4 addresses on launch', { mapPublicIpOnLaunch: true }, 'mapPublicIpOnLaunch')
          : pass(ref, 'the subnet does not assign public IPv4 addresses on launch'),
      ];
    });
  },
};

export const checks: Check[] = [
  defaultSgClosed,
  sgNoIpv4AdminPorts,
  sgNoIpv6AdminPorts,
  sgNoPublicSsh,
  sgNoPublicRdp,
  sgNoPublicCifs,
  sgNoPublicHighRiskPorts,
  sgOpenOnlyAuthorizedPorts,
  naclNoPublicAdminPorts,
  naclUnused,
  ebsDefaultEncryption,
  ebsVolumeEncrypted,
  ebsSnapshotNotPublic,
  amiNotPublic,
  imdsv2Required,
  instanceNoPublicIp,
  vpcFlowLogs,
  subnetNoAutoPublicIp,
  ...vpcEndpointChecks,
];
