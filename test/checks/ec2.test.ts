import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/ec2.js';
import { runChecks } from '../../src/checks/engine.js';
import type { Check } from '../../src/checks/types.js';
import type { IpPermission, NetworkAclEntry, SecurityGroup } from '../../src/model/inventory.js';
import { account, denied, inventory, NOW, ok, type RegionOverrides } from '../helpers/inventory.js';

const R = 'us-east-1';

function byId(id: string): Check {
  const c = checks.find((x) => x.meta.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
}

function run(id: string, regional: RegionOverrides, regions = [R]) {
  const acct = account({ regions }, { [R]: regional });
  return runChecks(inventory([acct]), [byId(id)], { now: NOW });
}

function perm(p: Partial<IpPermission>): IpPermission {
  return { ipProtocol: 'tcp', ipv4Ranges: [], ipv6Ranges: [], prefixListIds: [], groupRefs: [], ...p };
}

function sg(ingress: IpPermission[], extra: Partial<SecurityGroup> = {}): SecurityGroup {
  return { id: 'sg-1', arn: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-1', name: 'web', ingress, egress: [], ...extra };
}

const sgs = (...g: SecurityGroup[]): RegionOverrides => ({ ec2: { securityGroups: ok(g) } as never });

describe('security group admin ports (CIS)', () => {
  const v4 = 'ec2_sg_no_ipv4_admin_ingress';
  const v6 = 'ec2_sg_no_ipv6_admin_ingress';

  it('passes a group with only HTTPS open', () => {
    const r = run(v4, sgs(sg([perm({ fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'] })])));
    expect(r.map((x) => x.status)).toEqual(['PASS']);
  });

  it('fails port 22 open to 0.0.0.0/0', () => {
    const r = run(v4, sgs(sg([perm({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] })])));
    expect(r[0]!.status).toBe('FAIL');
    expect(r[0]!.reason).toContain('22');
  });

  it('fails a 0-65535 range and protocol -1 (they cover 22 and 3389)', () => {
    expect(run(v4, sgs(sg([perm({ fromPort: 0, toPort: 65535, ipv4Ranges: ['0.0.0.0/0'] })])))[0]!.status).toBe('FAIL');
    expect(run(v4, sgs(sg([perm({ ipProtocol: '-1', ipv4Ranges: ['0.0.0.0/0'] })])))[0]!.status).toBe('FAIL');
  });

  it('fails UDP 3389 (CIS counts TCP, UDP and all)', () => {
    expect(run(v4, sgs(sg([perm({ ipProtocol: 'udp', fromPort: 3389, toPort: 3389, ipv4Ranges: ['0.0.0.0/0'] })])))[0]!.status).toBe('FAIL');
  });

  it('separates IPv4 from IPv6: ::/0 fails only the IPv6 check', () => {
    const g = sgs(sg([perm({ fromPort: 22, toPort: 22, ipv6Ranges: ['::/0'] })]));
    expect(run(v4, g)[0]!.status).toBe('PASS');
    expect(run(v6, g)[0]!.status).toBe('FAIL');
  });

  it('passes 22 from a narrow range', () => {
    expect(run(v4, sgs(sg([perm({ fromPort: 22, toPort: 22, ipv4Ranges: ['203.0.113.0/24'] })])))[0]!.status).toBe('PASS');
  });

  it('reports ERROR for a region whose security groups could not be read, naming the permission', () => {
    const r = run(v4, { ec2: { securityGroups: denied('ec2:DescribeSecurityGroups') } as never });
    expect(r).toHaveLength(1);
    expect(r[0]!.status).toBe('ERROR');
    expect(r[0]!.reason).toContain('ec2:DescribeSecurityGroups');
  });

  it('points template findings at the offending rule when the template located it', () => {
    const origin = { file: 't.yaml', logicalId: 'Sg', line: 3, column: 5, fields: { ingress: { line: 9, column: 7 }, 'ingress[1]': { line: 14, column: 9 } } };
    const rules = [perm({ fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'] }), perm({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] })];
    expect(run(v4, sgs(sg(rules, { origin })))[0]).toMatchObject({ status: 'FAIL', line: 14, column: 9 });
  });

  it('points template findings at the ingress field', () => {
    const origin = { file: 't.yaml', logicalId: 'Sg', line: 3, column: 5, fields: { ingress: { line: 9, column: 7 } } };
    const r = run(v4, sgs(sg([perm({ fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] })], { origin })));
    expect(r[0]).toMatchObject({ status: 'FAIL', file: 't.yaml', line: 9, column: 7 });
  });
});

describe('FSBP port checks', () => {
  it('ssh check ignores UDP 22 but catches ::/0 TCP 22', () => {
    expect(run('ec2_sg_no_public_ssh', sgs(sg([perm({ ipProtocol: 'udp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'] })])))[0]!.status).toBe('PASS');
    expect(run('ec2_sg_no_public_ssh', sgs(sg([perm({ fromPort: 22, toPort: 22, ipv6Ranges: ['::/0'] })])))[0]!.status).toBe('FAIL');
  });

  it('rdp check fails 3389 inside a range', () => {
    expect(run('ec2_sg_no_public_rdp', sgs(sg([perm({ fromPort: 3000, toPort: 4000, ipv4Ranges: ['0.0.0.0/0'] })])))[0]!.status).toBe('FAIL');
  });

  it('high-risk ports: MySQL open fails, HTTPS open passes', () => {
    expect(run('ec2_sg_no_public_high_risk_ports', sgs(sg([perm({ fromPort: 3306, toPort: 3306, ipv4Ranges: ['0.0.0.0/0'] })])))[0]!.status).toBe('FAIL');
    expect(run('ec2_sg_no_public_high_risk_ports', sgs(sg([perm({ fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'] })])))[0]!.status).toBe('PASS');
  });

  it('cifs: 445 open fails', () => {
    expect(run('ec2_sg_no_public_cifs', sgs(sg([perm({ fromPort: 445, toPort: 445, ipv4Ranges: ['0.0.0.0/0'] })])))[0]!.status).toBe('FAIL');
  });

  it('authorized ports: 80 and 443 pass, 80-443 range and 8080 fail, ICMP ignored', () => {
    const id = 'ec2_sg_open_only_authorized_ports';
    expect(run(id, sgs(sg([perm({ fromPort: 80, toPort: 80, ipv4Ranges: ['0.0.0.0/0'] }), perm({ fromPort: 443, toPort: 443, ipv6Ranges: ['::/0'] })])))[0]!.status).toBe('PASS');
    expect(run(id, sgs(sg([perm({ fromPort: 80, toPort: 443, ipv4Ranges: ['0.0.0.0/0'] })])))[0]!.status).toBe('FAIL');
    expect(run(id, sgs(sg([perm({ fromPort: 8080, toPort: 8080, ipv4Ranges: ['0.0.0.0/0'] })])))[0]!.status).toBe('FAIL');
    expect(run(id, sgs(sg([perm({ ipProtocol: 'icmp', fromPort: -1, toPort: -1, ipv4Ranges: ['0.0.0.0/0'] })])))[0]!.status).toBe('PASS');
  });
});

describe('ec2_default_sg_closed', () => {
  const id = 'ec2_default_sg_closed';
  it('passes an empty default group and ignores non-default groups', () => {
    const r = run(id, sgs(sg([], { name: 'default' }), sg([perm({ fromPort: 1, toPort: 2 })], { id: 'sg-2', name: 'app' })));
    expect(r.map((x) => [x.resourceId, x.status])).toEqual([['sg-1', 'PASS']]);
  });
  it('fails a default group with the AWS-created self-referencing ingress and open egress', () => {
    const r = run(id, sgs(sg([perm({ ipProtocol: '-1', groupRefs: ['sg-1'] })], { name: 'default', egress: [perm({ ipProtocol: '-1', ipv4Ranges: ['0.0.0.0/0'] })] })));
    expect(r[0]!.status).toBe('FAIL');
  });
  it('errors when groups were not read', () => {
    expect(run(id, { ec2: { securityGroups: denied() } as never })[0]!.status).toBe('ERROR');
  });
  it('names the fixer', () => {
    expect(byId(id).meta.fixerId).toBe('ec2_default_sg_close');
  });
});

describe('ec2_nacl_no_public_admin_ports', () => {
  const id = 'ec2_nacl_no_public_admin_ports';
  const acl = (entries: NetworkAclEntry[]) => ({ ec2: { networkAcls: ok([{ id: 'acl-1', arn: 'arn:acl', vpcId: 'vpc-1', isDefault: false, entries, subnetIds: ['s'] }]) } as never });
  const deflt: NetworkAclEntry = { ruleNumber: 32767, egress: false, ruleAction: 'deny', protocol: '-1', cidrBlock: '0.0.0.0/0' };

  it('fails the default "allow all" rule 100', () => {
    const r = run(id, acl([{ ruleNumber: 100, egress: false, ruleAction: 'allow', protocol: '-1', cidrBlock: '0.0.0.0/0' }, deflt]));
    expect(r[0]!.status).toBe('FAIL');
  });
  it('passes when a lower-numbered deny for 22 and 3389 precedes the allow-all', () => {
    const r = run(id, acl([
      { ruleNumber: 10, egress: false, ruleAction: 'deny', protocol: '-1', cidrBlock: '0.0.0.0/0', portRange: { from: 22, to: 22 } },
      { ruleNumber: 20, egress: false, ruleAction: 'deny', protocol: '6', cidrBlock: '0.0.0.0/0', portRange: { from: 3389, to: 3389 } },
      { ruleNumber: 21, egress: false, ruleAction: 'deny', protocol: '17', cidrBlock: '0.0.0.0/0', portRange: { from: 3389, to: 3389 } },
      { ruleNumber: 100, egress: false, ruleAction: 'allow', protocol: '-1', cidrBlock: '0.0.0.0/0' },
      deflt,
    ]));
    expect(r[0]!.status).toBe('PASS');
  });
  it('fails an IPv6 ::/0 allow for TCP 22', () => {
    const r = run(id, acl([{ ruleNumber: 100, egress: false, ruleAction: 'allow', protocol: '6', ipv6CidrBlock: '::/0', portRange: { from: 0, to: 65535 } }, deflt]));
    expect(r[0]!.status).toBe('FAIL');
    expect(r[0]!.reason).toContain('::/0');
  });
  it('ignores egress rules and narrow sources', () => {
    const r = run(id, acl([
      { ruleNumber: 100, egress: true, ruleAction: 'allow', protocol: '-1', cidrBlock: '0.0.0.0/0' },
      { ruleNumber: 110, egress: false, ruleAction: 'allow', protocol: '6', cidrBlock: '10.0.0.0/8', portRange: { from: 22, to: 22 } },
      deflt,
    ]));
    expect(r[0]!.status).toBe('PASS');
  });
  it('errors when ACLs were not read', () => {
    expect(run(id, { ec2: { networkAcls: denied('ec2:DescribeNetworkAcls') } as never })[0]!.status).toBe('ERROR');
  });
});

describe('ec2_nacl_unused', () => {
  const id = 'ec2_nacl_unused';
  const acl = (subnetIds: string[], isDefault = false) => ({ id: 'acl-1', arn: 'a', vpcId: 'v', isDefault, entries: [], subnetIds });
  it('passes used, fails unused, skips default', () => {
    expect(run(id, { ec2: { networkAcls: ok([acl(['s'])]) } as never })[0]!.status).toBe('PASS');
    expect(run(id, { ec2: { networkAcls: ok([acl([])]) } as never })[0]!.status).toBe('FAIL');
    expect(run(id, { ec2: { networkAcls: ok([acl([], true)]) } as never })).toHaveLength(0);
    expect(run(id, { ec2: { networkAcls: denied() } as never })[0]!.status).toBe('ERROR');
  });
});

describe('ec2_ebs_default_encryption', () => {
  const id = 'ec2_ebs_default_encryption';
  it('is judged per region: one region on, one off, one unreadable', () => {
    const acct = account(
      { regions: ['us-east-1', 'eu-west-1', 'ap-south-1'] },
      {
        'us-east-1': { ec2: { ebsEncryptionByDefault: ok(true) } as never },
        'eu-west-1': { ec2: { ebsEncryptionByDefault: ok(false) } as never },
        'ap-south-1': { ec2: { ebsEncryptionByDefault: denied('ec2:GetEbsEncryptionByDefault') } as never },
      },
    );
    const r = runChecks(inventory([acct]), [byId(id)], { now: NOW });
    expect(r.map((x) => [x.region, x.status])).toEqual([
      ['us-east-1', 'PASS'],
      ['eu-west-1', 'FAIL'],
      ['ap-south-1', 'ERROR'],
    ]);
    expect(r[2]!.reason).toContain('ec2:GetEbsEncryptionByDefault');
  });
});

describe('EBS volumes, snapshots, AMIs', () => {
  it('volume encryption', () => {
    const vol = (encrypted: boolean) => ({ id: 'vol-1', arn: 'a', encrypted, state: 'in-use', attachedInstanceIds: ['i-1'] });
    expect(run('ec2_ebs_volume_encrypted', { ec2: { volumes: ok([vol(true)]) } as never })[0]!.status).toBe('PASS');
    expect(run('ec2_ebs_volume_encrypted', { ec2: { volumes: ok([vol(false)]) } as never })[0]!.status).toBe('FAIL');
    expect(run('ec2_ebs_volume_encrypted', { ec2: { volumes: denied() } as never })[0]!.status).toBe('ERROR');
    const detached = { id: 'vol-2', arn: 'a', encrypted: false, state: 'available', attachedInstanceIds: [] };
    expect(run('ec2_ebs_volume_encrypted', { ec2: { volumes: ok([detached]) } as never })).toHaveLength(0);
  });
  it('snapshot public: pass, fail, error on unreadable attribute', () => {
    const snap = (pub: ReturnType<typeof ok<boolean>> | ReturnType<typeof denied<boolean>>) => ({ id: 'snap-1', arn: 'a', encrypted: true, public: pub });
    expect(run('ec2_ebs_snapshot_not_public', { ec2: { snapshots: ok([snap(ok(false))]) } as never })[0]!.status).toBe('PASS');
    expect(run('ec2_ebs_snapshot_not_public', { ec2: { snapshots: ok([snap(ok(true))]) } as never })[0]!.status).toBe('FAIL');
    const e = run('ec2_ebs_snapshot_not_public', { ec2: { snapshots: ok([snap(denied('ec2:DescribeSnapshotAttribute'))]) } as never })[0]!;
    expect(e.status).toBe('ERROR');
    expect(e.reason).toContain('ec2:DescribeSnapshotAttribute');
  });
  it('AMI public', () => {
    expect(run('ec2_ami_not_public', { ec2: { images: ok([{ id: 'ami-1', arn: 'a', public: true }]) } as never })[0]!.status).toBe('FAIL');
    expect(run('ec2_ami_not_public', { ec2: { images: ok([{ id: 'ami-1', arn: 'a', public: false }]) } as never })[0]!.status).toBe('PASS');
    expect(run('ec2_ami_not_public', { ec2: { images: denied() } as never })[0]!.status).toBe('ERROR');
  });
});

describe('instances', () => {
  const inst = (extra: object) => ({ id: 'i-1', arn: 'arn:i', state: 'running', securityGroupIds: [], ...extra });
  const id = 'ec2_instance_imdsv2_required';
  it('IMDSv2: required passes, optional fails, endpoint disabled passes, terminated skipped', () => {
    expect(run(id, { ec2: { instances: ok([inst({ metadataOptions: { httpTokens: 'required' } })]) } as never })[0]!.status).toBe('PASS');
    expect(run(id, { ec2: { instances: ok([inst({ metadataOptions: { httpTokens: 'optional' } })]) } as never })[0]!.status).toBe('FAIL');
    expect(run(id, { ec2: { instances: ok([inst({ metadataOptions: { httpTokens: 'optional', httpEndpoint: 'disabled' } })]) } as never })[0]!.status).toBe('PASS');
    expect(run(id, { ec2: { instances: ok([inst({ state: 'terminated', metadataOptions: { httpTokens: 'optional' } })]) } as never })).toHaveLength(0);
  });
  it('IMDSv2: unset options follow the account default, never a silent pass', () => {
    expect(run(id, { ec2: { instances: ok([inst({})]), instanceMetadataDefaults: ok({ httpTokens: 'required' }) } as never })[0]!.status).toBe('PASS');
    expect(run(id, { ec2: { instances: ok([inst({})]), instanceMetadataDefaults: ok(null) } as never })[0]!.status).toBe('FAIL');
    expect(run(id, { ec2: { instances: ok([inst({})]), instanceMetadataDefaults: denied() } as never })[0]!.status).toBe('ERROR');
    expect(run(id, { ec2: { instances: denied('ec2:DescribeInstances') } as never })[0]!.status).toBe('ERROR');
  });
  it('public IP', () => {
    expect(run('ec2_instance_no_public_ip', { ec2: { instances: ok([inst({ publicIp: '198.51.100.7' })]) } as never })[0]!.status).toBe('FAIL');
    expect(run('ec2_instance_no_public_ip', { ec2: { instances: ok([inst({})]) } as never })[0]!.status).toBe('PASS');
    expect(run('ec2_instance_no_public_ip', { ec2: { instances: denied() } as never })[0]!.status).toBe('ERROR');
  });
});

describe('ec2_vpc_flow_logs_enabled', () => {
  const id = 'ec2_vpc_flow_logs_enabled';
  const vpc = { id: 'vpc-1', arn: 'arn:vpc', isDefault: false };
  const fl = (trafficType: 'ACCEPT' | 'REJECT' | 'ALL', resourceId = 'vpc-1') => ({ id: 'fl-1', resourceId, trafficType, destinationType: 's3' as const, status: 'ACTIVE' });
  it('REJECT and ALL pass; ACCEPT only fails; another VPC\'s log does not count', () => {
    expect(run(id, { ec2: { vpcs: ok([vpc]), flowLogs: ok([fl('REJECT')]) } as never })[0]!.status).toBe('PASS');
    expect(run(id, { ec2: { vpcs: ok([vpc]), flowLogs: ok([fl('ALL')]) } as never })[0]!.status).toBe('PASS');
    expect(run(id, { ec2: { vpcs: ok([vpc]), flowLogs: ok([fl('ACCEPT')]) } as never })[0]!.status).toBe('FAIL');
    expect(run(id, { ec2: { vpcs: ok([vpc]), flowLogs: ok([fl('ALL', 'vpc-2')]) } as never })[0]!.status).toBe('FAIL');
  });
  it('errors when flow logs or VPCs could not be read', () => {
    expect(run(id, { ec2: { vpcs: ok([vpc]), flowLogs: denied('ec2:DescribeFlowLogs') } as never })[0]!.status).toBe('ERROR');
    expect(run(id, { ec2: { vpcs: denied() } as never })[0]!.status).toBe('ERROR');
  });
});

describe('ec2_subnet_no_auto_public_ip', () => {
  const id = 'ec2_subnet_no_auto_public_ip';
  const sub = (m: boolean) => ({ id: 'subnet-1', arn: 'a', vpcId: 'v', mapPublicIpOnLaunch: m });
  it('pass, fail, error', () => {
    expect(run(id, { ec2: { subnets: ok([sub(false)]) } as never })[0]!.status).toBe('PASS');
    expect(run(id, { ec2: { subnets: ok([sub(true)]) } as never })[0]!.status).toBe('FAIL');
    expect(run(id, { ec2: { subnets: denied() } as never })[0]!.status).toBe('ERROR');
  });
});

describe('metadata', () => {
  it('every check has a unique ec2_ id, remediation and risk', () => {
    const ids = checks.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of checks) {
      expect(c.meta.id).toMatch(/^ec2_[a-z0-9_]+$/);
      expect(c.meta.risk.length).toBeGreaterThan(20);
      expect(c.meta.remediation.console ?? c.meta.remediation.cli).toBeTruthy();
    }
  });
});
