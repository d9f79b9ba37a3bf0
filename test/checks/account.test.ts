import { describe, expect, it } from 'vitest';
import { checks as accountChecks } from '../../src/checks/account.js';
import type { Check, Finding } from '../../src/checks/types.js';
import type { AccountInventory, Budget, OrganizationInfo } from '../../src/model/inventory.js';
import { account, denied, inventory, NOW, ok } from '../helpers/inventory.js';

function run(check: Check, acct: AccountInventory): Finding[] {
  return check.run(acct, { now: NOW, inventory: inventory([acct]) });
}
const status = (check: Check, acct: AccountInventory) => run(check, acct).map((f) => f.status);

describe('account_security_contact_registered', () => {
  const check = accountChecks[0]!;
  it('PASS with an e-mail, FAIL without a contact or e-mail, ERROR unreadable; never stores the address', () => {
    const withContact = account({ contacts: ok({ security: { name: 'Sec', emailAddress: 'sec@example.com' }, billing: null, operations: null }) });
    const [f] = run(check, withContact);
    expect(f!.status).toBe('PASS');
    expect(JSON.stringify(f)).not.toContain('sec@example.com');
    expect(status(check, account())).toEqual(['FAIL']);
    expect(status(check, account({ contacts: ok({ security: { name: 'Sec' }, billing: null, operations: null }) }))).toEqual(['FAIL']);
    const [e] = run(check, account({ contacts: denied('account:GetAlternateContact') }));
    expect(e!.status).toBe('ERROR');
    expect(e!.reason).toMatch(/account:GetAlternateContact/);
  });
});
