import type { ApiCall, Fixer } from '../types.js';
import { changeFor, hasCode } from './common.js';

const call = (service: string, operation: string, region: string, params: Record<string, unknown> = {}, mutating = true): ApiCall => ({ service, operation, region, params, mutating });

export const BUDGET_NAME = 'kenro-monthly-cost';
/** The Budgets API is served from us-east-1 (global endpoint). */
const BUDGETS_REGION = 'us-east-1';
export const BUDGET_ALERT_PERCENT = 80;

/**
 * A monthly cost budget of --budget-amount USD that e-mails --budget-email when actual spend
 * passes 80% of it.
 */
export const billingBudgetCreate: Fixer<{ exists: boolean }> = {
  id: 'billing_budget_create',
  title: 'Create a monthly cost budget (--budget-amount USD) that e-mails --budget-email at 80% of actual spend',
  checkIds: ['billing_spend_monitored'],
  permissions: ['budgets:ViewBudget', 'budgets:ModifyBudget'],
  plan(r, { account, options }) {
    if (!options.budgetEmail || !options.budgetAmount) return { skip: 'needs --budget-email ADDRESS and --budget-amount USD' };
    if (!(options.budgetAmount > 0)) return { skip: '--budget-amount must be a positive amount of USD' };
    if (account.budgets.status !== 'ok') return { skip: 'budgets were not read' };
    if (account.budgets.value.some((b) => b.name === BUDGET_NAME)) {
      return { skip: `budget ${BUDGET_NAME} exists but notifies no one: add a subscriber to it in the Billing console` };
    }
    const amount = String(options.budgetAmount);
    return changeFor(this.id, { ...r, region: 'global', resourceId: BUDGET_NAME }, {
      summary: `create monthly cost budget ${BUDGET_NAME} of ${amount} USD, e-mailing ${options.budgetEmail} when actual spend passes ${BUDGET_ALERT_PERCENT}%`,
      before: { exists: false },
      after: { exists: true },
      calls: [
        call('budgets', 'CreateBudget', BUDGETS_REGION, {
          AccountId: account.accountId,
          Budget: { BudgetName: BUDGET_NAME, BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: amount, Unit: 'USD' } },
          NotificationsWithSubscribers: [
            {
              Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: BUDGET_ALERT_PERCENT, ThresholdType: 'PERCENTAGE' },
              Subscribers: [{ SubscriptionType: 'EMAIL', Address: options.budgetEmail }],
            },
          ],
        }),
      ],
      rollback: [call('budgets', 'DeleteBudget', BUDGETS_REGION, { AccountId: account.accountId, BudgetName: BUDGET_NAME })],
      warnings: ['the first two budgets of an account are free; each further budget is billed daily'],
    });
  },
  async read(change, aws) {
    try {
      await aws.call(call('budgets', 'DescribeBudget', BUDGETS_REGION, { AccountId: change.account, BudgetName: BUDGET_NAME }, false));
      return { exists: true };
    } catch (err) {
      if (hasCode(err, 'NotFoundException')) return { exists: false };
      throw err;
    }
  },
};
