import { describe, expect, it } from 'vitest';
import { checks as organizations } from '../../src/checks/organizations.js';
import type { Check, Finding } from '../../src/checks/types.js';
import type { AccountInventory, Budget, OrganizationInfo } from '../../src/model/inventory.js';
import { account, denied, inventory, NOW, ok } from '../helpers/inventory.js';

function run(check: Check, acct: AccountInventory): Finding[] {
  return check.run(acct, { now: NOW, inventory: inventory([acct]) });
}
const status = (check: Check, acct: AccountInventory) => run(check, acct).map((f) => f.status);

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
