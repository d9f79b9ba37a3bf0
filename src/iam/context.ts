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

function inOrg(org: OrganizationInfo | undefined, account: string | undefined): boolean {
  if (!org?.id || !account) return false;
  return !org.accounts || org.accounts.includes(account);
}

let lastNow: Date | undefined;
let lastNowMs = NaN;
let lastIso = '';
let lastEpoch = '';

function setIfMissing(ctx: RequestContext, k: string, v: string | undefined): void {
  if (v !== undefined && !ctx.has(k)) ctx.set(k, [v]);
}

export function fillContext(ctx: RequestContext, p: RequestPrincipal, resourceAccount: string | undefined, org: OrganizationInfo | undefined, now?: Date): RequestContext {
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
  if (inOrg(org, p.account)) setIfMissing(c, 'aws:principalorgid', org?.id);
  if (p.tags) for (const [k, v] of Object.entries(p.tags)) setIfMissing(c, `aws:principaltag/${k.toLowerCase()}`, v);
  setIfMissing(c, 'aws:resourceaccount', resourceAccount);
  if (inOrg(org, resourceAccount)) setIfMissing(c, 'aws:resourceorgid', org?.id);
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
