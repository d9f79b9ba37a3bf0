/**
 * ERROR findings that name the IAM permission exactly once. Part-B checks describe what they read
 * as "what (service:Permission)"; when the collector already recorded the permission, it is not
 * repeated, and when it did not (throttling, timeouts), the permission from the description is used.
 */
import type { Collected } from '../model/collected.js';
import type { AccountInventory, RegionInventory } from '../model/inventory.js';
import { accountRef, errorFinding, regionsOf, type ResourceRef } from './helpers.js';
import type { Finding } from './types.js';

/** Splits "S3 buckets (s3:ListAllMyBuckets)" into the thing read and the permission(s) it needs. */
export function splitWhat(whatWithPermission: string): { what: string; permission?: string } {
  const m = /^(.*\S)\s+\(([a-z0-9-]+:[A-Za-z0-9*]+(?:,\s*[a-z0-9-]+:[A-Za-z0-9*]+)*)\)$/.exec(whatWithPermission);
  return m ? { what: m[1]!, permission: m[2]! } : { what: whatWithPermission };
}

/** ERROR for `c`, naming what could not be read and (once) the permission that would read it. */
export function readError(ref: ResourceRef, c: Collected<unknown>, whatWithPermission: string, suffix = ''): Finding {
  const { what, permission } = splitWhat(whatWithPermission);
  const withPerm = c.status !== 'ok' && !c.error.permission && permission ? { ...c, error: { ...c.error, permission } } : c;
  return errorFinding(ref, withPerm, what + suffix);
}

/** Like helpers' withCollected, with the permission named once. */
export function withRead<T>(c: Collected<T>, ref: ResourceRef, whatWithPermission: string, onValue: (value: T) => Finding[]): Finding[] {
  if (c.status !== 'ok') return [readError(ref, c, whatWithPermission)];
  return onValue(c.value);
}

/** Like helpers' perRegionList: findings per item, or one ERROR for a region whose list was not read. */
export function perRegionRead<T>(
  account: AccountInventory,
  select: (r: RegionInventory) => Collected<T[]>,
  whatWithPermission: string,
  perItem: (item: T, region: string, r: RegionInventory) => Finding[],
): Finding[] {
  const out: Finding[] = [];
  // The engine gives every scanned region an inventory (an unread one when data is missing).
  for (const [region, r] of regionsOf(account)) {
    const c = select(r);
    if (c.status !== 'ok') {
      out.push(readError(accountRef(account, region), c, whatWithPermission, ` in ${region}`));
      continue;
    }
    for (const item of c.value) out.push(...perItem(item, region, r));
  }
  return out;
}
