import type { CloudTrailEvent, EventOrigin } from './types.js';
import { compileGetter, type FieldGetter } from './fields.js';
import { Lru } from './lru.js';
import { buildAlert, isSecretKey, type Alert } from './alert.js';
import type { CorrelationRule, DetectionRule, Rule, RuleIssue } from './sigma/rule.js';

/** Memory bounds of correlation state (documented in docs/detect.md). */
export interface EngineLimits {
  /** Groups (e.g. principals) kept per correlation rule; the least recently seen is dropped beyond it. */
  maxGroups: number;
  /** kenro_first_seen: values remembered per group (least recently used dropped). */
  maxValuesPerGroup: number;
}
export const DEFAULT_LIMITS: EngineLimits = { maxGroups: 100_000, maxValuesPerGroup: 256 };

interface Summary {
  time: string;
  event: CloudTrailEvent;
  origin: EventOrigin | undefined;
}

interface CorrState {
  times?: number[];
  values?: Map<string, number>;
  seen?: Map<string, number>;
  starts?: Array<number | undefined>;
  first?: Summary;
  count: number;
  fsValues?: Lru<string, number>;
}

/** A correlation rule at run time: its state, keyed by group, bounded by an LRU. */
class CorrelationRuntime {
  readonly groups: Lru<string, CorrState>;
  private readonly getters = new Map<string, FieldGetter[]>();
  private readonly fieldGetters = new Map<string, FieldGetter>();
  readonly refIndex = new Map<string, number[]>();
  private readonly need: number;
  constructor(
    readonly rule: CorrelationRule,
    private readonly limits: EngineLimits,
    refs: string[],
  ) {
    this.groups = new Lru(limits.maxGroups);
    refs.forEach((r, i) => {
      const a = this.refIndex.get(r) ?? [];
      a.push(i);
      this.refIndex.set(r, a);
    });
    const c = rule.condition;
    this.need = c ? (c.op === 'gt' ? Math.floor(c.value) + 1 : Math.max(1, Math.ceil(c.value))) : 1;
  }

  private groupGetters(ref: string): FieldGetter[] {
    let g = this.getters.get(ref);
    if (!g) {
      g = this.rule.groupBy.map((f) => compileGetter(this.rule.aliases[f]?.[ref] ?? f));
      this.getters.set(ref, g);
    }
    return g;
  }

  /** Getter of the rule's value field (`condition.field` or `field`) for events of rule `ref`. */
  private valueGetter(ref: string, field: string): FieldGetter {
    let g = this.fieldGetters.get(ref);
    if (!g) {
      g = compileGetter(this.rule.aliases[field]?.[ref] ?? field);
      this.fieldGetters.set(ref, g);
    }
    return g;
  }

  private groupOf(gv: string[] | undefined, key: string): Record<string, string> {
    const group: Record<string, string> = {};
    this.rule.groupBy.forEach((f, i) => (group[f] = isSecretKey(f.slice(f.lastIndexOf('.') + 1)) ? '[REDACTED]' : gv ? (gv[i] as string) : key));
    return group;
  }

