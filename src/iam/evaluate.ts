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
  level?: number;
  applies: boolean;
  notApplicable?: string;
  deny?: CompiledStatement;
  allow?: CompiledStatement;
  allowKind?: PrincipalEntryKind | 'user-of-federated' | 'not-principal';
}

function toParsed(ref: PolicyRef, kind: PolicyKind, fallbackName: string): ParsedPolicy {
  if (ref && typeof ref === 'object') {
    const o = ref as Record<string, unknown>;
    if ('compiled' in o && 'errors' in o && 'kind' in o) return ref as ParsedPolicy;
    if ('document' in o && !('Statement' in o)) {
      return parsePolicy(o.document, kind, typeof o.name === 'string' ? o.name : fallbackName);
    }
  }
  return parsePolicy(ref, kind, fallbackName);
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
    let k = statementApplies(st, req, withPrincipal && !(e.kind === 'rcp' && !st.principals && !st.notPrincipals));
    if (k === false) continue;
    if (st.effect === 'Deny') {
      e.deny = st;
      return;
    }
    if (!e.allow || (RANK[k] ?? 0) > (RANK[e.allowKind ?? 'none'] ?? 0)) {
      e.allow = st;
      if (k !== 'none') e.allowKind = k;
      else k = 'none';
    }
  }
}

function resourceAccountOf(resource: string): string | undefined {
  if (!resource.startsWith('arn:')) return undefined;
  const acct = resource.split(':')[4];
  return acct && /^\d{12}$/.test(acct) ? acct : undefined;
}

