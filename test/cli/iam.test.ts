import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './capture.js';

const file = (name: string, text: string) => {
  const f = join(mkdtempSync(join(tmpdir(), 'kenro-iam-')), name);
  writeFileSync(f, text);
  return f;
};

const request = (statements: object[]) => ({
  identityPolicies: [{ Version: '2012-10-17', Statement: statements }],
  request: { principal: 'arn:aws:iam::111122223333:user/a', action: 's3:DeleteBucket', resource: 'arn:aws:s3:::b' },
});

describe('kenro iam simulate --input', () => {
  it('refuses a policy AWS would reject instead of ignoring the bad statement', async () => {
    const f = file('bad.json', JSON.stringify(request([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'deny', Action: 's3:DeleteBucket', Resource: '*' }])));
    await expect(run('iam', 'simulate', '--input', f)).rejects.toThrow(/request 0 has an invalid policy.*\n.*identityPolicies\[0\] statement 1 field Effect: INVALID_EFFECT/);
  });

  it('decides a valid request and names the deciding statement', async () => {
    const f = file('ok.json', JSON.stringify(request([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Sid: 'NoDelete', Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }])));
    const { code, stdout } = await run('iam', 'simulate', '--input', f);
    expect(code).toBe(1);
    const r = JSON.parse(stdout) as { decision: string; decidedBy: { statement: string } };
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.decidedBy.statement).toBe('NoDelete');
  });

  it('names the file, line and column of malformed JSON, and the request index of a bad request', async () => {
    await expect(run('iam', 'simulate', '--input', file('x.json', '{\n  "request": {\n    "action": "s3:GetObject",,\n  }\n}'))).rejects.toThrow(/x\.json: invalid JSON at line 3, column \d+/);
    const two = file('two.json', JSON.stringify([request([{ Effect: 'Allow', Action: '*', Resource: '*' }]), { identityPolicies: [], request: { principal: 'arn:aws:iam::111122223333:user/a' } }]));
    await expect(run('iam', 'simulate', '--input', two)).rejects.toThrow(/two\.json: request 1: /);
  });
});
