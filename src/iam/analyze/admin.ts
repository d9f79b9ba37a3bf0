/**
 * Administrator analysis: a policy that grants "*" on "*" (CIS "no full *:* administrative
 * privileges"), and principals whose effective permissions (identity policies within the
 * permissions boundary and SCPs) reach everything, found by evaluating probe requests.
 */
import { parsePolicy } from '../parse.js';
import { evaluate, type DecidingStatement, type PolicyRef } from '../evaluate.js';

/** True when an Allow statement grants Action "*" (or a NotAction that excludes nothing) on Resource "*" without conditions. */
export function policyGrantsFullAdmin(doc: unknown): { admin: boolean; statement?: number | string } {
  const p = parsePolicy(doc, 'identity');
  for (const st of p.compiled.statements) {
    if (st.effect !== 'Allow' || st.conditions.length > 0) continue;
    const allActions = st.actions ? st.actions.all || st.actions.raw.includes('*:*') : st.notActions ? st.notActions.raw.length === 0 : false;
    const allResources = st.resources ? st.resources.all : st.notResources ? st.notResources.raw.length === 0 : false;
    if (allActions && allResources) return { admin: true, statement: st.id };
  }
  return { admin: false };
}

/** Probe requests: if every one is allowed on "*", the principal is an effective administrator. */
export const ADMIN_PROBES = [
  'iam:CreateUser',
  'iam:AttachRolePolicy',
  'iam:PutUserPolicy',
  'iam:CreateAccessKey',
  'iam:PassRole',
  'sts:AssumeRole',
  'ec2:RunInstances',
  'ec2:AuthorizeSecurityGroupIngress',
  's3:DeleteBucket',
  's3:GetObject',
  'kms:Decrypt',
  'kms:ScheduleKeyDeletion',
  'lambda:CreateFunction',
  'cloudtrail:StopLogging',
  'organizations:LeaveOrganization',
  'secretsmanager:GetSecretValue',
  'dynamodb:DeleteTable',
  'rds:DeleteDBInstance',
];

const PROBE_PRINCIPAL = 'arn:aws:iam::000000000000:user/kenro-admin-probe';

export interface AdminResult {
  admin: boolean;
  /** The statements that granted the probes (policy name + statement). */
  grantedBy: DecidingStatement[];
  /** Probes that were not allowed. */
  denied: string[];
}

export function administratorAnalysis(policies: PolicyRef[], boundary?: PolicyRef, scps?: PolicyRef[][]): AdminResult {
  const grantedBy = new Map<string, DecidingStatement>();
  const denied: string[] = [];
  for (const action of ADMIN_PROBES) {
    const input = {
      identityPolicies: policies,
      request: { principal: PROBE_PRINCIPAL, action, resource: '*', context: { 'aws:MultiFactorAuthPresent': true, 'aws:SecureTransport': true } },
      explain: false as const,
      ...(boundary !== undefined ? { permissionsBoundary: boundary } : {}),
      ...(scps ? { scps } : {}),
    };
    const r = evaluate(input);
    if (r.decision !== 'Allow') denied.push(action);
    else if (r.decidedBy) grantedBy.set(`${r.decidedBy.policy}#${String(r.decidedBy.statement)}`, r.decidedBy);
  }
  return { admin: denied.length === 0, grantedBy: [...grantedBy.values()], denied };
}

export function isAdministrator(policies: unknown[], boundary?: unknown): boolean {
  return administratorAnalysis(policies, boundary).admin;
}
