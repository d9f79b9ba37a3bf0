import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { findFramework } from '../../src/frameworks/catalog.js';
import { sharedDataDir, sharedDataMissing } from '../helpers/shared.js';

const known = new Set(ALL_CHECKS.map((c) => c.meta.id));

describe.each(['fsbp', 'pci-dss-4.0'])('%s catalogue', (id) => {
  const fw = findFramework(id);

  it('has unique control ids, a title, a section and a description for each control', () => {
    const ids = fw.controls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of fw.controls) {
      expect(c.title.length, c.id).toBeGreaterThan(5);
      expect(c.section, c.id).toBeTruthy();
      expect(c.description.length, c.id).toBeGreaterThan(20);
      expect(c.description, c.id).not.toBe(c.title);
    }
  });

  it('maps only to checks kenro ships', () => {
    for (const c of fw.controls) for (const k of c.checks) expect(known.has(k), `${c.id} -> ${k}`).toBe(true);
  });
});

describe('fsbp mappings', () => {
  const fw = findFramework('fsbp');
  const checksOf = (id: string) => fw.controls.find((c) => c.id === id)?.checks;

  it('maps the core controls to the checks that decide them', () => {
    expect(checksOf('S3.5')).toEqual(['s3_bucket_tls_only']);
    expect(checksOf('EC2.2')).toEqual(['ec2_default_sg_closed']);
    expect(checksOf('KMS.4')).toEqual(['kms_cmk_rotation_enabled']);
    expect(checksOf('S3.8')).toEqual(['s3_bucket_public_access_block']);
    expect(checksOf('IAM.4')).toEqual(['iam_root_no_access_keys']);
  });

  it('leaves controls without a matching check uncovered rather than mapping a stricter check', () => {
    expect(checksOf('CloudTrail.3')).toEqual([]);
    expect(checksOf('IAM.8')).toEqual([]);
  });

  it.skipIf(sharedDataMissing('frameworks'))('covers every control of the shared FSBP list, including the other mirror', () => {
    const shared = JSON.parse(readFileSync(join(sharedDataDir('frameworks')!, 'aws_fsbp.json'), 'utf8')) as {
      controls: { id: string }[];
      other_mirror: { additional_controls: { id: string }[] };
    };
    const ours = new Set(fw.controls.map((c) => c.id));
    for (const c of [...shared.controls, ...shared.other_mirror.additional_controls]) expect(ours.has(c.id), c.id).toBe(true);
  });
});

describe('pci-dss-4.0 mappings', () => {
  const fw = findFramework('pci-dss-4.0');
  const control = (id: string) => fw.controls.find((c) => c.id === id)!;

  it('requirements without technical evidence are manual with no checks', () => {
    for (const c of fw.controls) expect(c.assessment).toBe(c.checks.length > 0 ? 'automated' : 'manual');
    expect(control('6.5.5').checks).toEqual([]);
  });

  it('does not use unrelated checks as evidence (MFA delete is not MFA for CDE access)', () => {
    expect(control('8.4.2').checks).not.toContain('s3_bucket_mfa_delete');
    expect(control('8.4.2').checks).toContain('iam_user_console_mfa');
    expect(control('4.2.1').checks).toContain('s3_bucket_tls_only');
  });

  it.skipIf(sharedDataMissing('frameworks'))('covers every requirement of the shared list', () => {
    const shared = JSON.parse(readFileSync(join(sharedDataDir('frameworks')!, 'pci_dss_v4.0_aws.json'), 'utf8')) as { requirements: { id: string }[] };
    expect(fw.controls.map((c) => c.id)).toEqual(shared.requirements.map((r) => r.id));
  });
});

describe('every part-B check is used by at least one catalogue', () => {
  it('has a control for each service check', async () => {
    const { controlIndex, loadFrameworks } = await import('../../src/frameworks/catalog.js');
    const idx = controlIndex(loadFrameworks());
    const mine = ALL_CHECKS.filter((c) => /^(ec2|s3|kms|rds|efs|elbv2|lambda|sns|sqs|ecr|secretsmanager)_/.test(c.meta.id));
    expect(mine.length).toBeGreaterThan(60);
    for (const c of mine) expect(idx.has(c.meta.id), c.meta.id).toBe(true);
  });
});
