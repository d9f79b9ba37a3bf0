/**
 * Secrets Manager for one region: the `secretsmanager` key of RegionInventory.
 * ListSecrets (paginated; secrets scheduled for deletion are not listed, AWS's default), then per
 * secret GetResourcePolicy: a response without ResourcePolicy means no policy (null). Secret
 * values are never read (no GetSecretValue).
 */
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import { GetResourcePolicyCommand, SecretsManagerClient, paginateListSecrets } from '@aws-sdk/client-secrets-manager';
import type { RegionInventory, Secret } from '../../../model/inventory.js';
import type { RegionContext } from '../context.js';
import { forService } from '../notInRegion.js';
import { policyFrom } from '../policyResult.js';

export async function collect(base: RegionContext): Promise<RegionInventory['secretsmanager']> {
  const ctx = forService(base, 'Secrets Manager');
  const sm = ctx.client(SecretsManagerClient);
  const listed = await ctx.list('secretsmanager:ListSecrets', () => paginateListSecrets({ client: sm, pageSize: 100 }, {}), (p) => p.SecretList ?? [], {
    what: 'secrets manager secrets',
  });
  if (listed.status !== 'ok') return { secrets: listed };
  const secrets = await Promise.all(listed.value.map((s) => collectSecret(ctx, sm, s)));
  return { secrets: { status: 'ok', value: secrets } };
}

async function collectSecret(ctx: RegionContext, sm: SecretsManagerClient, s: SecretListEntry): Promise<Secret> {
  const name = s.Name ?? '';
  const arn = s.ARN ?? '';
  const policy = await ctx.call('secretsmanager:GetResourcePolicy', () => sm.send(new GetResourcePolicyCommand({ SecretId: arn || name })), {
    what: `secrets manager resource policy (${name})`,
  });
  const out: Secret = {
    name,
    arn,
    rotationEnabled: s.RotationEnabled === true,
    policy: policyFrom(ctx, policy, (r) => r.ResourcePolicy, 'secretsmanager:GetResourcePolicy', `secrets manager resource policy (${name})`),
  };
  if (s.KmsKeyId) out.kmsKeyId = s.KmsKeyId;
  return out;
}
