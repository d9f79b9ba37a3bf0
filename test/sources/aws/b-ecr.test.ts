import { DescribeRepositoriesCommand, ECRClient, GetRepositoryPolicyCommand, RepositoryPolicyNotFoundException } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/ecr.js';
import { ACCOUNT, accessDenied, testContext, unrecognizedClient } from './b-context.js';

const mock = mockClient(ECRClient);
afterEach(() => mock.reset());

const repo = {
  repositoryArn: `arn:aws:ecr:eu-west-1:${ACCOUNT}:repository/orders`,
  registryId: ACCOUNT,
  repositoryName: 'orders',
  repositoryUri: `${ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/orders`,
  createdAt: new Date('2025-01-01T00:00:00Z'),
  imageTagMutability: 'IMMUTABLE' as const,
  imageScanningConfiguration: { scanOnPush: true },
  encryptionConfiguration: { encryptionType: 'AES256' as const },
};
const policy = { Version: '2012-10-17', Statement: [{ Sid: 'pull', Effect: 'Allow', Principal: '*', Action: ['ecr:BatchGetImage'] }] };

describe('ecr collector', () => {
  it('maps repositories with their policy', async () => {
    mock.on(DescribeRepositoriesCommand).resolves({ repositories: [repo] });
    mock.on(GetRepositoryPolicyCommand, { repositoryName: 'orders', registryId: ACCOUNT }).resolves({
      registryId: ACCOUNT,
      repositoryName: 'orders',
      policyText: JSON.stringify(policy),
    });
    const out = await collect(testContext().ctx);
    expect(out.repositories).toEqual({
      status: 'ok',
      value: [{ name: 'orders', arn: repo.repositoryArn, imageScanOnPush: true, imageTagMutability: 'IMMUTABLE', policy: { status: 'ok', value: policy } }],
    });
  });

  it('RepositoryPolicyNotFoundException => policy null, no issue', async () => {
    mock.on(DescribeRepositoriesCommand).resolves({ repositories: [repo] });
    mock.on(GetRepositoryPolicyCommand).rejects(
      new RepositoryPolicyNotFoundException({ message: "Repository policy does not exist for the repository with name 'orders' in the registry with id '123456789012'", $metadata: { httpStatusCode: 400 } }),
    );
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    expect(out.repositories.status === 'ok' && out.repositories.value[0]!.policy).toEqual({ status: 'ok', value: null });
    expect(issues).toEqual([]);
  });

  it('follows nextToken', async () => {
    mock.on(DescribeRepositoriesCommand).resolves({ repositories: [repo], nextToken: 'n2' });
    mock.on(DescribeRepositoriesCommand, { nextToken: 'n2' }).resolves({ repositories: [{ ...repo, repositoryName: 'web', repositoryArn: 'arn:web' }] });
    mock.on(GetRepositoryPolicyCommand).rejects(new RepositoryPolicyNotFoundException({ message: 'none', $metadata: {} }));
    const out = await collect(testContext().ctx);
    expect(out.repositories.status === 'ok' && out.repositories.value.map((r) => r.name)).toEqual(['orders', 'web']);
  });

  it('AccessDenied => access_denied naming ecr:GetRepositoryPolicy', async () => {
    mock.on(DescribeRepositoriesCommand).resolves({ repositories: [repo] });
    mock.on(GetRepositoryPolicyCommand).rejects(accessDenied('ecr:GetRepositoryPolicy'));
    const out = await collect(testContext().ctx);
    expect(out.repositories.status === 'ok' && out.repositories.value[0]!.policy).toMatchObject({
      status: 'access_denied',
      error: { permission: 'ecr:GetRepositoryPolicy' },
    });
  });

  it('a region that is not enabled => not_available', async () => {
    mock.on(DescribeRepositoriesCommand).rejects(unrecognizedClient());
    expect((await collect(testContext('ap-south-2').ctx)).repositories.status).toBe('not_available');
  });
});
