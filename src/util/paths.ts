import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The package root (holds package.json, data/, rules/), whether running from src/ or dist/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('kenro: cannot find its package root');
    dir = up;
  }
  root = dir;
  return dir;
}

/** A path inside the package's shipped data folder. */
export function dataPath(...parts: string[]): string {
  return join(packageRoot(), 'data', ...parts);
}
