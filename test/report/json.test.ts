import { describe, expect, it } from 'vitest';
import { jsonFormat, toJsonDocument } from '../../src/report/json.js';
import { emptyReport, HOSTILE_HTML, liveReport, templateReport, UNICODE } from './fixtures.js';
import { errorsOf, kenroReportValidator } from './validate.js';

describe('json format', () => {
  const validate = kenroReportValidator();

  it.each([
    ['live', liveReport()],
    ['template', templateReport()],
    ['empty', emptyReport()],
  ])('%s report validates against docs/schemas/kenro-report.schema.json', (_name, report) => {
    const doc = JSON.parse(jsonFormat.render(report, { color: false }));
    expect(validate(doc), errorsOf(validate)).toBe(true);
  });

  it('the schema rejects a document missing required result fields or with a bad status', () => {
    const doc = JSON.parse(jsonFormat.render(liveReport(), { color: false }));
    const broken = structuredClone(doc);
    delete broken.results[0].controls;
    expect(validate(broken)).toBe(false);
    const bad = structuredClone(doc);
    bad.results[0].status = 'OK';
    expect(validate(bad)).toBe(false);
    const mutedWithoutReason = structuredClone(doc);
    const i = mutedWithoutReason.results.findIndex((r: { status: string }) => r.status === 'MUTED');
    delete mutedWithoutReason.results[i].muted;
    expect(validate(mutedWithoutReason)).toBe(false);
  });

  it('keeps every result with the documented fields, worst first', () => {
    const report = liveReport();
    const doc = toJsonDocument(report);
    expect(doc.results).toHaveLength(report.results.length);
    expect(doc.results.map((r) => r.status).slice(0, 3)).toEqual(['FAIL', 'FAIL', 'FAIL']);
    expect(doc.results[0]!.severity).toBe('critical');
    const last = doc.results[doc.results.length - 1]!;
    expect(last.status).toBe('PASS');
    const root = doc.results.find((r) => r.checkId === 'iam_root_mfa_enabled' && r.status === 'FAIL')!;
    expect(root).toMatchObject({
      account: '111122223333',
      region: 'global',
      resourceType: 'AWS::::Account',
      resourceArn: 'arn:aws:iam::111122223333:root',
      reason: 'The root user has no MFA device',
      evidence: { mfaActive: false },
      controls: { 'cis-aws-5.0': ['2.1.4'], fsbp: ['IAM.9'], 'pci-dss-4.0': ['8.4.1'] },
    });
    const noArn = doc.results.find((r) => r.checkId === 'ec2_ebs_default_encryption')!;
    expect(noArn.resourceArn).toBeUndefined();
    expect(noArn.resourceId).toBe('111122223333');
  });

  it('carries muted reasons, frameworks, collection issues and expired suppressions', () => {
    const doc = toJsonDocument(liveReport());
    const muted = doc.results.filter((r) => r.status === 'MUTED');
    expect(muted.map((r) => r.muted?.reason)).toContain('Break-glass user, reviewed quarterly');
    expect(doc.frameworks.map((f) => [f.id, f.score])).toEqual([
      ['cis-aws-5.0', 25],
      ['fsbp', 20],
    ]);
    expect(doc.collectionIssues[0]!.permission).toBe('s3:GetBucketPolicy');
    expect(doc.expiredSuppressions[0]!.id).toBe('sup-old');
    expect(doc.summary.byStatus).toEqual({ FAIL: 13, ERROR: 3, MANUAL: 2, PASS: 10, MUTED: 2 });
    expect(doc.summary.failsBySeverity.critical).toBe(2);
  });

  it('template results add file, line and column', () => {
    const doc = toJsonDocument(templateReport());
    const r = doc.results.find((x) => x.resourceId === 'LogsBucket')!;
    expect(r).toMatchObject({ file: 'templates/app stack.yaml', line: 12, column: 5 });
  });

  it('round-trips hostile and unicode strings exactly', () => {
    const text = jsonFormat.render(liveReport(), { color: false });
    const doc = JSON.parse(text);
    const s3 = doc.results.find((r: { resourceId: string }) => r.resourceId === 'evil-bucket');
    expect(s3.reason).toContain(HOSTILE_HTML);
    expect(text).toContain(UNICODE);
  });
});
