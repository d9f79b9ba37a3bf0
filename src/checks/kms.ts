/**
 * KMS checks: rotation of customer managed symmetric keys and keys scheduled for deletion.
 * Key-policy exposure is read through the IAM engine (policyExposure.ts).
 */
import type { KmsKey } from '../model/inventory.js';
import { fail, pass, type ResourceRef } from './helpers.js';
import type { Check, Finding } from './types.js';
import { judgePolicy } from './policyExposure.js';
import { readError, perRegionRead } from './readErrors.js';

const keyRef = (k: KmsKey, region: string): ResourceRef => ({ region, resourceId: k.id, resourceArn: k.arn, origin: k.origin });

/** ERROR when DescribeKey could not be read for this key (its manager, state and spec are unknown). */
function detailsError(k: KmsKey, region: string): Finding | undefined {
  if (k.details && k.details.status !== 'ok') return readError(keyRef(k, region), k.details, `the details of key ${k.id} (kms:DescribeKey)`);
  if (k.keyManager === 'UNKNOWN') return { status: 'ERROR', ...keyRef(k, region), reason: `the details of key ${k.id} were not read (kms:DescribeKey)` };
  return undefined;
}

/** States in which AWS does not rotate or use a key; rotation is not evaluated for them. */
const NOT_ROTATABLE_STATES = new Set(['PendingDeletion', 'PendingReplicaDeletion', 'PendingImport', 'Unavailable']);

/**
 * Automatic rotation exists only for customer managed, symmetric encryption keys whose key
 * material KMS generated (origin AWS_KMS). Imported material, custom key stores, asymmetric and
 * HMAC keys cannot rotate automatically and are not evaluated.
 */
export function rotationApplies(k: KmsKey): boolean {
  return (
    k.keyManager === 'CUSTOMER' &&
    k.keySpec === 'SYMMETRIC_DEFAULT' &&
    k.keyUsage === 'ENCRYPT_DECRYPT' &&
    k.keyOrigin === 'AWS_KMS' &&
    !NOT_ROTATABLE_STATES.has(k.keyState)
  );
}

const rotation: Check = {
  meta: {
    id: 'kms_cmk_rotation_enabled',
    title: 'Customer managed symmetric KMS keys have automatic rotation enabled',
    severity: 'medium',
    service: 'kms',
    resourceType: 'AWS::KMS::Key',
    description:
      'Every customer managed symmetric encryption key with KMS-generated material has automatic key rotation on. ' +
      'AWS managed keys rotate on their own; asymmetric, HMAC, imported and custom-key-store keys cannot rotate automatically and are not evaluated.',
    risk: 'Key material that never changes means any exposure of it stays useful for as long as the key exists.',
    remediation: {
      cli: 'aws kms enable-key-rotation --key-id <key-id>',
      cloudformation: 'Key:\n  Type: AWS::KMS::Key\n  Properties:\n    EnableKeyRotation: true\n    KeyPolicy: {...}',
      console: 'KMS console > Customer managed keys > the key > Key rotation > tick "Automatically rotate this KMS key every year" > Save.',
      docs: 'https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html',
    },
    configRule: 'CMK_BACKING_KEY_ROTATION_ENABLED',
  },
  run(account) {
    return perRegionRead(account, (r) => r.kms.keys, 'KMS keys (kms:ListKeys, kms:DescribeKey)', (k, region) => {
      const unread = detailsError(k, region);
      if (unread) return [unread];
      if (!rotationApplies(k)) return [];
      const ref = keyRef(k, region);
      if (k.rotationEnabled.status !== 'ok') return [readError(ref, k.rotationEnabled, `the rotation status of key ${k.id} (kms:GetKeyRotationStatus)`)];
      return k.rotationEnabled.value
        ? [pass(ref, 'automatic rotation is enabled')]
        : [fail(ref, 'automatic rotation is disabled', { rotationEnabled: false }, 'rotationEnabled')];
    });
  },
};

const notPendingDeletion: Check = {
  meta: {
    id: 'kms_key_not_pending_deletion',
    title: 'Customer managed KMS keys are not scheduled for deletion',
    severity: 'critical',
    service: 'kms',
    resourceType: 'AWS::KMS::Key',
    description:
      'No customer managed key is in the PendingDeletion (or PendingReplicaDeletion) state. A scheduled deletion should be ' +
      'deliberate and cancelled if any data still depends on the key.',
    risk: 'Once the waiting period ends the key is gone for good, and everything encrypted under it can never be decrypted again.',
    remediation: {
      cli: 'aws kms cancel-key-deletion --key-id <key-id>\naws kms enable-key --key-id <key-id>',
      console: 'KMS console > Customer managed keys > the key > Key actions > Cancel key deletion, then Enable.',
      docs: 'https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-scheduling-key-deletion.html',
    },
    configRule: 'KMS_CMK_NOT_SCHEDULED_FOR_DELETION',
  },
  run(account) {
    return perRegionRead(account, (r) => r.kms.keys, 'KMS keys (kms:ListKeys, kms:DescribeKey)', (k, region) => {
      const unread = detailsError(k, region);
      if (unread) return [unread];
      if (k.keyManager !== 'CUSTOMER') return [];
      const ref = keyRef(k, region);
      return k.keyState === 'PendingDeletion' || k.keyState === 'PendingReplicaDeletion'
        ? [fail(ref, `the key is in state ${k.keyState}`, { keyState: k.keyState })]
        : [pass(ref, `the key is in state ${k.keyState}`, { keyState: k.keyState })];
    });
  },
};

const policyNotPublic: Check = {
  meta: {
    id: 'kms_key_policy_not_public',
    title: 'KMS key policies do not allow public access',
    severity: 'critical',
    service: 'kms',
    resourceType: 'AWS::KMS::Key',
    description:
      'No statement of a customer managed key policy lets anyone use or administer the key. ' +
      'The resource policy is read as IAM reads it: an Allow whose principal is "*" (or {"AWS": "*"}) is public unless a condition really pins who the caller is (account, organization, principal ARN, source ARN/account, VPC endpoint or IP range). Conditions such as aws:SecureTransport do not restrict who can call.' +
      ' The kms:CallerAccount and kms:ViaService pattern AWS uses in its own key policies is recognised through kms:CallerAccount.',
    risk: 'Anyone admitted by a public key policy can decrypt data protected by the key, or schedule it for deletion.',
    remediation: {
      cli: 'aws kms put-key-policy --key-id <key-id> --policy-name default --policy file://policy.json',
      console: 'KMS console > Customer managed keys > the key > Key policy > Edit: remove "*" principals or add a restricting condition.',
      docs: 'https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html',
    },
    configRule: 'KMS_KEY_POLICY_NO_PUBLIC_ACCESS',
  },
  run(account) {
    return perRegionRead(account, (r) => r.kms.keys, 'KMS keys (kms:ListKeys, kms:DescribeKey)', (k, region) => {
      const unread = detailsError(k, region);
      if (unread) return [unread];
      if (k.keyManager !== 'CUSTOMER') return [];
      return [judgePolicy({ account, ref: keyRef(k, region), policy: k.policy, service: 'kms', what: 'the key policy', permission: 'kms:GetKeyPolicy' })];
    });
  },
};

export const checks: Check[] = [rotation, notPendingDeletion, policyNotPublic];
