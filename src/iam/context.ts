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

export function contextFromRecord(rec: Record<string, ContextValue> | undefined): RequestContext {
  const ctx: RequestContext = new Map();
  if (!rec) return ctx;
  for (const [k, v] of Object.entries(rec)) {
    if (v === undefined || v === null) continue;
    ctx.set(k.toLowerCase(), Array.isArray(v) ? v.map(String) : [String(v)]);
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

export function fillContext(ctx: RequestContext, p: RequestPrincipal, resourceAccount: string | undefined, org: OrganizationInfo | undefined, now?: Date): RequestContext {
  const set = (k: string, v: string | undefined) => {
    if (v !== undefined && !ctx.has(k)) ctx.set(k, [v]);
  };
  switch (p.kind) {
    case 'root':
      set('aws:principalarn', p.arn);
      set('aws:userid', p.account);
      break;
    case 'user':
      set('aws:principalarn', p.arn);
      set('aws:username', p.name);
      set('aws:userid', p.userId);
      break;
    case 'role-session':
      set('aws:principalarn', p.roleArn);
      if (p.userId) set('aws:userid', p.userId.includes(':') ? p.userId : `${p.userId}:${p.sessionName ?? ''}`);
      break;
    case 'federated-user':
      set('aws:principalarn', p.arn);
      set('aws:userid', `${p.account}:${p.name ?? ''}`);
      break;
    case 'anonymous':
      set('aws:userid', 'anonymous');
      break;
    case 'service':
      set('aws:principalservicename', p.service);
      break;
    default:
      break;
  }
  set('aws:principalaccount', p.account);
  set('aws:principaltype', PRINCIPAL_TYPE[p.kind]);
  set('aws:principalisawsservice', p.kind === 'service' ? 'true' : 'false');
  if (inOrg(org, p.account)) set('aws:principalorgid', org?.id);
  if (p.tags) for (const [k, v] of Object.entries(p.tags)) set(`aws:principaltag/${k.toLowerCase()}`, v);
  set('aws:resourceaccount', resourceAccount);
  if (inOrg(org, resourceAccount)) set('aws:resourceorgid', org?.id);
  if (!ctx.has('aws:currenttime') || !ctx.has('aws:epochtime')) {
    const d = now ?? new Date();
    set('aws:currenttime', d.toISOString());
    set('aws:epochtime', String(Math.floor(d.getTime() / 1000)));
  }
  return ctx;
}
