import type { IpPermission as SdkIpPermission } from '@aws-sdk/client-ec2';
import type { AccountInventory, IpPermission, RegionInventory } from '../../model/inventory.js';
import type { CheckResult } from '../../model/result.js';
import type { PlanOutcome, PlannedChange } from '../types.js';

export function changeId(fixerId: string, account: string, region: string, resourceId: string): string {
  return `${fixerId}:${account}:${region}:${resourceId}`;
}

export function regionOf(account: AccountInventory, region: string): RegionInventory | undefined {
  return account.regional[region];
}

/** The skeleton of a change for a result; fixers fill in states and calls. */
export function changeFor<S>(
  fixerId: string,
  r: CheckResult,
  fields: Pick<PlannedChange<S>, 'summary' | 'before' | 'after' | 'calls' | 'rollback'> & Partial<Pick<PlannedChange<S>, 'cannotRestore' | 'warnings'>>,
): PlanOutcome<S> {
  return {
    change: {
      id: changeId(fixerId, r.account, r.region, r.resourceId),
      fixerId,
      checkId: r.checkId,
      account: r.account,
      region: r.region,
      resourceId: r.resourceId,
      ...(r.resourceArn ? { resourceArn: r.resourceArn } : {}),
      cannotRestore: [],
      warnings: [],
      ...fields,
    },
  };
}

/** kenro's IpPermission -> the SDK shape Authorize/Revoke calls take. */
export function toSdkIpPermission(p: IpPermission, accountId: string): SdkIpPermission {
  const out: SdkIpPermission = { IpProtocol: p.ipProtocol };
  if (p.fromPort !== undefined) out.FromPort = p.fromPort;
  if (p.toPort !== undefined) out.ToPort = p.toPort;
  if (p.ipv4Ranges.length) out.IpRanges = p.ipv4Ranges.map((CidrIp) => ({ CidrIp }));
  if (p.ipv6Ranges.length) out.Ipv6Ranges = p.ipv6Ranges.map((CidrIpv6) => ({ CidrIpv6 }));
  if (p.prefixListIds.length) out.PrefixListIds = p.prefixListIds.map((PrefixListId) => ({ PrefixListId }));
  if (p.groupRefs.length) {
    out.UserIdGroupPairs = p.groupRefs.map((ref) => {
      const [user, group] = ref.includes('/') ? ref.split('/', 2) : [accountId, ref];
      return { GroupId: group, UserId: user };
    });
  }
  return out;
}

/** A canonical, order-independent form of a permission list, so states compare equal. */
export function normalizePermissions(perms: readonly IpPermission[]): IpPermission[] {
  const sorted = (xs: readonly string[]) => [...xs].sort();
  return perms
    .map((p) => ({
      ipProtocol: p.ipProtocol,
      ...(p.fromPort !== undefined ? { fromPort: p.fromPort } : {}),
      ...(p.toPort !== undefined ? { toPort: p.toPort } : {}),
      ipv4Ranges: sorted(p.ipv4Ranges),
      ipv6Ranges: sorted(p.ipv6Ranges),
      prefixListIds: sorted(p.prefixListIds),
      groupRefs: sorted(p.groupRefs),
    }))
    .filter((p) => p.ipv4Ranges.length + p.ipv6Ranges.length + p.prefixListIds.length + p.groupRefs.length > 0)
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** An AWS error with one of these codes (the SDK sets `name` to the code). */
export function hasCode(err: unknown, ...codes: string[]): boolean {
  const e = err as { name?: string; Code?: string; code?: string };
  return codes.some((c) => e?.name === c || e?.Code === c || e?.code === c);
}
