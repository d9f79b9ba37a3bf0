/**
 * KMS keys for one region: the `kms` key of RegionInventory.
 *
 * ListKeys (paginated) and ListAliases (paginated, once for the region); per key DescribeKey,
 * GetKeyPolicy (the only policy name AWS supports, `default`) and, only where AWS supports
 * automatic rotation, GetKeyRotationStatus. AWS supports automatic rotation only on customer
 * managed symmetric encryption keys whose key material KMS generated (origin AWS_KMS); for any
 * other key `rotationEnabled` is not_available with the reason, never a guessed false/true.
 *
 * DescribeKey is what says whether a key is customer managed, symmetric, enabled... A key policy
 * can lock the scanner out of one key, so a failed DescribeKey stays on that key: it is kept in
 * the list with `details` not ok (the failure, recorded as an issue), `keyManager` UNKNOWN, the
 * other descriptive fields `Unknown` and `rotationEnabled` carrying the same failure (whether AWS
 * supports rotation for the key is unknown, so GetKeyRotationStatus is not called). Its key policy
 * is still read. The region's other keys are unaffected, and the key is never left out.
 */
import type { DescribeKeyCommandOutput, KeyMetadata } from '@aws-sdk/client-kms';
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
    keys.value.map((k) =>
      collectKey(ctx, kms, k.KeyId ?? '', k.KeyArn, aliases.status === 'ok' ? (aliasesByKey.get(k.KeyId ?? '') ?? []) : undefined),
    ),
  );
  return { keys: ok(collected) };
}

async function collectKey(
  ctx: RegionContext,
  kms: KMSClient,
  keyId: string,
  listedArn: string | undefined,
  aliases: string[] | undefined,
): Promise<KmsKey> {
  const [described, policy] = await Promise.all([
    ctx.call('kms:DescribeKey', () => kms.send(new DescribeKeyCommand({ KeyId: keyId })), { what: `kms key metadata (${keyId})` }),
    ctx.call('kms:GetKeyPolicy', () => kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' })), {
      what: `kms key policy (${keyId})`,
    }),
  ]);
  const keyPolicy = requirePolicy(ctx, policyFrom(ctx, policy, (r) => r.Policy, 'kms:GetKeyPolicy', `kms key policy (${keyId})`), keyId);
  const fallbackArn = listedArn ?? `arn:${ctx.partition}:kms:${ctx.region}:${ctx.accountId}:key/${keyId}`;

  const details = metadataOf(ctx, described, keyId);
  if (details.status !== 'ok') {
    const key: KmsKey = {
      id: keyId,
      arn: fallbackArn,
      keyManager: 'UNKNOWN',
      keyState: 'Unknown',
      keySpec: 'Unknown',
      keyUsage: 'Unknown',
      keyOrigin: 'Unknown',
      // Whether AWS supports rotation for this key depends on what DescribeKey would have said.
      rotationEnabled: details,
      policy: keyPolicy,
      details,
    };
    if (aliases !== undefined) key.aliases = aliases;
    return key;
  }

  const m = details.value;
  const key: KmsKey = {
    id: m.KeyId ?? keyId,
    arn: m.Arn ?? fallbackArn,
    keyManager: m.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER',
    keyState: m.KeyState ?? 'Unknown',
    keySpec: m.KeySpec ?? m.CustomerMasterKeySpec ?? 'Unknown',
    keyUsage: m.KeyUsage ?? 'Unknown',
    keyOrigin: m.Origin ?? 'Unknown',
    rotationEnabled: await rotationOf(ctx, kms, m, keyId),
    policy: keyPolicy,
    details: ok(true),
  };
  if (m.MultiRegion !== undefined) key.multiRegion = m.MultiRegion;
  if (aliases !== undefined) key.aliases = aliases;
  return key;
}

/** DescribeKey's KeyMetadata; an ok answer without it is malformed (`failed`, recorded). */
function metadataOf(ctx: RegionContext, described: Collected<DescribeKeyCommandOutput>, keyId: string): Collected<KeyMetadata> {
  if (described.status !== 'ok') return described;
  if (described.value.KeyMetadata) return ok(described.value.KeyMetadata);
  const message = `DescribeKey returned no KeyMetadata for ${keyId}`;
  ctx.note('kms:DescribeKey', `kms key metadata (${keyId})`, 'MalformedResponse', message);
  return notCollected('failed', { code: 'MalformedResponse', message, permission: 'kms:DescribeKey' });
}

/** Every key has a key policy: an ok response without one is malformed (recorded), not "no policy". */
function requirePolicy(ctx: RegionContext, c: Collected<PolicyDocument | null>, keyId: string): Collected<PolicyDocument> {
  if (c.status !== 'ok') return c;
  if (c.value === null) {
    const message = `GetKeyPolicy returned no policy for ${keyId}`;
    ctx.note('kms:GetKeyPolicy', `kms key policy (${keyId})`, 'MalformedResponse', message);
    return notCollected('failed', { code: 'MalformedResponse', message, permission: 'kms:GetKeyPolicy' });
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
