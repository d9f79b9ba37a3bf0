import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataDir, sharedDataMissing } from '../helpers/shared.js';
import { loadRules } from '../../src/detect/loader.js';
import type { DetectionRule } from '../../src/detect/sigma/rule.js';
import { ev, ROOT, runEngine } from './helpers.js';

const skip = sharedDataMissing('sigma-aws-cloudtrail');
const dir = sharedDataDir('sigma-aws-cloudtrail') ?? '';

describe.skipIf(skip)('SigmaHQ AWS CloudTrail rules (../shared/data/sigma-aws-cloudtrail)', () => {
  it('every maintained rule loads', () => {
    const set = loadRules([join(dir, 'rules')], 'sigma');
    expect(set.issues).toEqual([]);
    expect(set.rules.length).toBe(readdirSync(join(dir, 'rules')).filter((f) => f.endsWith('.yml')).length);
    expect(set.rules.length).toBe(57);
  });

  it('the legacy and placeholder rules are listed with the feature named', () => {
    const set = loadRules([join(dir, 'unsupported'), join(dir, 'rules-placeholder')], 'sigma');
    expect(set.rules).toHaveLength(0);
    const byFile = Object.fromEntries(set.issues.map((i) => [i.file.split('/').pop(), i.feature]));
    expect(byFile).toEqual({
      'aws_ec2_download_userdata.yml': 'count() aggregation',
      'aws_enum_backup.yml': 'count() aggregation',
      'aws_enum_listing.yml': 'count() aggregation',
      'aws_enum_network.yml': 'count() aggregation',
      'aws_enum_storage.yml': 'count() aggregation',
      'aws_lambda_function_created_or_invoked.yml': 'near aggregation',
      'aws_macic_evasion.yml': 'count() aggregation with group-by',
      'aws_ses_messaging_enabled.yml': 'timeframe (legacy correlation window)',
      'aws_cloudtrail_console_login_success_from_susp_locations.yml': 'expand modifier (placeholders need a configuration kenro does not have)',
    });
  });

  const set = skip ? { rules: [], issues: [], files: 0 } : loadRules([join(dir, 'rules')], 'sigma');
  const byTitle = (t: string) => set.rules.find((r) => r.title === t) as DetectionRule;

  it('errorCode: null or Success (1 of selection_status_*)', () => {
    const r = byTitle('Potential Malicious Usage of CloudTrail System Manager');
    const send = { eventSource: 'ssm.amazonaws.com', eventName: 'SendCommand' };
    expect(r.match(ev(send))).toBe(true);
    expect(r.match(ev({ ...send, errorCode: 'Success' }))).toBe(true);
    expect(r.match(ev({ ...send, errorCode: 'AccessDenied' }))).toBe(false);
  });

  it('a filter given as a list of maps (IMDS credentials used outside AWS)', () => {
    const r = byTitle('Malicious Usage Of IMDS Credentials Outside Of AWS Infrastructure');
    const ui = { type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/aws:ec2-instance/i-0abc' };
    expect(r.match(ev({ userIdentity: ui }))).toBe(true);
    expect(r.match(ev({ userIdentity: ui, sourceIPAddress: 'AWS Internal' }))).toBe(false);
    expect(r.match(ev({ userIdentity: ui, eventSource: 'ssm.amazonaws.com' }))).toBe(false);
  });

  it('|fieldref (login profile changed for another user)', () => {
    const r = byTitle('AWS User Login Profile Was Modified');
    const e = (arn: string) => ev({ eventSource: 'iam.amazonaws.com', eventName: 'UpdateLoginProfile', userIdentity: { type: 'IAMUser', arn }, requestParameters: { userName: 'bob' } });
    expect(r.match(e('arn:aws:iam::1:user/alice'))).toBe(true);
    expect(r.match(e('bob'))).toBe(false);
  });

  it('a bare field path written without |fieldref is read as the reference it means, with a note', () => {
    const r = byTitle('AWS IAM Backdoor Users Keys');
    expect(r.warnings.join(' ')).toMatch(/field reference/);
    const e = (arn: string, user: string) =>
      ev({ eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', userIdentity: { type: 'IAMUser', arn }, responseElements: { accessKey: { userName: user } } });
    expect(r.match(e('arn:aws:iam::1:user/alice', 'mallory'))).toBe(true);
    expect(r.match(e('arn:aws:iam::1:user/alice', 'alice'))).toBe(false);
  });

  it('root credentials rule fires and its alert credits the author under the DRL', () => {
    const { alerts } = runEngine(set.rules, [ev({ userIdentity: ROOT, eventName: 'GetAccountSummary', eventSource: 'iam.amazonaws.com' })]);
    const a = alerts.find((x) => x.title === 'AWS Root Credentials');
    expect(a?.author).toBe('vitaliy0x1');
    expect(a?.license).toBe('DRL-1.1');
    expect(a?.origin).toBe('sigma');
  });
});
