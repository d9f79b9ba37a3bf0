import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

async function run(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(['node', 'kenro', ...args]);
    return { code, out };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'kenro-iam-'));
afterEach(() => vi.restoreAllMocks());

describe('kenro iam simulate', () => {
  it('evaluates the documented example (docs/iam.md) and explains it', async () => {
    const file = join(dir, 'one.json');
    writeFileSync(
      file,
      JSON.stringify({
        identityPolicies: [{ name: 'AppData', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::kumo-data/*' }] } }],
        permissionsBoundary: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }] },
        scps: [[{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }]],
        request: { principal: 'arn:aws:sts::111122223333:assumed-role/app/i-0abc', action: 's3:PutObject', resource: 'arn:aws:s3:::kumo-data/x', resourceAccount: '111122223333' },
      }),
    );
    const { code, out } = await run('iam', 'simulate', '--input', file);
    expect(code).toBe(1);
    const r = JSON.parse(out) as { decision: string; reason: string; policies: { policy: string; outcome: string }[] };
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.reason).toBe('the permissions boundary does not allow it');
    expect(r.policies.find((p) => p.policy === 'AppData')?.outcome).toBe('Allow');
    expect(r.policies.find((p) => p.policy === 'permissions boundary')?.outcome).toBe('NoMatch');
  });
  it('takes an array of requests and prints an array', async () => {
    const file = join(dir, 'many.json');
    const allow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    writeFileSync(file, JSON.stringify([{ identityPolicies: [allow], request: { principal: 'arn:aws:iam::111122223333:user/a', action: 'ec2:RunInstances' } }, { identityPolicies: [allow], request: { principal: 'arn:aws:iam::111122223333:user/a', action: 'iam:CreateUser' } }]));
    const { code, out } = await run('iam', 'simulate', '--input', file);
    expect(code).toBe(0);
    expect((JSON.parse(out) as { decision: string }[]).map((r) => r.decision)).toEqual(['Allow', 'Allow']);
  });
  it('simulates over the demo snapshot with the principal real policies', async () => {
    const { out } = await run('iam', 'simulate', '--demo', '--principal', 'arn:aws:iam::111122223333:user/aiko.tanaka', '--action', 'organizations:LeaveOrganization', '--format', 'text');
    expect(out).toMatch(/^ExplicitDeny/);
    expect(out).toMatch(/scp/);
  });
  it('bad input exits 2', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"nope": 1}');
    await expect(run('iam', 'simulate', '--input', file)).rejects.toThrow(/no "request"/);
  });
});

describe('kenro iam analyze / validate', () => {
  it('analyze defaults to the demo snapshot and prints the four analyses', async () => {
    const { code, out } = await run('iam', 'analyze');
    expect(code).toBe(0);
    for (const h of ['1. Resource policy exposure', '2. Effective administrators', '3. Privilege-escalation paths', '4. Least-privilege lint']) expect(out).toContain(h);
    const json = await run('iam', 'analyze', '--demo', '--format', 'json', '--fail-on-findings');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toHaveProperty('administrators');
  });
  it('validate reports errors with statement and field, exit 1', async () => {
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'X', Effect: 'Allow', Action: 's3:GetObjekt', Principal: '*', Resource: '*' }] }));
    const { code, out } = await run('iam', 'validate', file);
    expect(code).toBe(1);
    expect(out).toContain('PRINCIPAL_NOT_SUPPORTED [Principal]');
    expect(out).toContain('INVALID_ACTION');
  });
});
