/**
 * `npm run bench [-- NAME... [--quick]]`: runs every bench/*.bench.ts (or the named ones), each in
 * its own Node process so that peak-memory figures belong to that benchmark alone. Each bench
 * file exports a default async function taking the `--` flags.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('--'));
const flags = args.filter((a) => a.startsWith('--'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => names.length === 0 || names.includes(f.replace(/\.bench\.ts$/, '')))
  .sort();

if (files.length === 0) {
  console.error(`no benchmark matches ${names.join(', ')}`);
  process.exit(2);
}
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`kenro benchmarks — node ${process.version}, ${cpus().length} cores (${cpu})${flags.length ? `, ${flags.join(' ')}` : ''}`);
let failed = 0;
for (const file of files) {
  console.log(`\n== ${file.replace(/\.bench\.ts$/, '')}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'single.ts'), join(here, file), ...flags], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`   FAILED (exit ${r.status ?? r.signal})`);
  }
}
process.exitCode = failed ? 1 : 0;
