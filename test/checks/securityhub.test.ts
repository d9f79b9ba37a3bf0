import { describe, expect, it } from 'vitest';
import { checks as securityhub } from '../../src/checks/securityhub.js';
import type { Check, Finding } from '../../src/checks/types.js';
import type { AccountInventory, ConfigRecorder } from '../../src/model/inventory.js';
import { account, denied, failed, inventory, NOW, ok } from '../helpers/inventory.js';

function run(check: Check, acct: AccountInventory): Finding[] {
  return check.run(acct, { now: NOW, inventory: inventory([acct]) });
}
const byRegion = (fs: Finding[]) => Object.fromEntries(fs.map((f) => [f.region, f.status]));

describe('securityhub_enabled', () => {
  it('PASS with a hub, FAIL without, ERROR unreadable (opt-in region not available)', () => {
    const acct = account({ regions: ['us-east-1', 'eu-west-1', 'me-south-1'] }, {
      'us-east-1': { securityhub: { hub: ok({ arn: 'arn:aws:securityhub:us-east-1:111122223333:hub/default' }) } },
      'me-south-1': { securityhub: { hub: failed('not_available', 'OptInRequired') } },
    });
    expect(byRegion(run(securityhub[0]!, acct))).toEqual({ 'us-east-1': 'PASS', 'eu-west-1': 'FAIL', 'me-south-1': 'ERROR' });
  });
});
