import { describeFailure, type Collected } from '../model/collected.js';
import type { AccountInventory, RegionInventory, ResourceOrigin } from '../model/inventory.js';
import type { Finding } from './types.js';

export const GLOBAL = 'global';

/** The ARN-or-id triple most findings need. */
export interface ResourceRef {
  region: string;
  resourceId: string;
  resourceArn?: string;
  resourceType?: string;
  origin?: ResourceOrigin;
}

export function pass(ref: ResourceRef, reason: string, evidence?: unknown): Finding {
  return { status: 'PASS', ...ref, reason, evidence };
}

export function fail(ref: ResourceRef, reason: string, evidence?: unknown, field?: string): Finding {
  return { status: 'FAIL', ...ref, reason, evidence, field };
}

export function manual(ref: ResourceRef, reason: string): Finding {
  return { status: 'MANUAL', ...ref, reason };
}

/** ERROR for data that could not be read: the reason names what and the permission. */
export function errorFinding(ref: ResourceRef, c: Collected<unknown>, what: string): Finding {
  return {
    status: 'ERROR',
    ...ref,
    reason: describeFailure(c, what),
    evidence: c.status === 'ok' ? undefined : { status: c.status, error: c.error },
  };
}

/**
 * Run `onValue` when the data was collected; otherwise one ERROR finding for `ref`.
 * The common shape of a check: `withCollected(x.buckets, ref, 'S3 buckets', (buckets) => ...)`.
 */
export function withCollected<T>(
  c: Collected<T>,
  ref: ResourceRef,
  what: string,
  onValue: (value: T) => Finding[],
): Finding[] {
  if (c.status !== 'ok') return [errorFinding(ref, c, what)];
  return onValue(c.value);
}

/** Regions in scan order, with their inventory. */
export function regionsOf(account: AccountInventory): [string, RegionInventory][] {
  return account.regions
    .map((r) => [r, account.regional[r]] as const)
    .filter((e): e is [string, RegionInventory] => e[1] !== undefined);
}

/**
 * The account itself as a resource (for account-level settings). An account has no ARN of its
 * own (arn:aws:::ACCOUNT is not one), so results name it by id; ASFF writes AWS::::Account:ID.
 */
export function accountRef(account: AccountInventory, region = GLOBAL): ResourceRef {
  return {
    region,
    resourceId: account.accountId,
    resourceType: 'AWS::::Account',
  };
}

/** For each region: findings from `perRegion`, or one ERROR when that region's list failed. */
export function perRegionList<T>(
  account: AccountInventory,
  select: (r: RegionInventory) => Collected<T[]>,
  what: string,
  perItem: (item: T, region: string, r: RegionInventory) => Finding[],
): Finding[] {
  const out: Finding[] = [];
  for (const [region, r] of regionsOf(account)) {
    const c = select(r);
    if (c.status !== 'ok') {
      out.push(errorFinding(accountRef(account, region), c, `${what} in ${region}`));
      continue;
    }
    for (const item of c.value) out.push(...perItem(item, region, r));
  }
  return out;
}

const DAY_MS = 86_400_000;

/** Whole days from an ISO time to `now`; undefined for AWS's special values (N/A, no_information). */
export function daysSince(iso: string | undefined, now: Date): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  return Math.floor((now.getTime() - t) / DAY_MS);
}
