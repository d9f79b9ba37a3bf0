import { describe, expect, it } from 'vitest';
import { checks as guardduty } from '../../src/checks/guardduty.js';
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
