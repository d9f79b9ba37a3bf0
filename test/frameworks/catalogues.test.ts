import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { FRAMEWORK_IDS, type Framework } from '../../src/frameworks/types.js';
import { dataPath } from '../../src/util/paths.js';
import { sharedDataDir, sharedDataMissing } from '../helpers/shared.js';

const MINE = ['cis-aws-3.0', 'cis-aws-4.0', 'cis-aws-5.0', 'cis-aws-6.0', 'cis-aws-7.0', 'aws-security-checklist'];
const CIS_FILES: Record<string, string> = {
  'cis-aws-3.0': 'cis_aws_v3.0.0.json',
  'cis-aws-4.0': 'cis_aws_v4.0.1.json',
  'cis-aws-5.0': 'cis_aws_v5.0.0.json',
  'cis-aws-6.0': 'cis_aws_v6.0.0.json',
  'cis-aws-7.0': 'cis_aws_v7.0.0.json',
};

function load(id: string): Framework {
  return JSON.parse(readFileSync(dataPath('frameworks', `${id}.json`), 'utf8')) as Framework;
}

const checkIds = new Set(ALL_CHECKS.map((c) => c.meta.id));

describe('framework catalogues', () => {
  // Catalogues written by other areas (FSBP, PCI DSS) are checked once their file exists.
  const present = FRAMEWORK_IDS.filter((id) => MINE.includes(id) || existsSync(dataPath('frameworks', `${id}.json`)));

  it.each(present)('%s loads, has its id, and has unique control ids with descriptions', (id) => {
    const fw = load(id);
    expect(fw.id).toBe(id);
    expect(fw.controls.length).toBeGreaterThan(0);
    const ids = fw.controls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of fw.controls) {
      expect(c.title, `${id} ${c.id}`).toBeTruthy();
      expect(c.description.length, `${id} ${c.id}`).toBeGreaterThan(20);
      expect(['automated', 'manual']).toContain(c.assessment);
    }
  });

  it.each(present)('%s references only checks that exist', (id) => {
    const missing = load(id).controls.flatMap((c) => c.checks.filter((k) => !checkIds.has(k)).map((k) => `${c.id}: ${k}`));
    expect(missing).toEqual([]);
  });

  it.each(MINE.filter((id) => id.startsWith('cis-')))('%s: every Automated control maps to at least one automated check', (id) => {
    const unmapped = load(id)
      .controls.filter((c) => c.assessment === 'automated')
      .filter((c) => !c.checks.some((k) => checkIds.has(k) && ALL_CHECKS.find((x) => x.meta.id === k)!.meta.kind !== 'manual'))
      .map((c) => c.id);
    expect(unmapped).toEqual([]);
  });

  it.each(MINE)('%s: every control maps to at least one check (manual ones to a MANUAL or automated check)', (id) => {
    expect(load(id).controls.filter((c) => c.checks.length === 0).map((c) => c.id)).toEqual([]);
  });

  it('the AWS Security Checklist has all 16 items, and billing review maps to budgets/billing alarms', () => {
    const fw = load('aws-security-checklist');
    expect(fw.controls).toHaveLength(16);
    expect(fw.controls.find((c) => c.id === 'GEN.6')!.checks).toContain('billing_spend_monitored');
  });
});

describe.skipIf(sharedDataMissing('frameworks'))('CIS catalogues match the shared control lists', () => {
  it.each(Object.entries(CIS_FILES))('%s has every control of %s with the same id, title, level and assessment', (id, file) => {
    const shared = JSON.parse(readFileSync(`${sharedDataDir('frameworks')}/${file}`, 'utf8')) as {
      requirements: { id: string; title: string; profile: string; assessment: string }[];
    };
    const fw = load(id);
    expect(fw.controls.map((c) => [c.id, c.title, c.level, c.assessment])).toEqual(
      shared.requirements.map((r) => [r.id, r.title, r.profile, r.assessment.toLowerCase()]),
    );
  });
});
