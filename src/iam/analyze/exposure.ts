/**
 * Public and cross-account exposure of a resource-based policy (S3, KMS, SNS, SQS, Lambda, ECR,
 * Secrets Manager, ...) or a role trust policy. A statement that allows "*" is public unless a
 * condition really restricts who can use it: positive operators (not IfExists, not ForAllValues,
 * not negated) on keys that pin the caller's account, organization, ARN, network or source
 * (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount, aws:SourceArn,
 * aws:SourceOwner, aws:SourceVpce, aws:SourceVpc, aws:SourceIp with a fixed range, kms:CallerAccount,
 * aws:userid, ...), with values that are not wildcards. Conditions such as aws:SecureTransport,
 * aws:UserAgent, aws:Referer, aws:CurrentTime or aws:RequestedRegion do not restrict who the
 * caller is. A Deny on "*" whose negated condition pins the organization or account restricts
 * every Allow in the policy.
 */
import type { CompiledStatement, ConditionCheck, PolicyIssue } from '../types.js';
import { parsePolicy } from '../parse.js';
import { parseCidr } from '../conditions/ip.js';

export interface ExposureOptions {
  resourceArn: string;
  resourceAccount: string;
  service: string;
  orgId?: string;
  trustedAccounts?: string[];
}

export interface StatementExposure {
  index: number | string;
  access: 'public' | 'cross-account' | 'organization' | 'same-account' | 'service' | 'federated';
  principals: string[];
  accounts: string[];
  restrictedBy: string[];
  notRestricting: string[];
  reason: string;
}

export interface ResourceExposure {
  public: boolean;
  /** External account ids (and `org:o-...` for other organizations, or principals). */
  crossAccount: string[];
  publicStatements: { index: number | string; reason: string }[];
  statements: StatementExposure[];
  errors: PolicyIssue[];
  warnings: PolicyIssue[];
}

type KeyClass = 'account' | 'org' | 'arn' | 'network' | 'ip' | 'id' | 'federated';
const RESTRICTING: Record<string, KeyClass> = {
  'aws:principalorgid': 'org',
  'aws:principalorgpaths': 'org',
  'aws:principalaccount': 'account',
  'aws:principalarn': 'arn',
  'aws:sourceaccount': 'account',
  'aws:sourceowner': 'account',
  'aws:sourceorgid': 'org',
  'aws:sourceorgpaths': 'org',
  'aws:sourcearn': 'arn',
  'aws:sourcevpce': 'network',
  'aws:sourcevpc': 'network',
  'aws:sourcevpcarn': 'network',
  'aws:sourceip': 'ip',
  'aws:vpcsourceip': 'ip',
  'aws:userid': 'id',
  'aws:username': 'id',
  'kms:calleraccount': 'account',
  's3:dataaccesspointaccount': 'account',
  's3:dataaccesspointarn': 'arn',
  'lambda:eventsourcetoken': 'id',
  'sns:endpoint': 'id',
  'cognito-identity.amazonaws.com:aud': 'federated',
};

const POSITIVE_OK = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike', 'IpAddress']);

function isWildcardOnly(v: string): boolean {
  return /^[*?]*$/.test(v);
}

function accountOfArnPattern(v: string): string | undefined {
  const seg = v.split(':');
  if (seg[2] === 's3' && seg[4] === '' && seg[5] && !seg[5].startsWith('*')) return 's3-bucket';
  const a = seg[4];
  return a && /^\d{12}$/.test(a) ? a : undefined;
}

