/**
 * Suppressions written in templates, per resource:
 * - kenro: `Metadata: { kenro: { suppress: [{ check: <check id>, reason: <text> }] } }`
 * - cfn_nag: `Metadata: { cfn_nag: { rules_to_suppress: [{ id: F3, reason: ... }] } }`, through
 *   CFN_NAG_MAP (only rules that mean the same thing as a kenro check).
 * - cfn-guard: `Metadata: { guard: { SuppressedRules: [RULE_NAME] } }`. Guard registry rules are
 *   named after AWS Config managed rules, so a suppressed rule maps to the kenro checks whose
 *   `configRule` is that name, plus GUARD_EXTRA.
 * A suppression without a reason is not applied (and reported).
 */
import type { CheckMeta } from '../types.js';
import type { Template } from '../../sources/cfn/template.js';
import { child, toPlain } from '../../sources/cfn/yaml.js';

/** cfn_nag rule id -> kenro check ids (docs/iac.md lists them). */
export const CFN_NAG_MAP: Readonly<Record<string, string[]>> = {
  F1: ['ec2_ebs_volume_encrypted'], // EBS volume should have server-side encryption enabled
  F3: ['iac_iam_inline_wildcard'], // IAM role should not allow * action on its permissions policy
  F4: ['iac_iam_inline_wildcard'], // IAM policy should not allow * action
  F5: ['iac_iam_inline_wildcard'], // IAM managed policy should not allow * action
  W33: ['ec2_subnet_no_auto_public_ip'], // EC2 Subnet should not have MapPublicIpOnLaunch set to true
  W35: ['s3_bucket_access_logging'], // S3 Bucket should have access logging configured
  W60: ['ec2_vpc_flow_logs_enabled'], // VPC should have a flow log attached
};

/** Guard rules without a kenro check of the same Config rule name. */
export const GUARD_EXTRA: Readonly<Record<string, string[]>> = {
  IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS: ['iac_iam_inline_wildcard'],
  IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS: ['iac_iam_inline_wildcard'],
};

export interface Suppression {
  checkId: string;
  reason: string;
  source: 'kenro' | 'cfn_nag' | 'guard';
}

export interface SuppressionIndex {
  /** logical id -> suppressions */
  byResource: Map<string, Suppression[]>;
  /** Problems found in suppression metadata (file:line: message). */
  warnings: string[];
}

export function readSuppressions(t: Template, checks: readonly CheckMeta[]): SuppressionIndex {
  const byResource = new Map<string, Suppression[]>();
  const warnings: string[] = [];
  for (const r of t.resources) {
    if (!r.metadata) continue;
    const list: Suppression[] = [];
    const at = `${t.file}:${r.metadata.pos.line}`;
    const kenro = toPlain(child(child(r.metadata, 'kenro') ?? { kind: 'scalar', value: null, pos: r.pos }, 'suppress') ?? { kind: 'scalar', value: null, pos: r.pos });
    for (const s of Array.isArray(kenro) ? kenro : []) {
      const o = (s ?? {}) as Record<string, unknown>;
      const id = typeof o.check === 'string' ? o.check : undefined;
      const reason = typeof o.reason === 'string' ? o.reason.trim() : '';
      if (!id) warnings.push(`${at}: ${r.logicalId}: a kenro suppression has no 'check'`);
      else if (!reason) warnings.push(`${at}: ${r.logicalId}: the suppression of ${id} has no reason, so it is not applied`);
      else list.push({ checkId: id, reason, source: 'kenro' });
    }
    const nag = toPlain(child(child(r.metadata, 'cfn_nag') ?? { kind: 'scalar', value: null, pos: r.pos }, 'rules_to_suppress') ?? { kind: 'scalar', value: null, pos: r.pos });
    for (const s of Array.isArray(nag) ? nag : []) {
      const o = (s ?? {}) as Record<string, unknown>;
      const id = String(o.id ?? '');
      const reason = typeof o.reason === 'string' && o.reason.trim() ? o.reason.trim() : '';
      for (const checkId of CFN_NAG_MAP[id] ?? []) {
        if (reason) list.push({ checkId, reason: `cfn_nag ${id}: ${reason}`, source: 'cfn_nag' });
        else warnings.push(`${at}: ${r.logicalId}: cfn_nag suppression of ${id} has no reason, so it is not applied`);
      }
    }
    const guard = toPlain(child(child(r.metadata, 'guard') ?? { kind: 'scalar', value: null, pos: r.pos }, 'SuppressedRules') ?? { kind: 'scalar', value: null, pos: r.pos });
    for (const g of Array.isArray(guard) ? guard : []) {
      const name = String(g);
      const ids = new Set([...checks.filter((c) => c.configRule === name).map((c) => c.id), ...(GUARD_EXTRA[name] ?? [])]);
      // Guard's SuppressedRules has no reason field: the rule name is the recorded reason.
      for (const checkId of ids) list.push({ checkId, reason: `suppressed for cfn-guard rule ${name}`, source: 'guard' });
    }
    if (list.length) byResource.set(r.logicalId, list);
  }
  return { byResource, warnings };
}
