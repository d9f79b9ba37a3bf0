/**
 * Unknown values vs verdicts: a PASS on a resource whose fields read by the checks include an
 * unresolved one becomes ERROR naming the expression and line; a FAIL about such a field too.
 * Also lists the unresolved values as the report's collection issues.
 */
import type { CollectionIssue } from '../../report/types.js';
import type { Builder } from '../../sources/cfn/builder.js';
import type { Check, Finding } from '../types.js';

function baseField(f: string): string {
  return f.replace(/\[.*$/, '');
}

/** Wraps a check so its findings respect unresolved fields and carry the resource's origin. */
export function adjusted(check: Check, b: Builder): Check {
  return {
    meta: check.meta,
    run(account, ctx) {
      // Reads accumulate over the checks of a world: a check may use an analysis another check
      // built (and cached), so what any check read counts (over-approximation: never a false PASS).
      return check.run(account, ctx).map((f) => adjust(f, b));
    },
  };
}

function adjust(f: Finding, b: Builder): Finding {
  const entry = b.unresolvedByResource.get(f.resourceId) ?? (f.resourceArn ? b.unresolvedByResource.get(f.resourceArn) : undefined);
  if (!entry) return f;
  const built = b.built.get(entry.logicalId);
  if (!f.origin && built) f = { ...f, origin: built.res.origin };
  if (entry.fields.size === 0) return f;
  // Only the unresolved fields this check read on this resource matter.
  const read = built ? b.reads.get(built.model as object) : undefined;
  const unknowns = [...entry.fields.entries()].filter(([k]) => !read || read.has(baseField(k)));
  if (unknowns.length === 0) return f;
  if (f.status === 'PASS') {
    const [field] = unknowns[0]!;
    return {
      ...f,
      status: 'ERROR',
      field,
      reason: `cannot be determined from the template: ${unknowns.map(([k, x]) => `${k} = ${x.describe()}`).join('; ')} (it would pass otherwise: ${f.reason})`,
      evidence: { unresolved: Object.fromEntries(unknowns.map(([k, x]) => [k, x.describe()])), wouldBe: f.reason },
    };
  }
  if (f.status === 'FAIL' && f.field) {
    const u = entry.fields.get(f.field) ?? entry.fields.get(baseField(f.field));
    if (u) return { ...f, status: 'ERROR', reason: `cannot be determined from the template: ${f.field} = ${u.describe()} (it fails if: ${f.reason})` };
  }
  return f;
}


export function unresolvedIssues(b: Builder): CollectionIssue[] {
  const out: CollectionIssue[] = [];
  const seen = new Set<string>();
  for (const res of b.all) {
    for (const [field, u] of res.unresolved) {
      if (field.startsWith('cis:')) continue;
      const key = `${res.logicalId}\u0000${field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        account: b.pseudo.accountId,
        region: b.region,
        what: `${res.r.template.file}: ${res.logicalId} (${res.tr.type}) ${field}`,
        status: 'unresolved',
        code: 'Unresolved',
        message: u.describe(),
      });
    }
  }
  return out;
}

