import type { Inventory } from '../model/inventory.js';
import { withEveryRegion } from '../model/missing-region.js';
import type { CheckResult, ControlMap } from '../model/result.js';
import type { Check, CheckContext, Finding } from './types.js';

export interface RunOptions {
  /** The scan clock (defaults to now). */
  now?: Date;
  /** check id -> controls; results carry the map of their check. */
  controls?: Map<string, ControlMap>;
}

/**
 * Runs every check over every account in one pass. A check that throws does not stop the run: it
 * yields one ERROR result naming the exception, so a bug can never pass silently.
 */
export function runChecks(inventory: Inventory, checks: readonly Check[], opts: RunOptions = {}): CheckResult[] {
  const ctx: CheckContext = { now: opts.now ?? new Date(), inventory };
  const results: CheckResult[] = [];
  for (const listed of inventory.accounts) {
    const account = withEveryRegion(listed);
    for (const check of checks) {
      const controls = opts.controls?.get(check.meta.id) ?? {};
      let findings: Finding[];
      try {
        findings = check.run(account, ctx);
      } catch (err) {
        findings = [
          {
            status: 'ERROR',
            region: 'global',
            resourceId: account.accountId,
            resourceType: 'AWS::::Account',
            reason: `check ${check.meta.id} failed: ${err instanceof Error ? err.message : String(err)}`,
          },
        ];
      }
      for (const f of findings) results.push(toResult(check, account.accountId, f, controls));
    }
  }
  return results;
}

function toResult(check: Check, accountId: string, f: Finding, controls: ControlMap): CheckResult {
  const result: CheckResult = {
    checkId: check.meta.id,
    status: f.status,
    severity: check.meta.severity,
    account: accountId,
    region: f.region,
    resourceType: f.resourceType ?? check.meta.resourceType,
    resourceId: f.resourceId,
    reason: f.reason,
    controls,
  };
  if (f.resourceArn !== undefined) result.resourceArn = f.resourceArn;
  if (f.evidence !== undefined) result.evidence = f.evidence;
  if (f.origin) {
    const at = (f.field && f.origin.fields?.[f.field]) || f.origin;
    result.file = f.origin.file;
    result.line = at.line;
    result.column = at.column;
  }
  return result;
}
