import { describe, expect, it } from 'vitest';
import { run } from './capture.js';

describe('kenro fix', () => {
  it('plans the demo as a dry run: exact calls, states, and no change made', async () => {
    const { code, stdout } = await run('fix', '--demo');
    expect(code).toBe(0);
    expect(stdout).toMatch(/call {3}ec2:RevokeSecurityGroupIngress \(us-east-1\)/);
    expect(stdout).toMatch(/before /);
    expect(stdout).toMatch(/Dry run: \d+ change\(s\) planned, none made/);
  });

  it('emits the plan as JSON and honours --check', async () => {
    const { stdout } = await run('fix', '--demo', '--format', 'json', '--check', 'kms_*');
    const plan = JSON.parse(stdout) as { changes: { fixerId: string; calls: { operation: string }[] }[] };
    expect(plan.changes.length).toBe(2);
    expect(plan.changes.every((c) => c.fixerId === 'kms_key_rotation_enable' && c.calls[0]!.operation === 'EnableKeyRotation')).toBe(true);
  });

  it('refuses to apply to the fictional demo account', async () => {
    await expect(run('fix', '--demo', '--apply', '--yes')).rejects.toThrow(/planned, not applied/);
  });
});
