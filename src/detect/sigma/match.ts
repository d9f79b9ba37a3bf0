import type { CloudTrailEvent } from '../types.js';
import { compileGetter, type FieldGetter } from '../fields.js';
import { compileCidrs } from './cidr.js';
import { InvalidRule, UnsupportedFeature } from './errors.js';

export type Matcher = (e: CloudTrailEvent) => boolean;

/** Result of compiling part of a detection: the predicate plus what the rule index can learn from it. */
export interface Compiled {
  match: Matcher;
  /** Lower-cased eventName values one of which the event must have; undefined = no constraint. */
  eventNames?: Set<string>;
}

const KNOWN_MODIFIERS = new Set([
  'contains', 'startswith', 'endswith', 'all', 're', 'i', 'm', 's', 'cidr', 'exists', 'fieldref',
  'base64', 'base64offset', 'gt', 'gte', 'lt', 'lte', 'cased',
]);
const NAMED_UNSUPPORTED: Record<string, string> = {
  windash: 'windash modifier (Windows command-line dashes; not meaningful for CloudTrail)',
  utf16le: 'utf16le modifier (Windows encodings; not meaningful for CloudTrail)',
  utf16be: 'utf16be modifier (Windows encodings; not meaningful for CloudTrail)',
  utf16: 'utf16 modifier (Windows encodings; not meaningful for CloudTrail)',
  wide: 'wide modifier (Windows encodings; not meaningful for CloudTrail)',
  expand: 'expand modifier (placeholders need a configuration kenro does not have)',
  minute: 'time-part modifier', hour: 'time-part modifier', day: 'time-part modifier',
  week: 'time-part modifier', month: 'time-part modifier', year: 'time-part modifier',
};

/** Known top-level CloudTrail fields: a plain value equal to such a path is almost surely a field reference. */
const CLOUDTRAIL_ROOTS = new Set([
  'userIdentity', 'requestParameters', 'responseElements', 'additionalEventData', 'serviceEventDetails',
  'tlsDetails', 'resources', 'eventName', 'eventSource', 'sourceIPAddress', 'awsRegion', 'userAgent',
  'recipientAccountId', 'errorCode', 'errorMessage', 'eventType',
]);

export interface FieldCompileContext {
  /** Load-time notes for the rule (not errors): e.g. a value read as a field reference. */
  warn(msg: string): void;
}

/** Sigma wildcard string -> regex source (no anchors) or undefined when it has no wildcard. */
export function wildcardSource(p: string): { re: string; hasWildcard: boolean; literal: string } {
  let re = '';
  let literal = '';
  let hasWildcard = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as string;
    if (c === '\\' && i + 1 < p.length && '*?\\'.includes(p[i + 1] as string)) {
      const n = p[++i] as string;
      re += escapeRe(n);
      literal += n;
    } else if (c === '*') {
      re += '[\\s\\S]*';
      hasWildcard = true;
    } else if (c === '?') {
      re += '[\\s\\S]';
      hasWildcard = true;
    } else {
      re += escapeRe(c);
      literal += c;
    }
  }
  return { re, hasWildcard, literal };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Base64 of a UTF-8 string. */
function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

/** The three encodings of `value` at byte offsets 0..2, trimmed as pySigma's base64offset does. */
export function base64Offsets(value: string): string[] {
  const startOffsets = [0, 2, 3];
  const endOffsets = [0, -3, -2];
  const len = Buffer.byteLength(value, 'utf8');
  const out: string[] = [];
  for (let i = 0; i < 3; i++) {
    const enc = b64(' '.repeat(i) + value);
    const end = endOffsets[(len + i) % 3] as number;
    out.push(enc.slice(startOffsets[i], end === 0 ? undefined : end));
  }
  return out;
}

/** Test a string predicate against an event value of any JSON type (arrays: any element). */
function anyValue(v: unknown, test: (s: string) => boolean): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return test(v);
  if (typeof v === 'number' || typeof v === 'boolean') return test(String(v));
  if (Array.isArray(v)) {
    for (const x of v) if (anyValue(x, test)) return true;
    return false;
  }
  return test(JSON.stringify(v));
}

function numbersOf(v: unknown, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) out.push(Number(v));
  else if (Array.isArray(v)) for (const x of v) numbersOf(x, out);
  return out;
}

function isNullish(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
}

/**
 * Compile one `field|mod|mod: value(s)` entry of a selection map.
 * Values in a list are ORed, or ANDed with `|all`. Strings match case-insensitively unless `|cased`
 * (or `|re` without `|i`, or base64 forms, which are case-sensitive).
 */
