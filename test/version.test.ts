import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/util/paths.js';
import { KENRO_VERSION } from '../src/version.js';

describe('version', () => {
  it('src/version.ts matches package.json', () => {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
    expect(KENRO_VERSION).toBe(pkg.version);
  });

  it('ships only permissively licensed runtime dependencies', () => {
    const lock = JSON.parse(readFileSync(join(packageRoot(), 'package-lock.json'), 'utf8')) as { packages: Record<string, { license?: string; dev?: boolean }> };
    const copyleft = Object.entries(lock.packages)
      .filter(([path, p]) => path && /\b(A?GPL|LGPL)/i.test(p.license ?? ''))
      .map(([path, p]) => `${path} (${p.license})`);
    expect(copyleft).toEqual([]);
  });
});
