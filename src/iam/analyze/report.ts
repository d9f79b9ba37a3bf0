/**
 * `kenro iam analyze`: the four analyses over an account model.
 *   1. exposure of resource policies (public / cross-account),
 *   2. effective administrators and the policy that makes them so,
 *   3. privilege-escalation paths, step by step,
 *   4. least-privilege lint of the customer policies (inline and customer managed).
 * Also `simulateInAccount`: one request evaluated with the principal's real policies.
 */
import type { AccountModel, NamedPolicy, PrincipalModel } from './account.js';
import { trustedServices } from './account.js';
import { resourcePolicyExposure, type StatementExposure } from './exposure.js';
import { administratorAnalysis } from './admin.js';
import { findEscalationPaths, type EscalationPath, type RoleCandidate } from './escalation.js';
import { lintPolicy, type LintFinding } from './lint.js';
import { evaluate, type DecidingStatement, type EvaluationInput, type EvaluationResult } from '../evaluate.js';
import type { ContextValue } from '../context.js';

export interface ExposureFinding {
  resource: string;
  kind: string;
  service: string;
  public: boolean;
  crossAccount: string[];
  publicStatements: { index: number | string; reason: string }[];
  statements: StatementExposure[];
}

export interface AdminFinding {
  principal: string;
  kind: 'user' | 'role';
  grantedBy: DecidingStatement[];
  /** Probe actions the organization's SCPs still deny (guardrails). */
  deniedBySCP: string[];
}

export interface EscalationFinding {
  principal: string;
  kind: 'user' | 'role';
  paths: EscalationPath[];
}

export interface LintReport {
  policy: string;
  attachedTo: string[];
  findings: LintFinding[];
}

export interface IamAnalysis {
  accountId: string;
  exposure: ExposureFinding[];
  administrators: AdminFinding[];
  escalation: EscalationFinding[];
  lint: LintReport[];
  gaps: string[];
}

const named = (p: NamedPolicy) => ({ name: p.arn ?? p.name, document: p.document });

/** Administrator of the account: identity policies within the boundary reach everything (SCP guardrails reported apart). */
function isAdmin(p: PrincipalModel) {
  return administratorAnalysis(p.identityPolicies.map(named), p.boundary ? named(p.boundary) : undefined);
}

export function analyzeAccount(m: AccountModel, opts: { trustedAccounts?: string[] } = {}): IamAnalysis {
  const out: IamAnalysis = { accountId: m.accountId, exposure: [], administrators: [], escalation: [], lint: [], gaps: m.gaps };
  // 1. exposure
  for (const r of m.resources) {
    const e = resourcePolicyExposure(r.policy, { resourceArn: r.arn, resourceAccount: m.accountId, service: r.service, ...(m.organization?.id ? { orgId: m.organization.id } : {}), ...(opts.trustedAccounts ? { trustedAccounts: opts.trustedAccounts } : {}) });
    if (e.public || e.crossAccount.length) out.exposure.push({ resource: r.arn, kind: r.kind, service: r.service, public: e.public, crossAccount: e.crossAccount, publicStatements: e.publicStatements, statements: e.statements.filter((s) => s.access === 'public' || s.access === 'cross-account') });
  }
  // 2. administrators
  const adminSet = new Set<string>();
  const evaluated = m.principals.filter((p) => !p.serviceLinked);
  for (const p of evaluated) {
    const a = isAdmin(p);
    if (a.admin) {
      adminSet.add(p.arn);
      const withScp = m.scps ? administratorAnalysis(p.identityPolicies.map(named), p.boundary ? named(p.boundary) : undefined, m.scps.map((l) => l.map(named))).denied : [];
      out.administrators.push({ principal: p.arn, kind: p.kind, grantedBy: a.grantedBy, deniedBySCP: withScp });
    }
  }
  // 3. escalation (for principals that are not administrators already)
  const roles: RoleCandidate[] = m.principals
    .filter((p) => p.kind === 'role' && !p.serviceLinked)
    .map((r) => ({
      arn: r.arn,
      trustedServices: trustedServices(r.trustPolicy),
      admin: adminSet.has(r.arn),
      assumableBy: (caller: string) => !!r.trustPolicy && evaluate({ resourcePolicy: r.trustPolicy, resourcePolicyKind: 'trust', request: { principal: caller, action: 'sts:AssumeRole', resource: r.arn }, explain: false }).decision === 'Allow',
    }));
  const groups = m.groups.map((g) => ({ arn: g.arn, admin: administratorAnalysis(g.policies.map(named)).admin }));
  for (const p of evaluated) {
    if (adminSet.has(p.arn)) continue;
    const paths = findEscalationPaths(
      {
        arn: p.arn,
        identityPolicies: p.identityPolicies.map(named),
        ...(p.boundary ? { permissionsBoundary: named(p.boundary) } : {}),
        ...(m.scps ? { scps: m.scps.map((l) => l.map(named)) } : {}),
        groups: p.groups,
        attachedPolicyArns: p.attachedPolicyArns,
      },
      { users: m.principals.filter((x) => x.kind === 'user').map((x) => x.arn), roles: roles.filter((r) => r.admin || r.trustedServices.length > 0), groups, compute: m.compute, adminRoles: [...adminSet].filter((a) => a.includes(':role/')) },
    );
    // keep paths that gain something: to an administrator role/group or generic self-escalation
    if (paths.length) out.escalation.push({ principal: p.arn, kind: p.kind, paths });
  }
  // 4. lint of customer policies
  const seen = new Map<unknown, LintReport>();
  const lintOne = (pol: NamedPolicy, owner: string) => {
    if (pol.awsManaged) return;
    let rep = seen.get(pol.document);
    if (!rep) {
      rep = { policy: pol.arn ?? pol.name, attachedTo: [], findings: lintPolicy(pol.document, 'identity', pol.name) };
      seen.set(pol.document, rep);
      out.lint.push(rep);
    }
    if (!rep.attachedTo.includes(owner)) rep.attachedTo.push(owner);
  };
  for (const p of m.principals) for (const pol of p.identityPolicies) lintOne(pol, p.arn);
  for (const g of m.groups) for (const pol of g.policies) lintOne(pol, g.arn);
  for (const r of m.resources) {
    if (r.service === 'iam') continue;
    const findings = lintPolicy(r.policy, 'resource', r.arn).filter((f) => f.severity !== 'suggestion' || f.code.startsWith('REDUNDANT'));
    if (findings.length) out.lint.push({ policy: `${r.kind} ${r.arn}`, attachedTo: [r.arn], findings });
  }
  out.lint = out.lint.filter((l) => l.findings.length > 0);
  return out;
}

