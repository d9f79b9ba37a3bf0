/**
 * IAM Access Analyzer for one region: the `accessanalyzer` key of RegionInventory.
 * One paginated ListAnalyzers without a type filter returns analyzers of every type (ACCOUNT,
 * ORGANIZATION and the unused/internal access kinds); `type` says which, for checks to filter.
 */
import { AccessAnalyzerClient, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import type { RegionInventory } from '../../../model/inventory.js';
import type { RegionContext } from '../context.js';
import { forService } from '../notInRegion.js';

export async function collect(base: RegionContext): Promise<RegionInventory['accessanalyzer']> {
  const ctx = forService(base, 'IAM Access Analyzer');
  const aa = ctx.client(AccessAnalyzerClient);
  const analyzers = await ctx.list(
    'access-analyzer:ListAnalyzers',
    () => paginateListAnalyzers({ client: aa }, {}),
    (p) => (p.analyzers ?? []).map((a) => ({ arn: a.arn ?? '', name: a.name ?? '', type: a.type ?? '', status: a.status ?? '' })),
    { what: 'access analyzers' },
  );
  return { analyzers };
}