  /** Feed one matching event of referenced rule `ref`; returns the correlation alert info when it fires. */
  feed(ref: string, e: CloudTrailEvent, origin: EventOrigin | undefined): { info: Omit<NonNullable<Alert['correlation']>, 'type' | 'timespanMs' | 'rules'>; first?: Summary } | undefined {
    const r = this.rule;
    const t = eventMs(e.eventTime);
    if (Number.isNaN(t)) return undefined;
    const getters = this.groupGetters(ref);
    let key: string;
    let gv: string[] | undefined;
    if (getters.length === 1) {
      const v = valueString((getters[0] as FieldGetter)(e));
      if (v === undefined) return undefined; // group-by field absent: not part of any group
      key = v;
    } else {
      gv = [];
      for (const g of getters) {
        const v = valueString(g(e));
        if (v === undefined) return undefined;
        gv.push(v);
      }
      key = gv.join('\u0001');
    }
    let st = this.groups.get(key);
    const fresh = !st;
    if (!st) {
      st = { count: 0 };
      this.groups.set(key, st);
    }
    const span = r.timespanMs;
    const evTime = String(e.eventTime);
    switch (r.type) {
      case 'event_count': {
        const times = (st.times ??= []);
        let i = times.length;
        while (i > 0 && (times[i - 1] as number) > t) i--;
        times.splice(i, 0, t);
        const newest = times[times.length - 1] as number;
        while (times.length && (times[0] as number) < newest - span) times.shift();
        while (times.length > this.need) times.shift();
        if (!st.first || times.length === 1) st.first = { time: evTime, event: e, origin };
        if (times.length >= this.need) {
          this.groups.delete(key);
          return { info: { group: this.groupOf(gv, key), count: times.length, firstTime: st.first.time, lastTime: evTime }, first: st.first };
        }
        return undefined;
      }
      case 'value_count': {
        const field = r.condition?.field as string;
        const v = valueString(this.valueGetter(ref, field)(e));
        if (v === undefined) return undefined;
        const vals = (st.values ??= new Map());
        vals.delete(v);
        vals.set(v, t);
        for (const [k, vt] of vals) if (vt < t - span) vals.delete(k);
        if (vals.size === 1) st.first = { time: evTime, event: e, origin };
        st.first ??= { time: evTime, event: e, origin };
        if (vals.size >= this.need) {
          this.groups.delete(key);
          return { info: { group: this.groupOf(gv, key), count: vals.size, values: [...vals.keys()].slice(0, 50), firstTime: st.first.time, lastTime: evTime }, first: st.first };
        }
        // bound: never keep more than `need` values
        while (vals.size > this.need) vals.delete(vals.keys().next().value as string);
        return undefined;
      }
      case 'temporal': {
        const seen = (st.seen ??= new Map());
        seen.set(ref, t);
        for (const [k, vt] of seen) if (vt < t - span) seen.delete(k);
        if (seen.size === 1) st.first = { time: evTime, event: e, origin };
        if (seen.size >= r.rules.length) {
          this.groups.delete(key);
          return { info: { group: this.groupOf(gv, key), count: seen.size, firstTime: st.first?.time ?? evTime, lastTime: evTime }, ...(st.first ? { first: st.first } : {}) };
        }
        return undefined;
      }
      case 'temporal_ordered': {
        const starts = (st.starts ??= new Array<number | undefined>(r.rules.length).fill(undefined));
        const positions = this.refIndex.get(ref) ?? [];
        for (let pi = positions.length - 1; pi >= 0; pi--) {
          const k = positions[pi] as number;
          if (k === 0) {
            starts[0] = t;
            st.first = { time: evTime, event: e, origin };
          } else {
            const prev = starts[k - 1];
            if (prev !== undefined && t >= prev && t - prev <= span) starts[k] = prev;
          }
        }
        const last = starts[r.rules.length - 1];
        if (last !== undefined) {
          this.groups.delete(key);
          return { info: { group: this.groupOf(gv, key), count: r.rules.length, firstTime: st.first?.time ?? evTime, lastTime: evTime }, ...(st.first ? { first: st.first } : {}) };
        }
        return undefined;
      }
      case 'kenro_first_seen': {
        const v = valueString(this.valueGetter(ref, r.field as string)(e));
        if (v === undefined) return undefined;
        const vals = (st.fsValues ??= new Lru(this.limits.maxValuesPerGroup));
        st.count++;
        if (fresh) {
          vals.set(v, t);
          st.first = { time: evTime, event: e, origin };
          return undefined;
        }
        const prev = vals.get(v);
        vals.set(v, t);
        if (prev !== undefined && (span === 0 || t - prev <= span)) return undefined;
        if (st.count - 1 < r.minHistory) return undefined;
        const known = [...vals.keys()].filter((x) => x !== v).slice(-20);
        return {
          info: { group: this.groupOf(gv, key), count: st.count - 1, values: known, newValue: v, field: r.field as string, firstTime: st.first?.time ?? evTime, lastTime: evTime },
        };
      }
    }
  }
}

