import { AccessAnalyzerClient, AccessDeniedException, ListAnalyzersCommand } from '@aws-sdk/client-accessanalyzer';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/accessanalyzer.js';
import { ACCOUNT, dnsNotFound, testContext } from './b-context.js';

const mock = mockClient(AccessAnalyzerClient);
afterEach(() => mock.reset());

const analyzer = (name: string, type: string, status = 'ACTIVE'): Record<string, unknown> => ({
  arn: `arn:aws:access-analyzer:eu-west-1:${ACCOUNT}:analyzer/${name}`,
  name,
  type,
  createdAt: new Date('2025-01-01T00:00:00Z'),
  status,
});

describe('accessanalyzer collector', () => {
  it('lists analyzers of every type in one call (no type filter) and maps them', async () => {
    mock.on(ListAnalyzersCommand).resolves({ analyzers: [analyzer('account', 'ACCOUNT'), analyzer('org', 'ORGANIZATION', 'CREATING')] as never });
    const out = await collect(testContext().ctx);
    expect(mock.commandCalls(ListAnalyzersCommand)[0]!.args[0].input).not.toHaveProperty('type');
    expect(out.analyzers).toEqual({
      status: 'ok',
      value: [
        { arn: `arn:aws:access-analyzer:eu-west-1:${ACCOUNT}:analyzer/account`, name: 'account', type: 'ACCOUNT', status: 'ACTIVE' },
        { arn: `arn:aws:access-analyzer:eu-west-1:${ACCOUNT}:analyzer/org`, name: 'org', type: 'ORGANIZATION', status: 'CREATING' },
      ],
    });
  });

  it('none => ok([])', async () => {
    mock.on(ListAnalyzersCommand).resolves({ analyzers: [] });
    expect((await collect(testContext().ctx)).analyzers).toEqual({ status: 'ok', value: [] });
  });

  it('follows nextToken', async () => {
    mock.on(ListAnalyzersCommand).resolves({ analyzers: [analyzer('a', 'ACCOUNT')] as never, nextToken: 'n2' });
    mock.on(ListAnalyzersCommand, { nextToken: 'n2' }).resolves({ analyzers: [analyzer('b', 'ACCOUNT_UNUSED_ACCESS')] as never });
    const out = await collect(testContext().ctx);
    expect(out.analyzers.status === 'ok' && out.analyzers.value.map((a) => a.type)).toEqual(['ACCOUNT', 'ACCOUNT_UNUSED_ACCESS']);
  });

  it('AccessDenied => access_denied naming access-analyzer:ListAnalyzers', async () => {
    mock.on(ListAnalyzersCommand).rejects(new AccessDeniedException({ message: 'not authorized', $metadata: { httpStatusCode: 403 } }));
    expect((await collect(testContext().ctx)).analyzers).toMatchObject({ status: 'access_denied', error: { permission: 'access-analyzer:ListAnalyzers' } });
  });

  it('no endpoint in the region => not_available', async () => {
    mock.on(ListAnalyzersCommand).rejects(dnsNotFound('access-analyzer.xx-east-9.amazonaws.com'));
    expect((await collect(testContext('xx-east-9').ctx)).analyzers.status).toBe('not_available');
  });
});
