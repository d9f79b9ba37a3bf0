import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataDir, sharedDataMissing } from '../helpers/shared.js';
import { loadBuiltinRules } from '../../src/detect/loader.js';
import type { DetectionRule } from '../../src/detect/sigma/rule.js';
import { ev } from './helpers.js';

const skip = sharedDataMissing('cis-aws-monitoring');

interface Control {
  id: string;
  title: string;
  filterPattern: string;
}

/** kenro rule per CIS monitoring control (position 1..15 in every benchmark version). */
const RULE_FOR: Record<number, string> = {
  1: 'kenro.cis.unauthorized_api_calls',
  2: 'kenro.console_login_without_mfa',
  3: 'kenro.root_account_use',
  4: 'kenro.cis.iam_policy_changes',
  5: 'kenro.cis.cloudtrail_config_changes',
  6: 'kenro.console_login_failure',
  7: 'kenro.kms_key_disabled_or_deleted',
  8: 'kenro.cis.s3_bucket_policy_changes',
  9: 'kenro.cis.config_changes',
  10: 'kenro.cis.security_group_changes',
  11: 'kenro.cis.nacl_changes',
  12: 'kenro.cis.network_gateway_changes',
  13: 'kenro.cis.route_table_changes',
  14: 'kenro.cis.vpc_changes',
  15: 'kenro.cis.organizations_changes',
};

describe.skipIf(skip)('CIS AWS Foundations monitoring controls (every benchmark version)', () => {
  const data = skip ? { versions: {} } : (JSON.parse(readFileSync(join(sharedDataDir('cis-aws-monitoring') ?? '', 'cis_monitoring_metric_filters.json'), 'utf8')) as { versions: Record<string, Control[]> });
  const rules = loadBuiltinRules().rules;
  const rule = (n: number) => rules.find((r) => r.ruleId === RULE_FOR[n]) as DetectionRule;

  it('every control of every version has a kenro rule that names it', () => {
    for (const [version, controls] of Object.entries(data.versions)) {
      expect(controls, version).toHaveLength(15);
      controls.forEach((c, i) => {
        const r = rule(i + 1);
        expect(r, `${version} ${c.id}`).toBeDefined();
        const ids = ((r.extra.cis as { ids: Record<string, string> }).ids ?? {}) as Record<string, string>;
        expect(ids[version], `${r.ruleId} in CIS ${version}`).toBe(c.id);
      });
    }
  });

  it('each eventName of each metric-filter pattern fires the kenro rule (with the pattern eventSource)', () => {
    let checked = 0;
    for (const [version, controls] of Object.entries(data.versions)) {
      controls.forEach((c, i) => {
        const names = [...c.filterPattern.matchAll(/\$\.eventName\s*=\s*"?([A-Za-z]+)"?/g)].map((m) => m[1] as string);
        if (!names.length || i + 1 === 2 || i + 1 === 6) return; // 5.2/5.6 are behaviour, tested in rules.test.ts
        const source = /\$\.eventSource\s*=\s*"?([a-z0-9.-]+)"?/.exec(c.filterPattern)?.[1];
        const r = rule(i + 1);
        for (const n of names) {
          checked++;
          const e = ev({ eventName: n, eventSource: source ?? ({ 4: 'iam.amazonaws.com', 5: 'cloudtrail.amazonaws.com' } as Record<number, string>)[i + 1] ?? 'ec2.amazonaws.com', readOnly: false });
          expect(r.match(e), `${version} ${c.id} ${n}`).toBe(true);
        }
        // and nothing beyond the newest pattern's names
        if (version === '7.0') expect([...(r.eventNames ?? [])].sort(), c.id).toEqual([...new Set(names.map((x) => x.toLowerCase()))].sort());
      });
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('the pattern semantics of 5.1 (unauthorized), 5.3 (root) and 5.7 (KMS source) hold', () => {
    expect(rule(1).match(ev({ errorCode: 'Client.UnauthorizedOperation' }))).toBe(true);
    expect(rule(1).match(ev({ errorCode: 'AccessDenied', eventName: 'HeadBucket' }))).toBe(false);
    expect(rule(3).match(ev({ userIdentity: { type: 'Root', invokedBy: 'support.amazonaws.com' } }))).toBe(false);
    expect(rule(7).match(ev({ eventSource: 'ec2.amazonaws.com', eventName: 'DisableKey' }))).toBe(false);
  });
});