export function compileField(spec: string, raw: unknown, ctx: FieldCompileContext): Compiled {
  const [field, ...mods] = spec.split('|') as [string, ...string[]];
  for (const m of mods) {
    if (NAMED_UNSUPPORTED[m]) throw new UnsupportedFeature(NAMED_UNSUPPORTED[m] as string, `|${m} on ${field || 'keywords'}`);
    if (!KNOWN_MODIFIERS.has(m)) throw new UnsupportedFeature(`modifier |${m}`, `unknown to kenro (on ${field || 'keywords'})`);
  }
  const has = (m: string) => mods.includes(m);
  const values: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (field === '') return compileKeywords(values, mods);
  const get = compileGetter(field);

  if (has('exists')) {
    if (values.length !== 1 || typeof values[0] !== 'boolean') throw new InvalidRule(`${spec}: |exists needs true or false`);
    const want = values[0];
    return { match: (e) => !isNullish(get(e)) === want };
  }

  if (has('fieldref')) return compileFieldref(field, get, values, mods);

  if (has('cidr')) {
    let test: (ip: string) => boolean;
    try {
      test = compileCidrs(values.map(String));
    } catch (err) {
      throw new InvalidRule(`${spec}: ${(err as Error).message}`);
    }
    return { match: (e) => anyValue(get(e), test) };
  }

  for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
    if (!has(op)) continue;
    const n = Number(values[0]);
    if (values.length !== 1 || Number.isNaN(n)) throw new InvalidRule(`${spec}: |${op} needs one number`);
    const cmp =
      op === 'gt' ? (x: number) => x > n : op === 'gte' ? (x: number) => x >= n : op === 'lt' ? (x: number) => x < n : (x: number) => x <= n;
    return { match: (e) => numbersOf(get(e)).some(cmp) };
  }

  if (has('re')) {
    let flags = '';
    if (has('i')) flags += 'i';
    if (has('m')) flags += 'm';
    if (has('s')) flags += 's';
    const regs = values.map((v) => {
      const src = simplifyRegex(String(v));
      try {
        return new RegExp(src, flags);
      } catch (err) {
        throw new UnsupportedFeature('regular expression syntax', `${src}: ${(err as Error).message}`);
      }
    });
    if (has('all')) return { match: (e) => { const v = get(e); return regs.every((r) => anyValue(v, (s) => r.test(s))); } };
    return { match: (e) => { const v = get(e); return regs.some((r) => anyValue(v, (s) => r.test(s))); } };
  }

  // Plain values, possibly with contains/startswith/endswith/base64/base64offset/all/cased.
  const cased = has('cased');
  const contains = has('contains');
  const starts = has('startswith');
  const ends = has('endswith');
  if (has('base64offset') && !contains) throw new UnsupportedFeature('base64offset without contains', spec);

  const wantNull = values.some((v) => v === null);
  const patterns: Array<{ src: string; exact?: string; ci: boolean }> = [];
  for (const v of values) {
    if (v === null) continue;
    if (typeof v === 'object') throw new InvalidRule(`${spec}: nested value ${JSON.stringify(v)}`);
    let s = String(v);
    // Quirk: a bare CloudTrail path written where a |fieldref was meant (aws_iam_backdoor_users_keys).
    if (typeof v === 'string' && /^[A-Za-z]+(\.[A-Za-z0-9_]+)+$/.test(s) && CLOUDTRAIL_ROOTS.has(s.split('.')[0] as string) && mods.every((m) => m === 'contains' || m === 'startswith' || m === 'endswith')) {
      ctx.warn(`value '${s}' of ${spec} is read as a field reference (|fieldref), as the rule evidently intends`);
      return compileFieldref(field, get, [s], mods);
    }
    let encs: string[] = [s];
    let ci = !cased;
    if (has('base64offset')) {
      encs = base64Offsets(s);
      ci = false;
    } else if (has('base64')) {
      encs = [b64(s)];
      ci = false;
    }
    for (s of encs) {
      const w = has('base64') || has('base64offset') ? { re: escapeRe(s), hasWildcard: false, literal: s } : wildcardSource(s);
      const pre = contains || ends ? '' : '^';
      const post = contains || starts ? '' : '$';
      if (!w.hasWildcard && !contains && !starts && !ends) patterns.push({ src: `^${w.re}$`, exact: w.literal, ci });
      else patterns.push({ src: `${pre}${w.re}${post}`, ci });
    }
  }

  if (has('all')) {
    const tests = patterns.map((p) => stringTest([p]));
    const m: Matcher = (e) => {
      const v = get(e);
      for (const t of tests) if (!anyValue(v, t)) return false;
      return true;
    };
    return { match: wantNull ? (e) => isNullish(get(e)) || m(e) : m };
  }

  const test = patterns.length ? stringTest(patterns) : undefined;
  let match: Matcher;
  if (!test) match = (e) => isNullish(get(e));
  else if (wantNull) match = (e) => { const v = get(e); return isNullish(v) || anyValue(v, test); };
  else match = (e) => { const v = get(e); return typeof v === 'string' ? test(v) : anyValue(v, test); };

  let eventNames: Set<string> | undefined;
  if (field === 'eventName' && !wantNull && patterns.length && patterns.every((p) => p.exact !== undefined && p.ci)) {
    eventNames = new Set(patterns.map((p) => (p.exact as string).toLowerCase()));
  }
  return eventNames ? { match, eventNames } : { match };
}

