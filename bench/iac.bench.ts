/**
 * `kenro iac` throughput: every template of the KICS CloudFormation corpus (../shared/data,
 * 1,395 files) parsed, resolved, turned into inventory and checked with every check, as
 * templates per second. `--quick`: one file in ten. Skips with a message when the corpus is absent.
 */
import { ALL_CHECKS } from '../src/checks/index.js';
import { runIac } from '../src/checks/iac/run.js';
import { findFiles } from '../src/sources/cfn/load.js';
import { sharedDataDir } from '../test/helpers/shared.js';
import { mib, peakRssBytes } from './memory.js';

export default async function iacBench(flags: string[]): Promise<void> {
  const dir = sharedDataDir('kics-cloudformation');
  if (!dir) {
    console.log('   skipped: ../shared/data/kics-cloudformation is absent');
    return;
  }
  let files = findFiles([dir], [])
    .map((f) => f.file)
    .filter((f) => /\/(positive|negative)[^/]*\.(ya?ml|json)$/.test(f) && !/expected_result/.test(f));
  if (flags.includes('--quick')) files = files.filter((_, i) => i % 10 === 0);
  runIac(files, { checks: ALL_CHECKS }); // warm-up: JIT and lazily built tables
  const runs = 3;
  const times: number[] = [];
  let templates = 0;
  let results = 0;
  let errors = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = runIac(files, { checks: ALL_CHECKS });
    times.push(performance.now() - t0);
    templates = r.templates;
    results = r.report.results.length;
    errors = r.errors.length;
  }
  times.sort((a, b) => a - b);
  const best = times[0]!;
  console.log(`   ${files.length} files, ${templates} templates, ${results} results, ${errors} files with errors`);
  console.log(`   best of ${runs}: ${best.toFixed(0)} ms = ${((templates / best) * 1000).toFixed(0)} templates/s (${((files.length / best) * 1000).toFixed(0)} files/s)`);
  console.log(`   peak RSS ${mib(peakRssBytes())}`);
}
