import type { CloudTrailEvent, EventOrigin, Severity } from './types.js';
import { compileGetter, principalOf } from './fields.js';
import type { RuleMeta } from './sigma/rule.js';

export interface CorrelationInfo {
  type: string;
  /** group-by field -> value. */
  group: Record<string, string>;
  timespanMs: number;
  /** Events counted (event_count), distinct values (value_count), rules seen (temporal). */
  count?: number;
  firstTime?: string;
  lastTime?: string;
  /** value_count / kenro_first_seen: the values involved (bounded sample). */
  values?: string[];
  /** kenro_first_seen: the new value and the field it is in. */
  newValue?: string;
  field?: string;
  /** Referenced rule ids that matched. */
  rules: string[];
}

export interface Alert {
  ruleId: string;
  ruleUuid: string;
  title: string;
  severity: Severity;
  origin: 'kenro' | 'sigma';
  /** Rule author: shown wherever the alert is, as the Detection Rule License asks. */
  author?: string;
  license?: string;
  references: string[];
  tags: string[];
  mitre: { tactics: string[]; techniques: string[] };
  description?: string;
  falsepositives: string[];
  principal?: string;
  sourceIPAddress?: string;
  region?: string;
  accountId?: string;
  time?: string;
  eventName?: string;
  eventSource?: string;
  eventIds: string[];
  /** Why it fired, in one sentence. */
  reason: string;
  /** The values of the fields the rule looked at, from the triggering event. */
  evidence: Record<string, unknown>;
  /** The event(s), secrets redacted; correlations keep the first and last. */
  events: CloudTrailEvent[];
  locations: EventOrigin[];
  correlation?: CorrelationInfo;
}

const SECRET_KEY = /^(secretaccesskey|sessiontoken|password|newpassword|oldpassword|currentpassword|privatekey|privatekeymaterial|keymaterial|secretstring|secretbinary|clientsecret|authtoken|accesstoken|refreshtoken|idtoken|x-amz-security-token|credentials?\.secret.*|.*secret)$/i;

/** Deep copy of an event with secret-looking values (session tokens, secret keys, passwords) replaced. */
export function redact(v: unknown, depth = 0): unknown {
  if (depth > 40 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => redact(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) && x !== null && x !== undefined && x !== '' ? '[REDACTED]' : redact(x, depth + 1);
  }
  return out;
}

function s(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

const getterCache = new Map<string, (e: CloudTrailEvent) => unknown>();
function getField(e: CloudTrailEvent, f: string): unknown {
  let g = getterCache.get(f);
  if (!g) {
    g = compileGetter(f);
    getterCache.set(f, g);
  }
  return g(e);
}

export function evidenceOf(e: CloudTrailEvent, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = getField(e, f);
    out[f] = v === undefined ? null : redact(typeof v === 'object' && v !== null && JSON.stringify(v).length > 300 ? `${JSON.stringify(v).slice(0, 300)}…` : v);
  }
  return out;
}

export function buildAlert(rule: RuleMeta, e: CloudTrailEvent, origin: EventOrigin | undefined, extra: Partial<Alert> & { reason: string }): Alert {
  const ui = (e.userIdentity ?? {}) as Record<string, unknown>;
  const principal = principalOf(e);
  const a: Alert = {
    ruleId: rule.ruleId,
    ruleUuid: rule.id,
    title: rule.title,
    severity: rule.level,
    origin: rule.origin,
    ...(rule.author ? { author: rule.author } : {}),
    ...(rule.license ? { license: rule.license } : rule.origin === 'sigma' ? { license: 'DRL-1.1' } : {}),
    references: rule.references,
    tags: rule.tags,
    mitre: rule.mitre,
    ...(rule.description ? { description: rule.description } : {}),
    falsepositives: rule.falsepositives,
    ...(principal ? { principal } : {}),
    ...(s(e.sourceIPAddress) ? { sourceIPAddress: s(e.sourceIPAddress) } : {}),
    ...(s(e.awsRegion) ? { region: s(e.awsRegion) } : {}),
    ...((s(e.recipientAccountId) ?? s(ui.accountId)) ? { accountId: s(e.recipientAccountId) ?? s(ui.accountId) } : {}),
    ...(s(e.eventTime) ? { time: s(e.eventTime) } : {}),
    ...(s(e.eventName) ? { eventName: s(e.eventName) } : {}),
    ...(s(e.eventSource) ? { eventSource: s(e.eventSource) } : {}),
    eventIds: s(e.eventID) ? [s(e.eventID) as string] : [],
    evidence: {},
    events: [redact(e) as CloudTrailEvent],
    locations: origin ? [origin] : [],
    ...extra,
  };
  return a;
}
