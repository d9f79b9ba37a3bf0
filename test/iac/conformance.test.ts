import { describe, expect, it } from 'vitest';
import { readBaseline, runKicsConformance, loadMapping, loadDisagreements } from '../../conformance/harness.js';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { IAC_CHECKS } from '../../src/checks/iac/index.js';
import { sharedDataDir, sharedDataMissing } from '../helpers/shared.js';

const missing = sharedDataMissing('kics-cloudformation');

describe('KICS CloudFormation conformance', () => {
  it('maps KICS queries only to checks that exist', () => {
    const ids = new Set([...ALL_CHECKS, ...IAC_CHECKS].map((c) => c.meta.id));
    const mapping = loadMapping();
    expect(Object.keys(mapping).length).toBeGreaterThan(0);
    for (const [q, m] of Object.entries(mapping)) {
      for (const c of m.checks) expect(ids.has(c), `${q} -> ${c}`).toBe(true);
      expect(m.note.length, q).toBeGreaterThan(0);
    }
    for (const [k, why] of Object.entries(loadDisagreements())) {
      expect(why, k).toMatch(/^(deliberate: |kenro bug: )/);
    }
  });

  it.skipIf(missing)(`agreement on mapped queries does not drop below the recorded baseline${missing ? ` (${missing})` : ''}`, () => {
    const r = runKicsConformance(sharedDataDir('kics-cloudformation')!);
    const base = readBaseline();
    expect(base, 'conformance/kics-baseline.json (run npm run conformance)').toBeDefined();
    expect(r.mappedQueries).toBeGreaterThan(0);
    expect(r.agreement).toBeGreaterThanOrEqual(base!.agreement);
    // Every disagreement is explained (a kenro bug or a deliberate difference).
    expect(r.disagreements.filter((d) => !d.reason).map((d) => `${d.query}/${d.file}: ${d.detail}`)).toEqual([]);
  });
});
