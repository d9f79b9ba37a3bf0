/**
 * Security Hub for one region: the `securityhub` key of RegionInventory.
 * DescribeHub: AWS answers InvalidAccessException "... is not subscribed to AWS Security Hub" when
 * Security Hub is not enabled, which is recorded as ok(null); any other InvalidAccessException is a
 * failure. GetEnabledStandards (paginated) is asked only when the hub exists or could not be read:
 * with no hub there are no enabled standards.
 */
import { DescribeHubCommand, SecurityHubClient, paginateGetEnabledStandards } from '@aws-sdk/client-securityhub';
import { ok } from '../../../model/collected.js';
import type { RegionInventory } from '../../../model/inventory.js';
import { errorCodes, mapOk } from '../call.js';
import type { RegionContext } from '../context.js';
import { forService } from '../notInRegion.js';

type Hub = { arn: string; subscribedAt?: string; autoEnableControls?: boolean };

export async function collect(base: RegionContext): Promise<RegionInventory['securityhub']> {
  const ctx = forService(base, 'Security Hub');
  const sh = ctx.client(SecurityHubClient);
  const described = await ctx.call(
    'securityhub:DescribeHub',
    async () => {
      try {
        return await sh.send(new DescribeHubCommand({}));
      } catch (err) {
        if (isNotSubscribed(err)) return null;
        throw err;
      }
    },
    { what: 'security hub' },
  );
  const hub = mapOk(described, (r) => {
    if (r === null) return null;
    const out: Hub = { arn: r.HubArn ?? '' };
    if (r.SubscribedAt) out.subscribedAt = r.SubscribedAt;
    if (r.AutoEnableControls !== undefined) out.autoEnableControls = r.AutoEnableControls;
    return out;
  });
  if (hub.status === 'ok' && hub.value === null) return { hub, standards: ok([]) };

  const standards = await ctx.list(
    'securityhub:GetEnabledStandards',
    () => paginateGetEnabledStandards({ client: sh, pageSize: 100 }, {}),
    (p) =>
      (p.StandardsSubscriptions ?? []).map((s) => ({
        arn: s.StandardsSubscriptionArn ?? '',
        standardsArn: s.StandardsArn ?? '',
        status: s.StandardsStatus ?? '',
      })),
    { what: 'security hub enabled standards' },
  );
  return { hub, standards };
}

function isNotSubscribed(err: unknown): boolean {
  if (!errorCodes(err).has('InvalidAccessException')) return false;
  const message = err && typeof err === 'object' && 'message' in err ? String((err as { message: unknown }).message) : '';
  return /not subscribed/i.test(message);
}
