import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared reference data folder (../shared/data beside the checkout), or undefined when absent. */
export function sharedDataDir(sub = ''): string | undefined {
  const base = process.env.KENRO_SHARED_DATA ?? join(repoRoot, '..', 'shared', 'data');
  const dir = join(base, sub);
  return existsSync(dir) ? dir : undefined;
}

/** Reason string for describe.skipIf / it.skipIf when shared data is missing. */
export function sharedDataMissing(sub = ''): string | false {
  return sharedDataDir(sub) ? false : `skipped: ../shared/data/${sub} is absent (clone kenro beside shared/ to run this)`;
}

export { repoRoot };
