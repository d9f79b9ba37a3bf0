/**
 * Every check over a generated inventory of 100,000 resources (issue #2's target: under 2 s and
 * under 1 GB). `--quick` uses 10,000 resources.
 */
import { ALL_CHECKS } from '../src/checks/index.js';
import { runChecks } from '../src/checks/engine.js';
import { controlIndex } from '../src/frameworks/catalog.js';
import { generateInventory } from './generate.js';
import { mib, peakRssBytes } from './memory.js';

export default async function checksBench(flags: string[]): Promise<void> {
  const total = flags.includes('--quick') ? 10_000 : 100_000;
  const { inventory, resources } = generateInventory(total);
  let controls;
  try {
    controls = controlIndex();
  } catch {
    controls = new Map();
  }
  const now = new Date('2026-06-15T00:00:00Z');
  runChecks(inventory, ALL_CHECKS, { now, controls }); // warm-up: JIT and lazily built tables
  const runs = 3;
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    count = runChecks(inventory, ALL_CHECKS, { now, controls }).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`   resources: ${resources.toLocaleString('en')} over 17 regions; checks: ${ALL_CHECKS.length}; results: ${count.toLocaleString('en')}`);
  console.log(`   all checks, wall time: median ${(times[1]! / 1000).toFixed(3)} s (best ${(times[0]! / 1000).toFixed(3)} s, worst ${(times[2]! / 1000).toFixed(3)} s) of ${runs} runs`);
  console.log(`   peak memory (RSS, inventory included): ${mib(peakRssBytes())}   target: < 2 s, < 1 GB`);
}
