import { describe, expect, it } from 'vitest';
import { checks as accountChecks } from '../../src/checks/account.js';
import { checks as billing } from '../../src/checks/billing.js';
import { checks as organizations } from '../../src/checks/organizations.js';
import { checks as manual } from '../../src/checks/manual.js';
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

describe('billing_spend_monitored', () => {
  const check = billing[0]!;
  const budget = (subscribers: number): Budget => ({ name: 'monthly', budgetType: 'COST', notifications: ok([{ notificationType: 'ACTUAL', threshold: 80, subscribers }]) });
  it('PASS with a notifying budget or a billing alarm; FAIL otherwise; ERROR when unreadable', () => {
    expect(status(check, account({ budgets: ok([budget(1)]) }))).toEqual(['PASS']);
    expect(status(check, account({ budgets: ok([budget(0)]) }))).toEqual(['FAIL']);
    expect(status(check, account())).toEqual(['FAIL']);
    const alarm = account({}, { 'us-east-1': { cloudwatch: { alarms: ok([{ name: 'bill', arn: 'arn:bill', namespace: 'AWS/Billing', metricName: 'EstimatedCharges', alarmActions: ['arn:aws:sns:us-east-1:111122223333:t'], actionsEnabled: true }]) } } });
    expect(status(check, { ...alarm, budgets: denied('budgets:ViewBudget') })).toEqual(['PASS']);
    expect(status(check, account({ budgets: denied('budgets:ViewBudget') }))).toEqual(['ERROR']);
  });
});

describe('organizations_scp_guardrails_applied', () => {
  const check = organizations[0]!;
  const org = (o: Partial<OrganizationInfo>): OrganizationInfo => ({ id: 'o-1', arn: 'arn:org', managementAccountId: '999988887777', isManagementAccount: false, ...o });
  const full = { id: 'p-FullAWSAccess', name: 'FullAWSAccess', document: {} };
  it('PASS with a guardrail SCP on the path, FAIL with only FullAWSAccess / not in an org / management account, ERROR unread', () => {
    expect(status(check, account({ organization: ok(org({ scps: ok([{ targetId: 'r-1', policies: [full, { id: 'p-deny', name: 'deny-leave', document: {} }] }]) })) }))).toEqual(['PASS']);
    expect(status(check, account({ organization: ok(org({ scps: ok([{ targetId: 'r-1', policies: [full] }]) })) }))).toEqual(['FAIL']);
    expect(status(check, account())).toEqual(['FAIL']);
    expect(status(check, account({ organization: ok(org({ isManagementAccount: true })) }))).toEqual(['FAIL']);
    expect(status(check, account({ organization: ok(org({ scps: denied('organizations:ListPoliciesForTarget') })) }))).toEqual(['ERROR']);
    expect(status(check, account({ organization: denied() }))).toEqual(['ERROR']);
  });
});

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
