/** Runs one check of a module over a one-region account built from overrides (shared by part-B service tests). */
import { runChecks } from '../../src/checks/engine.js';
import type { Check } from '../../src/checks/types.js';
import type { CheckResult } from '../../src/model/result.js';
import { account, inventory, NOW, type RegionOverrides } from '../helpers/inventory.js';

export const REGION = 'us-east-1';

export function runner(checks: readonly Check[]) {
  const byId = (id: string): Check => {
    const c = checks.find((x) => x.meta.id === id);
    if (!c) throw new Error(`no check ${id}`);
    return c;
  };
  const run = (id: string, regional: RegionOverrides, now: Date = NOW): CheckResult[] =>
    runChecks(inventory([account({ regions: [REGION] }, { [REGION]: regional })]), [byId(id)], { now });
  const statuses = (id: string, regional: RegionOverrides, now: Date = NOW): string[] => run(id, regional, now).map((r) => r.status);
  return { byId, run, statuses };
}
