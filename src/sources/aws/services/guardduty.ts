/**
 * GuardDuty detectors for one region: the `guardduty` key of RegionInventory.
 * ListDetectors (paginated; a region has at most one detector), then GetDetector per detector for
 * its status, publishing frequency and features. The detector's status lives only in GetDetector,
 * so when that call fails the detector list is reported as not collected.
 */
import { GetDetectorCommand, GuardDutyClient, paginateListDetectors } from '@aws-sdk/client-guardduty';
import type { Collected } from '../../../model/collected.js';
import { ok } from '../../../model/collected.js';
import type { GuardDutyDetector, RegionInventory } from '../../../model/inventory.js';
import { mapOk } from '../call.js';
import type { RegionContext } from '../context.js';
import { forService } from '../notInRegion.js';

export async function collect(base: RegionContext): Promise<RegionInventory['guardduty']> {
  const ctx = forService(base, 'GuardDuty');
  const gd = ctx.client(GuardDutyClient);
  const ids = await ctx.list('guardduty:ListDetectors', () => paginateListDetectors({ client: gd }, {}), (p) => p.DetectorIds ?? [], {
    what: 'guardduty detectors',
  });
  if (ids.status !== 'ok') return { detectors: ids };
  const detectors = await Promise.all(
    ids.value.map(async (id): Promise<Collected<GuardDutyDetector>> => {
      const r = await ctx.call('guardduty:GetDetector', () => gd.send(new GetDetectorCommand({ DetectorId: id })), {
        what: `guardduty detector (${id})`,
      });
      return mapOk(r, (d) => {
        const out: GuardDutyDetector = { id, status: d.Status === 'ENABLED' ? 'ENABLED' : 'DISABLED' };
        if (d.FindingPublishingFrequency) out.findingPublishingFrequency = d.FindingPublishingFrequency;
        if (d.Features) out.features = d.Features.map((f) => ({ name: f.Name ?? '', status: f.Status ?? '' }));
        return out;
      });
    }),
  );
  const failed = detectors.find((d) => d.status !== 'ok');
  if (failed) return { detectors: failed as Collected<GuardDutyDetector[]> };
  return { detectors: ok(detectors.map((d) => (d as { value: GuardDutyDetector }).value)) };
}
