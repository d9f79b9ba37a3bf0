import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
} from '@aws-sdk/client-kms';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/kms.js';
import { ACCOUNT, accessDenied, dnsNotFound, testContext } from './b-context.js';

const mock = mockClient(KMSClient);
afterEach(() => mock.reset());

const CMK = '1234abcd-12ab-34cd-56ef-1234567890ab';
const AWS_KEY = '0987dcba-09fe-87dc-65ba-ab0987654321';
const RSA = 'mrk-1234abcd12ab34cd56ef1234567890ab';
const arnOf = (id: string): string => `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${id}`;
const keyPolicy = {
  Version: '2012-10-17',
  Id: 'key-default-1',
  Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
};

function metadata(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    AWSAccountId: ACCOUNT,
    KeyId: id,
    Arn: arnOf(id),
    CreationDate: new Date('2025-01-01T00:00:00Z'),
    Enabled: true,
    Description: '',
    KeyUsage: 'ENCRYPT_DECRYPT',
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
    KeySpec: 'SYMMETRIC_DEFAULT',
    EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    MultiRegion: false,
    ...over,
  };
}

function keys(...ids: string[]): void {
  mock.on(ListKeysCommand).resolves({ Keys: ids.map((id) => ({ KeyId: id, KeyArn: arnOf(id) })), Truncated: false });
}

