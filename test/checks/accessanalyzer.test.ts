import { describe, expect, it } from 'vitest';
import { checks as accessanalyzer } from '../../src/checks/accessanalyzer.js';
import type { Check, Finding } from '../../src/checks/types.js';
import type { AccountInventory, ConfigRecorder } from '../../src/model/inventory.js';
import { account, denied, failed, inventory, NOW, ok } from '../helpers/inventory.js';

function run(check: Check, acct: AccountInventory): Finding[] {
  return check.run(acct, { now: NOW, inventory: inventory([acct]) });
}
const byRegion = (fs: Finding[]) => Object.fromEntries(fs.map((f) => [f.region, f.status]));

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