export interface AccountRequest {
  principal: string;
  action: string;
  resource: string;
  context?: Record<string, ContextValue>;
  explain?: boolean | 'full';
}

/** Evaluate one request with the principal's real policies, groups, boundary, SCPs and the resource's policy. */
export function simulateInAccount(models: AccountModel[], req: AccountRequest): EvaluationResult & { principalFound: boolean; resourcePolicyFound: boolean } {
  const sessionRole = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(req.principal);
  let principal: PrincipalModel | undefined;
  let model: AccountModel | undefined;
  for (const m of models) {
    principal = m.principals.find((p) => p.arn === req.principal || (sessionRole && p.kind === 'role' && p.name === sessionRole[3] && m.accountId === sessionRole[2]));
    if (principal) {
      model = m;
      break;
    }
  }
  const resourceAccount = /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(req.resource)?.[1];
  let resModel = models.find((m) => m.accountId === resourceAccount) ?? model;
  let rp: { arn: string; service: string; policy: unknown } | undefined;
  for (const m of models) {
    const found = m.resources.find((r) => r.arn === req.resource || (r.service === 's3' && req.resource.startsWith(`${r.arn}/`)));
    if (found) {
      rp = found;
      resModel = m;
      break;
    }
  }
  const input: EvaluationInput = {
    identityPolicies: principal?.identityPolicies.map((p) => ({ name: p.name, document: p.document })) ?? [],
    request: {
      principal: principal && principal.kind === 'role' && !sessionRole ? { arn: principal.arn, roleArn: principal.arn, ...(principal.tags ? { tags: principal.tags } : {}) } : sessionRole && principal ? { arn: req.principal, roleArn: principal.arn, userId: principal.userId, ...(principal.tags ? { tags: principal.tags } : {}) } : { arn: req.principal, ...(principal?.userId ? { userId: principal.userId } : {}), ...(principal?.tags ? { tags: principal.tags } : {}) },
      action: req.action,
      resource: req.resource,
      ...(resModel ? { resourceAccount: resModel.accountId } : {}),
      ...(req.context ? { context: req.context } : {}),
    },
    explain: req.explain ?? true,
  };
  if (principal?.boundary) input.permissionsBoundary = { name: principal.boundary.name, document: principal.boundary.document };
  if (model?.scps) input.scps = model.scps.map((l) => l.map((p) => ({ name: p.name, document: p.document })));
  if (resModel?.rcps) input.rcps = resModel.rcps.map((l) => l.map((p) => ({ name: p.name, document: p.document })));
  const org = model?.organization ?? resModel?.organization;
  if (org) input.organization = org;
  if (rp) {
    input.resourcePolicy = { name: `${rp.arn} policy`, document: rp.policy };
    if (rp.service === 'iam') input.resourcePolicyKind = 'trust';
  }
  return { ...evaluate(input), principalFound: !!principal, resourcePolicyFound: !!rp };
}

export interface WhoCanEntry {
  principal: string;
  kind: 'user' | 'role';
  decision: EvaluationResult['decision'];
  decidedBy?: DecidingStatement;
  reason: string;
}

/** "Who can do this action on this resource?" over every user and role of the account models. */
export function whoCan(models: AccountModel[], action: string, resource: string, context?: Record<string, ContextValue>): WhoCanEntry[] {
  const out: WhoCanEntry[] = [];
  for (const m of models) {
    for (const p of m.principals) {
      if (p.serviceLinked) continue;
      const r = simulateInAccount(models, { principal: p.arn, action, resource, explain: false, ...(context ? { context } : {}) });
      const e: WhoCanEntry = { principal: p.arn, kind: p.kind, decision: r.decision, reason: r.reason };
      if (r.decidedBy) e.decidedBy = r.decidedBy;
      out.push(e);
    }
  }
  return out;
}
