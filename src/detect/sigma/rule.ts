import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import type { Severity } from '../types.js';
import { SEVERITIES } from '../types.js';
import { aggregationFeature, compileCondition, orAll, andAll } from './condition.js';
import { InvalidRule, UnsupportedFeature } from './errors.js';
import { compileField, type Compiled, type Matcher } from './match.js';

export interface RuleMeta {
  /** Sigma `id` (a UUID). */
  id: string;
  /** Sigma `name` (kenro's own rules use it as their stable id, e.g. `kenro.root_account_use`). */
  name?: string;
  /** What alerts carry: `name` when set, else `id`. */
  ruleId: string;
  title: string;
  description?: string;
  author?: string;
  license?: string;
  references: string[];
  tags: string[];
  level: Severity;
  status?: string;
  falsepositives: string[];
  mitre: { tactics: string[]; techniques: string[] };
  /** 'kenro' for the shipped rules, 'sigma' for rules loaded from elsewhere. */
  origin: 'kenro' | 'sigma';
  file: string;
  warnings: string[];
  /** Any extra metadata (e.g. `kenro:` block with panther/CIS mappings). */
  extra: Record<string, unknown>;
}

export interface DetectionRule extends RuleMeta {
  kind: 'detection';
  match: Matcher;
  /** Fields the detection reads: shown as evidence in alerts. */
  fields: string[];
  /** Lower-cased eventName values the rule needs (for indexing); undefined = any event. */
  eventNames?: Set<string>;
}

export type CorrelationType = 'event_count' | 'value_count' | 'temporal' | 'temporal_ordered' | 'kenro_first_seen';

export interface CorrelationRule extends RuleMeta {
  kind: 'correlation';
  type: CorrelationType;
  rules: string[];
  groupBy: string[];
  timespanMs: number;
  /** Threshold for event_count / value_count. */
  condition?: { op: 'gte' | 'gt' | 'eq'; value: number; field?: string };
  /** Alias name -> (rule name/id -> field). */
  aliases: Record<string, Record<string, string>>;
  /** Whether the referenced rules still alert on their own (Sigma `generate`, default false). */
  generate: boolean;
  /** kenro_first_seen: the field whose new values are reported. */
  field?: string;
  /** kenro_first_seen: events a group must have had before a new value alerts (learning). */
  minHistory: number;
}

export type Rule = DetectionRule | CorrelationRule;

export interface RuleIssue {
  file: string;
  title?: string;
  id?: string;
  /** 'unsupported' names the feature; 'invalid' is a broken rule. */
  kind: 'unsupported' | 'invalid';
  feature?: string;
  message: string;
}

export function parseTimespan(s: unknown): number {
  const m = /^(\d+)\s*([smhdwMy])$/.exec(String(s ?? '').trim());
  if (!m) throw new InvalidRule(`timespan '${String(s)}' (expected e.g. 30s, 10m, 1h, 2d, 1w, 1M, 1y)`);
  const mult = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3, M: 30 * 86400e3, y: 365 * 86400e3 }[m[2] as 's'];
  return Number(m[1]) * mult;
}

function strList(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

function mitreOf(tags: string[]): { tactics: string[]; techniques: string[] } {
  const tactics: string[] = [];
  const techniques: string[] = [];
  for (const t of tags) {
    const m = /^attack\.(.+)$/i.exec(t);
    if (!m) continue;
    const v = m[1] as string;
    if (/^t\d{4}(\.\d{3})?$/i.test(v)) techniques.push(v.toUpperCase());
    else if (!/^[gs]\d{4}$/i.test(v)) tactics.push(v.replace(/_/g, '-'));
  }
  return { tactics, techniques };
}

function meta(doc: Record<string, unknown>, file: string, origin: 'kenro' | 'sigma'): RuleMeta {
  const id = doc.id === undefined ? '' : String(doc.id);
  const title = doc.title === undefined ? '' : String(doc.title);
  if (!title) throw new InvalidRule('missing title');
  if (!id && doc.name === undefined) throw new InvalidRule('missing id');
  const level = String(doc.level ?? 'medium').toLowerCase();
  if (!SEVERITIES.includes(level as Severity)) throw new InvalidRule(`level '${level}'`);
  const tags = strList(doc.tags);
  const name = doc.name === undefined ? undefined : String(doc.name);
  const known = new Set(['title', 'id', 'name', 'status', 'description', 'references', 'author', 'date', 'modified', 'tags', 'logsource', 'detection', 'correlation', 'falsepositives', 'level', 'fields', 'related', 'license', 'taxonomy', 'scope']);
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!known.has(k)) extra[k] = v;
  return {
    id: id || (name as string),
    ...(name !== undefined ? { name } : {}),
    ruleId: name ?? id,
    title,
    ...(doc.description !== undefined ? { description: String(doc.description).trim() } : {}),
    ...(doc.author !== undefined ? { author: String(doc.author) } : {}),
    ...(doc.license !== undefined ? { license: String(doc.license) } : {}),
    references: strList(doc.references),
    tags,
    level: level as Severity,
    ...(doc.status !== undefined ? { status: String(doc.status) } : {}),
    falsepositives: strList(doc.falsepositives),
    mitre: mitreOf(tags),
    origin,
    file,
    warnings: [],
    extra,
  };
}

