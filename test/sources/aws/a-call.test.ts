import { describe, expect, it } from 'vitest';
import { classifyError, errorCode, safeCall, safeList } from '../../../src/sources/aws/call.js';
import type { CollectionIssue } from '../../../src/report/types.js';
import { createLimiter } from '../../../src/sources/aws/limiter.js';
import { awsError } from './a-helpers.js';

const sink = () => ({ account: '123456789012', region: 'eu-west-1', issues: [] as CollectionIssue[], stats: { apiCalls: 0 } });

describe('safeCall', () => {
  it('returns ok with the value and counts the call', async () => {
    const s = sink();
    const r = await safeCall('s3:GetBucketPolicy', async () => 42, { sink: s });
    expect(r).toEqual({ status: 'ok', value: 42 });
    expect(s.stats.apiCalls).toBe(1);
    expect(s.issues).toEqual([]);
  });

  it('turns an absent code into ok(null) without an issue', async () => {
    const s = sink();
    const r = await safeCall('s3:GetBucketPolicy', () => Promise.reject(awsError('NoSuchBucketPolicy', 404)), {
      absentCodes: ['NoSuchBucketPolicy'],
      sink: s,
    });
    expect(r).toEqual({ status: 'ok', value: null });
    expect(s.issues).toEqual([]);
  });

  it('matches IAM wire codes against the SDK exception names (NoSuchEntity vs NoSuchEntityException)', async () => {
    const r = await safeCall('iam:GetLoginProfile', () => Promise.reject(awsError('NoSuchEntityException', 404)), { absentCodes: ['NoSuchEntity'] });
    expect(r).toEqual({ status: 'ok', value: null });
  });

  it('AccessDenied becomes access_denied with the permission, recorded as an issue', async () => {
    const s = sink();
    const r = await safeCall('s3:GetBucketAcl', () => Promise.reject(awsError('AccessDenied', 403, 'Access Denied')), {
      sink: s,
      what: 's3 bucket acl (b)',
    });
    expect(r.status).toBe('access_denied');
    expect(r.status !== 'ok' && r.error).toEqual({ code: 'AccessDenied', message: 'Access Denied', permission: 's3:GetBucketAcl' });
    expect(s.issues).toEqual([
      { account: '123456789012', region: 'eu-west-1', what: 's3 bucket acl (b)', status: 'access_denied', code: 'AccessDenied', message: 'Access Denied', permission: 's3:GetBucketAcl' },
    ]);
  });

  it.each(['AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError'])('%s is access_denied', async (code) => {
    const r = await safeCall('x:Y', () => Promise.reject(awsError(code, 403)));
    expect(r.status).toBe('access_denied');
  });

  it.each(['OptInRequired', 'SubscriptionRequiredException'])('%s is not_available', async (code) => {
    const r = await safeCall('x:Y', () => Promise.reject(awsError(code, 403)));
    expect(r.status).toBe('not_available');
  });

  it.each(['InvalidClientTokenId', 'UnrecognizedClientException'])(
    '%s (credentials unknown to the region) is not_available in a region, saying why, and never access_denied',
    async (code) => {
      const s = sink();
      const r = await safeCall('x:Y', () => Promise.reject(awsError(code, 403, 'The security token included in the request is invalid.')), { sink: s });
      expect(r.status).toBe('not_available');
      expect(r.status !== 'ok' && r.error.message).toMatch(/^The security token included in the request is invalid\. \(.*opt-in region that is not enabled/);
      expect(s.issues[0]).toMatchObject({ status: 'not_available', code, region: 'eu-west-1' });
    },
  );

  it.each(['InvalidClientTokenId', 'UnrecognizedClientException'])('%s in the global home region is failed, with the AWS message unchanged', async (code) => {
    const s = { ...sink(), region: 'global' };
    const r = await safeCall('iam:GetAccountSummary', () => Promise.reject(awsError(code, 403, 'The security token included in the request is invalid.')), { sink: s });
    expect(r.status !== 'ok' && r.error).toEqual({ code, message: 'The security token included in the request is invalid.', permission: 'iam:GetAccountSummary' });
    expect(r.status).toBe('failed');
  });

  it('quiet: the failure is returned but not recorded', async () => {
    const s = sink();
    const r = await safeCall('x:Y', () => Promise.reject(awsError('AccessDenied', 403)), { sink: s, quiet: true });
    expect(r.status).toBe('access_denied');
    expect(s.issues).toEqual([]);
  });

  it('a "not supported in this region" message is not_available', async () => {
    const r = await safeCall('x:Y', () => Promise.reject(awsError('InvalidAction', 400, 'The action is not supported in this region.')));
    expect(r.status).toBe('not_available');
  });

  it('throttling that survived the SDK retries is failed, with code and message', async () => {
    const s = sink();
    const r = await safeCall('ec2:DescribeInstances', () => Promise.reject(awsError('RequestLimitExceeded', 503, 'Request limit exceeded.')), { sink: s });
    expect(r).toEqual({ status: 'failed', error: { code: 'RequestLimitExceeded', message: 'Request limit exceeded.', permission: 'ec2:DescribeInstances' } });
    expect(s.issues[0]?.status).toBe('failed');
  });

  it('a non-AWS error (timeout, socket) is failed and never thrown', async () => {
    const e = new Error('socket hang up');
    e.name = 'TimeoutError';
    const r = await safeCall('x:Y', () => Promise.reject(e));
    expect(r.status).toBe('failed');
    expect(r.status !== 'ok' && r.error.code).toBe('TimeoutError');
  });

  it('a thrown non-Error value is failed with UnknownError', async () => {
    const r = await safeCall('x:Y', () => Promise.reject('boom'));
    expect(r.status !== 'ok' && r.error).toEqual({ code: 'UnknownError', message: 'boom', permission: 'x:Y' });
  });
});

describe('safeList', () => {
  async function* pages(n: number, failAt?: number) {
    for (let i = 0; i < n; i++) {
      if (i === failAt) throw awsError('ThrottlingException', 400, 'Rate exceeded');
      yield { Items: [i * 2, i * 2 + 1], NextToken: i < n - 1 ? `t${i}` : undefined };
    }
  }

  it('collects every page and counts one call per page', async () => {
    const s = sink();
    const r = await safeList('x:List', () => pages(3), (p) => p.Items, { sink: s });
    expect(r).toEqual({ status: 'ok', value: [0, 1, 2, 3, 4, 5] });
    expect(s.stats.apiCalls).toBe(3); // one per page
  });

  it('a failure on a later page fails the whole list (a partial list could hide a resource)', async () => {
    const r = await safeList('x:List', () => pages(3, 2), (p) => p.Items);
    expect(r.status).toBe('failed');
  });

  it('an absent code on the first page gives an empty list', async () => {
    const r = await safeList('budgets:ViewBudget', () => pages(3, 0), (p) => p.Items, { absentCodes: ['ThrottlingException'] });
    expect(r).toEqual({ status: 'ok', value: [] });
  });
});

describe('errorCode / classifyError', () => {
  it('prefers Code, then name', () => {
    expect(errorCode(awsError('NoSuchBucket', 404)).code).toBe('NoSuchBucket');
    expect(errorCode(awsError('NoSuchBucket', 404)).httpStatus).toBe(404);
  });
  it('classifies unknown codes as failed', () => {
    expect(classifyError('InternalError', 'We encountered an internal error')).toBe('failed');
  });
});

describe('limiter', () => {
  it('never runs more tasks at once than its concurrency', async () => {
    const l = createLimiter(3);
    const gates: (() => void)[] = [];
    const tasks = Array.from({ length: 10 }, () => l.run(() => new Promise<void>((r) => gates.push(r))));
    await Promise.resolve();
    expect(l.active).toBe(3);
    expect(l.pending).toBe(7);
    while (gates.length || l.pending) {
      gates.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(tasks);
    expect(l.peak).toBe(3);
  });
  it('rejects a bad concurrency with a clear message', () => {
    expect(() => createLimiter(0)).toThrow(/concurrency must be a whole number/);
  });
});