const ASSUME_ACTIONS = new Set(['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);

export function evaluate(input: EvaluationInput): EvaluationResult {
  const r = input.request;
  if (!r || typeof r.action !== 'string') throw new Error('request.action is required');
  const principal = parseRequestPrincipal(r.principal);
  const action = r.action.toLowerCase();
  const service = action.split(':')[0] ?? '';
  const resource = r.resource ?? '*';
  const resourceAccount = r.resourceAccount ?? resourceAccountOf(resource) ?? principal.account;
  const org = input.organization;
  const ctx = fillContext(contextFromRecord(r.context), principal, resourceAccount, org, input.now);
  const explain = input.explain ?? true;
  const iam = isIamPrincipal(principal);
  const isSession = principal.kind === 'role-session' || principal.kind === 'federated-user';
  const req: Prepared = { action, service, resource, principal, ctx, hasBoundary: !!input.permissionsBoundary && iam && principal.kind !== 'root' };
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
  const rcpSkip =
    org?.managementAccountId && org.managementAccountId === resourceAccount
      ? 'RCPs do not apply to resources of the management account'
      : r.awsManagedKey
        ? 'RCPs do not apply to AWS managed KMS keys'
        : !rcpSupported(service)
          ? `RCPs do not support the service ${service}`
          : principal.isServiceLinkedRole
            ? 'RCPs do not apply to requests by service-linked roles'
            : undefined;
  (input.scps ?? []).forEach((level, li) =>
    level.forEach((p, pi) => entries.push(entry(toParsed(p, 'scp', `scp[${li}][${pi}]`), 'scp', scpSkip, li))),
  );
  (input.rcps ?? []).forEach((level, li) =>
    level.forEach((p, pi) => entries.push(entry(toParsed(p, 'rcp', `rcp[${li}][${pi}]`), 'rcp', rcpSkip, li))),
  );
  const trustMode = input.resourcePolicyKind === 'trust' || (input.resourcePolicyKind === undefined && ASSUME_ACTIONS.has(action) && (input.resourcePolicy !== undefined || resource.includes(':role/')));
  let rp: Entry | undefined;
  if (input.resourcePolicy !== undefined) {
    const kind: PolicyKind = trustMode ? 'trust' : 'resource';
    rp = entry(toParsed(input.resourcePolicy, kind, trustMode ? 'trust policy' : 'resource policy'), kind, undefined);
    entries.push(rp);
  }
  const idSkip = !iam ? `identity policies do not apply to a ${principal.kind} principal` : principal.kind === 'root' ? 'the root user has full access; identity policies do not restrict it' : undefined;
  const identity = (input.identityPolicies ?? []).map((p, i) => entry(toParsed(p, 'identity', `identity[${i}]`), 'identity', idSkip && principal.kind !== 'root' ? idSkip : undefined));
  entries.push(...identity);
  let boundary: Entry | undefined;
  if (input.permissionsBoundary !== undefined) {
    boundary = entry(toParsed(input.permissionsBoundary, 'boundary', 'permissions boundary'), 'boundary', !iam || principal.kind === 'root' ? 'permissions boundaries apply to IAM users and roles' : undefined);
    entries.push(boundary);
  }
  const sessionRefs = input.sessionPolicy === undefined ? [] : Array.isArray(input.sessionPolicy) ? input.sessionPolicy : [input.sessionPolicy];
  const sessions = sessionRefs.map((p, i) => entry(toParsed(p, 'session', sessionRefs.length > 1 ? `session policy[${i}]` : 'session policy'), 'session', isSession ? undefined : 'session policies apply only to role sessions and federated users'));
  entries.push(...sessions);

  for (const e of entries) if (e.applies) matchPolicy(e, req);

  const report = (): PolicyReport[] =>
    entries.map((e) => {
      const rep: PolicyReport = {
        policy: e.parsed.name,
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
      if (explain === 'full' && e.applies) {
        const wp = e.kind === 'resource' || e.kind === 'trust' || e.kind === 'rcp';
        rep.statements = e.parsed.compiled.statements.map((s) => {
          const why = whyNot(s, req, wp && !(e.kind === 'rcp' && !s.principals && !s.notPrincipals));
          return { statement: s.id, effect: s.effect, matched: why === 'matches', why };
        });
      }
      return rep;
    });
  const deciding = (e: Entry, st: CompiledStatement): DecidingStatement => {
    const d: DecidingStatement = { policy: e.parsed.name, kind: e.kind, statement: st.id, effect: st.effect };
    if (e.level !== undefined) d.level = e.level;
    return d;
  };
  const finish = (decision: Decision, reason: string, decidedBy?: DecidingStatement, allowedBy?: DecidingStatement[]): EvaluationResult => {
    const res: EvaluationResult = {
      decision,
      reason,
      policies: explain ? report() : [],
      request: { principal: principal.arn ?? principal.service ?? principal.provider ?? principal.canonicalId ?? 'anonymous', principalType: principal.kind, action: r.action, resource, crossAccount },
    };
    if (resourceAccount) res.request.resourceAccount = resourceAccount;
    if (decidedBy) res.decidedBy = decidedBy;
    if (allowedBy && allowedBy.length) res.allowedBy = allowedBy;
    if (explain) res.context = Object.fromEntries(ctx);
    return res;
  };

  // 1. explicit deny anywhere
  for (const e of entries) if (e.deny) return finish('ExplicitDeny', `explicit Deny in ${e.kind} policy "${e.parsed.name}" statement ${String(e.deny.id)}`, deciding(e, e.deny));

  // 2. RCPs: every level of the resource account's path must allow
  const levelCheck = (kind: 'scp' | 'rcp'): number | undefined => {
    const levels = kind === 'scp' ? input.scps : input.rcps;
    if (!levels) return undefined;
    for (let li = 0; li < levels.length; li++) {
      const atLevel = entries.filter((e) => e.kind === kind && e.level === li);
      if (atLevel.length === 0 || !atLevel[0]?.applies) {
        if (atLevel.length === 0 && !(kind === 'scp' ? scpSkip : rcpSkip)) return li;
        continue;
      }
      if (!atLevel.some((e) => e.allow)) return li;
    }
    return undefined;
  };
  const rcpFail = levelCheck('rcp');
  if (rcpFail !== undefined) return finish('ImplicitDeny', `no RCP at level ${rcpFail} of the resource account's path allows ${r.action} (every level must allow)`);
  // 3. SCPs: every level of the principal account's path must allow
  const scpFail = levelCheck('scp');
  if (scpFail !== undefined) return finish('ImplicitDeny', `no SCP at level ${scpFail} of the principal account's path allows ${r.action} (every level must allow, even when the denial is implicit)`);

  const allowOf = (list: Entry[]) => list.find((e) => e.applies && e.allow);
  const identityAllow = principal.kind === 'root' ? undefined : allowOf(identity);
  const identityOk = principal.kind === 'root' || !!identityAllow;
  const boundaryOk = !boundary || !boundary.applies || !!boundary.allow;
  const sessionAllow = allowOf(sessions);
  const sessionOk = !isSession || (sessions.length > 0 ? !!sessionAllow : principal.kind === 'role-session');
  const sessionWhy = sessions.length > 0 ? 'no session policy allows it' : 'a federated user (GetFederationToken) without a session policy has no permissions';
  const rpAllow = rp?.allow ? rp : undefined;
  const rpKind = rp?.allowKind ?? 'none';
  const okList = (...es: (Entry | undefined)[]) => es.filter((e): e is Entry => !!e?.allow).map((e) => deciding(e, e.allow as CompiledStatement));
  const scpRcpAllows = entries.filter((e) => (e.kind === 'scp' || e.kind === 'rcp') && e.allow && e.applies);
  const guard = scpRcpAllows.map((e) => deciding(e, e.allow as CompiledStatement));

  // Service principals, anonymous callers, federated web identities: only the resource policy can grant.
  if (!iam) {
    if (rpAllow) return finish('Allow', `the ${rp?.kind} policy allows the ${principal.kind} principal`, deciding(rpAllow, rpAllow.allow as CompiledStatement), guard);
    return finish('ImplicitDeny', `no resource-based policy statement allows the ${principal.kind} principal`);
  }

  const kmsKey = service === 'kms' && resource.includes(':key/');
  const requiresResourcePolicy = trustMode || kmsKey;
  const whatRp = trustMode ? 'role trust policy' : kmsKey ? 'KMS key policy' : 'resource-based policy';
  const principalSideReason = (): string | undefined => {
    if (!identityOk) return 'no identity-based policy allows it';
    if (!boundaryOk) return 'the permissions boundary does not allow it';
    if (!sessionOk) return sessionWhy;
    return undefined;
  };

  if (crossAccount) {
    if (!rpAllow) return finish('ImplicitDeny', input.resourcePolicy === undefined ? `cross-account request (principal ${principal.account}, resource ${resourceAccount}) and no resource-based policy is given` : `cross-account request: the ${whatRp} does not allow principal ${principal.arn}`);
    const why = principalSideReason();
    if (why) return finish('ImplicitDeny', `cross-account request: the ${whatRp} allows it, but on the principal's side ${why}`);
    const decided = principal.kind === 'root' ? deciding(rpAllow, rpAllow.allow as CompiledStatement) : deciding(identityAllow as Entry, (identityAllow as Entry).allow as CompiledStatement);
    return finish('Allow', `cross-account: both the ${whatRp} and the principal's identity side allow it`, decided, [...okList(rpAllow, identityAllow, boundary, sessionAllow), ...guard]);
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
        return finish('Allow', `the ${whatRp} names the principal (${rpKind === 'any' || rpKind === 'not-principal' ? 'Principal "*"' : rpKind + ' ARN'}): that Allow is final, whatever the identity policies${rpKind === 'user' ? ' and boundary' : ', boundary and session policy'} say`, d, guard);
      case 'role':
      case 'user-of-federated':
        if (boundaryOk && sessionOk) return finish('Allow', `the ${whatRp} names the ${rpKind === 'role' ? 'role' : 'IAM user who federated'}; the boundary and session policy do not limit it`, d, [...okList(boundary, sessionAllow), ...guard]);
        return finish('ImplicitDeny', `the ${whatRp} names the ${rpKind === 'role' ? 'role ARN' : 'IAM user who federated'}, but ${!boundaryOk ? 'the permissions boundary does not allow it' : sessionWhy}`);
      default: {
        // account principal: delegation to the account, identity side decides
        const why = principalSideReason();
        if (!why) return finish('Allow', `the ${whatRp} trusts the account and the principal's identity side allows it`, principal.kind === 'root' ? d : deciding(identityAllow as Entry, (identityAllow as Entry).allow as CompiledStatement), [...okList(rpAllow, identityAllow, boundary, sessionAllow), ...guard]);
        return finish('ImplicitDeny', `the ${whatRp} trusts the account, but ${why}`);
      }
    }
  }
  if (requiresResourcePolicy) {
    return finish('ImplicitDeny', `the ${whatRp} must explicitly allow the principal (or trust its account); ${input.resourcePolicy === undefined ? `no ${whatRp} was given` : `no statement of it matches`}`);
  }
  // 5-7. identity policies, permissions boundary, session policy
  if (principal.kind === 'root') return finish('Allow', 'the account root user has full access to its own account (not restricted by identity policies)', undefined, guard);
  const why = principalSideReason();
  if (why) return finish('ImplicitDeny', why === 'no identity-based policy allows it' ? 'no identity-based or resource-based policy allows it (default deny)' : why);
  return finish('Allow', 'an identity-based policy allows it' + (boundary ? ', the permissions boundary allows it' : '') + (isSession && sessions.length ? ', the session policy allows it' : ''), deciding(identityAllow as Entry, (identityAllow as Entry).allow as CompiledStatement), [...okList(boundary, sessionAllow), ...guard]);
}

function entry(parsed: ParsedPolicy, kind: PolicyKind, skip: string | undefined, level?: number): Entry {
  const e: Entry = { parsed, kind, applies: !skip };
  if (skip) e.notApplicable = skip;
  if (level !== undefined) e.level = level;
  return e;
}

/** Parse a request principal once (exported for the sweep). */
export { parseRequestPrincipal };
export type { CompiledPolicy };
