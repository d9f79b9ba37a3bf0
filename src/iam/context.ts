/**
 * The request context: the caller's keys, then the keys AWS fills in from the principal and the
 * resource (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:userid, aws:username,
 * aws:PrincipalOrgID, aws:PrincipalTag/*, aws:PrincipalIsAWSService, aws:ResourceAccount, ...).
 * Keys the caller sets are never overwritten.
 */
import type { RequestContext, RequestPrincipal } from './types.js';

export type ContextValue = string | number | boolean | null | undefined | (string | number | boolean)[];

export interface OrganizationInfo {
  /** o-xxxxxxxxxx */
  id?: string;
  managementAccountId?: string;
  /** Member accounts; when given, PrincipalOrgID / ResourceOrgID are set only for these. */
  accounts?: string[];
}

const lowerCache = new Map<string, string>();
function lowerKey(k: string): string {
  let l = lowerCache.get(k);
  if (l === undefined) {
    l = k.toLowerCase();
    if (lowerCache.size > 10_000) lowerCache.clear();
    lowerCache.set(k, l);
  }
  return l;
}

export function contextFromRecord(rec: Record<string, ContextValue> | undefined): RequestContext {
  const ctx: RequestContext = new Map();
  if (!rec) return ctx;
  for (const k in rec) {
    const v = rec[k];
    if (v === undefined || v === null) continue;
    ctx.set(lowerKey(k), typeof v === 'string' ? [v] : Array.isArray(v) ? v.map(String) : [String(v)]);
  }
  return ctx;
}

const PRINCIPAL_TYPE: Record<string, string> = {
  root: 'Account',
  user: 'User',
  'role-session': 'AssumedRole',
  'federated-user': 'FederatedUser',
  anonymous: 'Anonymous',
  'web-identity': 'WebIdentityUser',
  saml: 'SAMLUser',
};

/**
 * Is the account in the organization? With `accounts` listed, membership is that list. Without it,
 * kenro knows only what the input implies: the principal's account is in the organization when SCPs
 * (its organization path) are given, the resource's when RCPs are given, and both are when they are
 * the same account and one of them is.
 */
function inOrg(org: OrganizationInfo | undefined, account: string | undefined, implied: boolean): boolean {
  if (!org?.id || !account) return false;
  if (org.accounts) return org.accounts.includes(account);
  return implied;
}

let lastNow: Date | undefined;
let lastNowMs = NaN;
let lastIso = '';
let lastEpoch = '';

function setIfMissing(ctx: RequestContext, k: string, v: string | undefined): void {
  if (v !== undefined && !ctx.has(k)) ctx.set(k, [v]);
}

export interface OrgMembership {
  /** SCPs were given: the principal's account is in the organization. */
  principalInOrg: boolean;
  /** RCPs were given: the resource's account is in the organization. */
  resourceInOrg: boolean;
}

export function fillContext(ctx: RequestContext, p: RequestPrincipal, resourceAccount: string | undefined, org: OrganizationInfo | undefined, now?: Date, implied: OrgMembership = { principalInOrg: true, resourceInOrg: true }): RequestContext {
  const c = ctx;
  switch (p.kind) {
    case 'root':
      setIfMissing(c, 'aws:principalarn', p.arn);
      setIfMissing(c, 'aws:userid', p.account);
      break;
    case 'user':
      setIfMissing(c, 'aws:principalarn', p.arn);
      setIfMissing(c, 'aws:username', p.name);
      setIfMissing(c, 'aws:userid', p.userId);
      break;
    case 'role-session':
      setIfMissing(c, 'aws:principalarn', p.roleArn);
      if (p.userId) setIfMissing(c, 'aws:userid', p.userId.includes(':') ? p.userId : `${p.userId}:${p.sessionName ?? ''}`);
      break;
    case 'federated-user':
      setIfMissing(c, 'aws:principalarn', p.arn);
      setIfMissing(c, 'aws:userid', `${p.account}:${p.name ?? ''}`);
      break;
    case 'anonymous':
      setIfMissing(c, 'aws:userid', 'anonymous');
      break;
    case 'service':
      setIfMissing(c, 'aws:principalservicename', p.service);
      break;
    default:
      break;
  }
  setIfMissing(c, 'aws:principalaccount', p.account);
  setIfMissing(c, 'aws:principaltype', PRINCIPAL_TYPE[p.kind]);
  setIfMissing(c, 'aws:principalisawsservice', p.kind === 'service' ? 'true' : 'false');
  const same = !!p.account && p.account === resourceAccount;
  const anyImplied = implied.principalInOrg || implied.resourceInOrg;
  if (inOrg(org, p.account, implied.principalInOrg || (same && anyImplied))) setIfMissing(c, 'aws:principalorgid', org?.id);
  if (p.tags) for (const [k, v] of Object.entries(p.tags)) setIfMissing(c, `aws:principaltag/${k.toLowerCase()}`, v);
  setIfMissing(c, 'aws:resourceaccount', resourceAccount);
  if (inOrg(org, resourceAccount, implied.resourceInOrg || (same && anyImplied))) setIfMissing(c, 'aws:resourceorgid', org?.id);
  if (!ctx.has('aws:currenttime') || !ctx.has('aws:epochtime')) {
    const ms = now ? now.getTime() : Date.now();
    if (ms !== lastNowMs || now !== lastNow) {
      lastNowMs = ms;
      lastNow = now;
      lastIso = new Date(ms).toISOString();
      lastEpoch = String(Math.floor(ms / 1000));
    }
    setIfMissing(c, 'aws:currenttime', lastIso);
    setIfMissing(c, 'aws:epochtime', lastEpoch);
  }
  return ctx;
}
