import { describe, expect, it } from 'vitest';
import { ALL_CHECKS, findCheck } from '../../src/checks/index.js';
import { runChecks } from '../../src/checks/engine.js';
import { SEVERITIES } from '../../src/model/result.js';
import { account, denied, failed, inventory, NOW } from '../helpers/inventory.js';
import type { AccountInventory } from '../../src/model/inventory.js';

describe('ALL_CHECKS', () => {
  it('has unique snake_case ids and complete metadata', () => {
    const ids = ALL_CHECKS.map((c) => c.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of ALL_CHECKS) {
      expect(c.meta.id).toMatch(/^[a-z0-9]+(_[a-z0-9]+)+$/);
      expect(SEVERITIES).toContain(c.meta.severity);
      expect(c.meta.title.length, c.meta.id).toBeGreaterThan(10);
      expect(c.meta.description.length, c.meta.id).toBeGreaterThan(20);
      expect(c.meta.risk.length, c.meta.id).toBeGreaterThan(10);
    }
    expect(findCheck('iam_root_mfa_enabled')?.meta.service).toBe('iam');
  });

  it('no check passes anything on an account where every read was denied (no false PASS)', () => {
    const acct = deniedEverywhere(account());
    const results = runChecks(inventory([acct]), ALL_CHECKS, { now: NOW });
    const passes = results.filter((r) => r.status === 'PASS');
    expect(passes.map((r) => `${r.checkId}: ${r.reason}`)).toEqual([]);
    expect(results.filter((r) => r.status === 'ERROR').length).toBeGreaterThan(ALL_CHECKS.length / 2);
    expect(results.some((r) => r.reason.startsWith('check '))).toBe(false); // no check threw
  });
});

/** Replace every Collected in the account (deeply) with a denial. */
function deniedEverywhere(acct: AccountInventory): AccountInventory {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.status === 'ok' && 'value' in o) return denied('test:Denied');
      if (o.status && o.status !== 'ok' && 'error' in o) return failed();
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(acct) as AccountInventory;
}
