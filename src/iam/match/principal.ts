/**
 * Principal / NotPrincipal matching, and parsing of request principals.
 *
 * A policy principal is "*", an account ("123456789012" or "arn:aws:iam::123456789012:root"),
 * an IAM user / role / role-session / federated-user ARN, a service principal, a federated
 * identity provider, or a canonical user. AWS does not support partial wildcards in principal
 * ARNs: such an entry matches nothing (and the validator reports it).
 */
import type { PrincipalEntry, PrincipalEntryKind, PrincipalSet, RequestPrincipal } from '../types.js';

const ACCOUNT_RE = /^\d{12}$/;
const ARN_RE = /^arn:([^:]+):(iam|sts)::(\d{12}|[^:]*):(.+)$/;

export function classifyAwsPrincipal(value: string): PrincipalEntry {
  const norm = value.toLowerCase();
  if (value === '*') return { type: 'AWS', value, kind: 'any', norm };
  if (ACCOUNT_RE.test(value)) return { type: 'AWS', value, kind: 'account', account: value, norm: `account:${value}` };
  const m = ARN_RE.exec(value);
  if (!m || value.includes('*') || value.includes('?')) return { type: 'AWS', value, kind: 'invalid', norm };
  const [, , svc, account, rest = ''] = m;
  let kind: PrincipalEntryKind = 'invalid';
  let name: string | undefined;
  if (svc === 'iam' && rest === 'root') kind = 'account';
  else if (svc === 'iam' && rest.startsWith('user/')) {
    kind = 'user';
    name = rest.split('/').pop();
  } else if (svc === 'iam' && rest.startsWith('role/')) {
    kind = 'role';
    name = rest.split('/').pop();
  } else if (svc === 'sts' && rest.startsWith('assumed-role/')) {
    kind = 'session';
    name = rest.split('/')[1];
  } else if (svc === 'sts' && rest.startsWith('federated-user/')) kind = 'federated-user';
  const e: PrincipalEntry = { type: 'AWS', value, kind, norm: kind === 'account' ? `account:${account}` : value };
  if (account) e.account = account;
  if (name !== undefined) e.name = name;
  return e;
}

export function compilePrincipal(p: unknown): PrincipalSet {
  const set: PrincipalSet = { any: false, entries: [] };
  if (p === '*') {
    set.any = true;
    set.entries.push({ type: '*', value: '*', kind: 'any', norm: '*' });
    return set;
  }
  if (!p || typeof p !== 'object' || Array.isArray(p)) return set;
  for (const [type, raw] of Object.entries(p as Record<string, unknown>)) {
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
    for (const v of values) {
      let e: PrincipalEntry;
      if (type === 'AWS') e = classifyAwsPrincipal(v);
      else if (type === 'Service') e = { type, value: v, kind: v === '*' ? 'any' : 'service', norm: v.toLowerCase() };
      else if (type === 'Federated') e = { type, value: v, kind: v === '*' ? 'any' : 'federated', norm: v.toLowerCase() };
      else if (type === 'CanonicalUser') e = { type, value: v, kind: v === '*' ? 'any' : 'canonical', norm: v };
      else continue;
      if (e.kind === 'any') set.any = true;
      set.entries.push(e);
    }
  }
  return set;
}

function roleKey(arn: string): string | undefined {
  // arn:aws:iam::A:role/path/Name -> A/Name ; arn:aws:sts::A:assumed-role/Name/S -> A/Name
  const m = /^arn:[^:]+:(iam|sts)::(\d{12}):(role|assumed-role)\/(.+)$/.exec(arn);
  if (!m) return undefined;
  const parts = (m[4] ?? '').split('/');
  const name = m[3] === 'role' ? parts[parts.length - 1] : parts[0];
  return `${m[2]}/${name}`;
}

/**
 * Which entry kind of a Principal element names the request principal, or undefined.
 * Returns 'user-of-federated' when a federated user's originating IAM user is named.
 */
export function matchPrincipal(set: PrincipalSet, p: RequestPrincipal): PrincipalEntryKind | 'user-of-federated' | undefined {
  if (set.any) return 'any';
  let best: PrincipalEntryKind | 'user-of-federated' | undefined;
  for (const e of set.entries) {
    const k = entryMatches(e, p);
    if (k && (best === undefined || rank(k) > rank(best))) best = k;
  }
  return best;
}

const RANK: Record<string, number> = { any: 9, session: 8, 'federated-user': 8, user: 7, service: 7, federated: 7, canonical: 7, role: 5, 'user-of-federated': 4, account: 2 };
function rank(k: string): number {
  return RANK[k] ?? 0;
}

function entryMatches(e: PrincipalEntry, p: RequestPrincipal): PrincipalEntryKind | 'user-of-federated' | undefined {
  switch (e.kind) {
    case 'any':
      return 'any';
    case 'account':
      return p.account === e.account && isIamPrincipal(p) ? 'account' : undefined;
    case 'user':
      if (p.kind === 'user' && p.arn === e.value) return 'user';
      if (p.kind === 'federated-user' && p.userArn === e.value) return 'user-of-federated';
      return undefined;
    case 'role':
      if (p.kind === 'role-session' && p.roleArn) {
        if (p.roleArn === e.value) return 'role';
        const a = roleKey(p.roleArn);
        return a !== undefined && a === roleKey(e.value) && !roleHasPath(p.roleArn) ? 'role' : undefined;
      }
      return undefined;
    case 'session':
      return p.kind === 'role-session' && p.arn === e.value ? 'session' : undefined;
    case 'federated-user':
      return p.kind === 'federated-user' && p.arn === e.value ? 'federated-user' : undefined;
    case 'service':
      return p.kind === 'service' && p.service?.toLowerCase() === e.norm ? 'service' : undefined;
    case 'federated':
      return (p.kind === 'web-identity' || p.kind === 'saml') && p.provider?.toLowerCase() === e.norm ? 'federated' : undefined;
    case 'canonical':
      return p.kind === 'canonical' && p.canonicalId === e.value ? 'canonical' : undefined;
    default:
      return undefined;
  }
}

