/**
 * evaluate: AWS's policy evaluation logic (IAM User Guide, "Policy evaluation logic",
 * "Determining whether a request is allowed or denied within an account", "Cross-account policy
 * evaluation logic", Organizations "SCP evaluation" and "RCP evaluation").
 *
 *   1. an applicable Deny in any policy (SCP, RCP, resource, identity, boundary, session) -> ExplicitDeny
 *   2. RCPs of the resource's account path: every level must allow (when RCPs apply)
 *   3. SCPs of the principal's account path: every level must allow (when SCPs apply)
 *   4. resource-based policy, same account: an Allow can be final depending on the principal named
 *   5. identity policies, 6. permissions boundary, 7. session policy
 *   cross-account: the resource policy must allow AND the principal's side must allow.
 */
import type { CompiledPolicy, CompiledStatement, ParsedPolicy, PolicyKind, PrincipalEntryKind, RequestContext, RequestPrincipal } from './types.js';
import { parsePolicy } from './parse.js';
import { matchActions } from './match/action.js';
import { matchResources } from './match/resource.js';
import { exemptByNotPrincipal, isIamPrincipal, matchPrincipal, parseRequestPrincipal, type PrincipalSpec } from './match/principal.js';
import { contextFromRecord, fillContext, type ContextValue, type OrganizationInfo } from './context.js';
import { rcpSupported } from './iamData.js';

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** A policy: a document (object or JSON string), a ParsedPolicy, or {name, document}. */
export type PolicyRef = unknown;

export interface RequestInput {
  principal: string | PrincipalSpec;
  action: string;
  /** Resource ARN; "*" (the default) for actions without resource-level permissions. */
  resource?: string;
  /** The account that owns the resource (needed for S3 bucket ARNs, which carry none). */
  resourceAccount?: string;
  context?: Record<string, ContextValue>;
  /** The resource is an AWS managed KMS key (RCPs do not apply). */
  awsManagedKey?: boolean;
}

export interface EvaluationInput {
  identityPolicies?: PolicyRef[];
  resourcePolicy?: PolicyRef;
  /** 'trust' when the resource policy is a role trust policy (default: inferred from sts:AssumeRole*). */
  resourcePolicyKind?: 'resource' | 'trust';
  permissionsBoundary?: PolicyRef;
  /** Session policies passed at AssumeRole* / GetFederationToken (inline and managed). */
  sessionPolicy?: PolicyRef | PolicyRef[];
  /** SCPs per level of the principal account's path: [root, OU..., account]. */
  scps?: PolicyRef[][];
  /** RCPs per level of the resource account's path. */
  rcps?: PolicyRef[][];
  organization?: OrganizationInfo;
  request: RequestInput;
  /** false: only the decision and the deciding statement; 'full': a reason for every statement. */
  explain?: boolean | 'full';
  /** Fixed time for aws:CurrentTime / aws:EpochTime. */
  now?: Date;
}

export interface StatementReport {
  statement: number | string;
  effect: string;
  matched: boolean;
  why: string;
}

export interface PolicyReport {
  policy: string;
  kind: PolicyKind;
  level?: number;
  outcome: 'ExplicitDeny' | 'Allow' | 'NoMatch' | 'NotApplicable';
  statement?: number | string;
  why: string;
  statements?: StatementReport[];
}

export interface DecidingStatement {
  policy: string;
  kind: PolicyKind;
  level?: number;
  statement: number | string;
  effect: 'Allow' | 'Deny';
}

export interface EvaluationResult {
  decision: Decision;
  /** The statement that decided (the Deny, or the Allow that granted); absent for most implicit denies. */
  decidedBy?: DecidingStatement;
  reason: string;
  /** The other statements that also allow (identity side, resource side...). */
  allowedBy?: DecidingStatement[];
  policies: PolicyReport[];
  request: { principal: string; principalType: string; action: string; resource: string; resourceAccount?: string; crossAccount: boolean };
  context?: Record<string, string[]>;
}