/** Does this condition really restrict the caller? Returns the accounts it pins (may be empty) or undefined. */
function restriction(c: ConditionCheck, federatedProviders: string[]): { cls: KeyClass; accounts: string[]; orgs: string[] } | undefined {
  let cls = RESTRICTING[c.keyLower];
  if (!cls) {
    const fed = federatedProviders.find((p) => c.keyLower === `${p}:sub` || c.keyLower === `${p}:aud` || c.keyLower === `${p}:oaud` || c.keyLower === `${p}:amr`);
    if (fed && !c.keyLower.endsWith(':amr')) cls = 'federated';
    if (c.keyLower.endsWith(':aud') && c.keyLower.includes('token.actions.githubusercontent.com')) return undefined; // aud=sts.amazonaws.com is the same for everyone
  }
  if (!cls) return undefined;
  if (!POSITIVE_OK.has(c.base) || c.ifExists || c.qualifier === 'all') return undefined;
  if (c.values.length === 0 || c.values.some(isWildcardOnly)) return undefined;
  const accounts: string[] = [];
  const orgs: string[] = [];
  switch (cls) {
    case 'account':
      if (c.values.some((v) => /[*?]/.test(v))) return undefined;
      accounts.push(...c.values);
      break;
    case 'org':
      if (c.values.some((v) => /^[*?]|o-[*?]/.test(v))) return undefined;
      orgs.push(...c.values.map((v) => v.split('/')[0] ?? v));
      break;
    case 'arn': {
      for (const v of c.values) {
        const a = accountOfArnPattern(v);
        if (!a) return undefined;
        if (a !== 's3-bucket') accounts.push(a);
      }
      break;
    }
    case 'ip':
      for (const v of c.values) {
        const cidr = parseCidr(v);
        if (!cidr || (cidr.v6 ? cidr.bits < 32 : cidr.bits < 8)) return undefined;
      }
      break;
    case 'federated':
      if (c.values.some((v) => /^[^:]*:\*$|^repo:\*|^\*/.test(v))) return undefined;
      break;
    default:
      break;
  }
  return { cls, accounts, orgs };
}

export function resourcePolicyExposure(doc: unknown, opts: ExposureOptions): ResourceExposure {
  const trust = opts.service === 'iam' || opts.service === 'sts' || opts.resourceArn.includes(':role/');
  const parsed = parsePolicy(doc, trust ? 'trust' : 'resource');
  const out: ResourceExposure = { public: false, crossAccount: [], publicStatements: [], statements: [], errors: parsed.errors, warnings: parsed.warnings };
  const trusted = new Set([opts.resourceAccount, ...(opts.trustedAccounts ?? [])]);
  const cross = new Set<string>();
  const stmts = parsed.compiled.statements;
  // Deny "*" statements that pin the organization / account restrict every Allow
  const globalRestrictions: string[] = [];
  for (const st of stmts) {
    if (st.effect !== 'Deny') continue;
    const everyone = st.principals?.any || (st.notPrincipals === undefined && st.principals === undefined);
    const allActions = st.actions?.all || (st.actions?.raw ?? []).some((a) => a.toLowerCase() === `${opts.service}:*`);
    if (!everyone || !allActions) continue;
    for (const c of st.conditions) {
      if (st.conditions.length === 1 && c.negated && c.qualifier !== 'any' && RESTRICTING[c.keyLower] && !c.values.some(isWildcardOnly)) {
        globalRestrictions.push(`Deny statement ${String(st.id)}: ${c.operator} ${c.key} ${JSON.stringify(c.values)}`);
      }
    }
  }
  for (const st of stmts) {
    if (st.effect !== 'Allow') continue;
    const ex = statementExposure(st, opts, trusted, globalRestrictions);
    out.statements.push(ex);
    if (ex.access === 'public') {
      out.public = true;
      out.publicStatements.push({ index: ex.index, reason: ex.reason });
    }
    for (const a of ex.accounts) if (!trusted.has(a)) cross.add(a);
  }
  out.crossAccount = [...cross].sort();
  return out;
}

