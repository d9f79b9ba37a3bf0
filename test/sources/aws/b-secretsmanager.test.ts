import { GetResourcePolicyCommand, ListSecretsCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/secretsmanager.js';
import { ACCOUNT, accessDenied, dnsNotFound, testContext } from './b-context.js';

const mock = mockClient(SecretsManagerClient);
afterEach(() => mock.reset());

const ARN = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:prod/db-AbCdEf`;
const secret = {
  ARN,
  Name: 'prod/db',
  KmsKeyId: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  RotationEnabled: true,
  RotationLambdaARN: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:rotate`,
  LastChangedDate: new Date('2025-01-01T00:00:00Z'),
  SecretVersionsToStages: { v1: ['AWSCURRENT'] },
};
const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/app` }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] };

describe('secretsmanager collector', () => {
  it('maps secrets with their resource policy (asked by ARN)', async () => {
    mock.on(ListSecretsCommand).resolves({ SecretList: [secret] });
    mock.on(GetResourcePolicyCommand, { SecretId: ARN }).resolves({ ARN, Name: 'prod/db', ResourcePolicy: JSON.stringify(policy) });
    const out = await collect(testContext().ctx);
    expect(out.secrets).toEqual({
      status: 'ok',
      value: [{ name: 'prod/db', arn: ARN, kmsKeyId: secret.KmsKeyId, rotationEnabled: true, policy: { status: 'ok', value: policy } }],
    });
  });

  it('a response without ResourcePolicy => policy null; RotationEnabled absent => false', async () => {
    mock.on(ListSecretsCommand).resolves({ SecretList: [{ ARN, Name: 'prod/db' }] });
    mock.on(GetResourcePolicyCommand).resolves({ ARN, Name: 'prod/db' });
    const out = await collect(testContext().ctx);
    expect(out.secrets).toEqual({ status: 'ok', value: [{ name: 'prod/db', arn: ARN, rotationEnabled: false, policy: { status: 'ok', value: null } }] });
  });

  it('follows NextToken', async () => {
    mock.on(ListSecretsCommand).resolves({ SecretList: [secret], NextToken: 'n2' });
    mock.on(ListSecretsCommand, { NextToken: 'n2' }).resolves({ SecretList: [{ ...secret, ARN: 'arn:b', Name: 'b' }] });
    mock.on(GetResourcePolicyCommand).resolves({});
    const out = await collect(testContext().ctx);
    expect(out.secrets.status === 'ok' && out.secrets.value.map((s) => s.name)).toEqual(['prod/db', 'b']);
  });

  it('AccessDenied => access_denied naming secretsmanager:GetResourcePolicy; a secret deleted meanwhile is failed', async () => {
    mock.on(ListSecretsCommand).resolves({ SecretList: [secret, { ...secret, ARN: 'arn:gone', Name: 'gone' }] });
    mock.on(GetResourcePolicyCommand, { SecretId: ARN }).rejects(accessDenied('secretsmanager:GetResourcePolicy'));
    mock
      .on(GetResourcePolicyCommand, { SecretId: 'arn:gone' })
      .rejects(new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret.", $metadata: { httpStatusCode: 400 } }));
    const out = await collect(testContext().ctx);
    if (out.secrets.status !== 'ok') throw new Error('expected ok');
    expect(out.secrets.value[0]!.policy).toMatchObject({ status: 'access_denied', error: { permission: 'secretsmanager:GetResourcePolicy' } });
    expect(out.secrets.value[1]!.policy.status).toBe('failed');
  });

  it('no endpoint in the region => not_available', async () => {
    mock.on(ListSecretsCommand).rejects(dnsNotFound('secretsmanager.xx-east-9.amazonaws.com'));
    expect((await collect(testContext('xx-east-9').ctx)).secrets.status).toBe('not_available');
  });
});
