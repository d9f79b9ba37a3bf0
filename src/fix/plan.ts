import picomatch from 'picomatch';
import type { Inventory } from '../model/inventory.js';
import type { CheckResult } from '../model/result.js';
import type { Fixer, FixOptions, PlannedChange } from './types.js';

export interface Selection {
  /** Check ids or globs. */
  checks?: string[];
  /** Glob over resource ARN or id. */
  resources?: string[];
  regions?: string[];
  /** Check ids, fixer ids or resource globs to leave out. */
  exclude?: string[];
}

export interface Plan {
  changes: PlannedChange[];
  /** Failing results no fixer handles, or that a fixer declined, with the reason. */
  skipped: { checkId: string; resource: string; region: string; reason: string }[];
}

function matcher(patterns: string[] | undefined): ((s: string) => boolean) | undefined {
  if (!patterns?.length) return undefined;
  const ms = patterns.map((p) => picomatch(p, { dot: true }));
  return (s) => ms.some((m) => m(s));
}

/**
 * Builds the plan: for each FAIL result that a fixer handles and the selection keeps, the exact
 * calls with the state before and after. Pure: reads the inventory, calls nothing.
 */
export function buildPlan(
  inventory: Inventory,
  results: readonly CheckResult[],
  fixers: readonly Fixer[],
  options: FixOptions,
  selection: Selection = {},
): Plan {
  const byCheck = new Map<string, Fixer[]>();
  for (const f of fixers) for (const c of f.checkIds) byCheck.set(c, [...(byCheck.get(c) ?? []), f]);
  const wantCheck = matcher(selection.checks);
  const wantResource = matcher(selection.resources);
  const excluded = matcher(selection.exclude);
  const plan: Plan = { changes: [], skipped: [] };
  const seen = new Set<string>();
  for (const r of results) {
    if (r.status !== 'FAIL') continue;
    const resource = r.resourceArn ?? r.resourceId;
    if (wantCheck && !wantCheck(r.checkId)) continue;
    if (wantResource && !wantResource(resource) && !wantResource(r.resourceId)) continue;
    if (selection.regions?.length && !selection.regions.includes(r.region)) continue;
    if (excluded && (excluded(r.checkId) || excluded(resource) || excluded(r.resourceId))) continue;
    const candidates = (byCheck.get(r.checkId) ?? []).filter((f) => !excluded?.(f.id));
    if (candidates.length === 0) {
      plan.skipped.push({ checkId: r.checkId, resource, region: r.region, reason: 'no fixer for this check' });
      continue;
    }
    const account = inventory.accounts.find((a) => a.accountId === r.account);
    if (!account) continue;
    for (const fixer of candidates) {
      const outcome = fixer.plan(r, { account, options });
      if ('skip' in outcome) {
        plan.skipped.push({ checkId: r.checkId, resource, region: r.region, reason: `${fixer.id}: ${outcome.skip}` });
        continue;
      }
      // Several checks can fail for one resource and need the same change (e.g. SSH and RDP on one group).
      if (seen.has(outcome.change.id)) continue;
      seen.add(outcome.change.id);
      plan.changes.push(outcome.change as PlannedChange);
      break;
    }
  }
  return plan;
}