function statementExposure(st: CompiledStatement, opts: ExposureOptions, trusted: Set<string>, globalRestrictions: string[]): StatementExposure {
  const principals: string[] = [];
  const accounts = new Set<string>();
  let everyone = false;
  let services = false;
  const federated: string[] = [];
  const samlProviders: string[] = [];
  if (st.notPrincipals) {
    everyone = true;
    principals.push(`NotPrincipal ${st.notPrincipals.entries.map((e) => e.value).join(', ')}`);
  }
  for (const e of st.principals?.entries ?? []) {
    principals.push(e.type === '*' ? '*' : `${e.type}:${e.value}`);
    if (e.kind === 'any') everyone = true;
    else if (e.account) accounts.add(e.account);
    else if (e.kind === 'service') services = true;
    else if (e.kind === 'federated') {
      // a SAML provider is the account's own identity provider: only its users can federate
      if (/^arn:[^:]+:iam::\d{12}:saml-provider\//i.test(e.value)) samlProviders.push(e.value);
      else federated.push(e.value.toLowerCase().replace(/^arn:[^:]+:iam::\d{12}:oidc-provider\//, ''));
    }
    else if (e.kind === 'canonical') accounts.add(`canonical:${e.value}`);
  }
  const restrictedBy: string[] = [...globalRestrictions];
  const notRestricting: string[] = [];
  const condAccounts = new Set<string>();
  const orgs = new Set<string>();
  for (const c of st.conditions) {
    const r = restriction(c, federated);
    const desc = `${c.operator} ${c.key} ${JSON.stringify(c.values)}`;
    if (r) {
      restrictedBy.push(desc);
      r.accounts.forEach((a) => condAccounts.add(a));
      r.orgs.forEach((o) => orgs.add(o));
    } else notRestricting.push(desc);
  }
  const id = st.id;
  const base = { index: id, principals, restrictedBy, notRestricting };
  if (everyone || federated.length) {
    if (restrictedBy.length === 0) {
      const what = everyone ? 'allows any principal ("*")' : `trusts the identity provider ${federated.join(', ')}`;
      const reason = `statement ${String(id)} ${what} with ${st.conditions.length ? `no condition that restricts the caller (${notRestricting.join('; ')})` : 'no condition'}`;
      return { ...base, access: 'public', accounts: [], reason };
    }
    if (federated.length && !everyone) return { ...base, access: 'federated', accounts: [], reason: `identity provider restricted by ${restrictedBy.join('; ')}` };
    const extOrgs = [...orgs].filter((o) => o !== opts.orgId);
    const accts = [...condAccounts, ...extOrgs.map((o) => `org:${o}`)];
    const external = accts.filter((a) => !trusted.has(a));
    if (external.length) return { ...base, access: 'cross-account', accounts: external, reason: `"*" restricted to ${accts.join(', ')}` };
    if (orgs.size && !extOrgs.length) return { ...base, access: 'organization', accounts: [], reason: `"*" restricted to the organization ${[...orgs].join(', ')}` };
    return { ...base, access: 'same-account', accounts: [], reason: `"*" restricted by ${restrictedBy.join('; ')}` };
  }
  const external = [...accounts].filter((a) => !trusted.has(a));
  if (external.length) return { ...base, access: 'cross-account', accounts: external, reason: `grants access to external account(s) ${external.join(', ')}` };
  if (samlProviders.length) return { ...base, access: 'federated', accounts: [], reason: `users of the account's SAML identity provider ${samlProviders.join(', ')}` };
  if (services) {
    // a service acting for another account's resource (aws:SourceAccount / aws:SourceArn of that account)
    const viaOther = [...condAccounts].filter((a) => !trusted.has(a));
    if (viaOther.length) return { ...base, access: 'cross-account', accounts: viaOther, reason: `AWS service principal(s) acting for resources of external account(s) ${viaOther.join(', ')}` };
    const deputy = restrictedBy.length ? '' : ' (no aws:SourceAccount / aws:SourceArn condition: confused-deputy risk)';
    return { ...base, access: 'service', accounts: [], reason: `grants access to AWS service principal(s)${deputy}` };
  }
  return { ...base, access: 'same-account', accounts: [], reason: 'principals of the resource account only' };
}
