import { describe, expect, it } from 'vitest';
import { notCollected, ok } from '../../../src/model/collected.js';
import { NotInRegionError, notInRegionError, pagesInRegion } from '../../../src/sources/aws/notInRegion.js';
import { policyFrom } from '../../../src/sources/aws/policyResult.js';
import { awsError, dnsNotFound, testContext, unrecognizedClient } from './b-context.js';

describe('notInRegionError', () => {
  it('turns ENOTFOUND and UnrecognizedClientException into NotInRegionError naming service and region', () => {
    const dns = notInRegionError(dnsNotFound('guardduty.xx-east-9.amazonaws.com'), 'xx-east-9', 'GuardDuty');
    expect(dns).toBeInstanceOf(NotInRegionError);
    expect(dns).toMatchObject({ name: 'EndpointNotFound' });
    expect((dns as Error).message).toMatch(/GuardDuty is not available in this region \(xx-east-9\).*guardduty\.xx-east-9\.amazonaws\.com/);
    expect(notInRegionError(unrecognizedClient(), 'me-south-1', 'KMS')).toMatchObject({ name: 'RegionNotEnabled' });
  });

  it('passes every other error through unchanged (the same object)', () => {
    for (const err of [awsError('AccessDeniedException', 'denied'), awsError('ThrottlingException', 'slow'), Object.assign(new Error('x'), { code: 'EAI_AGAIN' }), 'text', undefined]) {
      expect(notInRegionError(err, 'eu-west-1', 'SNS')).toBe(err);
    }
  });

  it('pagesInRegion rewrites a failure on a later page and keeps earlier pages', async () => {
    async function* pages(): AsyncGenerator<number> {
      yield 1;
      throw unrecognizedClient();
    }
    const seen: number[] = [];
    const err = await (async () => {
      try {
        for await (const p of pagesInRegion('me-south-1', 'SQS', pages)()) seen.push(p);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(seen).toEqual([1]);
    expect(err).toMatchObject({ name: 'RegionNotEnabled' });
  });
});

describe('policyFrom', () => {
  it('parses JSON text, gives null for missing/empty text and for an absent response, and passes failures through', () => {
    const { ctx } = testContext();
    const doc = { Version: '2012-10-17', Statement: [] };
    expect(policyFrom(ctx, ok({ p: JSON.stringify(doc) }), (r) => r.p, 'sns:GetTopicAttributes', 'x')).toEqual(ok(doc));
    expect(policyFrom(ctx, ok({ p: undefined as string | undefined }), (r) => r.p, 'sns:GetTopicAttributes', 'x')).toEqual(ok(null));
    expect(policyFrom(ctx, ok({ p: '' }), (r) => r.p, 'sns:GetTopicAttributes', 'x')).toEqual(ok(null));
    expect(policyFrom(ctx, ok(null), (r: { p: string }) => r.p, 'sns:GetTopicAttributes', 'x')).toEqual(ok(null));
    const denied = notCollected<{ p: string } | null>('access_denied', { code: 'AccessDenied', message: 'no', permission: 'sns:GetTopicAttributes' });
    expect(policyFrom(ctx, denied, (r) => r.p, 'sns:GetTopicAttributes', 'x')).toBe(denied);
  });

  it('a policy that is not a JSON object is failed with MalformedPolicy and recorded as an issue', () => {
    const { ctx, issues } = testContext();
    for (const bad of ['{not json', '["a"]', '42']) {
      expect(policyFrom(ctx, ok({ p: bad }), (r) => r.p, 'ecr:GetRepositoryPolicy', 'ecr repository policy (r)')).toMatchObject({
        status: 'failed',
        error: { code: 'MalformedPolicy', permission: 'ecr:GetRepositoryPolicy' },
      });
    }
    expect(issues).toHaveLength(3);
    expect(issues[0]).toMatchObject({ what: 'ecr repository policy (r)', code: 'MalformedPolicy', permission: 'ecr:GetRepositoryPolicy' });
  });
});
