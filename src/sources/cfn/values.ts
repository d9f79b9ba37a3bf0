/**
 * The values a resolved template property can take: plain JSON, plus three markers.
 * - `Unknown`: cannot be determined statically (a parameter without a value, Fn::ImportValue, an
 *   undecidable condition...). It carries the expression and its line, for the ERROR message.
 * - `ResRef`: a reference to another resource of the same template (Ref / Fn::GetAtt). It keeps
 *   the logical id (so a bucket policy attaches to its bucket) and a stand-in physical text used
 *   wherever a string is needed (a synthetic name or ARN: always specific, never a wildcard).
 * - `NO_VALUE`: AWS::NoValue, which removes the property or list item.
 */
import type { Pos } from './yaml.js';

export class Unknown {
  constructor(
    readonly expr: string,
    readonly pos: Pos,
    readonly reason: string,
  ) {}
  describe(): string {
    return `${this.expr} (line ${this.pos.line}): ${this.reason}`;
  }
}

export class ResRef {
  constructor(
    readonly logicalId: string,
    readonly attr: string | undefined,
    readonly text: string,
  ) {}
}

export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

export type Value =
  | string
  | number
  | boolean
  | null
  | Unknown
  | ResRef
  | typeof NO_VALUE
  | Value[]
  | { [key: string]: Value };

export type Obj = { [key: string]: Value };

export function isObj(v: Value | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof ResRef);
}

/** The first Unknown inside a value (deep), if any. */
export function findUnknown(v: Value | undefined): Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (Array.isArray(v)) {
    for (const i of v) {
      const u = findUnknown(i);
      if (u) return u;
    }
  } else if (isObj(v)) {
    for (const k of Object.keys(v)) {
      const u = findUnknown(v[k]);
      if (u) return u;
    }
  }
  return undefined;
}

/** Plain JSON: ResRef becomes its stand-in text; Unknown becomes `${expr}` (callers check findUnknown first). */
export function toJson(v: Value): unknown {
  if (v instanceof ResRef) return v.text;
  if (v instanceof Unknown) return '${' + v.expr + '}';
  if (v === NO_VALUE) return undefined;
  if (Array.isArray(v)) return v.filter((x) => x !== NO_VALUE).map(toJson);
  if (isObj(v)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) if (v[k] !== NO_VALUE) o[k] = toJson(v[k]!);
    return o;
  }
  return v;
}

/** A string when the value is a string, number or resource reference. */
export function asText(v: Value | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof ResRef) return v.text;
  return undefined;
}
