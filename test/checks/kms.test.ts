import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/kms.js';
import type { KmsKey } from '../../src/model/inventory.js';
import { denied, ok } from '../helpers/inventory.js';
import { runner } from './serviceRunner.js';

const { statuses, run } = runner(checks);
const key = (k: Partial<KmsKey> = {}): KmsKey => ({
  id: 'k1', arn: 'arn:aws:kms:us-east-1:111122223333:key/k1', keyManager: 'CUSTOMER', keyState: 'Enabled',
  keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', keyOrigin: 'AWS_KMS', rotationEnabled: ok(true), policy: ok({}), ...k,
});
const keys = (...k: KmsKey[]) => ({ kms: { keys: ok(k) } });

describe('kms_cmk_rotation_enabled', () => {
  const id = 'kms_cmk_rotation_enabled';
  it('passes rotation on, fails off', () => {
    expect(statuses(id, keys(key()))).toEqual(['PASS']);
    expect(statuses(id, keys(key({ rotationEnabled: ok(false) })))).toEqual(['FAIL']);
  });
  it('skips AWS managed, asymmetric, HMAC, imported and pending-deletion keys', () => {
    expect(statuses(id, keys(
      key({ keyManager: 'AWS', rotationEnabled: ok(false) }),
      key({ keySpec: 'RSA_2048', rotationEnabled: ok(false) }),
      key({ keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC', rotationEnabled: ok(false) }),
      key({ keyOrigin: 'EXTERNAL', rotationEnabled: ok(false) }),
      key({ keyState: 'PendingDeletion', rotationEnabled: ok(false) }),
    ))).toEqual([]);
  });
  it('errors when rotation status or keys could not be read', () => {
    const r = run(id, keys(key({ rotationEnabled: denied('kms:GetKeyRotationStatus') })))[0]!;
    expect(r.status).toBe('ERROR');
    expect(r.reason).toContain('kms:GetKeyRotationStatus');
    expect(statuses(id, { kms: { keys: denied() } })).toEqual(['ERROR']);
  });
});

describe('kms_key_not_pending_deletion', () => {
  const id = 'kms_key_not_pending_deletion';
  it('fails pending deletion, passes enabled/disabled, skips AWS managed, errors unreadable', () => {
    expect(statuses(id, keys(key({ keyState: 'PendingDeletion' })))).toEqual(['FAIL']);
    expect(statuses(id, keys(key({ keyState: 'Disabled' })))).toEqual(['PASS']);
    expect(statuses(id, keys(key({ keyManager: 'AWS', keyState: 'PendingDeletion' })))).toEqual([]);
    expect(statuses(id, { kms: { keys: denied() } })).toEqual(['ERROR']);
  });
});

describe('keys whose DescribeKey could not be read', () => {
  it('give ERROR in every KMS check instead of being skipped', () => {
    const unread = key({ keyManager: 'UNKNOWN', keyState: 'Unknown', keySpec: 'Unknown', keyUsage: 'Unknown', keyOrigin: 'Unknown', details: denied('kms:DescribeKey'), rotationEnabled: denied('kms:DescribeKey') });
    for (const id of ['kms_cmk_rotation_enabled', 'kms_key_not_pending_deletion', 'kms_key_policy_not_public']) {
      const r = run(id, keys(unread));
      expect(r.map((x) => x.status), id).toEqual(['ERROR']);
      expect(r[0]!.reason).toContain('kms:DescribeKey');
    }
  });
});
