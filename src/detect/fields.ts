import type { CloudTrailEvent } from './types.js';

export type FieldGetter = (event: CloudTrailEvent) => unknown;

/**
 * Compile a dotted CloudTrail path (`userIdentity.sessionContext.sessionIssuer.arn`) into a getter.
 * Arrays met on the way are flattened: `a.b` over `a: [{b: 1}, {b: 2}]` gives `[1, 2]`.
 * A key that itself contains dots (rare) is found when the whole remaining path is a key.
 * Virtual fields computed by kenro: `kenro.principal` (see principalOf).
 */
export function compileGetter(path: string): FieldGetter {
  if (path === 'kenro.principal') return principalOf;
  const parts = path.split('.');
  if (parts.length === 1) {
    const k = path;
    return (e) => e[k];
  }
  if (parts.length === 2) {
    const [a, b] = parts as [string, string];
    return (e) => {
      const v = e[a];
      if (v === null || v === undefined) return e[path];
      if (typeof v === 'object' && !Array.isArray(v)) return (v as Record<string, unknown>)[b];
      return walk(v, parts, 1);
    };
  }
  return (e) => {
    const r = walk(e, parts, 0);
    return r === undefined ? e[path] : r;
  };
}

function walk(v: unknown, parts: string[], i: number): unknown {
  for (; i < parts.length; i++) {
    if (v === null || v === undefined) return undefined;
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const el of v) {
        const r = walk(el, parts, i);
        if (r === undefined || r === null) continue;
        if (Array.isArray(r)) out.push(...r);
        else out.push(r);
      }
      return out.length ? out : undefined;
    }
    if (typeof v !== 'object') return undefined;
    const o = v as Record<string, unknown>;
    const k = parts[i] as string;
    if (k in o) {
      v = o[k];
      continue;
    }
    // dotted key such as "x-amz.y": try the joined remainder
    const rest = parts.slice(i).join('.');
    return o[rest];
  }
  return v;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * The acting principal, normalised so that one identity keeps one name across sessions:
 * an IAM user's or root's ARN, an assumed role's *role* ARN (session name dropped), a service name,
 * or the principalId. Used for alerts and as the virtual field `kenro.principal`.
 */
let lastEvent: CloudTrailEvent | undefined;
let lastPrincipal: string | undefined;

export function principalOf(e: CloudTrailEvent): string | undefined {
  // Several rules ask for the principal of the same event in a row: remember the last answer.
  if (e === lastEvent) return lastPrincipal;
  lastEvent = e;
  lastPrincipal = computePrincipal(e);
  return lastPrincipal;
}

function computePrincipal(e: CloudTrailEvent): string | undefined {
  const ui = e.userIdentity as Record<string, unknown> | undefined;
  if (!ui || typeof ui !== 'object') return undefined;
  const type = ui.type;
  if (type === 'AssumedRole') {
    const sc = ui.sessionContext as Record<string, unknown> | undefined;
    const issuer = sc?.sessionIssuer as Record<string, unknown> | undefined;
    const ia = str(issuer?.arn);
    if (ia) return ia;
    const arn = str(ui.arn);
    if (arn) return arn.replace(/^(arn:[^:]+:)sts(::\d*:)assumed-role\/([^/]+)\/.*$/, '$1iam$2role/$3');
  }
  if (type === 'AWSService') return str(ui.invokedBy) ?? 'AWSService';
  return str(ui.arn) ?? str(ui.principalId) ?? str(ui.userName) ?? (typeof type === 'string' ? type : undefined);
}
