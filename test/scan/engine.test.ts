import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/checks/engine.js';
import type { Check } from '../../src/checks/types.js';
import { summarizeFramework } from '../../src/frameworks/summary.js';
import type { Framework } from '../../src/frameworks/types.js';
import type { CheckResult } from '../../src/model/result.js';
import { collectionIssues, missingPermissions } from '../../src/scan/issues.js';
import { account, denied, inventory, NOW, ok } from '../helpers/inventory.js';

const meta = (id: string) => ({
  id,
  title: id,
  severity: 'high' as const,
  service: 'test',
  resourceType: 'AWS::Test::Thing',
  description: 'd',
  risk: 'r',
  remediation: {},
});

describe('check engine', () => {
  it('turns findings into results with account, severity and controls', () => {
    const check: Check = {
      meta: meta('t_one'),
      run: (a) => [{ status: 'FAIL', region: 'eu-west-1', resourceId: 'x', resourceArn: 'arn:x', reason: `bad in ${a.accountId}` }],
    };
    const [r] = runChecks(inventory(), [check], { now: NOW, controls: new Map([['t_one', { fsbp: ['X.1'] }]]) });
    expect(r).toMatchObject({ checkId: 't_one', status: 'FAIL', severity: 'high', account: '111122223333', region: 'eu-west-1', resourceType: 'AWS::Test::Thing', resourceArn: 'arn:x', controls: { fsbp: ['X.1'] } });
  });

  it('reports a throwing check as ERROR instead of stopping the run', () => {
    const boom: Check = { meta: meta('t_boom'), run: () => { throw new Error('kaput'); } };
    const fine: Check = { meta: meta('t_fine'), run: () => [{ status: 'PASS', region: 'global', resourceId: 'a', reason: 'ok' }] };
    const results = runChecks(inventory(), [boom, fine], { now: NOW });
    expect(results.map((r) => [r.checkId, r.status])).toEqual([['t_boom', 'ERROR'], ['t_fine', 'PASS']]);
    expect(results[0]!.reason).toContain('kaput');
  });

  it('puts template locations on results, preferring the field location', () => {
    const check: Check = {
      meta: meta('t_loc'),
      run: () => [{ status: 'FAIL', region: 'template', resourceId: 'B', reason: 'r', field: 'encryption', origin: { file: 't.yaml', logicalId: 'B', line: 3, column: 3, fields: { encryption: { line: 7, column: 7 } } } }],
    };
    const [r] = runChecks(inventory(), [check], { now: NOW });
    expect([r!.file, r!.line, r!.column]).toEqual(['t.yaml', 7, 7]);
  });
});

describe('framework summary', () => {
  const fw: Framework = {
    id: 'fw',
    name: 'FW',
    version: '1',
    description: '',
    controls: [
      { id: '1', title: 'a', assessment: 'automated', description: '', checks: ['c_pass'] },
      { id: '2', title: 'b', assessment: 'automated', description: '', checks: ['c_pass', 'c_fail'] },
      { id: '3', title: 'c', assessment: 'automated', description: '', checks: ['c_error'] },
      { id: '4', title: 'd', assessment: 'manual', description: '', checks: ['c_manual'] },
      { id: '5', title: 'e', assessment: 'automated', description: '', checks: [] },
    ],
  };
  const res = (checkId: string, status: CheckResult['status']): CheckResult => ({ checkId, status, severity: 'low', account: 'a', region: 'r', resourceType: 't', resourceId: 'x', reason: '', controls: {} });

  it('takes the worst status per control and scores evaluated controls', () => {
    const s = summarizeFramework(fw, [res('c_pass', 'PASS'), res('c_fail', 'FAIL'), res('c_error', 'ERROR'), res('c_manual', 'MANUAL')]);
    expect(s.controls.map((c) => c.status)).toEqual(['PASS', 'FAIL', 'ERROR', 'MANUAL', 'NOT_COVERED']);
    expect(s.counts).toMatchObject({ PASS: 1, FAIL: 1, ERROR: 1, MANUAL: 1, NOT_COVERED: 1 });
    // 1 of 3 evaluated automated controls passes; ERROR never counts as passing
    expect(s.score).toBe(33.3);
  });

  it('treats muted failures as accepted, not as passes of unmuted ones', () => {
    const s = summarizeFramework(fw, [res('c_pass', 'PASS'), res('c_fail', 'MUTED')]);
    expect(s.controls[1]!.status).toBe('PASS');
    const t = summarizeFramework(fw, [res('c_fail', 'MUTED')]);
    expect(t.controls[1]!.status).toBe('MUTED');
  });
});

describe('collection issues', () => {
  it('lists every unread value with its region and the permission that would fix it', () => {
    const inv = inventory([
      account(
        { iam: { passwordPolicy: denied('iam:GetAccountPasswordPolicy') } },
        { 'eu-west-1': { ecr: { repositories: denied('ecr:DescribeRepositories') }, kms: { keys: ok([]) } } },
      ),
    ]);
    const issues = collectionIssues(inv);
    expect(issues).toEqual([
      expect.objectContaining({ region: 'global', what: 'iam passwordPolicy', permission: 'iam:GetAccountPasswordPolicy', status: 'access_denied' }),
      expect.objectContaining({ region: 'eu-west-1', what: 'ecr repositories', permission: 'ecr:DescribeRepositories' }),
    ]);
    expect(missingPermissions(issues)).toEqual(['ecr:DescribeRepositories', 'iam:GetAccountPasswordPolicy']);
  });
});

describe('regions without inventory', () => {
  it('a scanned region missing from the inventory gives ERROR results, never a silent skip', async () => {
    const { ALL_CHECKS } = await import('../../src/checks/index.js');
    const acct = account();
    delete (acct.regional as Record<string, unknown>)['eu-west-1'];
    const results = runChecks(inventory([acct]), ALL_CHECKS, { now: NOW });
    const euWest = results.filter((r) => r.region === 'eu-west-1');
    expect(euWest.length).toBeGreaterThan(10);
    expect(euWest.every((r) => r.status === 'ERROR')).toBe(true);
    const gd = results.filter((r) => r.checkId === 'guardduty_enabled_all_regions');
    expect(gd.map((r) => [r.region, r.status])).toContainEqual(['eu-west-1', 'ERROR']);
  });
});
