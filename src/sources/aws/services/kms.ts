/**
 * KMS keys for one region: the `kms` key of RegionInventory.
 *
 * ListKeys (paginated) and ListAliases (paginated, once for the region); per key DescribeKey,
 * GetKeyPolicy (the only policy name AWS supports, `default`) and, only where AWS supports
 * automatic rotation, GetKeyRotationStatus. AWS supports automatic rotation only on customer
 * managed symmetric encryption keys whose key material KMS generated (origin AWS_KMS); for any
 * other key `rotationEnabled` is not_available with the reason, never a guessed false/true.
 *
 * DescribeKey is what says whether a key is customer managed, symmetric, enabled...: when it
 * fails for any key, the whole key list is reported as not collected (with that key named), since
 * a key left out or half-described could hide a finding.
 */
import type { KeyMetadata } from '@aws-sdk/client-kms';
import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  paginateListAliases,
  paginateListKeys,
} from '@aws-sdk/client-kms';
import type { Collected } from '../../../model/collected.js';
import { notCollected, ok } from '../../../model/collected.js';
import type { KmsKey, PolicyDocument, RegionInventory } from '../../../model/inventory.js';
import { mapOk } from '../call.js';
import type { RegionContext } from '../context.js';
import { forService } from '../notInRegion.js';
import { policyFrom } from '../policyResult.js';

export async function collect(base: RegionContext): Promise<RegionInventory['kms']> {
  const ctx = forService(base, 'KMS');
  const kms = ctx.client(KMSClient);
  const [keys, aliases] = await Promise.all([
    ctx.list('kms:ListKeys', () => paginateListKeys({ client: kms, pageSize: 1000 }, {}), (p) => p.Keys ?? [], { what: 'kms keys' }),
    ctx.list('kms:ListAliases', () => paginateListAliases({ client: kms, pageSize: 100 }, {}), (p) => p.Aliases ?? [], { what: 'kms aliases' }),
  ]);
  if (keys.status !== 'ok') return { keys };

  const aliasesByKey = new Map<string, string[]>();
  if (aliases.status === 'ok') {
    for (const a of aliases.value) {
      if (!a.TargetKeyId || !a.AliasName) continue;
      const list = aliasesByKey.get(a.TargetKeyId) ?? [];
      list.push(a.AliasName);
      aliasesByKey.set(a.TargetKeyId, list);
    }
  }

  const collected = await Promise.all(
    keys.value.map((k) => collectKey(ctx, kms, k.KeyId ?? '', aliases.status === 'ok' ? (aliasesByKey.get(k.KeyId ?? '') ?? []) : undefined)),
  );
  const failed = collected.find((c) => c.status !== 'ok');
  if (failed) return { keys: failed as Collected<KmsKey[]> };
  return { keys: ok(collected.map((c) => (c as { value: KmsKey }).value)) };
}

async function collectKey(ctx: RegionContext, kms: KMSClient, keyId: string, aliases: string[] | undefined): Promise<Collected<KmsKey>> {
  const [described, policy] = await Promise.all([
    ctx.call('kms:DescribeKey', () => kms.send(new DescribeKeyCommand({ KeyId: keyId })), { what: `kms key metadata (${keyId})` }),
    ctx.call('kms:GetKeyPolicy', () => kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' })), {
      what: `kms key policy (${keyId})`,
    }),
  ]);
  if (described.status !== 'ok') return described;
  const m = described.value.KeyMetadata;
  if (!m) {
    return notCollected('failed', { code: 'MalformedResponse', message: `DescribeKey returned no KeyMetadata for ${keyId}`, permission: 'kms:DescribeKey' });
  }

  const keyPolicy = policyFrom(ctx, policy, (r) => r.Policy, 'kms:GetKeyPolicy', `kms key policy (${keyId})`);
  const key: KmsKey = {
    id: m.KeyId ?? keyId,
    arn: m.Arn ?? `arn:${ctx.partition}:kms:${ctx.region}:${ctx.accountId}:key/${keyId}`,
    keyManager: m.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER',
    keyState: m.KeyState ?? 'Unknown',
    keySpec: m.KeySpec ?? m.CustomerMasterKeySpec ?? 'Unknown',
    keyUsage: m.KeyUsage ?? 'Unknown',
    keyOrigin: m.Origin ?? 'Unknown',
    rotationEnabled: await rotationOf(ctx, kms, m, keyId),
    policy: requirePolicy(keyPolicy, keyId),
  };
  if (m.MultiRegion !== undefined) key.multiRegion = m.MultiRegion;
  if (aliases !== undefined) key.aliases = aliases;
  return ok(key);
}

/** Every key has a key policy: an ok response without one is malformed, not "no policy". */
function requirePolicy(c: Collected<PolicyDocument | null>, keyId: string): Collected<PolicyDocument> {
  if (c.status !== 'ok') return c;
  if (c.value === null) {
    return notCollected('failed', { code: 'MalformedResponse', message: `GetKeyPolicy returned no policy for ${keyId}`, permission: 'kms:GetKeyPolicy' });
  }
  return ok(c.value);
}

/** Why AWS does not support automatic rotation for this key, or undefined when it does. */
export function rotationUnsupportedReason(m: KeyMetadata): string | undefined {
  if (m.KeyManager === 'AWS') {
    return 'AWS managed key: AWS rotates its key material every year and the setting is not configurable, so it was not read';
  }
  const spec = m.KeySpec ?? m.CustomerMasterKeySpec;
  if (spec !== 'SYMMETRIC_DEFAULT' || m.KeyUsage !== 'ENCRYPT_DECRYPT') {
    return `automatic rotation is not supported for this key (key spec ${spec ?? 'unknown'}, usage ${m.KeyUsage ?? 'unknown'}): AWS supports it only on symmetric encryption keys`;
  }
  if (m.Origin !== 'AWS_KMS') {
    return `automatic rotation is not supported for this key (origin ${m.Origin ?? 'unknown'}): AWS supports it only when KMS generated the key material (origin AWS_KMS), not for imported material or custom key stores`;
  }
  return undefined;
}

async function rotationOf(ctx: RegionContext, kms: KMSClient, m: KeyMetadata, keyId: string): Promise<Collected<boolean>> {
  const unsupported = rotationUnsupportedReason(m);
  if (unsupported) {
    return notCollected('not_available', { code: 'RotationNotApplicable', message: unsupported, permission: 'kms:GetKeyRotationStatus' });
  }
  const r = await ctx.call('kms:GetKeyRotationStatus', () => kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId })), {
    what: `kms key rotation status (${keyId})`,
  });
  return mapOk(r, (v) => v.KeyRotationEnabled === true);
}
