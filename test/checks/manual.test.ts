import { describe, expect, it } from 'vitest';
import { checks as manual } from '../../src/checks/manual.js';
import type { Check, Finding } from '../../src/checks/types.js';
import type { AccountInventory, Budget, OrganizationInfo } from '../../src/model/inventory.js';
import { account, denied, inventory, NOW, ok } from '../helpers/inventory.js';

function run(check: Check, acct: AccountInventory): Finding[] {
  return check.run(acct, { now: NOW, inventory: inventory([acct]) });
}
const status = (check: Check, acct: AccountInventory) => run(check, acct).map((f) => f.status);

describe('manual checks', () => {
  it('each emits exactly one MANUAL result that says what to verify', () => {
    for (const c of manual) {
      const fs = run(c, account());
      expect(fs, c.meta.id).toHaveLength(1);
      expect(fs[0]!.status).toBe('MANUAL');
      expect(fs[0]!.reason).toMatch(/^verify by hand: .{40,}/);
      expect(c.meta.kind).toBe('manual');
    }
  });
});
