import { describe, expect, it } from 'vitest';
import { checks as billing } from '../../src/checks/billing.js';
import type { Check, Finding } from '../../src/checks/types.js';
import type { AccountInventory, Budget, OrganizationInfo } from '../../src/model/inventory.js';
import { account, denied, inventory, NOW, ok } from '../helpers/inventory.js';

function run(check: Check, acct: AccountInventory): Finding[] {
  return check.run(acct, { now: NOW, inventory: inventory([acct]) });
}
const status = (check: Check, acct: AccountInventory) => run(check, acct).map((f) => f.status);

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
