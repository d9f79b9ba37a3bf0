/**
 * `npm run conformance`: runs kenro over ../shared/data/kics-cloudformation, prints mapping
 * coverage, agreement and every disagreement with its documented reason, and records the result
 * in kics-baseline.json. Exits 1 when agreement drops below the recorded baseline
 * (`--update-baseline` records the current figures whatever they are).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFORMANCE_DIR, readBaseline, runKicsConformance, type Baseline } from './harness.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(process.env.KENRO_SHARED_DATA ?? join(repoRoot, '..', 'shared', 'data'), 'kics-cloudformation');

const r = runKicsConformance(dataDir);
const unexplained = r.disagreements.filter((d) => !d.reason);
console.log(`KICS CloudFormation conformance (${dataDir})`);
console.log(`  mapping coverage: ${r.mappedQueries}/${r.totalQueries} queries (${((r.mappedQueries / r.totalQueries) * 100).toFixed(1)}%)`);
console.log(`  agreement on mapped queries: ${r.agreeing}/${r.files} template files (${r.agreement}%)`);
console.log(`  exact KICS line (informative, not gated): ${r.exactLineMatches}/${r.expectedFindings} expected findings`);
console.log(`  disagreements: ${r.disagreements.length} (${r.disagreements.filter((d) => d.reason?.startsWith('deliberate')).length} deliberate, ${r.disagreements.filter((d) => d.reason?.startsWith('kenro bug')).length} kenro bugs, ${unexplained.length} not yet explained)`);
for (const d of r.disagreements) {
  console.log(`\n  ${d.query}/${d.file} [${d.kind}]\n    ${d.detail}\n    reason: ${d.reason ?? 'NOT EXPLAINED'}`);
}
const base = readBaseline();
const now: Baseline = {
  agreement: r.agreement,
  agreeing: r.agreeing,
  files: r.files,
  mappedQueries: r.mappedQueries,
  totalQueries: r.totalQueries,
  recordedAt: new Date().toISOString(),
};
if (base && r.agreement < base.agreement && !process.argv.includes('--update-baseline')) {
  console.error(`\nagreement ${r.agreement}% is below the recorded baseline ${base.agreement}%`);
  process.exitCode = 1;
} else if (base && base.agreement === now.agreement && base.agreeing === now.agreeing && base.files === now.files && base.mappedQueries === now.mappedQueries) {
  console.log(`\nagreement ${r.agreement}% equals the recorded baseline`);
} else {
  writeFileSync(join(CONFORMANCE_DIR, 'kics-baseline.json'), `${JSON.stringify(now, null, 2)}\n`);
  console.log(`\nrecorded ${r.agreement}% in conformance/kics-baseline.json${base ? ` (was ${base.agreement}%)` : ''}`);
}