function compileSelection(name: string, body: unknown, warn: (m: string) => void, fields: Set<string>): Compiled {
  if (body === null || body === undefined) throw new InvalidRule(`detection '${name}' is empty`);
  if (Array.isArray(body)) {
    if (body.length === 0) throw new InvalidRule(`detection '${name}' is an empty list`);
    if (body.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) {
      // list of maps = OR of the maps
      return orAll(body.map((m) => compileMap(name, m as Record<string, unknown>, warn, fields)));
    }
    if (body.every((x) => x === null || typeof x !== 'object')) return compileField('', body, { warn });
    throw new InvalidRule(`detection '${name}' mixes maps and keywords`);
  }
  if (typeof body === 'object') return compileMap(name, body as Record<string, unknown>, warn, fields);
  return compileField('', [body], { warn });
}

function compileMap(name: string, m: Record<string, unknown>, warn: (m: string) => void, fields: Set<string>): Compiled {
  const keys = Object.keys(m);
  for (const k of keys) {
    const f = k.split('|')[0] as string;
    if (f) fields.add(f);
    if (k.includes('|fieldref')) for (const v of Array.isArray(m[k]) ? (m[k] as unknown[]) : [m[k]]) fields.add(String(v));
  }
  if (!keys.length) throw new InvalidRule(`detection '${name}' is an empty map`);
  // cheap, selective fields first
  const rank = (k: string) => (k.startsWith('eventName') ? 0 : k.startsWith('eventSource') ? 1 : k.includes('|re') || k.includes('|contains') ? 3 : 2);
  keys.sort((a, b) => rank(a) - rank(b));
  return andAll(keys.map((k) => compileField(k, m[k], { warn })));
}

function compileDetection(doc: Record<string, unknown>, base: RuleMeta): DetectionRule {
  const ls = (doc.logsource ?? {}) as Record<string, unknown>;
  const product = ls.product === undefined ? undefined : String(ls.product).toLowerCase();
  const service = ls.service === undefined ? undefined : String(ls.service).toLowerCase();
  if (product !== 'aws' || (service !== undefined && service !== 'cloudtrail') || ls.category !== undefined) {
    throw new UnsupportedFeature(
      `logsource ${[ls.product, ls.service, ls.category].filter((x) => x !== undefined).join('/') || '(none)'}`,
      'kenro reads AWS CloudTrail only (product: aws, service: cloudtrail)',
    );
  }
  const det = doc.detection as Record<string, unknown> | undefined;
  if (!det || typeof det !== 'object') throw new InvalidRule('missing detection');
  const cond = det.condition;
  if (cond === undefined) throw new InvalidRule('missing detection.condition');
  for (const c of strList(cond)) {
    const agg = aggregationFeature(c);
    if (agg) throw new UnsupportedFeature(agg, `condition '${c.trim()}'${det.timeframe !== undefined ? `, timeframe ${String(det.timeframe)}` : ''} — legacy Sigma; express it as a correlation rule`);
  }
  if (det.timeframe !== undefined) throw new UnsupportedFeature('timeframe (legacy correlation window)', `timeframe: ${String(det.timeframe)} — express it as a Sigma correlation rule`);
  const ids = new Map<string, Compiled>();
  const warn = (m: string) => base.warnings.push(m);
  const fields = new Set<string>();
  for (const [k, v] of Object.entries(det)) {
    if (k === 'condition') continue;
    ids.set(k, compileSelection(k, v, warn, fields));
  }
  const conds = strList(cond);
  const compiled = conds.length === 1 ? compileCondition(conds[0] as string, ids) : orAll(conds.map((c) => compileCondition(c, ids)));
  return { ...base, kind: 'detection', match: compiled.match, fields: [...fields], ...(compiled.eventNames ? { eventNames: compiled.eventNames } : {}) };
}

const CORR_TYPES = new Set(['event_count', 'value_count', 'temporal', 'temporal_ordered', 'kenro_first_seen']);