/** One fast string test for a list of ORed patterns: a Set for exact values, one regex for the rest. */
function stringTest(patterns: Array<{ src: string; exact?: string; ci: boolean }>): (s: string) => boolean {
  const exactCi = patterns.filter((p) => p.exact !== undefined && p.ci).map((p) => (p.exact as string).toLowerCase());
  const exactCs = patterns.filter((p) => p.exact !== undefined && !p.ci).map((p) => p.exact as string);
  const reCi = patterns.filter((p) => p.exact === undefined && p.ci).map((p) => p.src);
  const reCs = patterns.filter((p) => p.exact === undefined && !p.ci).map((p) => p.src);
  const tests: Array<(s: string) => boolean> = [];
  if (exactCi.length === 1) {
    const x = exactCi[0] as string;
    const len = x.length;
    tests.push((s) => s.length === len && (s === x || s.toLowerCase() === x));
  } else if (exactCi.length) {
    const set = new Set(exactCi);
    const lens = new Set(exactCi.map((x) => x.length));
    tests.push((s) => lens.has(s.length) && (set.has(s) || set.has(s.toLowerCase())));
  }
  if (exactCs.length) {
    const set = new Set(exactCs);
    tests.push((s) => set.has(s));
  }
  if (reCi.length) {
    const r = new RegExp(reCi.map((x) => `(?:${x})`).join('|'), 'is');
    tests.push((s) => r.test(s));
  }
  if (reCs.length) {
    const r = new RegExp(reCs.map((x) => `(?:${x})`).join('|'), 's');
    tests.push((s) => r.test(s));
  }
  if (tests.length === 1) return tests[0] as (s: string) => boolean;
  return (s) => {
    for (const t of tests) if (t(s)) return true;
    return false;
  };
}

function compileFieldref(field: string, get: FieldGetter, values: unknown[], mods: string[]): Compiled {
  const others = values.map((v) => compileGetter(String(v)));
  const mode = mods.includes('contains') ? 'contains' : mods.includes('startswith') ? 'startswith' : mods.includes('endswith') ? 'endswith' : 'eq';
  const cased = mods.includes('cased');
  const norm = (v: unknown): string[] => {
    const out: string[] = [];
    const add = (x: unknown) => {
      if (x === undefined || x === null) return;
      if (Array.isArray(x)) x.forEach(add);
      else out.push(cased ? String(typeof x === 'object' ? JSON.stringify(x) : x) : String(typeof x === 'object' ? JSON.stringify(x) : x).toLowerCase());
    };
    add(v);
    return out;
  };
  const cmp = (a: string, b: string) =>
    mode === 'eq' ? a === b : mode === 'contains' ? a.includes(b) : mode === 'startswith' ? a.startsWith(b) : a.endsWith(b);
  const all = mods.includes('all');
  void field;
  return {
    match: (e) => {
      const as = norm(get(e));
      if (!as.length) return false;
      const check = (g: FieldGetter) => {
        const bs = norm(g(e));
        return bs.some((b) => as.some((a) => cmp(a, b)));
      };
      return all ? others.every(check) : others.some(check);
    },
  };
}

/** Keyword search: any string value anywhere in the event contains the keyword (wildcards allowed). */
function compileKeywords(values: unknown[], mods: string[]): Compiled {
  for (const m of mods) if (m !== 'all' && m !== 'contains' && m !== 'cased') throw new UnsupportedFeature(`modifier |${m} on keywords`);
  const ci = !mods.includes('cased');
  const tests = values.map((v) => {
    const w = wildcardSource(String(v));
    const r = new RegExp(w.re, ci ? 'is' : 's');
    return (s: string) => r.test(s);
  });
  const walkAny = (v: unknown, t: (s: string) => boolean): boolean => {
    if (v === null || v === undefined) return false;
    if (typeof v === 'string') return t(v);
    if (typeof v === 'number' || typeof v === 'boolean') return t(String(v));
    if (Array.isArray(v)) return v.some((x) => walkAny(x, t));
    if (typeof v === 'object') return Object.values(v as object).some((x) => walkAny(x, t));
    return false;
  };
  if (mods.includes('all')) return { match: (e) => tests.every((t) => walkAny(e, t)) };
  return { match: (e) => tests.some((t) => walkAny(e, t)) };
}

/**
 * Drop the leading / trailing `.*` and shorten `.+` to `.` at the ends of an unanchored pattern without
 * alternation: `test()` gives the same answer, without the quadratic backtracking V8 does on a leading `.+`
 * (SigmaHQ writes `'.+:assumed-role/aws:.+'`).
 */
export function simplifyRegex(src: string): string {
  if (src.includes('|') || src.startsWith('^') || src.endsWith('$')) return src;
  let s = src;
  if (s.startsWith('.*') && !/^\.\*[?+*{]/.test(s)) s = s.slice(2);
  else if (s.startsWith('.+') && !/^\.\+[?+*{]/.test(s)) s = `.${s.slice(2)}`;
  const tail = /(?<!\\)\.([*+])$/.exec(s);
  if (tail && !/(?<!\\)\.[*+][*+?]$/.test(s)) s = tail[1] === '*' ? s.slice(0, -2) : s.slice(0, -1);
  return s === '' ? src : s;
}
