import { describe, expect, it } from 'vitest';
import { checks as config } from '../../src/checks/config.js';
import type { Check, Finding } from '../../src/checks/types.js';
import type { AccountInventory, ConfigRecorder } from '../../src/model/inventory.js';
import { account, denied, failed, inventory, NOW, ok } from '../helpers/inventory.js';

function run(check: Check, acct: AccountInventory): Finding[] {
  return check.run(acct, { now: NOW, inventory: inventory([acct]) });
}
const byRegion = (fs: Finding[]) => Object.fromEntries(fs.map((f) => [f.region, f.status]));

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