let lastTimeStr = '';
let lastTimeMs = NaN;
/** eventTime in ms; consecutive events often share a second, so the last parse is remembered. */
function eventMs(v: unknown): number {
  if (typeof v !== 'string') return NaN;
  if (v === lastTimeStr) return lastTimeMs;
  lastTimeStr = v;
  lastTimeMs = Date.parse(v);
  return lastTimeMs;
}

function valueString(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) return v.length ? v.map((x) => String(x)).join(',') : undefined;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export interface EngineStats {
  events: number;
  matches: number;
  alerts: number;
}

/**
 * The detection engine: detection rules indexed by eventName, correlation rules fed by the rules they
 * reference (correlations may reference correlations). Call `process` per event; alerts go to `onAlert`.
 */
export class DetectionEngine {
  readonly issues: RuleIssue[] = [];
  readonly stats: EngineStats = { events: 0, matches: 0, alerts: 0 };
  private readonly byName = new Map<string, DetectionRule[]>();
  private readonly anyName: DetectionRule[] = [];
  private readonly cache = new Map<string, DetectionRule[]>();
  /** rule key (name or id) -> correlations fed by it, with the ref string used. */
  private readonly consumers = new Map<Rule, Array<{ rt: CorrelationRuntime; ref: string }>>();
  /** Rules whose own matches alert (not only feeding a correlation, or generate: true). */
  private readonly alerting = new Set<Rule>();
  readonly detections: DetectionRule[];
  readonly correlations: CorrelationRule[];
  private readonly runtimes: CorrelationRuntime[] = [];

  constructor(
    rules: Rule[],
    readonly onAlert: (a: Alert) => void,
    readonly limits: EngineLimits = DEFAULT_LIMITS,
  ) {
    const lookup = new Map<string, Rule>();
    for (const r of rules) {
      lookup.set(r.id, r);
      if (r.name) lookup.set(r.name, r);
    }
    this.detections = rules.filter((r): r is DetectionRule => r.kind === 'detection');
    const corrs = rules.filter((r): r is CorrelationRule => r.kind === 'correlation');
    const okCorr: CorrelationRule[] = [];
    const referenced = new Map<Rule, boolean>(); // rule -> some consumer says generate
    for (const c of corrs) {
      const missing = c.rules.filter((ref) => !lookup.has(ref));
      if (missing.length) {
        this.issues.push({ file: c.file, title: c.title, id: c.id, kind: 'invalid', message: `correlation references unknown rule(s): ${missing.join(', ')}` });
        continue;
      }
      if (c.rules.some((ref) => lookup.get(ref) === c)) {
        this.issues.push({ file: c.file, title: c.title, id: c.id, kind: 'invalid', message: 'correlation references itself' });
        continue;
      }
      okCorr.push(c);
      const rt = new CorrelationRuntime(c, limits, c.rules);
      this.runtimes.push(rt);
      for (const ref of new Set(c.rules)) {
        const target = lookup.get(ref) as Rule;
        const list = this.consumers.get(target) ?? [];
        list.push({ rt, ref });
        this.consumers.set(target, list);
        referenced.set(target, (referenced.get(target) ?? false) || c.generate);
      }
    }
    this.correlations = okCorr;
    for (const r of [...this.detections, ...okCorr]) {
      const gen = referenced.get(r);
      if (gen === undefined || gen) this.alerting.add(r);
    }
    for (const d of this.detections) {
      if (d.eventNames) {
        for (const n of d.eventNames) {
          const l = this.byName.get(n) ?? [];
          l.push(d);
          this.byName.set(n, l);
        }
      } else this.anyName.push(d);
    }
  }

  /** Rules that an event with this eventName can meet. */
  private rulesFor(name: unknown): DetectionRule[] {
    const key = typeof name === 'string' ? name : '';
    let l = this.cache.get(key);
    if (l) return l;
    const indexed = this.byName.get(key.toLowerCase()) ?? [];
    l = indexed.length ? (this.anyName.length ? [...indexed, ...this.anyName] : indexed) : this.anyName;
    if (this.cache.size > 20_000) this.cache.clear();
    this.cache.set(key, l);
    return l;
  }

