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

const SECRET_KEY = /secret|token|password|privatekey|keymaterial|credential/i;
const NOT_SECRET = new Set(['accesskeyid', 'tokencode', 'nexttoken', 'paginationtoken', 'tokentype', 'credentials']);

/** Does this key name hold a secret (secretAccessKey, sessionToken, password, private keys, ...)? */
export function isSecretKey(k: string): boolean {
  return SECRET_KEY.test(k) && !NOT_SECRET.has(k.toLowerCase());
}

/** Deep copy of an event with secret-looking values (session tokens, secret keys, passwords) replaced. */
export function redact(v: unknown, depth = 0): unknown {
  if (depth > 40 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => redact(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    out[k] = x !== null && x !== undefined && x !== '' && typeof x !== 'object' && isSecretKey(k) ? '[REDACTED]' : typeof x === 'object' && x !== null ? redact(x, depth + 1) : x;
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
    if (isSecretKey(f.slice(f.lastIndexOf('.') + 1))) {
      out[f] = '[REDACTED]';
      continue;
    }
    const v = getField(e, f);
    out[f] = v === undefined ? null : redact(typeof v === 'object' && v !== null && JSON.stringify(v).length > 300 ? `${JSON.stringify(v).slice(0, 300)}…` : v);
  }
  return out;
}

/**
 * An alert. Its `events` (deep-copied with secrets redacted) and `evidence` are computed on first read:
 * most alerts of a large run are only counted or filtered away, so the copies are made only for alerts
 * that are looked at or written out. `toJSON` writes them like plain fields.
 */
class AlertRecord {
  readonly #raw: CloudTrailEvent[];
  readonly #fields: string[] | undefined;
  #events: CloudTrailEvent[] | undefined;
  #evidence: Record<string, unknown> | undefined;
  constructor(raw: CloudTrailEvent[], fields: string[] | undefined) {
    this.#raw = raw;
    this.#fields = fields;
  }
  get events(): CloudTrailEvent[] {
    this.#events ??= this.#raw.map((e) => redact(e) as CloudTrailEvent);
    return this.#events;
  }
  set events(v: CloudTrailEvent[]) {
    this.#events = v.map((e) => redact(e) as CloudTrailEvent);
  }
  get evidence(): Record<string, unknown> {
    this.#evidence ??= this.#fields ? evidenceOf(this.#raw[this.#raw.length - 1] as CloudTrailEvent, this.#fields) : {};
    return this.#evidence;
  }
  set evidence(v: Record<string, unknown>) {
    this.#evidence = v;
  }
  toJSON(): Record<string, unknown> {
    return { ...(this as object), evidence: this.evidence, events: this.events };
  }
}

/**
 * Build an alert for `rule` from event `e`. `rawEvents` (default `[e]`) are kept and redacted when read;
 * `evidenceFields` are read from the last of them when the evidence is first looked at.
 */
export function buildAlert(
  rule: RuleMeta,
  e: CloudTrailEvent,
  origin: EventOrigin | undefined,
  extra: Partial<Omit<Alert, 'events'>> & { reason: string },
  rawEvents?: CloudTrailEvent[],
  evidenceFields?: string[],
): Alert {
  const ui = (e.userIdentity ?? {}) as Record<string, unknown>;
  const a = new AlertRecord(rawEvents ?? [e], evidenceFields) as unknown as Record<string, unknown>;
  // Every field is set, in one order (undefined when absent; JSON leaves those out): all alerts share
  // one object shape, which keeps a run with hundreds of thousands of alerts cheap.
  a.ruleId = rule.ruleId;
  a.ruleUuid = rule.id;
  a.title = rule.title;
  a.severity = rule.level;
  a.origin = rule.origin;
  a.author = rule.author;
  a.license = rule.license ?? (rule.origin === 'sigma' ? 'DRL-1.1' : undefined);
  a.references = rule.references;
  a.tags = rule.tags;
  a.mitre = rule.mitre;
  a.description = rule.description;
  a.falsepositives = rule.falsepositives;
  a.principal = principalOf(e);
  a.sourceIPAddress = s(e.sourceIPAddress);
  a.region = s(e.awsRegion);
  a.accountId = s(e.recipientAccountId) ?? s(ui.accountId);
  a.time = s(e.eventTime);
  a.eventName = s(e.eventName);
  a.eventSource = s(e.eventSource);
  const id = s(e.eventID);
  a.eventIds = extra.eventIds ?? (id ? [id] : []);
  a.reason = extra.reason;
  a.locations = extra.locations ?? (origin ? [origin] : []);
  a.correlation = extra.correlation;
  if (extra.evidence) a.evidence = extra.evidence;
  return a as unknown as Alert;
}