describe('kms collector', () => {
  it('maps a customer managed symmetric key with rotation, policy and aliases', async () => {
    keys(CMK);
    mock.on(ListAliasesCommand).resolves({
      Aliases: [
        { AliasName: 'alias/app-data', AliasArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/app-data`, TargetKeyId: CMK },
        { AliasName: 'alias/aws/ebs', AliasArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/aws/ebs` },
      ],
      Truncated: false,
    });
    mock.on(DescribeKeyCommand, { KeyId: CMK }).resolves({ KeyMetadata: metadata(CMK) as never });
    mock.on(GetKeyPolicyCommand, { KeyId: CMK, PolicyName: 'default' }).resolves({ Policy: JSON.stringify(keyPolicy), PolicyName: 'default' });
    mock.on(GetKeyRotationStatusCommand, { KeyId: CMK }).resolves({ KeyRotationEnabled: true, KeyId: arnOf(CMK), RotationPeriodInDays: 365 });
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    expect(out.keys).toEqual({
      status: 'ok',
      value: [
        {
          id: CMK,
          arn: arnOf(CMK),
          keyManager: 'CUSTOMER',
          keyState: 'Enabled',
          keySpec: 'SYMMETRIC_DEFAULT',
          keyUsage: 'ENCRYPT_DECRYPT',
          keyOrigin: 'AWS_KMS',
          multiRegion: false,
          rotationEnabled: { status: 'ok', value: true },
          policy: { status: 'ok', value: keyPolicy },
          aliases: ['alias/app-data'],
          details: { status: 'ok', value: true },
        },
      ],
    });
    expect(issues).toEqual([]);
  });

  it('does not ask rotation of AWS managed, asymmetric or imported keys: not_available with the reason', async () => {
    const IMPORTED = 'imported-0000-0000-0000-000000000000';
    keys(AWS_KEY, RSA, IMPORTED);
    mock.on(ListAliasesCommand).resolves({ Aliases: [] });
    mock.on(DescribeKeyCommand, { KeyId: AWS_KEY }).resolves({ KeyMetadata: metadata(AWS_KEY, { KeyManager: 'AWS' }) as never });
    mock.on(DescribeKeyCommand, { KeyId: RSA }).resolves({
      KeyMetadata: metadata(RSA, { KeySpec: 'RSA_2048', CustomerMasterKeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY', MultiRegion: true }) as never,
    });
    mock.on(DescribeKeyCommand, { KeyId: IMPORTED }).resolves({ KeyMetadata: metadata(IMPORTED, { Origin: 'EXTERNAL' }) as never });
    mock.on(GetKeyPolicyCommand).resolves({ Policy: JSON.stringify(keyPolicy), PolicyName: 'default' });
    const out = await collect(testContext().ctx);
    expect(mock.commandCalls(GetKeyRotationStatusCommand)).toHaveLength(0);
    if (out.keys.status !== 'ok') throw new Error('expected ok');
    const [aws, rsa, imported] = out.keys.value;
    expect(aws!.keyManager).toBe('AWS');
    expect(aws!.rotationEnabled).toMatchObject({ status: 'not_available', error: { code: 'RotationNotApplicable' } });
    expect(rsa!.rotationEnabled.status !== 'ok' && rsa!.rotationEnabled.error.message).toContain('RSA_2048');
    expect(rsa!.multiRegion).toBe(true);
    expect(imported!.rotationEnabled.status !== 'ok' && imported!.rotationEnabled.error.message).toContain('EXTERNAL');
  });

  it('no keys => ok([])', async () => {
    keys();
    mock.on(ListAliasesCommand).resolves({ Aliases: [] });
    expect((await collect(testContext().ctx)).keys).toEqual({ status: 'ok', value: [] });
  });

  it('follows Marker on ListKeys and ListAliases', async () => {
    const K2 = '22222222-2222-2222-2222-222222222222';
    mock.on(ListKeysCommand).resolves({ Keys: [{ KeyId: CMK }], Truncated: true, NextMarker: 'm2' });
    mock.on(ListKeysCommand, { Marker: 'm2' }).resolves({ Keys: [{ KeyId: K2 }], Truncated: false });
    mock.on(ListAliasesCommand).resolves({ Aliases: [{ AliasName: 'alias/one', TargetKeyId: CMK }], Truncated: true, NextMarker: 'a2' });
    mock.on(ListAliasesCommand, { Marker: 'a2' }).resolves({ Aliases: [{ AliasName: 'alias/two', TargetKeyId: K2 }], Truncated: false });
    mock.on(DescribeKeyCommand, { KeyId: CMK }).resolves({ KeyMetadata: metadata(CMK) as never });
    mock.on(DescribeKeyCommand, { KeyId: K2 }).resolves({ KeyMetadata: metadata(K2) as never });
    mock.on(GetKeyPolicyCommand).resolves({ Policy: JSON.stringify(keyPolicy) });
    mock.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: false });
    const out = await collect(testContext().ctx);
    if (out.keys.status !== 'ok') throw new Error('expected ok');
    expect(out.keys.value.map((k) => [k.id, k.aliases])).toEqual([
      [CMK, ['alias/one']],
      [K2, ['alias/two']],
    ]);
    expect(out.keys.value[1]!.rotationEnabled).toEqual({ status: 'ok', value: false });
  });

  it('AccessDenied on GetKeyRotationStatus / GetKeyPolicy => access_denied naming each permission', async () => {
    keys(CMK);
    mock.on(ListAliasesCommand).resolves({ Aliases: [] });
    mock.on(DescribeKeyCommand).resolves({ KeyMetadata: metadata(CMK) as never });
    mock.on(GetKeyPolicyCommand).rejects(accessDenied('kms:GetKeyPolicy'));
    mock.on(GetKeyRotationStatusCommand).rejects(accessDenied('kms:GetKeyRotationStatus'));
    const out = await collect(testContext().ctx);
    const k = out.keys.status === 'ok' ? out.keys.value[0] : undefined;
    expect(k?.policy).toMatchObject({ status: 'access_denied', error: { permission: 'kms:GetKeyPolicy' } });
    expect(k?.rotationEnabled).toMatchObject({ status: 'access_denied', error: { permission: 'kms:GetKeyRotationStatus' } });
  });

  it('DescribeKey denied for one key => that key stays listed with details access_denied; the other keys are judged as usual', async () => {
    const K2 = '22222222-2222-2222-2222-222222222222';
    keys(CMK, K2);
    mock.on(ListAliasesCommand).resolves({ Aliases: [{ AliasName: 'alias/locked', TargetKeyId: CMK }] });
    mock.on(DescribeKeyCommand, { KeyId: CMK }).rejects(accessDenied('kms:DescribeKey'));
    mock.on(DescribeKeyCommand, { KeyId: K2 }).resolves({ KeyMetadata: metadata(K2) as never });
    mock.on(GetKeyPolicyCommand, { KeyId: CMK }).rejects(accessDenied('kms:GetKeyPolicy'));
    mock.on(GetKeyPolicyCommand, { KeyId: K2 }).resolves({ Policy: JSON.stringify(keyPolicy) });
    mock.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true });
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    if (out.keys.status !== 'ok') throw new Error('expected the key list ok');
    const [locked, other] = out.keys.value;
    expect(locked).toMatchObject({
      id: CMK,
      arn: arnOf(CMK), // ListKeys' KeyArn
      keyManager: 'UNKNOWN',
      keyState: 'Unknown',
      keySpec: 'Unknown',
      keyUsage: 'Unknown',
      keyOrigin: 'Unknown',
      aliases: ['alias/locked'],
      details: { status: 'access_denied', error: { code: 'AccessDeniedException', permission: 'kms:DescribeKey' } },
      // Rotation support depends on the unread metadata: not read, never a guessed value.
      rotationEnabled: { status: 'access_denied', error: { permission: 'kms:DescribeKey' } },
      policy: { status: 'access_denied', error: { permission: 'kms:GetKeyPolicy' } },
    });
    expect(locked!.multiRegion).toBeUndefined();
    expect(mock.commandCalls(GetKeyRotationStatusCommand).map((c) => c.args[0].input)).toEqual([{ KeyId: K2 }]);
    expect(other).toMatchObject({ id: K2, keyManager: 'CUSTOMER', details: { status: 'ok', value: true }, rotationEnabled: { status: 'ok', value: true } });
    expect(issues.map((i) => [i.what, i.status, i.permission])).toEqual(
      expect.arrayContaining([
        [`kms key metadata (${CMK})`, 'access_denied', 'kms:DescribeKey'],
        [`kms key policy (${CMK})`, 'access_denied', 'kms:GetKeyPolicy'],
      ]),
    );
    expect(issues).toHaveLength(2);
  });

  it('DescribeKey denied but the key policy readable => the policy is kept; an ok answer without KeyMetadata is failed and recorded', async () => {
    const K2 = '22222222-2222-2222-2222-222222222222';
    keys(CMK, K2);
    mock.on(ListAliasesCommand).resolves({ Aliases: [] });
    mock.on(DescribeKeyCommand, { KeyId: CMK }).rejects(accessDenied('kms:DescribeKey'));
    mock.on(DescribeKeyCommand, { KeyId: K2 }).resolves({});
    mock.on(GetKeyPolicyCommand).resolves({ Policy: JSON.stringify(keyPolicy) });
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    if (out.keys.status !== 'ok') throw new Error('expected the key list ok');
    const [a, b] = out.keys.value;
    expect(a!.policy).toEqual({ status: 'ok', value: keyPolicy });
    expect(a!.details?.status).toBe('access_denied');
    expect(b).toMatchObject({ keyManager: 'UNKNOWN', details: { status: 'failed', error: { code: 'MalformedResponse', permission: 'kms:DescribeKey' } } });
    expect(b!.rotationEnabled.status).toBe('failed');
    expect(mock.commandCalls(GetKeyRotationStatusCommand)).toHaveLength(0);
    expect(issues).toMatchObject([
      { what: `kms key metadata (${CMK})`, status: 'access_denied' },
      { what: `kms key metadata (${K2})`, status: 'failed', code: 'MalformedResponse' },
    ]);
  });

  it('GetKeyPolicy answering without a policy => policy failed (MalformedResponse) and recorded, never "no policy"', async () => {
    keys(CMK);
    mock.on(ListAliasesCommand).resolves({ Aliases: [] });
    mock.on(DescribeKeyCommand).resolves({ KeyMetadata: metadata(CMK) as never });
    mock.on(GetKeyPolicyCommand).resolves({ PolicyName: 'default' });
    mock.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true });
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    const k = out.keys.status === 'ok' ? out.keys.value[0] : undefined;
    expect(k?.policy).toMatchObject({ status: 'failed', error: { code: 'MalformedResponse', permission: 'kms:GetKeyPolicy' } });
    expect(issues).toMatchObject([{ what: `kms key policy (${CMK})`, code: 'MalformedResponse' }]);
  });

  it('ListAliases denied => keys still collected, without aliases', async () => {
    keys(CMK);
    mock.on(ListAliasesCommand).rejects(accessDenied('kms:ListAliases'));
    mock.on(DescribeKeyCommand).resolves({ KeyMetadata: metadata(CMK) as never });
    mock.on(GetKeyPolicyCommand).resolves({ Policy: JSON.stringify(keyPolicy) });
    mock.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true });
    const out = await collect(testContext().ctx);
    expect(out.keys.status === 'ok' && out.keys.value[0]!.aliases).toBeUndefined();
  });

  it('no endpoint in the region => not_available', async () => {
    mock.onAnyCommand().rejects(dnsNotFound('kms.xx-east-9.amazonaws.com'));
    expect((await collect(testContext('xx-east-9').ctx)).keys).toMatchObject({ status: 'not_available', error: { permission: 'kms:ListKeys' } });
  });
});