  process(e: CloudTrailEvent, origin?: EventOrigin): void {
    this.stats.events++;
    const rules = this.rulesFor(e.eventName);
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i] as DetectionRule;
      if (!r.match(e)) continue;
      this.stats.matches++;
      if (this.alerting.has(r)) {
        this.emit(
          buildAlert(r, e, origin, { reason: `${String(e.eventName ?? 'event')} by ${principalText(e)} matched the detection of '${r.title}'` }, undefined, r.fields),
        );
      }
      this.feedConsumers(r, e, origin, 0);
    }
  }

  private feedConsumers(r: Rule, e: CloudTrailEvent, origin: EventOrigin | undefined, depth: number): void {
    const cons = this.consumers.get(r);
    if (!cons || depth > 8) return;
    for (const { rt, ref } of cons) {
      const fired = rt.feed(ref, e, origin);
      if (!fired) continue;
      const c = rt.rule;
      if (this.alerting.has(c)) {
        const info = { type: c.type, timespanMs: c.timespanMs, rules: c.rules, ...fired.info };
        const events = [e];
        const locations = origin ? [origin] : [];
        const eventIds = typeof e.eventID === 'string' ? [e.eventID] : [];
        if (fired.first && fired.first.event !== e) {
          events.unshift(fired.first.event);
          if (fired.first.origin) locations.unshift(fired.first.origin);
          if (typeof fired.first.event.eventID === 'string') eventIds.unshift(fired.first.event.eventID);
        }
        this.emit(buildAlert(c, e, origin, { reason: correlationReason(c, info), correlation: info, locations, eventIds, evidence: info.group }, events));
      }
      this.feedConsumers(c, e, origin, depth + 1);
    }
  }

  private emit(a: Alert): void {
    this.stats.alerts++;
    this.onAlert(a);
  }

  /** Memory report: groups held and evicted per correlation rule. */
  correlationState(): Array<{ ruleId: string; groups: number; evicted: number }> {
    return this.runtimes.map((rt) => ({ ruleId: rt.rule.ruleId, groups: rt.groups.size, evicted: rt.groups.evictions }));
  }
}

function principalText(e: CloudTrailEvent): string {
  const ui = (e.userIdentity ?? {}) as Record<string, unknown>;
  return String(ui.arn || ui.principalId || ui.type || 'unknown principal');
}

function span(ms: number): string {
  if (ms % 86400e3 === 0) return `${ms / 86400e3}d`;
  if (ms % 3600e3 === 0) return `${ms / 3600e3}h`;
  if (ms % 60e3 === 0) return `${ms / 60e3}m`;
  return `${ms / 1e3}s`;
}

function correlationReason(c: CorrelationRule, info: NonNullable<Alert['correlation']>): string {
  const g = Object.entries(info.group).map(([k, v]) => `${k}=${v}`).join(', ');
  switch (c.type) {
    case 'event_count':
      return `${info.count} events of ${c.rules.join(', ')} within ${span(c.timespanMs)} for ${g} (threshold ${c.condition?.op} ${c.condition?.value}), ${info.firstTime} .. ${info.lastTime}`;
    case 'value_count':
      return `${info.count} distinct ${c.condition?.field} values in ${c.rules.join(', ')} within ${span(c.timespanMs)} for ${g}`;
    case 'temporal':
      return `all of ${c.rules.join(', ')} occurred within ${span(c.timespanMs)} for ${g}, ${info.firstTime} .. ${info.lastTime}`;
    case 'temporal_ordered':
      return `${c.rules.join(' then ')} occurred in order within ${span(c.timespanMs)} for ${g}, ${info.firstTime} .. ${info.lastTime}`;
    case 'kenro_first_seen':
      return `${g} used ${info.field}=${info.newValue} for the first time (after ${info.count} earlier events since ${info.firstTime}; previously: ${(info.values ?? []).slice(0, 5).join(', ')})`;
  }
}
