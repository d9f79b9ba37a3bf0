import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/detect/run.js';
import { loadBuiltinRules } from '../../src/detect/loader.js';
import type { CloudTrailEvent } from '../../src/detect/types.js';
import { at, ev, ROLE } from './helpers.js';

/**
 * A compromised access key, end to end, as CloudTrail would record it: a month of routine work by the
 * user, then the key used from an unknown address in an unused region, recon, a backdoor key, admin
 * rights, logging switched off, mining instances, and a bulk read of a bucket.
 */
function trail(): CloudTrailEvent[] {
  const alice = { type: 'IAMUser', principalId: 'AIDAALICE', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', accessKeyId: 'AKIAALICE', userName: 'alice' };
  const routine = Array.from({ length: 40 }, (_, i) =>
    ev({ userIdentity: alice, eventTime: at(i * 60), eventName: i % 2 ? 'DescribeInstances' : 'ListBuckets', eventSource: i % 2 ? 'ec2.amazonaws.com' : 's3.amazonaws.com', sourceIPAddress: '198.51.100.7' }),
  );
  const t0 = 40 * 60;
  const evil = { sourceIPAddress: '203.0.113.66', awsRegion: 'ap-southeast-3', userAgent: 'Boto3/1.26 Python/3.10 Linux' };
  const attack = [
    ev({ userIdentity: alice, eventTime: at(t0), eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity', ...evil }),
    ev({ userIdentity: alice, eventTime: at(t0 + 1), eventSource: 'iam.amazonaws.com', eventName: 'ListUsers', ...evil }),
    ev({ userIdentity: alice, eventTime: at(t0 + 2), eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', readOnly: false, requestParameters: { userName: 'svc-backup' }, responseElements: { accessKey: { accessKeyId: 'AKIANEW', userName: 'svc-backup', status: 'Active', secretAccessKey: 'NEVER-PRINT-ME' } }, ...evil }),
    ev({ userIdentity: alice, eventTime: at(t0 + 3), eventSource: 'iam.amazonaws.com', eventName: 'AttachUserPolicy', readOnly: false, requestParameters: { userName: 'svc-backup', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, ...evil }),
    ev({ userIdentity: alice, eventTime: at(t0 + 4), eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', readOnly: false, requestParameters: { name: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main' }, ...evil }),
    ev({ userIdentity: alice, eventTime: at(t0 + 5), eventSource: 'guardduty.amazonaws.com', eventName: 'DeleteDetector', readOnly: false, requestParameters: { detectorId: 'abc' }, ...evil }),
    ...Array.from({ length: 12 }, (_, i) => ev({ userIdentity: alice, eventTime: at(t0 + 10 + i), eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances', readOnly: false, requestParameters: { instanceType: 'p4d.24xlarge' }, ...evil })),
    ...Array.from({ length: 1000 }, (_, i) => ev({ userIdentity: ROLE, eventTime: at(t0 + 30 + i / 200), eventSource: 's3.amazonaws.com', eventName: 'GetObject', sourceIPAddress: '198.51.100.20', requestParameters: { bucketName: 'payroll', key: `2026/${i}.csv` } })),
  ];
  return [...routine, ...attack];
}

describe('a compromised key, end to end', () => {
  it('finds each step, explains it, and keeps secrets out', async () => {
    const d = mkdtempSync(join(tmpdir(), 'kenro-scenario-'));
    const f = join(d, '111122223333_CloudTrail_us-east-1_20260101T0000Z_abc.json.gz');
    writeFileSync(f, gzipSync(JSON.stringify({ Records: trail() })));
    const r = await detect([d], { rules: loadBuiltinRules().rules });
    const ids = new Set(r.alerts.map((a) => a.ruleId));
    for (const id of [
      'kenro.new_source_ip',
      'kenro.new_region',
      'kenro.access_key_created_for_other_user',
      'kenro.admin_policy_attached',
      'kenro.cloudtrail_tampering',
      'kenro.guardduty_disabled',
      'kenro.resource_burst_after_credential_change',
      'kenro.s3_mass_download',
    ])
      expect(ids, id).toContain(id);
    expect(r.readIssues).toEqual([]);
    const admin = r.alerts.find((a) => a.ruleId === 'kenro.admin_policy_attached')!;
    expect(admin.principal).toBe('arn:aws:iam::111122223333:user/alice');
    expect(admin.sourceIPAddress).toBe('203.0.113.66');
    expect(admin.evidence['requestParameters.policyArn']).toBe('arn:aws:iam::aws:policy/AdministratorAccess');
    expect(admin.locations[0]).toMatchObject({ source: f, line: 1 });
    const burst = r.alerts.find((a) => a.ruleId === 'kenro.resource_burst_after_credential_change')!;
    expect(burst.events.map((e) => e.eventName)).toEqual(['CreateAccessKey', 'RunInstances']);
    expect(JSON.stringify(r.alerts)).not.toContain('NEVER-PRINT-ME');
    // the routine month raises nothing
    expect(r.alerts.every((a) => (a.time ?? '') >= at(40 * 60))).toBe(true);
  });
});
