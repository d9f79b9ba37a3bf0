/**
 * Condition operators. Each (operator, key) pair compiles once into a ConditionCheck whose test
 * takes the request values of the key. Semantics (IAM User Guide, "Condition operators" and
 * "Multivalued context keys"):
 * - several values for one key are OR-ed; a negated operator is true when no value matches;
 * - a missing key makes a positive operator false and a negated one true; `...IfExists` makes it
 *   true; `Null` tests presence;
 * - ForAllValues: true when the key is missing or empty, else every request value must match;
 *   ForAnyValue: false when missing or empty, else at least one must match;
 * - policy variables in String and Arn operators are resolved against the request; an unresolved
 *   variable without default makes the condition false.
 */
import type { ConditionCheck, ConditionTest, RequestContext, ValueTemplate } from '../types.js';
import { parseTemplate, resolveTemplate } from '../variables.js';
import { compileMatcher, decodeLiteral } from '../wildcard.js';
import { cidrContains, parseCidr, type Cidr } from './ip.js';

export const STRING_OPS = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'];
export const NUMERIC_OPS = ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'];
export const DATE_OPS = ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'];
export const ARN_OPS = ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'];
export const OTHER_OPS = ['Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress', 'Null'];
export const ALL_BASE_OPS = new Set([...STRING_OPS, ...NUMERIC_OPS, ...DATE_OPS, ...ARN_OPS, ...OTHER_OPS]);

const NEGATED = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'NumericNotEquals', 'DateNotEquals', 'ArnNotEquals', 'ArnNotLike', 'NotIpAddress']);

export interface ParsedOperator {
  base: string;
  qualifier: 'none' | 'any' | 'all';
  ifExists: boolean;
  negated: boolean;
}

export function parseOperator(op: string): ParsedOperator | undefined {
  let rest = op;
  let qualifier: ParsedOperator['qualifier'] = 'none';
  const ci = rest.toLowerCase();
  if (ci.startsWith('forallvalues:')) {
    qualifier = 'all';
    rest = rest.slice(13);
  } else if (ci.startsWith('foranyvalue:')) {
    qualifier = 'any';
    rest = rest.slice(12);
  }
  let ifExists = false;
  if (rest.endsWith('IfExists') && rest !== 'Null') {
    ifExists = true;
    rest = rest.slice(0, -8);
  }
  if (!ALL_BASE_OPS.has(rest) || (rest === 'Null' && ifExists)) return undefined;
  return { base: rest, qualifier, ifExists, negated: NEGATED.has(rest) };
}

export class ConditionValueError extends Error {}

type ValueTest = (v: string, ctx: RequestContext) => boolean | undefined; // undefined: unresolved variable

function parseNumber(s: string): number | undefined {
  if (!/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s)) return undefined;
  return Number(s);
}

export function parseDate(s: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(s.trim())) return Number(s) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(s.trim())) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

function positiveTest(base: string, values: string[], variables: boolean): ValueTest {
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals':
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase': {
      const ci = base.includes('IgnoreCase');
      const ts = values.map((v) => parseTemplate(v, variables));
      if (ts.every((t) => t.encoded !== undefined)) {
        const set = new Set(ts.map((t) => norm(decodeLiteral(t.encoded as string), ci)));
        return (v) => set.has(norm(v, ci));
      }
      return (v, ctx) => templatesAny(ts, ctx, (enc) => norm(decodeLiteral(enc), ci) === norm(v, ci));
    }
    case 'StringLike':
    case 'StringNotLike': {
      const ts = values.map((v) => parseTemplate(v, variables));
      if (ts.every((t) => t.encoded !== undefined)) {
        const ms = ts.map((t) => compileMatcher(t.encoded as string, 'plain'));
        return (v) => ms.some((m) => m(v));
      }
      return (v, ctx) => templatesAny(ts, ctx, (enc) => compileMatcher(enc, 'plain')(v));
    }
    case 'ArnEquals':
    case 'ArnLike':
    case 'ArnNotEquals':
    case 'ArnNotLike': {
      const ts = values.map((v) => parseTemplate(v, variables));
      const arnOk = (v: string) => v.startsWith('arn:') && v.split(':').length >= 6;
      if (ts.every((t) => t.encoded !== undefined)) {
        const ms = ts.map((t) => compileMatcher(t.encoded as string, 'arn-cond'));
        return (v) => arnOk(v) && ms.some((m) => m(v));
      }
      return (v, ctx) => (arnOk(v) ? templatesAny(ts, ctx, (enc) => compileMatcher(enc, 'arn-cond')(v)) : false);
    }
    case 'NumericEquals':
    case 'NumericNotEquals':
    case 'NumericLessThan':
    case 'NumericLessThanEquals':
    case 'NumericGreaterThan':
    case 'NumericGreaterThanEquals': {
      const ns = values.map((v) => {
        const n = parseNumber(v);
        if (n === undefined) throw new ConditionValueError(`"${v}" is not a number`);
        return n;
      });
      const cmp = comparator(base.slice(7));
      return (v) => {
        const n = parseNumber(v);
        return n !== undefined && ns.some((p) => cmp(n, p));
      };
    }
    case 'DateEquals':
    case 'DateNotEquals':
    case 'DateLessThan':
    case 'DateLessThanEquals':
    case 'DateGreaterThan':
    case 'DateGreaterThanEquals': {
      const ds = values.map((v) => {
        const d = parseDate(v);
        if (d === undefined) throw new ConditionValueError(`"${v}" is not a date (ISO 8601 or epoch seconds)`);
        return d;
      });
      const cmp = comparator(base.slice(4));
      return (v) => {
        const d = parseDate(v);
        return d !== undefined && ds.some((p) => cmp(d, p));
      };
    }
    case 'Bool': {
      const bs: string[] = values.map((v) => {
        const l = v.toLowerCase();
        if (l !== 'true' && l !== 'false') throw new ConditionValueError(`"${v}" is not true or false`);
        return l;
      });
      return (v) => bs.includes(v.toLowerCase());
    }
    case 'BinaryEquals': {
      const set = new Set(values);
      return (v) => set.has(v);
    }
    case 'IpAddress':
    case 'NotIpAddress': {
      const cs: Cidr[] = values.map((v) => {
        const c = parseCidr(v);
        if (!c) throw new ConditionValueError(`"${v}" is not an IPv4 or IPv6 address or CIDR`);
        return c;
      });
      return (v) => {
        const ip = parseCidr(v);
        return ip !== undefined && cs.some((c) => cidrContains(c, ip));
      };
    }
    default:
      throw new ConditionValueError(`unsupported operator ${base}`);
  }
}

