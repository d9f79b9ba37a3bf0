import { describe, expect, it } from 'vitest';
import { ocsfFormat, toOcsf } from '../../src/report/ocsf.js';
import { emptyReport, liveReport, templateReport } from './fixtures.js';
import { errorsOf, testSchemaValidator } from './validate.js';

describe('ocsf format (1.3.0 Compliance Finding)', () => {
  const validate = testSchemaValidator('ocsf-1.3.0-compliance-finding.schema.json');

  it.each([
    ['live', liveReport()],
    ['template', templateReport()],
    ['empty', emptyReport()],
  ])('%s report meets the class required attributes and enums', (_n, report) => {
    const doc = JSON.parse(ocsfFormat.render(report, { color: false }));
    expect(validate(doc), errorsOf(validate)).toBe(true);
  });

  it('the transcribed schema rejects a wrong class, type_uid or missing compliance.standards', () => {
    const events = toOcsf(liveReport()) as any[];
    const a = structuredClone(events);
    a[0].class_uid = 2004;
    expect(validate(a)).toBe(false);
    const b = structuredClone(events);
    b[0].type_uid = 200302;
    expect(validate(b)).toBe(false);
    const c = structuredClone(events);
    delete c[0].compliance.standards;
    expect(validate(c)).toBe(false);
  });

  it('maps statuses and severities', () => {
    const events = toOcsf(liveReport());
    const combos = new Set(events.map((e) => `${e.unmapped.kenro_status}:${e.compliance.status_id}:${e.status_id}`));
    expect(combos).toEqual(new Set(['FAIL:3:1', 'PASS:1:4', 'ERROR:2:1', 'MANUAL:2:1', 'MUTED:3:3']));
    const root = events[0]!;
    expect(root.severity_id).toBe(5);
    expect(root.compliance.standards).toEqual(['cis-aws-5.0', 'fsbp', 'pci-dss-4.0']);
    expect(root.compliance.requirements).toContain('cis-aws-5.0:2.1.4');
    expect(root.resources[0]!.uid).toBe('arn:aws:iam::111122223333:root');
    expect(root.time).toBe(Date.parse('2026-11-22T18:16:30.000Z'));
    expect(root.remediation?.desc).toContain('AWS CLI:');
  });

  it('finding uids are unique and stable', () => {
    const a = toOcsf(liveReport()).map((e) => e.finding_info.uid);
    expect(new Set(a).size).toBe(a.length);
    expect(toOcsf(liveReport()).map((e) => e.finding_info.uid)).toEqual(a);
  });
});
