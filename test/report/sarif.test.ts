import { describe, expect, it } from 'vitest';
import { renderSarifObject, sarifFormat, sarifLevel, fileUri } from '../../src/report/sarif.js';
import { emptyReport, liveReport, templateReport } from './fixtures.js';
import { errorsOf, sarifValidator } from './validate.js';

describe('sarif format', () => {
  const validate = sarifValidator();

  it.each([
    ['live', liveReport()],
    ['template', templateReport()],
    ['empty', emptyReport()],
  ])('%s report validates against the SARIF 2.1.0 JSON schema', (_n, report) => {
    const doc = JSON.parse(sarifFormat.render(report, { color: false }));
    expect(validate(doc), errorsOf(validate)).toBe(true);
    expect(doc.version).toBe('2.1.0');
  });

  it('the SARIF schema is real: it rejects an invalid level and a missing message', () => {
    const doc = renderSarifObject(liveReport()) as any;
    const bad = structuredClone(doc);
    bad.runs[0].results[0].level = 'critical';
    expect(validate(bad)).toBe(false);
    const bad2 = structuredClone(doc);
    delete bad2.runs[0].results[0].message;
    expect(validate(bad2)).toBe(false);
  });

  it('rules come from check metadata with a numeric security-severity and remediation help', () => {
    const run = renderSarifObject(liveReport()).runs[0]!;
    const rule = run.tool.driver.rules.find((r) => r.id === 'iam_root_mfa_enabled') as any;
    expect(rule.name).toBe('IamRootMfaEnabled');
    expect(rule.shortDescription.text).toBe('Title of iam_root_mfa_enabled');
    expect(rule.fullDescription.text).toContain('Risk of iam_root_mfa_enabled');
    expect(rule.help.text).toContain('aws iam fix-iam_root_mfa_enabled');
    expect(rule.help.markdown).toContain('```sh');
    expect(rule.properties['security-severity']).toBe('9.5');
    expect(Number.isFinite(Number(rule.properties['security-severity']))).toBe(true);
    expect(rule.properties.tags).toEqual(expect.arrayContaining(['security', 'iam', 'cis-aws-5.0', 'fsbp', 'pci-dss-4.0']));
    // Every result's ruleIndex points at its rule.
    for (const res of run.results) expect(run.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
  });

  it('levels: FAIL by severity; ERROR open, MANUAL review with level none; PASS left out', () => {
    expect([sarifLevel('critical'), sarifLevel('high'), sarifLevel('medium'), sarifLevel('low'), sarifLevel('informational')]).toEqual([
      'error',
      'error',
      'warning',
      'note',
      'note',
    ]);
    const run = renderSarifObject(liveReport()).runs[0]!;
    const report = liveReport();
    expect(run.results).toHaveLength(report.results.filter((r) => r.status !== 'PASS').length);
    const kinds = new Set(run.results.map((r) => `${r.properties.status}:${r.kind}:${r.level}`));
    expect(kinds).toContain('ERROR:open:none');
    expect(kinds).toContain('MANUAL:review:none');
    expect(kinds).toContain('FAIL:fail:error');
    expect(kinds).toContain('FAIL:fail:warning');
    expect(kinds).toContain('FAIL:fail:note');
  });

  it('MUTED results are accepted external suppressions with the reason', () => {
    const run = renderSarifObject(liveReport()).runs[0]!;
    const muted = run.results.filter((r) => r.properties.status === 'MUTED');
    expect(muted).toHaveLength(2);
    expect(muted[0]!.kind).toBe('fail');
    expect(muted.map((m) => (m as any).suppressions[0])).toContainEqual(
      expect.objectContaining({ kind: 'external', status: 'accepted', justification: 'Break-glass user, reviewed quarterly' }),
    );
  });

  it('live results are located by ARN (logicalLocations), template results by file, line and column', () => {
    const live = renderSarifObject(liveReport()).runs[0]!;
    const root = live.results.find((r) => r.ruleId === 'iam_root_mfa_enabled')! as any;
    expect(root.locations[0].logicalLocations[0].fullyQualifiedName).toBe('arn:aws:iam::111122223333:root');
    expect(root.locations[0].physicalLocation).toBeUndefined();

    const tpl = renderSarifObject(templateReport()).runs[0]!;
    const bucket = tpl.results.find((r) => r.ruleId === 's3_bucket_tls_only')! as any;
    expect(bucket.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'templates/app%20stack.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 5 },
    });
    const sg = tpl.results.find((r) => r.ruleId === 'ec2_sg_no_open_ssh')! as any;
    expect(sg.locations[0].physicalLocation.region).toEqual({ startLine: 40 });
    expect((tpl as any).artifacts.map((a: any) => a.location.uri)).toEqual(['templates/app%20stack.yaml', 'templates/db.json']);
  });

  it('fingerprints are stable across scans and differ between resources', () => {
    const a = renderSarifObject(liveReport()).runs[0]!.results;
    const b = renderSarifObject(liveReport()).runs[0]!.results;
    expect(a.map((r) => r.partialFingerprints)).toEqual(b.map((r) => r.partialFingerprints));
    expect(new Set(a.map((r) => r.partialFingerprints['kenroResult/v1'])).size).toBe(a.length);
  });

  it('collection issues become tool execution notifications', () => {
    const inv = renderSarifObject(liveReport()).runs[0]!.invocations[0]!;
    expect(inv.toolExecutionNotifications[0]!.message.text).toContain('grant s3:GetBucketPolicy');
  });

  it('file URIs are encoded per segment', () => {
    expect(fileUri('a b/c#d.yaml')).toBe('a%20b/c%23d.yaml');
    expect(fileUri('C:\\x\\y.yaml')).toBe('C%3A/x/y.yaml');
    expect(fileUri('/abs/t.yaml')).toBe('file:///abs/t.yaml');
  });
});
