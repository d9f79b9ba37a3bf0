/**
 * ECR repositories for one region: the `ecr` key of RegionInventory.
 * DescribeRepositories (paginated), then per repository GetRepositoryPolicy
 * (RepositoryPolicyNotFoundException: no repository policy => null).
 */
import type { Repository } from '@aws-sdk/client-ecr';
import { ECRClient, GetRepositoryPolicyCommand, paginateDescribeRepositories } from '@aws-sdk/client-ecr';
import type { EcrRepository, RegionInventory } from '../../../model/inventory.js';
import type { RegionContext } from '../context.js';
import { forService } from '../notInRegion.js';
import { policyFrom } from '../policyResult.js';

export async function collect(base: RegionContext): Promise<RegionInventory['ecr']> {
  const ctx = forService(base, 'ECR');
  const ecr = ctx.client(ECRClient);
  const listed = await ctx.list('ecr:DescribeRepositories', () => paginateDescribeRepositories({ client: ecr, pageSize: 1000 }, {}), (p) => p.repositories ?? [], {
    what: 'ecr repositories',
  });
  if (listed.status !== 'ok') return { repositories: listed };
  const repositories = await Promise.all(listed.value.map((r) => collectRepository(ctx, ecr, r)));
  return { repositories: { status: 'ok', value: repositories } };
}

async function collectRepository(ctx: RegionContext, ecr: ECRClient, r: Repository): Promise<EcrRepository> {
  const name = r.repositoryName ?? '';
  const policy = await ctx.call(
    'ecr:GetRepositoryPolicy',
    () => ecr.send(new GetRepositoryPolicyCommand({ repositoryName: name, ...(r.registryId ? { registryId: r.registryId } : {}) })),
    { what: `ecr repository policy (${name})`, absentCodes: ['RepositoryPolicyNotFoundException'] },
  );
  const out: EcrRepository = {
    name,
    arn: r.repositoryArn ?? `arn:${ctx.partition}:ecr:${ctx.region}:${ctx.accountId}:repository/${name}`,
    policy: policyFrom(ctx, policy, (p) => p.policyText, 'ecr:GetRepositoryPolicy', `ecr repository policy (${name})`),
  };
  if (r.imageScanningConfiguration?.scanOnPush !== undefined) out.imageScanOnPush = r.imageScanningConfiguration.scanOnPush;
  if (r.imageTagMutability) out.imageTagMutability = r.imageTagMutability;
  return out;
}
