/** Runs one bench file's default export (spawned by bench/run.ts). */
import { pathToFileURL } from 'node:url';

const [file, ...flags] = process.argv.slice(2);
if (!file) throw new Error('usage: single.ts BENCH_FILE [--flags]');
const mod = (await import(pathToFileURL(file).href)) as { default: (args: string[]) => Promise<void> };
await mod.default(flags);
