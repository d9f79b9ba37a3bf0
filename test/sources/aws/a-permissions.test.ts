import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionInfo } from '../../../src/iam/iamData.js';
import { ALL_PERMISSIONS, PERMISSIONS_A, minimalPolicy } from '../../../src/sources/aws/permissions.js';

const ROOT = join(import.meta.dirname, '../../..');
const SRC = join(ROOT, 'src/sources/aws');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.endsWith('permissions.ts') ? [p] : [];
  });
}

/** Every 'service:Action' literal passed as a permission in the collectors. */
function usedPermissions(): Map<string, string> {
  const used = new Map<string, string>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/'([a-z0-9-]+:[A-Z][A-Za-z0-9]+)'/g)) used.set(m[1]!, file);
  }
  return used;
}

describe('permissions table', () => {
  it('every permission a collector uses is in the minimal policy', () => {
    const used = usedPermissions();
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used].filter(([p]) => !ALL_PERMISSIONS.includes(p)).map(([p, f]) => `${p} (${f})`);
    expect(missing).toEqual([]);
  });

  it('every collectors-A permission is actually used (no stale grants)', () => {
    const used = usedPermissions();
    expect(PERMISSIONS_A.filter((p) => !used.has(p))).toEqual([]);
  });

  it('every permission is a real IAM action (Service Authorization Reference)', () => {
    const unknown = ALL_PERMISSIONS.filter((p) => {
      const [service, action] = p.split(':');
      return !actionInfo(service!, action!);
    });
    expect(unknown).toEqual([]);
  });

  it('every permission is read-only (List / Read access level)', () => {
    expect(actionInfo('iam', 'CreateUser')?.accessLevel).toMatch(/write/i); // the check can tell
    const writes = ALL_PERMISSIONS.filter((p) => {
      const [service, action] = p.split(':');
      const level = actionInfo(service!, action!)?.accessLevel ?? '';
      return !/^(List|Read)$/i.test(level);
    });
    // GenerateCredentialReport is classified Read by AWS; anything else here would be a write.
    expect(writes).toEqual([]);
  });

  it('docs/permissions.md carries exactly the policy generated from the table', () => {
    const doc = readFileSync(join(ROOT, 'docs/permissions.md'), 'utf8');
    const block = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(block, 'docs/permissions.md has a ```json block').toBeDefined();
    // Out of date? Regenerate the block with: npx tsx src/sources/aws/printPolicy.ts
    expect(JSON.parse(block!)).toEqual(minimalPolicy());
  });
});
