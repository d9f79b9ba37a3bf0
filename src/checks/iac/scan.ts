/**
 * Runs kenro's checks on templates: the inventory checks whose resource type the template
 * contains (account-level checks are not run: a template does not describe the account), plus
 * the static IAC_CHECKS, in every world of the template's undecidable conditions. Then:
 * - a PASS on a resource with a model field the template leaves unresolved becomes ERROR naming
 *   the expression and line, and so does a FAIL about such a field (never a silent PASS);
 * - worlds merge: FAIL if any world fails, else ERROR if any errs, else PASS;
 * - template suppressions mute results.
 */
import type { CheckResult, ControlMap } from '../../model/result.js';
import type { CollectionIssue } from '../../report/types.js';
import { templateToInventory, type InventoryOptions, type World } from '../../sources/cfn/to-inventory.js';
import type { Template } from '../../sources/cfn/template.js';
import { runChecks } from '../engine.js';
import type { Check, CheckMeta } from '../types.js';
import { IAC_CHECKS, type IacCheck } from './index.js';
import { applicableChecks, presentTypes } from './select.js';
import { readSuppressions } from './suppress.js';
import { adjusted, unresolvedIssues } from './unresolved.js';
import { mergeWorlds } from './worlds.js';

export { ACCOUNT_CONTEXT_CHECKS, NEEDS_TYPE, applicableChecks, presentTypes } from './select.js';

export interface IacScanOptions extends InventoryOptions {
  /** Inventory checks to consider (usually ALL_CHECKS). */
  checks: readonly Check[];
  iacChecks?: readonly IacCheck[];
  controls?: Map<string, ControlMap>;
}

export interface TemplateScan {
  template: Template;
  results: CheckResult[];
  /** Problems with suppression metadata. */
  warnings: string[];
  /** Metadata of every check that ran. */
  checks: CheckMeta[];
  /** Resource id or ARN (as results name them) -> logical id. */
  logicalIds: Map<string, string>;
  /** Values the template leaves unresolved (first world), for the report's collection issues. */
  issues: CollectionIssue[];
}

function asCheck(c: IacCheck, template: Template, world: World): Check {
  return { meta: c.meta, run: () => c.runTemplate({ template, world }) };
}

export function scanTemplate(template: Template, opts: IacScanOptions): TemplateScan {
  const ti = templateToInventory(template, opts);
  const iac = opts.iacChecks ?? IAC_CHECKS;
  const perWorld: CheckResult[][] = [];
  const ran = new Map<string, CheckMeta>();
  const logicalOf = new Map<string, string>();
  for (const world of ti.worlds) {
    const b = world.builder;
    const types = presentTypes(b);
    const selected = applicableChecks(opts.checks, types).map((c) => adjusted(c, b));
    const all = [...selected, ...iac.map((c) => asCheck(c, ti.template, world))];
    for (const c of all) ran.set(c.meta.id, c.meta);
    const runOpts: { now?: Date; controls?: Map<string, ControlMap> } = {};
    if (opts.now) runOpts.now = opts.now;
    if (opts.controls) runOpts.controls = opts.controls;
    // Only verdicts about the template's resources: account-level results (a template does not
    // describe the account) and results about anything else are dropped; a crashed check stays.
    const iacIds = new Set(iac.map((c) => c.meta.id));
    const about = (r: CheckResult) => iacIds.has(r.checkId) || b.unresolvedByResource.has(r.resourceId) || (r.resourceArn !== undefined && b.unresolvedByResource.has(r.resourceArn));
    perWorld.push(runChecks(world.inventory, all, runOpts).filter((r) => about(r) || (r.status === 'ERROR' && /^check \S+ failed/.test(r.reason))));
    for (const [id, e] of b.unresolvedByResource) logicalOf.set(id, e.logicalId);
    for (const r of b.all) logicalOf.set(r.logicalId, r.logicalId);
  }
  let results = mergeWorlds(perWorld, ti.worlds.map((w) => w.label));
  const sup = readSuppressions(ti.template, [...ran.values(), ...opts.checks.map((c) => c.meta)]);
  if (sup.byResource.size > 0) {
    results = results.map((r) => {
      const logicalId = logicalOf.get(r.resourceId) ?? (r.resourceArn ? logicalOf.get(r.resourceArn) : undefined);
      const s = logicalId ? sup.byResource.get(logicalId)?.find((x) => x.checkId === r.checkId) : undefined;
      if (!s || r.status === 'PASS' || r.status === 'MUTED') return r;
      return { ...r, status: 'MUTED', muted: { reason: s.reason, suppressionId: `template:${logicalId}`, expires: '', originalStatus: r.status } };
    });
  }
  const logicalIds = new Map<string, string>();
  for (const [id, l] of logicalOf) logicalIds.set(id, l);
  return { template: ti.template, results, warnings: [...template.warnings, ...sup.warnings], checks: [...ran.values()], logicalIds, issues: unresolvedIssues(ti.worlds[0]!.builder) };
}

/** The logical id of a result (for conformance and suppressions): from its line in the template. */
export function logicalIdAt(t: Template, line: number): string | undefined {
  let found: { id: string; line: number } | undefined;
  for (const r of t.resources) if (r.pos.line <= line && (!found || r.pos.line > found.line)) found = { id: r.logicalId, line: r.pos.line };
  return found?.id;
}