function compileCorrelation(doc: Record<string, unknown>, base: RuleMeta): CorrelationRule {
  const c = doc.correlation as Record<string, unknown>;
  const type = String(c.type ?? '');
  if (!CORR_TYPES.has(type)) throw new UnsupportedFeature(`correlation type ${type || '(none)'}`);
  const rules = strList(c.rules);
  if (!rules.length) throw new InvalidRule('correlation without rules');
  const groupBy = strList(c['group-by']);
  const timespanMs = type === 'kenro_first_seen' && c.timespan === undefined ? 0 : parseTimespan(c.timespan);
  let condition: CorrelationRule['condition'];
  if (type === 'event_count' || type === 'value_count') {
    const cd = (c.condition ?? {}) as Record<string, unknown>;
    const ops = Object.keys(cd).filter((k) => k !== 'field');
    if (ops.length !== 1) throw new InvalidRule('correlation condition needs one of gte, gt, eq');
    const op = ops[0] as string;
    if (op === 'lt' || op === 'lte' || op === 'neq') throw new UnsupportedFeature(`correlation condition ${op}`, 'needs a closed window; kenro alerts as thresholds are reached');
    if (op !== 'gte' && op !== 'gt' && op !== 'eq') throw new InvalidRule(`correlation condition ${op}`);
    const value = Number(cd[op]);
    if (!Number.isFinite(value)) throw new InvalidRule(`correlation condition ${op}: not a number`);
    if (type === 'value_count' && cd.field === undefined) throw new InvalidRule('value_count needs condition.field');
    condition = { op, value, ...(cd.field !== undefined ? { field: String(cd.field) } : {}) };
  }
  const aliases: Record<string, Record<string, string>> = {};
  for (const [k, v] of Object.entries((c.aliases ?? {}) as Record<string, unknown>)) {
    aliases[k] = Object.fromEntries(Object.entries((v ?? {}) as Record<string, unknown>).map(([r, f]) => [r, String(f)]));
  }
  let field: string | undefined;
  if (type === 'kenro_first_seen') {
    if (c.field === undefined) throw new InvalidRule('kenro_first_seen needs correlation.field');
    field = String(c.field);
    if (!groupBy.length) throw new InvalidRule('kenro_first_seen needs group-by');
  }
  return {
    ...base,
    kind: 'correlation',
    type: type as CorrelationType,
    rules,
    groupBy,
    timespanMs,
    ...(condition ? { condition } : {}),
    aliases,
    generate: c.generate === true,
    ...(field ? { field } : {}),
    minHistory: c['min-history'] === undefined ? 0 : Number(c['min-history']),
  };
}

/** Parse one YAML document into a rule; throws UnsupportedFeature / InvalidRule. */
export function compileRuleDoc(doc: Record<string, unknown>, file: string, origin: 'kenro' | 'sigma'): Rule {
  if (doc.action !== undefined) throw new UnsupportedFeature(`rule collection (action: ${String(doc.action)})`);
  if (doc.filter !== undefined && doc.detection === undefined) throw new UnsupportedFeature('Sigma filter rule (meta filter)');
  const base = meta(doc, file, origin);
  if (doc.correlation !== undefined) return compileCorrelation(doc, base);
  return compileDetection(doc, base);
}

/** Load every rule of one YAML file (multi-document files allowed). */
export function loadRuleText(text: string, file: string, origin: 'kenro' | 'sigma'): { rules: Rule[]; issues: RuleIssue[] } {
  const rules: Rule[] = [];
  const issues: RuleIssue[] = [];
  let docs;
  try {
    docs = parseAllDocuments(text);
  } catch (err) {
    return { rules, issues: [{ file, kind: 'invalid', message: `YAML: ${(err as Error).message}` }] };
  }
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    if (d.errors.length) {
      issues.push({ file, kind: 'invalid', message: `YAML: ${d.errors[0]?.message ?? 'error'}` });
      continue;
    }
    const doc = d.toJS() as unknown;
    if (doc === null || doc === undefined) continue;
    if (typeof doc !== 'object' || Array.isArray(doc)) {
      issues.push({ file, kind: 'invalid', message: 'a rule must be a YAML map' });
      continue;
    }
    const o = doc as Record<string, unknown>;
    const who = { ...(o.title !== undefined ? { title: String(o.title) } : {}), ...(o.id !== undefined ? { id: String(o.id) } : {}) };
    try {
      rules.push(compileRuleDoc(o, file, origin));
    } catch (err) {
      if (err instanceof UnsupportedFeature) issues.push({ file, ...who, kind: 'unsupported', feature: err.feature, message: err.message });
      else if (err instanceof InvalidRule) issues.push({ file, ...who, kind: 'invalid', message: err.message });
      else throw err;
    }
  }
  return { rules, issues };
}

export function loadRuleFile(file: string, origin: 'kenro' | 'sigma'): { rules: Rule[]; issues: RuleIssue[] } {
  return loadRuleText(readFileSync(file, 'utf8'), file, origin);
}
