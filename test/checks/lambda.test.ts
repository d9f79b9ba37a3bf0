import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/lambda.js';
import { runtimeStatus } from '../../src/checks/lambdaRuntimes.js';
import type { LambdaFunction } from '../../src/model/inventory.js';
import { denied, ok } from '../helpers/inventory.js';
import { runner } from './serviceRunner.js';

const { statuses, run } = runner(checks);
const fn = (f: Partial<LambdaFunction> = {}): LambdaFunction => ({ name: 'f', arn: 'arn:f', runtime: 'python3.13', policy: ok(null), url: ok(null), ...f });
const fns = (...f: LambdaFunction[]) => ({ lambda: { functions: ok(f) } });

describe('lambda_runtime_supported', () => {
  const id = 'lambda_runtime_supported';
  it('judges against the scan clock, not the wall clock', () => {
    expect(statuses(id, fns(fn({ runtime: 'nodejs20.x' })), new Date('2026-01-01T00:00:00Z'))).toEqual(['PASS']);
    expect(statuses(id, fns(fn({ runtime: 'nodejs20.x' })), new Date('2026-05-01T00:00:00Z'))).toEqual(['FAIL']);
  });
  it('fails long-deprecated runtimes, MANUAL for unknown, skips container images, ERROR when unreadable', () => {
    expect(statuses(id, fns(fn({ runtime: 'python2.7' })))).toEqual(['FAIL']);
    expect(statuses(id, fns(fn({ runtime: 'cobol99' })))).toEqual(['MANUAL']);
    expect(statuses(id, fns(fn({ runtime: undefined })))).toEqual([]);
    expect(statuses(id, { lambda: { functions: denied('lambda:ListFunctions') } })).toEqual(['ERROR']);
  });
  it('runtimeStatus boundary: deprecated on the date itself', () => {
    expect(runtimeStatus('python3.9', new Date('2025-12-15T00:00:00Z')).kind).toBe('deprecated');
    expect(runtimeStatus('python3.9', new Date('2025-12-14T23:59:59Z')).kind).toBe('supported');
  });
});

describe('lambda_function_url_auth', () => {
  const id = 'lambda_function_url_auth';
  it('no URL passes, AWS_IAM passes, NONE fails, unread or uncollected errors', () => {
    expect(statuses(id, fns(fn()))).toEqual(['PASS']);
    expect(statuses(id, fns(fn({ url: ok({ authType: 'AWS_IAM' }) })))).toEqual(['PASS']);
    expect(statuses(id, fns(fn({ url: ok({ authType: 'NONE' }) })))).toEqual(['FAIL']);
    const e = run(id, fns(fn({ url: denied('lambda:GetFunctionUrlConfig') })))[0]!;
    expect(e.status).toBe('ERROR');
    expect(e.reason).toContain('lambda:GetFunctionUrlConfig');
    expect(statuses(id, fns(fn({ url: undefined })))).toEqual(['ERROR']);
  });
});

describe('lambda_function_in_vpc', () => {
  it('PASS with a VPC, FAIL without, ERROR when functions were not read', () => {
    expect(statuses('lambda_function_in_vpc', fns(fn({ vpcId: 'vpc-1' })))).toEqual(['PASS']);
    expect(statuses('lambda_function_in_vpc', fns(fn()))).toEqual(['FAIL']);
    expect(statuses('lambda_function_in_vpc', { lambda: { functions: denied() } })).toEqual(['ERROR']);
  });
});
