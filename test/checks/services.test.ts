import { describe, expect, it } from 'vitest';
import { checks as guardduty } from '../../src/checks/guardduty.js';
import { checks as securityhub } from '../../src/checks/securityhub.js';
import { checks as accessanalyzer } from '../../src/checks/accessanalyzer.js';
import { checks as config } from '../../src/checks/config.js';
import type { Check, Finding } from '../../src/checks/types.js';
import type { AccountInventory, ConfigRecorder } from '../../src/model/inventory.js';
import { account, denied, failed, inventory, NOW, ok } from '../helpers/inventory.js';

function run(check: Check, acct: AccountInventory): Finding[] {
  return check.run(acct, { now: NOW, inventory: inventory([acct]) });
}
const byRegion = (fs: Finding[]) => Object.fromEntries(fs.map((f) => [f.region, f.status]));

describe('guardduty_enabled_all_regions', () => {
  const check = guardduty[0]!;
  it('one finding per region: PASS enabled, FAIL disabled or missing, ERROR unreadable', () => {
    const acct = account({ regions: ['us-east-1', 'eu-west-1', 'ap-south-1'] }, {
      'us-east-1': { guardduty: { detectors: ok([{ id: 'd1', status: 'ENABLED' }]) } },
      'eu-west-1': { guardduty: { detectors: ok([{ id: 'd2', status: 'DISABLED' }]) } },
      'ap-south-1': { guardduty: { detectors: denied('guardduty:ListDetectors') } },
    });
    expect(byRegion(run(check, acct))).toEqual({ 'us-east-1': 'PASS', 'eu-west-1': 'FAIL', 'ap-south-1': 'ERROR' });
    expect(statusesOf(run(check, account()))).toEqual(['FAIL', 'FAIL']);
  });
});

function statusesOf(fs: Finding[]) {
  return fs.map((f) => f.status);
}

describe('securityhub_enabled', () => {
  it('PASS with a hub, FAIL without, ERROR unreadable (opt-in region not available)', () => {
    const acct = account({ regions: ['us-east-1', 'eu-west-1', 'me-south-1'] }, {
      'us-east-1': { securityhub: { hub: ok({ arn: 'arn:aws:securityhub:us-east-1:111122223333:hub/default' }) } },
      'me-south-1': { securityhub: { hub: failed('not_available', 'OptInRequired') } },
    });
    expect(byRegion(run(securityhub[0]!, acct))).toEqual({ 'us-east-1': 'PASS', 'eu-west-1': 'FAIL', 'me-south-1': 'ERROR' });
  });
});

describe('accessanalyzer_enabled_all_regions', () => {
  it('an ACTIVE external-access analyzer passes; an unused-access analyzer does not', () => {
    const acct = account({}, {
      'us-east-1': { accessanalyzer: { analyzers: ok([{ arn: 'a', name: 'org', type: 'ORGANIZATION', status: 'ACTIVE' }]) } },
      'eu-west-1': { accessanalyzer: { analyzers: ok([{ arn: 'b', name: 'unused', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE' }]) } },
    });
    expect(byRegion(run(accessanalyzer[0]!, acct))).toEqual({ 'us-east-1': 'PASS', 'eu-west-1': 'FAIL' });
    const bad = account({}, { 'eu-west-1': { accessanalyzer: { analyzers: denied('access-analyzer:ListAnalyzers') } } });
    expect(byRegion(run(accessanalyzer[0]!, bad))['eu-west-1']).toBe('ERROR');
  });
});

describe('config_recorder_enabled_all_regions', () => {
  const check = config[0]!;
  const rec = (o: Partial<ConfigRecorder> = {}): ConfigRecorder => ({ name: 'default', allSupported: true, includeGlobalResourceTypes: false, status: ok({ recording: true }), ...o });
  const region = (r: ConfigRecorder[], channels = 1) => ({ config: { recorders: ok(r), deliveryChannels: ok(Array.from({ length: channels }, () => ({ name: 'default' }))), rules: ok([]) } });

  it('PASS in every region with global resources recorded once', () => {
    const acct = account({}, { 'us-east-1': region([rec({ includeGlobalResourceTypes: true })]), 'eu-west-1': region([rec()]) });
    expect(run(check, acct).map((f) => [f.region, f.status])).toEqual([['us-east-1', 'PASS'], ['eu-west-1', 'PASS'], ['global', 'PASS']]);
  });

  it('FAIL: not recording, no delivery channel, partial recording, only a service-linked recorder, no global types', () => {
    const acct = account({ regions: ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-south-1'] }, {
      'us-east-1': region([rec({ status: ok({ recording: false }) })]),
      'eu-west-1': region([rec()], 0),
      'eu-central-1': region([rec({ allSupported: false, recordingStrategy: 'INCLUSION_BY_RESOURCE_TYPES' })]),
      'ap-south-1': region([rec({ servicePrincipal: 'config-conforms.amazonaws.com' })]),
    });
    expect(run(check, acct).map((f) => f.status)).toEqual(['FAIL', 'FAIL', 'FAIL', 'FAIL', 'FAIL']);
  });

  it('ERROR: recorders or their status unreadable', () => {
    const acct = account({}, {
      'us-east-1': { config: { recorders: denied('config:DescribeConfigurationRecorders'), deliveryChannels: ok([]), rules: ok([]) } },
      'eu-west-1': region([rec({ status: denied('config:DescribeConfigurationRecorderStatus') })]),
    });
    const fs = run(check, acct);
    expect(fs.map((f) => f.status)).toEqual(['ERROR', 'ERROR', 'ERROR']);
    expect(fs[0]!.reason).toMatch(/config:DescribeConfigurationRecorders/);
  });
});
