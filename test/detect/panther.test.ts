import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataDir, sharedDataMissing } from '../helpers/shared.js';
import { loadBuiltinRules } from '../../src/detect/loader.js';
import type { DetectionRule } from '../../src/detect/sigma/rule.js';
import { DELIBERATE, PANTHER_MAP } from './panther-map.js';

const skip = sharedDataMissing('cloudtrail/panther-rule-tests');

interface PantherTest {
  ruleId: string;
  testName: string;
  expectedResult: boolean;
  log: Record<string, unknown>;
}

describe.skipIf(skip)('agreement with the labelled Panther rule tests', () => {
  const dir = sharedDataDir('cloudtrail/panther-rule-tests') ?? '';
  const tests = skip
    ? []
    : readFileSync(join(dir, 'aws_cloudtrail_rule_tests.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as PantherTest);
  const rules = loadBuiltinRules().rules;

  it('kenro agrees on every labelled event of the mapped detections, except the documented differences', () => {
    let total = 0;
    let agree = 0;
    const differences: string[] = [];
    const perRule: string[] = [];
    for (const m of PANTHER_MAP) {
      const r = rules.find((x) => x.ruleId === m.kenro) as DetectionRule | undefined;
      expect(r, m.kenro).toBeDefined();
      const cases = tests.filter((t) => t.ruleId === m.panther && (!m.only?.eventName || m.only.eventName.includes(String(t.log.eventName))));
      expect(cases.length, m.panther).toBeGreaterThan(0);
      let ok = 0;
      for (const t of cases) {
        total++;
        if (r!.match(t.log) === t.expectedResult) {
          agree++;
          ok++;
        } else differences.push(`${t.ruleId} / ${t.testName}`);
      }
      perRule.push(`  ${m.panther} ~ ${m.kenro}: ${ok}/${cases.length}`);
    }
    const undocumented = differences.filter((d) => !DELIBERATE[d]);
    const stale = Object.keys(DELIBERATE).filter((d) => !differences.includes(d));
    console.log(
      `Panther agreement: ${agree}/${total} labelled events (${((100 * agree) / total).toFixed(1)}%) over ${PANTHER_MAP.length} mapped rules; ` +
        `${differences.length} deliberate difference(s)\n${perRule.join('\n')}`,
    );
    expect(undocumented).toEqual([]);
    expect(stale).toEqual([]);
    expect(agree + Object.keys(DELIBERATE).length).toBe(total);
  });
});
