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
import type { CompiledPolicy, CompiledStatement, ParsedPolicy, PolicyKind, RequestContext, RequestPrincipal } from './types.js';
import { parsePolicy } from './parse.js';
import { isIamPrincipal, parseRequestPrincipal, type PrincipalSpec } from './match/principal.js';
import { matchPolicy, nameOf, type Entry, type Prepared } from './statement.js';
import { deciding, report, type DecidingStatement, type PolicyReport } from './explain.js';
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

/** A policy reference (parsed policy, `{name, document}`, or a raw document) as a parsed policy. */
export function toParsed(ref: PolicyRef, kind: PolicyKind): ParsedPolicy {
  if (ref && typeof ref === 'object') {
    const o = ref as Record<string, unknown>;
    if ('compiled' in o && 'errors' in o && 'kind' in o) return ref as ParsedPolicy;
    if ('document' in o && !('Statement' in o)) {
      return parsePolicy(o.document, kind, typeof o.name === 'string' ? o.name : undefined);
    }
  }
  return parsePolicy(ref, kind);
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
    policies: S.explain ? report(S.entries, S.req, S.explain === 'full') : [],
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
  const ctx = fillContext(contextFromRecord(r.context), principal, resourceAccount, org, input.now, {
    principalInOrg: input.scps !== undefined || (!input.rcps && !org?.accounts),
    resourceInOrg: input.rcps !== undefined,
  });
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
export type { DecidingStatement, PolicyReport, StatementReport } from './explain.js';
