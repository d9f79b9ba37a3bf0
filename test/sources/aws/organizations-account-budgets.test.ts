import { AccountClient, GetAlternateContactCommand, ResourceNotFoundException } from '@aws-sdk/client-account';
import {
  BudgetsClient,
  DescribeBudgetsCommand,
  DescribeNotificationsForBudgetCommand,
  DescribeSubscribersForNotificationCommand,
} from '@aws-sdk/client-budgets';
import {
  AWSOrganizationsNotInUseException,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListParentsCommand,
  ListPoliciesForTargetCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import * as account from '../../../src/sources/aws/services/account.js';
import * as budgets from '../../../src/sources/aws/services/budgets.js';
import * as organizations from '../../../src/sources/aws/services/organizations.js';
import { ACCOUNT, awsError, testContext } from './a-helpers.js';

const org = mockClient(OrganizationsClient);
const acct = mockClient(AccountClient);
const bud = mockClient(BudgetsClient);
beforeEach(() => {
  org.reset();
  acct.reset();
  bud.reset();
});

const FULL_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const DENY_LEAVE = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] };

describe('Organizations collector', () => {
  it('not in an organization => ok(null)', async () => {
    org.on(DescribeOrganizationCommand).rejects(new AWSOrganizationsNotInUseException({ message: 'Your account is not a member of an organization.', $metadata: { httpStatusCode: 400 } }));
    expect(await organizations.collect(testContext('us-east-1', 'global').ctx)).toEqual({ status: 'ok', value: null });
  });

  it('walks the path root -> OU -> account and reads SCPs/RCPs per level, describing each policy once', async () => {
    org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-1', Arn: 'arn:aws:organizations::111111111111:organization/o-1', MasterAccountId: '111111111111', FeatureSet: 'ALL' } });
    org.on(ListParentsCommand, { ChildId: ACCOUNT }).resolves({ Parents: [{ Id: 'ou-1', Type: 'ORGANIZATIONAL_UNIT' }] });
    org.on(ListParentsCommand, { ChildId: 'ou-1' }).resolves({ Parents: [{ Id: 'r-1', Type: 'ROOT' }] });
    org.on(ListPoliciesForTargetCommand, { Filter: 'SERVICE_CONTROL_POLICY' }).resolves({ Policies: [{ Id: 'p-FullAWSAccess', Name: 'FullAWSAccess', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: true }] });
    org.on(ListPoliciesForTargetCommand, { TargetId: 'ou-1', Filter: 'SERVICE_CONTROL_POLICY' }).resolves({
      Policies: [{ Id: 'p-FullAWSAccess', Name: 'FullAWSAccess' }, { Id: 'p-deny', Name: 'DenyLeave', Arn: 'arn:aws:organizations::111111111111:policy/o-1/service_control_policy/p-deny' }],
    });
    org.on(ListPoliciesForTargetCommand, { Filter: 'RESOURCE_CONTROL_POLICY' }).resolves({ Policies: [] });
    org.on(DescribePolicyCommand, { PolicyId: 'p-FullAWSAccess' }).resolves({ Policy: { PolicySummary: { Id: 'p-FullAWSAccess' }, Content: JSON.stringify(FULL_ACCESS) } });
    org.on(DescribePolicyCommand, { PolicyId: 'p-deny' }).resolves({ Policy: { PolicySummary: { Id: 'p-deny' }, Content: JSON.stringify(DENY_LEAVE) } });
    const r = await organizations.collect(testContext('us-east-1', 'global').ctx);
    expect(r.status).toBe('ok');
    const o = r.status === 'ok' ? r.value : null;
    expect(o).toMatchObject({ id: 'o-1', managementAccountId: '111111111111', isManagementAccount: false });
    expect(o?.path).toEqual({ status: 'ok', value: ['r-1', 'ou-1'] });
    const scps = o?.scps?.status === 'ok' ? o.scps.value : [];
    expect(scps.map((l) => [l.targetId, l.policies.map((p) => p.name)])).toEqual([
      ['r-1', ['FullAWSAccess']],
      ['ou-1', ['FullAWSAccess', 'DenyLeave']],
      [ACCOUNT, ['FullAWSAccess']],
    ]);
    expect(scps[1]?.policies[1]?.document).toEqual(DENY_LEAVE);
    expect(o?.rcps).toEqual({ status: 'ok', value: [{ targetId: 'r-1', policies: [] }, { targetId: 'ou-1', policies: [] }, { targetId: ACCOUNT, policies: [] }] });
    expect(org.commandCalls(DescribePolicyCommand)).toHaveLength(2);
  });

  it('a member account denied ListParents keeps the organization and records access_denied for path, SCPs and RCPs', async () => {
    org.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-1', Arn: 'arn', MasterAccountId: '111111111111' } });
    org.on(ListParentsCommand).rejects(awsError('AccessDeniedException', 400, 'You don’t have permissions to access this resource.'));
    const { ctx, issues } = testContext('us-east-1', 'global');
    const r = await organizations.collect(ctx);
    const o = r.status === 'ok' ? r.value : null;
    expect(o?.id).toBe('o-1');
    expect(o?.path?.status).toBe('access_denied');
    expect(o?.scps?.status).toBe('access_denied');
    expect(o?.rcps?.status !== 'ok' && o?.rcps?.error.permission).toBe('organizations:ListParents');
    expect(issues).toHaveLength(1);
  });
});

