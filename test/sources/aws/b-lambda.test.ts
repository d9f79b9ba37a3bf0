import { GetPolicyCommand, LambdaClient, ListFunctionsCommand, ListFunctionUrlConfigsCommand, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/lambda.js';
import { ACCOUNT, accessDenied, dnsNotFound, testContext } from './b-context.js';

const mock = mockClient(LambdaClient);
afterEach(() => mock.reset());

const SECRET_VALUE = 'hunter2-do-not-store-me';
const fn = {
  FunctionName: 'orders-api',
  FunctionArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:orders-api`,
  Runtime: 'nodejs20.x' as const,
  Role: `arn:aws:iam::${ACCOUNT}:role/orders-api-role`,
  Handler: 'index.handler',
  CodeSize: 1024,
  Timeout: 3,
  MemorySize: 128,
  LastModified: '2025-01-01T00:00:00.000+0000',
  Version: '$LATEST',
  Environment: { Variables: { DB_PASSWORD: SECRET_VALUE, TABLE_NAME: 'orders' } },
  VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'], VpcId: 'vpc-0123' },
  PackageType: 'Zip' as const,
};
const policy = {
  Version: '2012-10-17',
  Id: 'default',
  Statement: [{ Sid: 'apigw', Effect: 'Allow', Principal: { Service: 'apigateway.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: fn.FunctionArn }],
};
const notFound = (what: string): ResourceNotFoundException =>
  new ResourceNotFoundException({ message: `The resource you requested does not exist. (${what})`, Type: 'User', $metadata: { httpStatusCode: 404 } });

describe('lambda collector', () => {
  it('maps functions with policy, function URL and environment variable NAMES only', async () => {
    mock.on(ListFunctionsCommand).resolves({ Functions: [fn] });
    mock.on(GetPolicyCommand, { FunctionName: 'orders-api' }).resolves({ Policy: JSON.stringify(policy), RevisionId: 'r1' });
    mock.on(ListFunctionUrlConfigsCommand, { FunctionName: 'orders-api' }).resolves({
      FunctionUrlConfigs: [
        {
          FunctionUrl: 'https://abcdefg.lambda-url.eu-west-1.on.aws/',
          FunctionArn: fn.FunctionArn,
          AuthType: 'NONE',
          CreationTime: '2025-01-01T00:00:00Z',
          LastModifiedTime: '2025-01-01T00:00:00Z',
        },
      ],
    });
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    expect(out.functions).toEqual({
      status: 'ok',
      value: [
        {
          name: 'orders-api',
          arn: fn.FunctionArn,
          runtime: 'nodejs20.x',
          role: fn.Role,
          policy: { status: 'ok', value: policy },
          url: { status: 'ok', value: { authType: 'NONE' } },
          environmentVariableNames: ['DB_PASSWORD', 'TABLE_NAME'],
          vpcId: 'vpc-0123',
        },
      ],
    });
    expect(JSON.stringify(out)).not.toContain(SECRET_VALUE);
    expect(JSON.stringify(issues)).not.toContain(SECRET_VALUE);
  });

  it('ResourceNotFoundException on GetPolicy => no policy (null); no URL configs => url null; no issue', async () => {
    mock.on(ListFunctionsCommand).resolves({ Functions: [{ ...fn, Environment: undefined, VpcConfig: { SubnetIds: [], SecurityGroupIds: [], VpcId: '' } }] });
    mock.on(GetPolicyCommand).rejects(notFound('policy'));
    mock.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [] });
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    const f = out.functions.status === 'ok' ? out.functions.value[0] : undefined;
    expect(f?.policy).toEqual({ status: 'ok', value: null });
    expect(f?.url).toEqual({ status: 'ok', value: null });
    expect(f?.environmentVariableNames).toEqual([]);
    expect(f?.vpcId).toBeUndefined();
    expect(issues).toEqual([]);
  });

  it('follows NextMarker', async () => {
    mock.on(ListFunctionsCommand).resolves({ Functions: [fn], NextMarker: 'm2' });
    mock.on(ListFunctionsCommand, { Marker: 'm2' }).resolves({ Functions: [{ ...fn, FunctionName: 'second', FunctionArn: 'arn:second' }] });
    mock.on(GetPolicyCommand).rejects(notFound('policy'));
    mock.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [] });
    const out = await collect(testContext().ctx);
    expect(out.functions.status === 'ok' && out.functions.value.map((f) => f.name)).toEqual(['orders-api', 'second']);
  });

  it('a public URL on an alias (second page) makes url NONE even when the unqualified URL needs IAM', async () => {
    mock.on(ListFunctionsCommand).resolves({ Functions: [fn] });
    mock.on(GetPolicyCommand).rejects(notFound('policy'));
    const url = (qualifier: string, AuthType: 'NONE' | 'AWS_IAM') => ({
      FunctionUrl: `https://${qualifier}.lambda-url.eu-west-1.on.aws/`,
      FunctionArn: `${fn.FunctionArn}${qualifier ? `:${qualifier}` : ''}`,
      AuthType,
      CreationTime: '2025-01-01T00:00:00Z',
      LastModifiedTime: '2025-01-01T00:00:00Z',
    });
    mock.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [url('', 'AWS_IAM')], NextMarker: 'u2' });
    mock.on(ListFunctionUrlConfigsCommand, { Marker: 'u2' }).resolves({ FunctionUrlConfigs: [url('prod', 'NONE')] });
    const out = await collect(testContext().ctx);
    expect(out.functions.status === 'ok' && out.functions.value[0]!.url).toEqual({ status: 'ok', value: { authType: 'NONE' } });
    mock.reset();
    mock.on(ListFunctionsCommand).resolves({ Functions: [fn] });
    mock.on(GetPolicyCommand).rejects(notFound('policy'));
    mock.on(ListFunctionUrlConfigsCommand).resolves({ FunctionUrlConfigs: [url('', 'AWS_IAM'), url('prod', 'AWS_IAM')] });
    const iam = await collect(testContext().ctx);
    expect(iam.functions.status === 'ok' && iam.functions.value[0]!.url).toEqual({ status: 'ok', value: { authType: 'AWS_IAM' } });
  });

  it('AccessDenied => access_denied naming lambda:GetPolicy / lambda:ListFunctionUrlConfigs', async () => {
    mock.on(ListFunctionsCommand).resolves({ Functions: [fn] });
    mock.on(GetPolicyCommand).rejects(accessDenied('lambda:GetPolicy'));
    mock.on(ListFunctionUrlConfigsCommand).rejects(accessDenied('lambda:ListFunctionUrlConfigs'));
    const out = await collect(testContext().ctx);
    const f = out.functions.status === 'ok' ? out.functions.value[0] : undefined;
    expect(f?.policy).toMatchObject({ status: 'access_denied', error: { permission: 'lambda:GetPolicy' } });
    expect(f?.url).toMatchObject({ status: 'access_denied', error: { permission: 'lambda:ListFunctionUrlConfigs' } });
  });

  it('AccessDenied on ListFunctions => the list is access_denied', async () => {
    mock.on(ListFunctionsCommand).rejects(accessDenied('lambda:ListFunctions'));
    expect((await collect(testContext().ctx)).functions).toMatchObject({ status: 'access_denied', error: { permission: 'lambda:ListFunctions' } });
  });

  it('no endpoint in the region => not_available', async () => {
    mock.on(ListFunctionsCommand).rejects(dnsNotFound('lambda.xx-east-9.amazonaws.com'));
    expect((await collect(testContext('xx-east-9').ctx)).functions.status).toBe('not_available');
  });
});
