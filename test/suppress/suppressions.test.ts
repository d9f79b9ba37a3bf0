import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/model/result.js';
import { applySuppressions, parseSuppressions, SuppressionFileError } from '../../src/suppress/suppressions.js';
import { resourceTagIndex } from '../../src/suppress/tags.js';
import { account, inventory, ok } from '../helpers/inventory.js';

const NOW = new Date('2026-06-15T12:00:00Z');

function result(o: Partial<CheckResult> = {}): CheckResult {
  return {
    checkId: 's3_bucket_versioning_enabled',
    status: 'FAIL',
    severity: 'medium',
    account: '111122223333',
    region: 'eu-west-1',
    resourceType: 'AWS::S3::Bucket',
    resourceArn: 'arn:aws:s3:::sandbox-scratch',
    resourceId: 'sandbox-scratch',
    reason: 'versioning is off',
    controls: {},
    ...o,
  };
}

const FILE = `
suppressions:
  - id: sandbox-versioning
    check: s3_bucket_versioning_enabled
    resource: "arn:aws:s3:::sandbox-*"
    reason: Sandbox buckets hold only throw-away data
    expires: 2026-12-31
  - check: "ec2_*"
    account: "111122223333"
    region: eu-west-1
    tags: { environment: lab }
    reason: Lab VPC, isolated
    expires: 2026-06-15
  - id: old
    check: iam_root_no_access_keys
    reason: temporary
    expires: 2026-01-01
`;

describe('suppressions', () => {
  const suppressions = parseSuppressions(FILE, 'risks.yaml');

  it('parses every field and numbers unnamed entries by position', () => {
    expect(suppressions.map((s) => s.id)).toEqual(['sandbox-versioning', 'risks.yaml#2', 'old']);
    expect(suppressions[1]!.tags).toEqual({ environment: 'lab' });
    expect(suppressions[0]!.line).toBe(3);
  });

  it('mutes a matching FAIL with the reason and keeps the original status', () => {
    const { results } = applySuppressions([result()], suppressions, NOW);
    expect(results[0]!.status).toBe('MUTED');
    expect(results[0]!.muted).toEqual({
      reason: 'Sandbox buckets hold only throw-away data',
      suppressionId: 'sandbox-versioning',
      expires: '2026-12-31',
      originalStatus: 'FAIL',
    });
  });

  it('does not mute other resources, PASS or ERROR results', () => {
    const { results } = applySuppressions(
      [result({ resourceArn: 'arn:aws:s3:::prod-data', resourceId: 'prod-data' }), result({ status: 'PASS' }), result({ status: 'ERROR' })],
      suppressions,
      NOW,
    );
    expect(results.map((r) => r.status)).toEqual(['FAIL', 'PASS', 'ERROR']);
  });

  it('applies on its expiry day and reports it, unapplied, the day after', () => {
    const sgFail = result({ checkId: 'ec2_sg_no_admin_ports', resourceArn: 'arn:aws:ec2:eu-west-1:111122223333:security-group/sg-1', resourceId: 'sg-1' });
    const tags = () => ({ environment: 'lab' });
    expect(applySuppressions([sgFail], suppressions, NOW, tags).results[0]!.status).toBe('MUTED');
    const later = applySuppressions([sgFail], suppressions, new Date('2026-06-16T00:00:01Z'), tags);
    expect(later.results[0]!.status).toBe('FAIL');
    expect(later.expired.map((s) => s.id)).toContain('risks.yaml#2');
  });

  it('never applies an expired suppression and lists it', () => {
    const { results, expired } = applySuppressions([result({ checkId: 'iam_root_no_access_keys' })], suppressions, NOW);
    expect(results[0]!.status).toBe('FAIL');
    expect(expired.map((s) => s.id)).toEqual(['old']);
  });

  it('requires every wanted tag on the resource', () => {
    const sgFail = result({ checkId: 'ec2_sg_no_admin_ports', resourceId: 'sg-2', resourceArn: 'arn:x:sg-2' });
    expect(applySuppressions([sgFail], suppressions, NOW, () => ({ environment: 'prod' })).results[0]!.status).toBe('FAIL');
    expect(applySuppressions([sgFail], suppressions, NOW, () => undefined).results[0]!.status).toBe('FAIL');
  });

  it('finds tags of any tagged resource in the inventory', () => {
    const inv = inventory([account({}, { 'eu-west-1': { ec2: { vpcs: ok([{ id: 'vpc-1', arn: 'arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-1', isDefault: false, tags: { environment: 'lab' } }]) } } })]);
    const index = resourceTagIndex(inv);
    expect(index.get('arn:aws:ec2:eu-west-1:111122223333:vpc/vpc-1')).toEqual({ environment: 'lab' });
    expect(index.get('vpc-1')).toEqual({ environment: 'lab' });
  });

  it.each([
    ['suppressions:\n  - check: x\n    expires: 2026-01-01\n', /line 2: suppressions\[0\]\.reason is required/],
    ['suppressions:\n  - check: x\n    reason: because\n    expires: next week\n', /line 4: suppressions\[0\]\.expires must be a date/],
    ['suppressions:\n  - check: x\n    reason: because\n', /expires is required/],
    ['suppressions:\n  - check: x\n    reason: because\n    expires: 2026-01-01\n    resouce: typo\n', /line 5: suppressions\[0\]\.resouce is not a known field/],
    ['suppressions: {a: 1}\n', /`suppressions` must be a list/],
    ['suppressions:\n  - [unclosed\n', /invalid YAML/],
    ['- just a list\n', /expected a mapping/],
    ['suppressions:\n  - id: a\n    check: x\n    reason: because\n    expires: 2026-01-01\n  - id: a\n    check: y\n    reason: because\n    expires: 2026-01-01\n', /duplicate suppression id a/],
  ])('rejects bad input with the line: %#', (text, message) => {
    expect(() => parseSuppressions(text, 'f.yaml')).toThrow(SuppressionFileError);
    expect(() => parseSuppressions(text, 'f.yaml')).toThrow(message);
  });
});
