import type { Collected } from '../model/collected.js';
import type { AccountInventory, RegionInventory } from '../model/inventory.js';
import type { Finding } from './types.js';
import { accountRef, errorFinding, regionsOf } from './helpers.js';

/**
 * One finding per scanned region: ERROR when the region's data was not read (naming what and the
 * permission), otherwise whatever `judge` says about the collected value.
 */
export function perRegion<T>(
  account: AccountInventory,
  select: (r: RegionInventory) => Collected<T>,
  what: string,
  judge: (value: T, region: string, r: RegionInventory) => Finding,
): Finding[] {
  return regionsOf(account).map(([region, r]) => {
    const c = select(r);
    if (c.status !== 'ok') return errorFinding(accountRef(account, region), c, `${what} in ${region}`);
    return judge(c.value, region, r);
  });
}