describe('Account contacts collector', () => {
  it('reads the three alternate contacts; a missing one is null', async () => {
    acct.on(GetAlternateContactCommand, { AlternateContactType: 'SECURITY' }).resolves({ AlternateContact: { AlternateContactType: 'SECURITY', Name: 'Sec', Title: 'CISO', EmailAddress: 'sec@example.com', PhoneNumber: '+1-555-0100' } });
    acct.on(GetAlternateContactCommand, { AlternateContactType: 'BILLING' }).rejects(new ResourceNotFoundException({ message: 'No contact of the inputted alternate contact type found.', $metadata: { httpStatusCode: 404 } }));
    acct.on(GetAlternateContactCommand, { AlternateContactType: 'OPERATIONS' }).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: { httpStatusCode: 404 } }));
    expect(await account.collect(testContext('us-east-1', 'global').ctx)).toEqual({
      status: 'ok',
      value: { security: { name: 'Sec', title: 'CISO', emailAddress: 'sec@example.com', phoneNumber: '+1-555-0100' }, billing: null, operations: null },
    });
  });
  it('denied => access_denied naming account:GetAlternateContact', async () => {
    acct.on(GetAlternateContactCommand).rejects(awsError('AccessDeniedException', 403));
    const r = await account.collect(testContext('us-east-1', 'global').ctx);
    expect(r.status !== 'ok' && r.error.permission).toBe('account:GetAlternateContact');
  });
});

describe('Budgets collector', () => {
  it('reads budgets with notification subscriber counts', async () => {
    bud.on(DescribeBudgetsCommand).resolves({ Budgets: [{ BudgetName: 'monthly', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '100.0', Unit: 'USD' } }] });
    bud.on(DescribeNotificationsForBudgetCommand).resolves({ Notifications: [{ NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80 }] });
    bud.on(DescribeSubscribersForNotificationCommand).resolves({ Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'a@example.com' }, { SubscriptionType: 'SNS', Address: 'arn:aws:sns:us-east-1:123456789012:t' }] });
    expect(await budgets.collect(testContext('us-east-1', 'global').ctx)).toEqual({
      status: 'ok',
      value: [{ name: 'monthly', budgetType: 'COST', limitAmount: 100, limitUnit: 'USD', timeUnit: 'MONTHLY', notifications: { status: 'ok', value: [{ notificationType: 'ACTUAL', threshold: 80, subscribers: 2 }] } }],
    });
    expect(bud.commandCalls(DescribeBudgetsCommand)[0]?.args[0].input).toMatchObject({ AccountId: ACCOUNT });
  });
  it('NotFoundException (no budgets) => empty list', async () => {
    bud.on(DescribeBudgetsCommand).rejects(awsError('NotFoundException', 400, 'Unable to get budgets for account'));
    expect(await budgets.collect(testContext('us-east-1', 'global').ctx)).toEqual({ status: 'ok', value: [] });
  });
  it('denied => access_denied naming budgets:ViewBudget', async () => {
    bud.on(DescribeBudgetsCommand).rejects(awsError('AccessDeniedException', 400));
    const r = await budgets.collect(testContext('us-east-1', 'global').ctx);
    expect(r.status !== 'ok' && r.error.permission).toBe('budgets:ViewBudget');
  });
});
