/**
 * Reading one template resource's properties for the inventory: resolved values, CloudFormation
 * defaults, and the location of every model field (the property's key, or — when the property is
 * missing — the resource's `Properties:` line, else its logical id line, as KICS points).
 * A value that cannot be resolved is recorded against the model field it feeds (`unresolved`), so
 * the scan can turn a PASS that relied on it into an ERROR naming the expression.
 */
import { notCollected, ok, type Collected } from '../../model/collected.js';
import type { PolicyDocument, ResourceOrigin } from '../../model/inventory.js';
import { intrinsicName, type Resolver } from './resolve.js';
import type { TemplateResource } from './template.js';
import { NO_VALUE, ResRef, Unknown, asText, findUnknown, isObj, toJson, type Value } from './values.js';
import { entry, type CfnNode, type Pos } from './yaml.js';

export type Path = string | readonly (string | number)[];

function parts(p: Path): (string | number)[] {
  return typeof p === 'string' ? p.split('.') : [...p];
}

export class Res {
  readonly origin: ResourceOrigin;
  /** model field -> why its value is not known. */
  readonly unresolved = new Map<string, Unknown>();
  private readonly cache = new Map<string, Value>();

  constructor(
    readonly r: Resolver,
    readonly tr: TemplateResource,
  ) {
    this.origin = { file: r.template.file, logicalId: tr.logicalId, line: tr.pos.line, column: tr.pos.column, fields: {} };
  }

  get logicalId(): string {
    return this.tr.logicalId;
  }

  /** Where a property is; its deepest present ancestor, or Properties/logical id when absent. */
  locate(path: Path): Pos {
    let node: CfnNode | undefined = this.tr.properties;
    let at: Pos = this.tr.propertiesPos ?? this.tr.pos;
    for (const k of parts(path)) {
      if (!node) break;
      if (typeof k === 'number') {
        node = node.kind === 'seq' ? node.items[k] : undefined;
        if (node) at = node.pos;
        continue;
      }
      const e = entry(node, k);
      if (!e) break;
      at = e.keyPos;
      node = e.value;
    }
    return at;
  }

  /** Records a model field's location (first writer wins). */
  mark(field: string, path: Path): void {
    const f = this.origin.fields!;
    if (!f[field]) f[field] = this.locate(path);
  }

  markPos(field: string, pos: Pos): void {
    this.origin.fields![field] ??= pos;
  }

  /** Resolved value at a property path; undefined when absent (or AWS::NoValue). */
  get(path: Path): Value | undefined {
    const ps = parts(path);
    const top = String(ps[0]);
    let v: Value | undefined;
    if (this.cache.has(top)) v = this.cache.get(top);
    else if (this.tr.properties && intrinsicName(this.tr.properties)) {
      // `Properties: !If [...]`: resolve the whole mapping, then pick the property.
      const all = this.r.resolve(this.tr.properties);
      v = all instanceof Unknown ? all : isObj(all) ? all[top] : undefined;
      this.cache.set(top, v as Value);
    } else {
      const e = entry(this.tr.properties, top);
      v = e ? this.r.resolve(e.value) : undefined;
      this.cache.set(top, v as Value);
    }
    for (const k of ps.slice(1)) {
      if (v === undefined || v === null || v === NO_VALUE) return undefined;
      if (v instanceof Unknown) return v;
      if (typeof k === 'number') v = Array.isArray(v) ? v[k] : undefined;
      else v = isObj(v) ? v[k] : undefined;
    }
    return v === NO_VALUE || v === null ? undefined : v;
  }

  /** Raw template node of a top-level property (for static checks). */
  node(prop: string): CfnNode | undefined {
    return entry(this.tr.properties, prop)?.value;
  }

  unknown(field: string, u: Unknown): void {
    if (!this.unresolved.has(field)) this.unresolved.set(field, u);
  }

  /** Records an unresolved field from a message (e.g. an unresolved policy document). */
  unknownAt(field: string, path: Path, message: string): void {
    this.unknown(field, new Unknown(String(typeof path === 'string' ? path : path.join('.')), this.locate(path), message));
  }

  str(path: Path, field?: string): string | undefined {
    const v = this.get(path);
    if (field) this.mark(field, path);
    if (v === undefined) return undefined;
    const t = asText(v);
    if (t !== undefined) return t;
    if (field) this.unknown(field, findUnknown(v) ?? new Unknown(String(path), this.locate(path), 'not a string'));
    return undefined;
  }

  /** The logical id when the value is a Ref/GetAtt to a template resource. */
  refId(path: Path): string | undefined {
    const v = this.get(path);
    return v instanceof ResRef ? v.logicalId : undefined;
  }

  /** A boolean; `dflt` (CloudFormation's documented default) when absent or unresolved. */
  bool(path: Path, field: string, dflt: boolean): boolean {
    const v = this.get(path);
    this.mark(field, path);
    if (v === undefined) return dflt;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
    this.unknown(field, findUnknown(v) ?? new Unknown(String(path), this.locate(path), `'${String(toJson(v))}' is not a boolean`));
    return dflt;
  }

  num(path: Path, field: string): number | undefined {
    const v = this.get(path);
    this.mark(field, path);
    if (v === undefined) return undefined;
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isNaN(n)) return n;
    this.unknown(field, findUnknown(v) ?? new Unknown(String(path), this.locate(path), 'not a number'));
    return undefined;
  }

  /** A list (absent => []); unknown => [] and the field is recorded as unresolved. */
  list(path: Path, field?: string): Value[] {
    const v = this.get(path);
    if (field) this.mark(field, path);
    if (v === undefined) return [];
    if (Array.isArray(v)) return v;
    if (field) this.unknown(field, findUnknown(v) ?? new Unknown(String(path), this.locate(path), 'not a list'));
    return [];
  }

  strList(path: Path, field?: string): string[] {
    const out: string[] = [];
    for (const i of this.list(path, field)) {
      const t = asText(i);
      if (t !== undefined) out.push(t);
      else if (field) this.unknown(field, findUnknown(i) ?? new Unknown(String(path), this.locate(path), 'not a string'));
    }
    return out;
  }

  /** A policy document property as a Collected: unresolved when any part of it is unknown. */
  policy(path: Path, field: string): Collected<PolicyDocument | null> {
    const v = this.get(path);
    this.mark(field, path);
    return policyValue(v, () => this.locate(path));
  }
}

/** A policy document value (object or JSON string) as a Collected. */
export function policyValue(v: Value | undefined, where: () => Pos): Collected<PolicyDocument | null> {
  if (v === undefined) return ok(null);
  const u = findUnknown(v);
  if (u) return notCollected('unresolved', { code: 'Unresolved', message: u.describe() });
  let doc = toJson(v);
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      const p = where();
      return notCollected('unresolved', { code: 'InvalidPolicy', message: `the policy document at line ${p.line} is not JSON` });
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    const p = where();
    return notCollected('unresolved', { code: 'InvalidPolicy', message: `the policy document at line ${p.line} is not an object` });
  }
  return ok(doc as PolicyDocument);
}

/** Collected for what a template cannot say (account settings, runtime state). */
export function notInTemplate<T>(what: string): Collected<T> {
  return notCollected('not_available', { code: 'NotInTemplate', message: `${what}: not described by a template` });
}