function norm(s: string, ci: boolean): string {
  return ci ? s.toLowerCase() : s;
}

function templatesAny(ts: ValueTemplate[], ctx: RequestContext, f: (enc: string) => boolean): boolean | undefined {
  let unresolved = false;
  for (const t of ts) {
    const enc = resolveTemplate(t, ctx);
    if (enc === undefined) unresolved = true;
    else if (f(enc)) return true;
  }
  return unresolved ? undefined : false;
}

function comparator(name: string): (a: number, b: number) => boolean {
  switch (name) {
    case 'Equals':
      return (a, b) => a === b;
    case 'NotEquals':
      return (a, b) => a === b; // negation applied by the caller
    case 'LessThan':
      return (a, b) => a < b;
    case 'LessThanEquals':
      return (a, b) => a <= b;
    case 'GreaterThan':
      return (a, b) => a > b;
    default:
      return (a, b) => a >= b;
  }
}

/** Compile one operator/key pair. Throws ConditionValueError for values of the wrong type. */
export function compileCondition(operator: string, key: string, rawValues: unknown, variables: boolean): ConditionCheck {
  const op = parseOperator(operator);
  if (!op) throw new ConditionValueError(`unknown condition operator ${operator}`);
  const list = Array.isArray(rawValues) ? rawValues : [rawValues];
  const values = list.map((v) => {
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw new ConditionValueError(`condition value ${JSON.stringify(v)} must be a string, number or boolean`);
  });
  let test: ConditionTest;
  if (op.base === 'Null') {
    const wants = values.map((v) => {
      const l = v.toLowerCase();
      if (l !== 'true' && l !== 'false') throw new ConditionValueError(`Null takes true or false, not "${v}"`);
      return l === 'true';
    });
    test = (vals) => {
      const absent = !vals || vals.length === 0;
      return wants.some((w) => w === absent);
    };
  } else {
    const pos = positiveTest(op.base, values, variables);
    const negated = op.negated;
    const ifExists = op.ifExists;
    // per request value: does it "match" the operator (negation applied per value for set operators)
    if (op.qualifier === 'all') {
      test = (vals, ctx) => {
        if (!vals || vals.length === 0) return true;
        for (const v of vals) {
          const r = pos(v, ctx);
          if (r === undefined) return false;
          if (negated ? r : !r) return false;
        }
        return true;
      };
    } else if (op.qualifier === 'any') {
      test = (vals, ctx) => {
        if (!vals || vals.length === 0) return ifExists;
        for (const v of vals) {
          const r = pos(v, ctx);
          if (r === undefined) return false;
          if (negated ? !r : r) return true;
        }
        return false;
      };
    } else {
      test = (vals, ctx) => {
        if (!vals || vals.length === 0) return ifExists || negated;
        let any = false;
        for (const v of vals) {
          const r = pos(v, ctx);
          if (r === undefined) return false;
          if (r) {
            any = true;
            break;
          }
        }
        return negated ? !any : any;
      };
    }
  }
  return {
    operator,
    base: op.base,
    key,
    keyLower: key.toLowerCase(),
    qualifier: op.qualifier,
    ifExists: op.ifExists,
    negated: op.negated,
    values,
    test,
  };
}

export function evaluateConditions(checks: ConditionCheck[], ctx: RequestContext): ConditionCheck | undefined {
  for (const c of checks) if (!c.test(ctx.get(c.keyLower), ctx)) return c;
  return undefined;
}
