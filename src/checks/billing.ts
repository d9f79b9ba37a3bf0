import type { MetricAlarm } from '../model/inventory.js';
import type { Check, Finding } from './types.js';
import { accountRef, errorFinding, fail, pass } from './helpers.js';

/** Billing metrics (AWS/Billing EstimatedCharges) exist only in us-east-1 (or the partition's equivalent). */
const BILLING_REGIONS = ['us-east-1', 'us-gov-west-1', 'cn-north-1'];

function isBillingAlarm(a: MetricAlarm): boolean {
  return a.namespace === 'AWS/Billing' && a.metricName === 'EstimatedCharges' && a.actionsEnabled && a.alarmActions.length > 0;
}

const spendMonitored: Check = {
  meta: {
    id: 'billing_spend_monitored',
    title: 'Spending is watched by a budget with notifications or a billing alarm',
    severity: 'low',
    service: 'budgets',
    resourceType: 'AWS::::Account',
    description:
      'At least one AWS Budget should notify a subscriber, or a CloudWatch alarm on AWS/Billing EstimatedCharges should have an ' +
      'action. Someone then hears about unexpected spend, which is often the first sign of stolen credentials.',
    risk: 'Crypto-mining on stolen credentials can run up large bills for weeks before anyone looks.',
    remediation: {
      console: 'Billing and Cost Management > Budgets > Create budget (cost budget, e-mail alert at 80% and 100%).',
      docs: 'https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-create.html',
    },
  },
  run(account) {
    const ref = accountRef(account);
    const errors: Finding[] = [];
    const b = account.budgets;
    if (b.status === 'ok') {
      for (const budget of b.value) {
        const n = budget.notifications;
        if (n.status !== 'ok') {
          errors.push(errorFinding(ref, n, `notifications of budget ${budget.name} (budgets:ViewBudget)`));
          continue;
        }
        if (n.value.some((x) => x.subscribers > 0)) return [pass(ref, `budget ${budget.name} notifies subscribers`, { budget: budget.name })];
      }
    } else errors.push(errorFinding(ref, b, 'budgets (budgets:ViewBudget)'));
    for (const region of BILLING_REGIONS) {
      const r = account.regional[region];
      if (!r) continue;
      const alarms = r.cloudwatch.alarms;
      if (alarms.status !== 'ok') {
        errors.push(errorFinding(accountRef(account, region), alarms, `CloudWatch alarms in ${region} (cloudwatch:DescribeAlarms)`));
        continue;
      }
      const alarm = alarms.value.find(isBillingAlarm);
      if (alarm) return [pass(ref, `billing alarm ${alarm.name} has actions`, { alarm: alarm.arn })];
    }
    if (errors.length > 0) return errors;
    const budgets = b.status === 'ok' ? b.value.length : 0;
    return [fail(ref, budgets > 0 ? 'no budget has a notification with a subscriber, and no billing alarm exists' : 'no budget and no billing alarm exists')];
  },
};

export const checks: Check[] = [spendMonitored];
