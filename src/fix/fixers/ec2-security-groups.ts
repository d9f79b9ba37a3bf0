import { permissionCoversPort, isWholeSpace } from '../../checks/netRules.js';
import type { IpPermission } from '../../model/inventory.js';
import { toIpPermission } from '../../sources/aws/services/ec2.js';
import type { ApiCall, Executor, Fixer } from '../types.js';
import { changeFor, normalizePermissions, regionOf, toSdkIpPermission } from './common.js';
import type { IpPermission as SdkIpPermission } from '@aws-sdk/client-ec2';

interface GroupRules {
  ingress: IpPermission[];
  egress: IpPermission[];
}

async function readGroup(aws: Executor, region: string, groupId: string, account: string): Promise<GroupRules> {
  const out = await aws.call({ service: 'ec2', operation: 'DescribeSecurityGroups', region, params: { GroupIds: [groupId] }, mutating: false });
  const group = (out.SecurityGroups as { IpPermissions?: SdkIpPermission[]; IpPermissionsEgress?: SdkIpPermission[] }[] | undefined)?.[0];
  if (!group) throw new Error(`security group ${groupId} not found in ${region}`);
  return {
    ingress: normalizePermissions((group.IpPermissions ?? []).map((p) => toIpPermission(p, account))),
    egress: normalizePermissions((group.IpPermissionsEgress ?? []).map((p) => toIpPermission(p, account))),
  };
}

function revoke(region: string, groupId: string, direction: 'Ingress' | 'Egress', perms: IpPermission[], account: string): ApiCall[] {
  if (perms.length === 0) return [];
  const params = { GroupId: groupId, IpPermissions: perms.map((p) => toSdkIpPermission(p, account)) };
  return [{ service: 'ec2', operation: `RevokeSecurityGroup${direction}`, region, params, mutating: true }];
}

function authorize(region: string, groupId: string, direction: 'Ingress' | 'Egress', perms: IpPermission[], account: string): ApiCall[] {
  if (perms.length === 0) return [];
  const params = { GroupId: groupId, IpPermissions: perms.map((p) => toSdkIpPermission(p, account)) };
  return [{ service: 'ec2', operation: `AuthorizeSecurityGroup${direction}`, region, params, mutating: true }];
}

/** Closes a VPC's default security group: revokes every inbound and outbound rule (CIS, FSBP EC2.2). */
export const closeDefaultSecurityGroup: Fixer<GroupRules> = {
  id: 'ec2_default_sg_close',
  title: 'Revoke every inbound and outbound rule of the default security group',
  checkIds: ['ec2_default_sg_closed'],
  permissions: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress', 'ec2:AuthorizeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupEgress'],
  plan(r, { account }) {
    const groups = regionOf(account, r.region)?.ec2.securityGroups;
    if (groups?.status !== 'ok') return { skip: 'the security groups of this region were not read' };
    const sg = groups.value.find((g) => g.id === r.resourceId);
    if (!sg) return { skip: `security group ${r.resourceId} is not in the inventory` };
    if (sg.name !== 'default') return { skip: `${sg.id} is not a default security group` };
    const before = { ingress: normalizePermissions(sg.ingress), egress: normalizePermissions(sg.egress) };
    return changeFor(this.id, r, {
      summary: `revoke ${before.ingress.length} inbound and ${before.egress.length} outbound rule(s) of default security group ${sg.id} (${sg.vpcId ?? 'no VPC'})`,
      before,
      after: { ingress: [], egress: [] },
      calls: [...revoke(r.region, sg.id, 'Ingress', before.ingress, account.accountId), ...revoke(r.region, sg.id, 'Egress', before.egress, account.accountId)],
      rollback: [...authorize(r.region, sg.id, 'Ingress', before.ingress, account.accountId), ...authorize(r.region, sg.id, 'Egress', before.egress, account.accountId)],
      warnings: ['resources still using the default group lose the traffic those rules allowed; move them to purpose-made groups first'],
    });
  },
  read(change, aws) {
    return readGroup(aws, change.region, change.resourceId, change.account);
  },
};

/** Remote administration ports CIS names (SSH, RDP) and other admin ports kenro's checks flag. */
export const ADMIN_PORTS = [22, 3389] as const;

/**
 * Removes only the internet sources (0.0.0.0/0, ::/0) of the rules that admit an admin port; every
 * other source and rule stays. Rules that also admit other ports lose their internet source too —
 * a rule cannot be split without changing what else it allows, and the plan says so.
 */
export const removeInternetAdminIngress: Fixer<GroupRules> = {
  id: 'ec2_sg_remove_internet_admin_ingress',
  title: 'Remove internet (0.0.0.0/0, ::/0) ingress to SSH, RDP and other admin ports',
  checkIds: ['ec2_sg_no_public_ssh', 'ec2_sg_no_public_rdp', 'ec2_sg_no_ipv4_admin_ingress', 'ec2_sg_no_ipv6_admin_ingress'],
  permissions: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupIngress'],
  plan(r, { account }) {
    const groups = regionOf(account, r.region)?.ec2.securityGroups;
    if (groups?.status !== 'ok') return { skip: 'the security groups of this region were not read' };
    const sg = groups.value.find((g) => g.id === r.resourceId);
    if (!sg) return { skip: `security group ${r.resourceId} is not in the inventory` };
    const offending: IpPermission[] = [];
    const kept: IpPermission[] = [];
    for (const p of sg.ingress) {
      const admin = ADMIN_PORTS.some((port) => permissionCoversPort(p, port, ['tcp', 'udp']));
      const v4 = admin ? p.ipv4Ranges.filter((c) => isWholeSpace(c, 'ipv4')) : [];
      const v6 = admin ? p.ipv6Ranges.filter((c) => isWholeSpace(c, 'ipv6')) : [];
      if (v4.length + v6.length > 0) offending.push({ ...p, ipv4Ranges: v4, ipv6Ranges: v6, prefixListIds: [], groupRefs: [] });
      kept.push({ ...p, ipv4Ranges: p.ipv4Ranges.filter((c) => !v4.includes(c)), ipv6Ranges: p.ipv6Ranges.filter((c) => !v6.includes(c)) });
    }
    if (offending.length === 0) return { skip: `${sg.id} has no internet source on an admin port` };
    const before = { ingress: normalizePermissions(sg.ingress), egress: normalizePermissions(sg.egress) };
    const wide = offending.filter((p) => p.fromPort === undefined || (p.toPort ?? 65535) - (p.fromPort ?? 0) > 0 || p.ipProtocol === '-1');
    return changeFor(this.id, r, {
      summary: `remove internet sources from ${offending.length} inbound rule(s) of ${sg.id} (${sg.name}) that admit SSH/RDP`,
      before,
      after: { ingress: normalizePermissions(kept), egress: before.egress },
      calls: revoke(r.region, sg.id, 'Ingress', offending, account.accountId),
      rollback: authorize(r.region, sg.id, 'Ingress', offending, account.accountId),
      warnings: wide.length
        ? ['some removed rules span more ports than SSH/RDP (a port range or all protocols): the internet loses those ports too; re-add narrow rules if they were intended']
        : [],
    });
  },
  read(change, aws) {
    return readGroup(aws, change.region, change.resourceId, change.account);
  },
};
