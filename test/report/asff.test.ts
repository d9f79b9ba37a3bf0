import { describe, expect, it } from 'vitest';
import { asffFormat, asffResourceType, toAsff } from '../../src/report/asff.js';
import { emptyReport, liveReport, templateReport } from './fixtures.js';
import { errorsOf, testSchemaValidator } from './validate.js';

describe('asff format', () => {
  const validate = testSchemaValidator('asff-batch-import.schema.json');

  it.each([
    ['live', liveReport()],
    ['template', templateReport()],
    ['empty', emptyReport()],
  ])('%s report meets the BatchImportFindings required attributes and limits', (_n, report) => {
    const doc = JSON.parse(asffFormat.render(report, { color: false }));
    expect(Array.isArray(doc)).toBe(true);
    expect(validate(doc), errorsOf(validate)).toBe(true);
  });

  it('the transcribed schema rejects a finding without Severity or with a long Title', () => {
    const findings = toAsff(liveReport()) as any[];
    const a = structuredClone(findings);
    delete a[0].Severity;
    expect(validate(a)).toBe(false);
    const b = structuredClone(findings);
    b[0].Title = 'x'.repeat(257);
    expect(validate(b)).toBe(false);
  });

  it('one finding per result; Compliance.Status, Workflow and Severity follow the status', () => {
    const report = liveReport();
    const findings = toAsff(report);
    expect(findings).toHaveLength(report.results.length);
    const by = (id: string) => findings.filter((f) => f.ProductFields!['kenro/CheckId'] === id);
    const statuses = new Set(findings.map((f) => `${f.ProductFields!['kenro/Status']}:${f.Compliance!.Status}:${f.Workflow!.Status}`));
    expect(statuses).toEqual(
      new Set(['FAIL:FAILED:NEW', 'PASS:PASSED:RESOLVED', 'ERROR:NOT_AVAILABLE:NEW', 'MANUAL:WARNING:NEW', 'MUTED:FAILED:SUPPRESSED']),
    );
    const root = by('iam_root_mfa_enabled').find((f) => f.Compliance!.Status === 'FAILED')!;
    expect(root).toMatchObject({
      SchemaVersion: '2018-10-08',
      AwsAccountId: '111122223333',
      GeneratorId: 'kenro/iam_root_mfa_enabled',
      ProductArn: 'arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default',
      Severity: { Label: 'CRITICAL' },
      RecordState: 'ACTIVE',
      Resources: [{ Type: 'AwsAccount', Id: 'arn:aws:iam::111122223333:root', Partition: 'aws' }],
    });
    expect(root.Types).toEqual(
      expect.arrayContaining([
        'Software and Configuration Checks/AWS Security Best Practices',
        'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark',
        'Software and Configuration Checks/Industry and Regulatory Standards/PCI-DSS',
      ]),
    );
    expect(root.Compliance!.RelatedRequirements).toEqual(['cis-aws-5.0:2.1.4', 'fsbp:IAM.9', 'pci-dss-4.0:8.4.1']);
    const muted = findings.find((f) => f.Workflow!.Status === 'SUPPRESSED' && f.Resources![0]!.Id!.endsWith('break-glass'))!;
    expect(muted.Note!.Text).toContain('Break-glass user, reviewed quarterly');
  });

  it('ids are unique within a scan and stable across scans', () => {
    const a = toAsff(liveReport()).map((f) => f.Id);
    const b = toAsff(liveReport()).map((f) => f.Id);
    expect(new Set(a).size).toBe(a.length);
    expect(a).toEqual(b);
  });

  it('long text is cut to the documented limits', () => {
    const long = toAsff(liveReport()).find((f) => f.Resources![0]!.Id!.endsWith('long-title'))!;
    expect(long.Description!.length).toBeLessThanOrEqual(1024);
    expect(long.Description!.endsWith('…')).toBe(true);
  });

  it('maps CloudFormation types to ASFF resource types, Other otherwise', () => {
    expect(asffResourceType('AWS::S3::Bucket')).toBe('AwsS3Bucket');
    expect(asffResourceType('AWS::EC2::SecurityGroup')).toBe('AwsEc2SecurityGroup');
    expect(asffResourceType('AWS::Made::Up')).toBe('Other');
  });

  it('refuses results without a 12-digit account id, clearly', () => {
    const report = templateReport();
    report.results[0]!.account = 'template';
    expect(() => asffFormat.render(report, { color: false })).toThrow(/12-digit AWS account/);
  });
});