interface Entry {
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

function toParsed(ref: PolicyRef, kind: PolicyKind): ParsedPolicy {
  if (ref && typeof ref === 'object') {
    const o = ref as Record<string, unknown>;
    if ('compiled' in o && 'errors' in o && 'kind' in o) return ref as ParsedPolicy;
    if ('document' in o && !('Statement' in o)) {
      return parsePolicy(o.document, kind, typeof o.name === 'string' ? o.name : undefined);
    }
  }
  return parsePolicy(ref, kind);
}

/** The name shown for a policy: its own name, else its place in the input (identity[0], scp[1][0]...). */
function nameOf(e: Entry): string {
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

interface Prepared {
  action: string;
  service: string;
  resource: string;
  principal: RequestPrincipal;
  ctx: RequestContext;
  hasBoundary: boolean;
}

type PKind = PrincipalEntryKind | 'user-of-federated' | 'not-principal';

/** Does the statement apply? Returns false, or the principal kind that matched ('none' without principal). */
function statementApplies(st: CompiledStatement, req: Prepared, withPrincipal: boolean): false | PKind | 'none' {
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

function whyNot(st: CompiledStatement, req: Prepared, withPrincipal: boolean): string {
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

function matchPolicy(e: Entry, req: Prepared): void {
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

function resourceAccountOf(resource: string): string | undefined {
  if (!resource.startsWith('arn:')) return undefined;
  const acct = resource.split(':')[4];
  return acct && /^\d{12}$/.test(acct) ? acct : undefined;
}

const ASSUME_ACTIONS = new Set(['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);

interface State {
  input: EvaluationInput;
  principal: RequestPrincipal;
  resource: string;
  resourceAccount: string | undefined;
  ctx: RequestContext;
  explain: boolean | 'full';
  crossAccount: boolean;
  entries: Entry[];
  req: Prepared;
  scpSkip: string | undefined;
  rcpSkip: string | undefined;
}

function report(S: State): PolicyReport[] {
  const out: PolicyReport[] = [];
  for (const e of S.entries) {
    const rep: PolicyReport = {
      policy: nameOf(e),
      kind: e.kind,
      outcome: !e.applies ? 'NotApplicable' : e.deny ? 'ExplicitDeny' : e.allow ? 'Allow' : 'NoMatch',
      why: !e.applies
        ? (e.notApplicable ?? 'not applicable')
        : e.deny
          ? `Deny statement ${String(e.deny.id)} matches`
          : e.allow
            ? `Allow statement ${String(e.allow.id)} matches${e.allowKind ? ` (principal matched as ${e.allowKind})` : ''}`
            : 'no statement matches the request',
    };
    if (e.level !== undefined) rep.level = e.level;
    const st = e.deny ?? e.allow;
    if (st) rep.statement = st.id;
    if (S.explain === 'full' && e.applies) {
      const wp = e.kind === 'resource' || e.kind === 'trust' || e.kind === 'rcp';
      rep.statements = e.parsed.compiled.statements.map((s) => {
        const why = whyNot(s, S.req, wp && !(e.kind === 'rcp' && !s.principals && !s.notPrincipals));
        return { statement: s.id, effect: s.effect, matched: why === 'matches', why };
      });
    }
    out.push(rep);
  }
  return out;
}

function deciding(e: Entry, st: CompiledStatement): DecidingStatement {
  const d: DecidingStatement = { policy: nameOf(e), kind: e.kind, statement: st.id, effect: st.effect };
  if (e.level !== undefined) d.level = e.level;
  return d;
}

function allowedList(S: State, list: (Entry | undefined)[]): DecidingStatement[] | undefined {
  if (!S.explain) return undefined;
  const out: DecidingStatement[] = [];
  for (const e of list) if (e?.allow) out.push(deciding(e, e.allow));
  for (const e of S.entries) if ((e.kind === 'scp' || e.kind === 'rcp') && e.applies && e.allow) out.push(deciding(e, e.allow));
  return out;
}

function finish(S: State, decision: Decision, reason: string, decidedBy?: DecidingStatement, allowedBy?: DecidingStatement[]): EvaluationResult {
  const p = S.principal;
  const res: EvaluationResult = {
    decision,
    reason,
    policies: S.explain ? report(S) : [],
    request: { principal: p.arn ?? p.service ?? p.provider ?? p.canonicalId ?? 'anonymous', principalType: p.kind, action: S.input.request.action, resource: S.resource, crossAccount: S.crossAccount },
  };
  if (S.resourceAccount) res.request.resourceAccount = S.resourceAccount;
  if (decidedBy) res.decidedBy = decidedBy;
  if (allowedBy && allowedBy.length) res.allowedBy = allowedBy;
  if (S.explain) res.context = Object.fromEntries(S.ctx);
  return res;
}

/** The first level of the path without an applicable Allow, or undefined. */
function levelCheck(S: State, kind: 'scp' | 'rcp'): number | undefined {
  const levels = kind === 'scp' ? S.input.scps : S.input.rcps;
  if (!levels || (kind === 'scp' ? S.scpSkip : S.rcpSkip)) return undefined;
  let mask = 0;
  for (const e of S.entries) if (e.kind === kind && e.allow && e.level !== undefined && e.level < 31) mask |= 1 << e.level;
  for (let li = 0; li < levels.length; li++) if (!(mask & (1 << li))) return li;
  return undefined;
}

function firstAllow(list: Entry[]): Entry | undefined {
  for (const e of list) if (e.applies && e.allow) return e;
  return undefined;
}

const principalCache = new Map<string, RequestPrincipal>();
const principalObjCache = new WeakMap<object, RequestPrincipal>();
function cachedPrincipal(p: string | PrincipalSpec): RequestPrincipal {
  if (typeof p === 'string') {
    let v = principalCache.get(p);
    if (!v) {
      v = parseRequestPrincipal(p);
      if (principalCache.size > 50_000) principalCache.clear();
      principalCache.set(p, v);
    }
    return v;
  }
  let v = principalObjCache.get(p);
  if (!v) {
    v = parseRequestPrincipal(p);
    principalObjCache.set(p, v);
  }
  return v;
}

const NA_SESSION = 'session policies apply only to role sessions and federated users';
const NA_BOUNDARY = 'permissions boundaries apply to IAM users and roles';

export function evaluate(input: EvaluationInput): EvaluationResult {
  const r = input.request;
  if (!r || typeof r.action !== 'string') throw new Error('request.action is required');
  const principal = cachedPrincipal(r.principal);
  const action = r.action.toLowerCase();
  const colon = action.indexOf(':');
  const service = colon > 0 ? action.slice(0, colon) : action;
  const resource = r.resource ?? '*';
  const resourceAccount = r.resourceAccount ?? resourceAccountOf(resource) ?? principal.account;
  const org = input.organization;
  const ctx = fillContext(contextFromRecord(r.context), principal, resourceAccount, org, input.now);
  const explain = input.explain ?? true;
  const iam = isIamPrincipal(principal);
  const isSession = principal.kind === 'role-session' || principal.kind === 'federated-user';
  const req: Prepared = { action, service, resource, principal, ctx, hasBoundary: input.permissionsBoundary !== undefined && iam && principal.kind !== 'root' };
  const crossAccount = iam && !!resourceAccount && resourceAccount !== principal.account;

  // ---- collect the policies and whether each applies to this request
  const entries: Entry[] = [];
  const scpSkip = !iam
    ? 'SCPs apply only to IAM principals (users, roles, root) of member accounts'
    : principal.isServiceLinkedRole
      ? 'SCPs do not apply to service-linked roles'
      : org?.managementAccountId && org.managementAccountId === principal.account
        ? 'SCPs do not apply to principals of the management account'
        : undefined;
  const rcpSkip = !input.rcps
    ? undefined
    : org?.managementAccountId && org.managementAccountId === resourceAccount
      ? 'RCPs do not apply to resources of the management account'
      : r.awsManagedKey
        ? 'RCPs do not apply to AWS managed KMS keys'
        : !rcpSupported(service)
          ? `RCPs do not support the service ${service}`
          : principal.isServiceLinkedRole
            ? 'RCPs do not apply to requests by service-linked roles'
            : undefined;
  const scps = input.scps;
  if (scps) for (let li = 0; li < scps.length; li++) {
    const level = scps[li] ?? [];
    for (let pi = 0; pi < level.length; pi++) entries.push(entry(toParsed(level[pi], 'scp'), 'scp', scpSkip, pi, li));
  }
  const rcps = input.rcps;
  if (rcps) for (let li = 0; li < rcps.length; li++) {
    const level = rcps[li] ?? [];
    for (let pi = 0; pi < level.length; pi++) entries.push(entry(toParsed(level[pi], 'rcp'), 'rcp', rcpSkip, pi, li));
  }
  const trustMode = input.resourcePolicyKind === 'trust' || (input.resourcePolicyKind === undefined && ASSUME_ACTIONS.has(action) && (input.resourcePolicy !== undefined || resource.includes(':role/')));
  let rp: Entry | undefined;
  if (input.resourcePolicy !== undefined) {
    const kind: PolicyKind = trustMode ? 'trust' : 'resource';
    rp = entry(toParsed(input.resourcePolicy, kind), kind, undefined, 0);
    entries.push(rp);
  }
  const idSkip = !iam ? `identity policies do not apply to a ${principal.kind} principal` : undefined;
  const identity: Entry[] = [];
  const ids = input.identityPolicies;
  if (ids) for (let i = 0; i < ids.length; i++) identity.push(entry(toParsed(ids[i], 'identity'), 'identity', idSkip, i));
  for (const e of identity) entries.push(e);
  let boundary: Entry | undefined;
  if (input.permissionsBoundary !== undefined) {
    boundary = entry(toParsed(input.permissionsBoundary, 'boundary'), 'boundary', !iam || principal.kind === 'root' ? NA_BOUNDARY : undefined, 0);
    entries.push(boundary);
  }
  const sessions: Entry[] = [];
  const sp = input.sessionPolicy;
  if (sp !== undefined) {
    const refs = Array.isArray(sp) ? sp : [sp];
    for (let i = 0; i < refs.length; i++) {
      const e = entry(toParsed(refs[i], 'session'), 'session', isSession ? undefined : NA_SESSION, i);
      if (refs.length > 1) e.many = true;
      sessions.push(e);
    }
    for (const e of sessions) entries.push(e);
  }

  for (const e of entries) if (e.applies) matchPolicy(e, req);
  const S: State = { input, principal, resource, resourceAccount, ctx, explain, crossAccount, entries, req, scpSkip, rcpSkip };

  // 1. explicit deny anywhere
  for (const e of entries) if (e.deny) return finish(S, 'ExplicitDeny', `explicit Deny in ${e.kind} policy "${nameOf(e)}" statement ${String(e.deny.id)}`, deciding(e, e.deny));

  // 2. RCPs: every level of the resource account's path must allow
  const rcpFail = levelCheck(S, 'rcp');
  if (rcpFail !== undefined) return finish(S, 'ImplicitDeny', `no RCP at level ${rcpFail} of the resource account's path allows ${r.action} (every level must allow)`);
  // 3. SCPs: every level of the principal account's path must allow
  const scpFail = levelCheck(S, 'scp');
  if (scpFail !== undefined) return finish(S, 'ImplicitDeny', `no SCP at level ${scpFail} of the principal account's path allows ${r.action} (every level must allow, even when the denial is implicit)`);

  const identityAllow = principal.kind === 'root' ? undefined : firstAllow(identity);
  const identityOk = principal.kind === 'root' || !!identityAllow;
  const boundaryOk = !boundary || !boundary.applies || !!boundary.allow;
  const sessionAllow = firstAllow(sessions);
  const sessionOk = !isSession || (sessions.length > 0 ? !!sessionAllow : principal.kind === 'role-session');
  const sessionWhy = sessions.length > 0 ? 'no session policy allows it' : 'a federated user (GetFederationToken) without a session policy has no permissions';
  const rpAllow = rp?.allow ? rp : undefined;
  const rpKind = rp?.allowKind ?? 'none';

  // Service principals, anonymous callers, federated web identities: only the resource policy can grant.
  if (!iam) {
    if (rpAllow) return finish(S, 'Allow', `the ${rpAllow.kind} policy allows the ${principal.kind} principal`, deciding(rpAllow, rpAllow.allow as CompiledStatement), allowedList(S, []));
    return finish(S, 'ImplicitDeny', `no resource-based policy statement allows the ${principal.kind} principal`);
  }

  const kmsKey = service === 'kms' && resource.includes(':key/');
  const requiresResourcePolicy = trustMode || kmsKey;
  const whatRp = trustMode ? 'role trust policy' : kmsKey ? 'KMS key policy' : 'resource-based policy';
  const why = !identityOk ? 'no identity-based policy allows it' : !boundaryOk ? 'the permissions boundary does not allow it' : !sessionOk ? sessionWhy : undefined;

  if (crossAccount) {
    if (!rpAllow) return finish(S, 'ImplicitDeny', input.resourcePolicy === undefined ? `cross-account request (principal ${principal.account}, resource ${resourceAccount}) and no resource-based policy is given` : `cross-account request: the ${whatRp} does not allow principal ${principal.arn}`);
    if (why) return finish(S, 'ImplicitDeny', `cross-account request: the ${whatRp} allows it, but on the principal's side ${why}`);
    const decided = identityAllow ? deciding(identityAllow, identityAllow.allow as CompiledStatement) : deciding(rpAllow, rpAllow.allow as CompiledStatement);
    return finish(S, 'Allow', `cross-account: both the ${whatRp} and the principal's identity side allow it`, decided, allowedList(S, [rpAllow, identityAllow, boundary, sessionAllow]));
  }

  // 4. same account: resource-based policy
  if (rpAllow) {
    const d = deciding(rpAllow, rpAllow.allow as CompiledStatement);
    switch (rpKind) {
      case 'any':
      case 'not-principal':
      case 'session':
      case 'federated-user':
      case 'user':
        return finish(S, 'Allow', `the ${whatRp} names the principal (${rpKind === 'any' || rpKind === 'not-principal' ? 'Principal "*"' : rpKind + ' ARN'}): that Allow is final, whatever the identity policies${rpKind === 'user' ? ' and boundary' : ', boundary and session policy'} say`, d, allowedList(S, []));
      case 'role':
      case 'user-of-federated':
        if (boundaryOk && sessionOk) return finish(S, 'Allow', `the ${whatRp} names the ${rpKind === 'role' ? 'role' : 'IAM user who federated'}; the boundary and session policy do not limit it`, d, allowedList(S, [boundary, sessionAllow]));
        return finish(S, 'ImplicitDeny', `the ${whatRp} names the ${rpKind === 'role' ? 'role ARN' : 'IAM user who federated'}, but ${!boundaryOk ? 'the permissions boundary does not allow it' : sessionWhy}`);
      default:
        // account principal: delegation to the account, identity side decides
        if (!why) return finish(S, 'Allow', `the ${whatRp} trusts the account and the principal's identity side allows it`, identityAllow ? deciding(identityAllow, identityAllow.allow as CompiledStatement) : d, allowedList(S, [rpAllow, identityAllow, boundary, sessionAllow]));
        return finish(S, 'ImplicitDeny', `the ${whatRp} trusts the account, but ${why}`);
    }
  }
  if (requiresResourcePolicy) {
    return finish(S, 'ImplicitDeny', `the ${whatRp} must explicitly allow the principal (or trust its account); ${input.resourcePolicy === undefined ? `no ${whatRp} was given` : `no statement of it matches`}`);
  }
  // 5-7. identity policies, permissions boundary, session policy
  if (principal.kind === 'root') return finish(S, 'Allow', 'the account root user has full access to its own account (not restricted by identity policies)', undefined, allowedList(S, []));
  if (why) return finish(S, 'ImplicitDeny', why === 'no identity-based policy allows it' ? 'no identity-based or resource-based policy allows it (default deny)' : why);
  return finish(S, 'Allow', 'an identity-based policy allows it' + (boundary ? ', the permissions boundary allows it' : '') + (isSession && sessions.length ? ', the session policy allows it' : ''), deciding(identityAllow as Entry, (identityAllow as Entry).allow as CompiledStatement), allowedList(S, [boundary, sessionAllow]));
}

function entry(parsed: ParsedPolicy, kind: PolicyKind, skip: string | undefined, idx: number, level?: number): Entry {
  const e: Entry = { parsed, kind, idx, applies: !skip };
  if (skip) e.notApplicable = skip;
  if (level !== undefined) e.level = level;
  return e;
}

/** Parse a request principal once (exported for the sweep). */
export { parseRequestPrincipal };
export type { CompiledPolicy };