/** A role ARN taken from a session ARN has no path; compare by name then. */
function roleHasPath(arn: string): boolean {
  const i = arn.indexOf(':role/');
  return i >= 0 && arn.slice(i + 6).includes('/');
}

export function isIamPrincipal(p: RequestPrincipal): boolean {
  return p.kind === 'root' || p.kind === 'user' || p.kind === 'role-session' || p.kind === 'federated-user';
}

/**
 * NotPrincipal (IAM User Guide, "NotPrincipal with Deny"): AWS may validate the account, then the
 * role, then the session (or the account, then the user); the caller is exempt only when each of
 * them is listed.
 */
export function exemptByNotPrincipal(set: PrincipalSet, p: RequestPrincipal): boolean {
  if (set.any) return true;
  const has = (pred: (e: PrincipalEntry) => boolean) => set.entries.some(pred);
  const accountListed = has((e) => e.kind === 'account' && e.account === p.account);
  switch (p.kind) {
    case 'root':
      return accountListed;
    case 'user':
      return accountListed && has((e) => e.kind === 'user' && e.value === p.arn);
    case 'role-session':
      // AWS may check the account, then the role, then the session: all three must be listed,
      // and a role ARN does not stand for its sessions here ("Principals must always name a specific session").
      return accountListed && has((e) => e.kind === 'session' && e.value === p.arn) && has((e) => e.kind === 'role' && entryMatches(e, p) === 'role');
    case 'federated-user':
      return accountListed && has((e) => e.kind === 'federated-user' && e.value === p.arn);
    default:
      return has((e) => entryMatches(e, p) !== undefined);
  }
}

export interface PrincipalSpec {
  arn?: string;
  /** For role sessions whose role has a path: the role ARN. */
  roleArn?: string;
  /** For federated users: the IAM user that called GetFederationToken. */
  userArn?: string;
  service?: string;
  federated?: string;
  canonicalUser?: string;
  userId?: string;
  tags?: Record<string, string>;
}

/**
 * Parse a request principal: an ARN, a 12-digit account (its root user), a service principal
 * (`lambda.amazonaws.com`), "*" / "anonymous", or an object form (PrincipalSpec).
 */
export function parseRequestPrincipal(input: string | PrincipalSpec | undefined): RequestPrincipal {
  const spec: PrincipalSpec = typeof input === 'string' ? { arn: input } : (input ?? {});
  const base = { partition: 'aws', isServiceLinkedRole: false } as RequestPrincipal;
  const withExtras = (p: RequestPrincipal): RequestPrincipal => {
    if (spec.userId) p.userId = spec.userId;
    if (spec.tags) p.tags = spec.tags;
    return p;
  };
  if (spec.service) return withExtras({ ...base, kind: 'service', service: spec.service });
  if (spec.federated) return withExtras({ ...base, kind: spec.federated.includes(':saml-provider/') ? 'saml' : 'web-identity', provider: spec.federated });
  if (spec.canonicalUser) return withExtras({ ...base, kind: 'canonical', canonicalId: spec.canonicalUser });
  const arn = spec.arn ?? '*';
  if (arn === '*' || arn.toLowerCase() === 'anonymous') return withExtras({ ...base, kind: 'anonymous' });
  if (ACCOUNT_RE.test(arn)) return withExtras({ ...base, kind: 'root', account: arn, arn: `arn:aws:iam::${arn}:root` });
  if (!arn.startsWith('arn:') && arn.includes('.')) return withExtras({ ...base, kind: 'service', service: arn });
  const m = ARN_RE.exec(arn);
  if (!m) throw new Error(`unrecognised principal: ${arn}`);
  const [, partition = 'aws', svc, account = '', rest = ''] = m;
  const p: RequestPrincipal = { ...base, partition, account, arn } as RequestPrincipal;
  if (svc === 'iam' && rest === 'root') p.kind = 'root';
  else if (svc === 'iam' && rest.startsWith('user/')) {
    p.kind = 'user';
    p.name = rest.split('/').pop() ?? '';
  } else if (svc === 'iam' && rest.startsWith('role/')) {
    // a role ARN as the principal: simulate one of its sessions
    p.kind = 'role-session';
    p.roleArn = arn;
    p.name = rest.split('/').pop() ?? '';
    p.sessionName = 'kenro-simulation';
    p.arn = `arn:${partition}:sts::${account}:assumed-role/${p.name}/${p.sessionName}`;
    p.isServiceLinkedRole = rest.startsWith('role/aws-service-role/');
  } else if (svc === 'sts' && rest.startsWith('assumed-role/')) {
    const [, role = '', session = ''] = rest.split('/');
    p.kind = 'role-session';
    p.name = role;
    p.sessionName = session;
    p.roleArn = spec.roleArn ?? `arn:${partition}:iam::${account}:role/${role}`;
    p.isServiceLinkedRole = (spec.roleArn ?? '').includes(':role/aws-service-role/');
  } else if (svc === 'sts' && rest.startsWith('federated-user/')) {
    p.kind = 'federated-user';
    p.name = rest.slice('federated-user/'.length);
    if (spec.userArn) p.userArn = spec.userArn;
  } else throw new Error(`unsupported principal ARN: ${arn}`);
  if (spec.roleArn && p.kind === 'role-session') {
    p.roleArn = spec.roleArn;
    p.isServiceLinkedRole = spec.roleArn.includes(':role/aws-service-role/');
  }
  return withExtras(p);
}
