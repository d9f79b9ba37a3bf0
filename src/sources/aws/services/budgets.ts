/** Budgets (global): budgets with their notifications and subscriber counts. */
import {
  BudgetsClient,
  paginateDescribeBudgets,
  paginateDescribeNotificationsForBudget,
  paginateDescribeSubscribersForNotification,
} from '@aws-sdk/client-budgets';
import type { Collected } from '../../../model/collected.js';
import { ok } from '../../../model/collected.js';
import type { Budget } from '../../../model/inventory.js';
import type { RegionContext } from '../context.js';

/** Budgets answers NotFoundException when an account or budget has none. */
const NONE = ['NotFoundException'];

export async function collect(ctx: RegionContext): Promise<Collected<Budget[]>> {
  const budgets = ctx.client(BudgetsClient);
  const listed = await ctx.list(
    'budgets:ViewBudget',
    () => paginateDescribeBudgets({ client: budgets, pageSize: 100 }, { AccountId: ctx.accountId }),
    (p) => p.Budgets ?? [],
    { what: 'budgets', absentCodes: NONE },
  );
  if (listed.status !== 'ok') return listed;
  return ok(
    await Promise.all(
      listed.value.map(async (b): Promise<Budget> => {
        const name = b.BudgetName ?? '';
        const amount = b.BudgetLimit?.Amount !== undefined ? Number(b.BudgetLimit.Amount) : undefined;
        return {
          name,
          budgetType: b.BudgetType ?? '',
          ...(amount !== undefined && Number.isFinite(amount) ? { limitAmount: amount } : {}),
          ...(b.BudgetLimit?.Unit ? { limitUnit: b.BudgetLimit.Unit } : {}),
          ...(b.TimeUnit ? { timeUnit: b.TimeUnit } : {}),
          notifications: await notifications(ctx, budgets, name),
        };
      }),
    ),
  );
}

async function notifications(ctx: RegionContext, budgets: BudgetsClient, name: string): Promise<Budget['notifications']> {
  const listed = await ctx.list(
    'budgets:ViewBudget',
    () => paginateDescribeNotificationsForBudget({ client: budgets, pageSize: 100 }, { AccountId: ctx.accountId, BudgetName: name }),
    (p) => p.Notifications ?? [],
    { what: `budget notifications (${name})`, absentCodes: NONE },
  );
  if (listed.status !== 'ok') return listed;
  const out: { notificationType: string; threshold: number; subscribers: number }[] = [];
  const counted = await Promise.all(
    listed.value.map((n) =>
      ctx.list(
        'budgets:ViewBudget',
        () =>
          paginateDescribeSubscribersForNotification(
            { client: budgets, pageSize: 100 },
            { AccountId: ctx.accountId, BudgetName: name, Notification: n },
          ),
        (p) => p.Subscribers ?? [],
        { what: `budget notification subscribers (${name})`, absentCodes: NONE },
      ),
    ),
  );
  for (let i = 0; i < listed.value.length; i++) {
    const n = listed.value[i];
    const s = counted[i];
    if (!n || !s) continue;
    if (s.status !== 'ok') return s;
    out.push({ notificationType: n.NotificationType ?? '', threshold: n.Threshold ?? 0, subscribers: s.value.length });
  }
  return ok(out);
}
