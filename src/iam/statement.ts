/**
 * One policy against one request: which statements apply (action, resource, principal,
 * conditions), the strongest Allow and the first Deny, and why a statement did not apply.
 */
import type { CompiledStatement, ParsedPolicy, PolicyKind, PrincipalEntryKind, RequestContext, RequestPrincipal } from './types.js';
import { matchActions } from './match/action.js';
import { matchResources } from './match/resource.js';
import { exemptByNotPrincipal, matchPrincipal } from './match/principal.js';

export interface Entry {
  parsed: ParsedPolicy;
  kind: PolicyKind;
  idx: number;
  many?: boolean;
  level?: number;
  applies: boolean;
  notApplicable?: string;
  deny?: CompiledStatement;
  allow?: CompiledStatement;
  allowKind?: PrincipalEntryKind | 'user-of-federated' | 'not-principal';
}

/** The name shown for a policy: its own name, else its place in the input (identity[0], scp[1][0]...). */
export function nameOf(e: Entry): string {
  if (e.parsed.name !== e.parsed.kind) return e.parsed.name;
  switch (e.kind) {
    case 'scp':
    case 'rcp':
      return `${e.kind}[${e.level ?? 0}][${e.idx}]`;
    case 'identity':
      return `identity[${e.idx}]`;
    case 'session':
      return e.idx > 0 || e.many ? `session policy[${e.idx}]` : 'session policy';
    case 'boundary':
      return 'permissions boundary';
    case 'trust':
      return 'trust policy';
    default:
      return 'resource policy';
  }
}

export interface Prepared {
  action: string;
  service: string;
  resource: string;
  principal: RequestPrincipal;
  ctx: RequestContext;
  hasBoundary: boolean;
}

export type PKind = PrincipalEntryKind | 'user-of-federated' | 'not-principal';

/** Does the statement apply? Returns false, or the principal kind that matched ('none' without principal). */
export function statementApplies(st: CompiledStatement, req: Prepared, withPrincipal: boolean): false | PKind | 'none' {
  if (st.actions ? !matchActions(st.actions, req.action) : st.notActions ? matchActions(st.notActions, req.action) : true) return false;
  if (st.resources ? !matchResources(st.resources, req.resource, req.ctx) : st.notResources ? matchResources(st.notResources, req.resource, req.ctx) : false) return false;
  let kind: PKind | 'none' = 'none';
  if (withPrincipal) {
    const pk = principalKind(st, req);
    if (!pk) return false;
    kind = pk;
  }
  for (const c of st.conditions) if (!c.test(req.ctx.get(c.keyLower), req.ctx)) return false;
  return kind;
}

function principalKind(st: CompiledStatement, req: Prepared): PKind | undefined {
  if (st.principals) return matchPrincipal(st.principals, req.principal);
  if (st.notPrincipals) {
    // AWS: a Deny with NotPrincipal always denies an IAM principal with a permissions boundary.
    if (st.effect === 'Deny' && req.hasBoundary) return 'not-principal';
    return exemptByNotPrincipal(st.notPrincipals, req.principal) ? undefined : 'not-principal';
  }
  return undefined;
}

export function whyNot(st: CompiledStatement, req: Prepared, withPrincipal: boolean): string {
  if (st.actions ? !matchActions(st.actions, req.action) : st.notActions ? matchActions(st.notActions, req.action) : true) return st.actions ? `Action does not match ${req.action}` : `NotAction lists ${req.action}`;
  if (st.resources ? !matchResources(st.resources, req.resource, req.ctx) : st.notResources ? matchResources(st.notResources, req.resource, req.ctx) : false)
    return st.resources ? `Resource does not match ${req.resource}` : `NotResource lists ${req.resource}`;
  if (withPrincipal && !principalKind(st, req)) return st.principals ? 'Principal does not name the caller' : st.notPrincipals ? 'NotPrincipal exempts the caller' : 'no Principal';
  for (const c of st.conditions) {
    const vals = req.ctx.get(c.keyLower);
    if (!c.test(vals, req.ctx)) return `Condition ${c.operator} ${c.key} is false (request ${vals ? JSON.stringify(vals) : 'has no such key'}; policy ${JSON.stringify(c.values)})`;
  }
  return 'matches';
}

const RANK: Record<string, number> = { any: 9, 'not-principal': 9, session: 8, 'federated-user': 8, user: 7, service: 7, federated: 7, canonical: 7, role: 5, 'user-of-federated': 4, account: 2, none: 1 };

export function matchPolicy(e: Entry, req: Prepared): void {
  const withPrincipal = e.kind === 'resource' || e.kind === 'trust' || e.kind === 'rcp';
  for (const st of e.parsed.compiled.statements) {
    const k = statementApplies(st, req, withPrincipal && !(e.kind === 'rcp' && !st.principals && !st.notPrincipals));
    if (k === false) continue;
    if (st.effect === 'Deny') {
      e.deny = st;
      return;
    }
    // keep the Allow whose principal match is strongest (it decides the same-account rules)
    if (!e.allow || (RANK[k] ?? 0) > (RANK[e.allowKind ?? 'none'] ?? 0)) {
      e.allow = st;
      if (k !== 'none') e.allowKind = k;
    }
  }
}

