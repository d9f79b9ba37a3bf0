/**
 * Resolves intrinsic functions in template values, following the CloudFormation intrinsic
 * function reference: Ref (parameters, pseudo parameters, resources), Fn::Sub, Fn::Join,
 * Fn::Select, Fn::Split, Fn::FindInMap, Fn::If (with Conditions), Fn::Base64, Fn::GetAtt,
 * Fn::ImportValue, Fn::GetAZs, Fn::Cidr, condition functions. What cannot be determined becomes
 * an `Unknown` naming the expression and its line; references to resources become `ResRef`.
 *
 * Conditions: `Fn::Equals` over known values is decided. An `Fn::Equals` over an unknown value is
 * an "atom" whose truth is taken from `assignment` (one "world"); the caller enumerates worlds so
 * a check fails if it fails in any world. Without an assignment an undecidable Fn::If yields an
 * Unknown.
 */
import { TemplateError, child, toPlain, type CfnMap, type CfnNode, type Pos } from './yaml.js';
import type { Template } from './template.js';
import { NO_VALUE, ResRef, Unknown, asText, findUnknown, toJson, type Value } from './values.js';
import { attrText, refText, syntheticName, typeInfo, type Pseudo } from './physical.js';

export const KNOWN_FUNCTIONS = new Set([
  'Ref',
  'Condition',
  'Fn::GetAtt',
  'Fn::Sub',
  'Fn::Join',
  'Fn::If',
  'Fn::Select',
  'Fn::FindInMap',
  'Fn::ImportValue',
  'Fn::Base64',
  'Fn::Split',
  'Fn::GetAZs',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Fn::Cidr',
  'Fn::Transform',
  'Fn::Length',
  'Fn::ToJsonString',
  'Fn::ForEach',
]);

/** The function name when a node is an intrinsic function call (a one-key map). */
export function intrinsicName(n: CfnNode): string | undefined {
  if (n.kind !== 'map' || n.entries.length !== 1) return undefined;
  const k = n.entries[0]!.key;
  // `Condition` is a condition reference only with a name; a property may be called Condition.
  if (k === 'Condition') return n.entries[0]!.value.kind === 'scalar' ? k : undefined;
  if (k === 'Ref' || k.startsWith('Fn::')) return k;
  return undefined;
}

export interface ParameterValue {
  value: Value;
  noEcho: boolean;
  /** Where the value came from. */
  source: 'default' | 'parameters-file' | 'none';
}

export class Resolver {
  readonly parameters = new Map<string, ParameterValue>();
  private readonly resources = new Map<string, Template['resources'][number]>();
  private readonly condCache = new Map<string, boolean | undefined>();
  private readonly condVisiting = new Set<string>();
  private readonly nameCache = new Map<string, string>();
  private readonly nameVisiting: string[] = [];
  /** Fn::Equals atoms over unknown values met while evaluating conditions (key -> description). */
  readonly atoms = new Map<string, string>();

  constructor(
    readonly template: Template,
    readonly pseudo: Pseudo,
    overrides: Record<string, string> = {},
    private readonly assignment: Map<string, boolean> = new Map(),
  ) {
    for (const r of template.resources) this.resources.set(r.logicalId, r);
    for (const [name, p] of template.parameters) {
      const listType = /^(List<|CommaDelimitedList)/.test(p.type);
      const fromFile = overrides[name];
      let value: Value;
      let source: ParameterValue['source'];
      if (p.type.startsWith('AWS::SSM::Parameter::Value<')) {
        // The default (or given value) is the name of an SSM parameter read at deployment.
        const nameNode = fromFile ?? (p.default ? String(toPlain(p.default)) : undefined);
        value = new Unknown(`Ref ${name}`, p.pos, `the value is read from SSM parameter ${nameNode ?? '(unnamed)'} at deployment`);
        source = fromFile !== undefined ? 'parameters-file' : p.default ? 'default' : 'none';
      } else if (fromFile !== undefined) {
        value = listType ? fromFile.split(',').map((s) => s.trim()) : fromFile;
        source = 'parameters-file';
      } else if (p.default !== undefined) {
        const d = toPlain(p.default);
        value = listType && typeof d === 'string' ? d.split(',').map((s) => s.trim()) : (d as Value);
        source = 'default';
      } else {
        value = new Unknown(`Ref ${name}`, p.pos, `parameter ${name} has no default and no value was given (--parameters)`);
        source = 'none';
      }
      this.parameters.set(name, { value, noEcho: p.noEcho, source });
    }
  }

  private err(pos: Pos, msg: string): TemplateError {
    return new TemplateError(this.template.file, pos.line, pos.column, msg);
  }

  // ------------------------------------------------------------ values

  resolve(n: CfnNode | undefined): Value {
    if (n === undefined) return null;
    switch (n.kind) {
      case 'scalar':
        return n.value;
      case 'seq': {
        const out: Value[] = [];
        for (const i of n.items) {
          const v = this.resolve(i);
          if (v !== NO_VALUE) out.push(v);
        }
        return out;
      }
      case 'map': {
        const fn = intrinsicName(n);
        // {Condition: name} is a condition reference only inside condition functions.
        if (fn && fn !== 'Condition') return this.call(fn, n.entries[0]!.value, n.entries[0]!.keyPos);
        for (const e of n.entries) {
          if (e.key.startsWith('Fn::') && !KNOWN_FUNCTIONS.has(e.key)) throw this.err(e.keyPos, `unknown intrinsic function ${e.key}`);
        }
        const o: { [k: string]: Value } = {};
        for (const e of n.entries) {
          const v = this.resolve(e.value);
          if (v !== NO_VALUE) o[e.key] = v;
        }
        return o;
      }
    }
  }

  private call(fn: string, arg: CfnNode, pos: Pos): Value {
    switch (fn) {
      case 'Ref':
        if (arg.kind !== 'scalar' || typeof arg.value !== 'string') throw this.err(pos, 'Ref takes the name of a parameter or resource');
        return this.ref(arg.value, pos);
      case 'Fn::GetAtt':
        return this.getAtt(arg, pos);
      case 'Fn::Sub':
        return this.sub(arg, pos);
      case 'Fn::Join':
        return this.join(arg, pos);
      case 'Fn::Select':
        return this.select(arg, pos);
      case 'Fn::Split':
        return this.split(arg, pos);
      case 'Fn::FindInMap':
        return this.findInMap(arg, pos);
      case 'Fn::If':
        return this.fnIf(arg, pos);
      case 'Fn::Base64': {
        // kenro inspects the text before encoding (user data, secrets), so the input is kept as is.
        return this.resolve(arg);
      }
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
      case 'Condition': {
        const b = this.condition({ kind: 'map', entries: [{ key: fn, keyPos: pos, value: arg }], pos });
        return b === undefined ? new Unknown(fn, pos, 'the condition cannot be decided') : b;
      }
      case 'Fn::ImportValue':
        return new Unknown(`Fn::ImportValue ${describeNode(arg)}`, pos, 'the value is exported by another stack');
      case 'Fn::GetAZs':
        return new Unknown('Fn::GetAZs', pos, 'availability zones are known only at deployment');
      case 'Fn::Cidr':
        return new Unknown('Fn::Cidr', pos, 'kenro does not compute Fn::Cidr');
      case 'Fn::Transform':
        return new Unknown('Fn::Transform', pos, 'the value is produced by a macro at deployment');
      case 'Fn::ForEach':
        return new Unknown('Fn::ForEach', pos, 'kenro does not expand Fn::ForEach');
      case 'Fn::Length': {
        const v = this.resolve(arg);
        if (Array.isArray(v)) return v.length;
        return findUnknown(v) ?? new Unknown('Fn::Length', pos, 'the argument is not a list');
      }
      case 'Fn::ToJsonString': {
        const v = this.resolve(arg);
        return findUnknown(v) ?? JSON.stringify(toJson(v));
      }
      default:
        throw this.err(pos, `unknown intrinsic function ${fn}`);
    }
  }

  ref(name: string, pos: Pos): Value {
    switch (name) {
      case 'AWS::AccountId':
        return this.pseudo.accountId;
      case 'AWS::Region':
        return this.pseudo.region;
      case 'AWS::Partition':
        return this.pseudo.partition;
      case 'AWS::StackName':
        return this.pseudo.stackName;
      case 'AWS::URLSuffix':
        return this.pseudo.urlSuffix;
      case 'AWS::StackId':
        return `arn:${this.pseudo.partition}:cloudformation:${this.pseudo.region}:${this.pseudo.accountId}:stack/${this.pseudo.stackName}/00000000-0000-0000-0000-000000000000`;
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::NotificationARNs':
        return new Unknown('Ref AWS::NotificationARNs', pos, 'known only at deployment');
    }
    const p = this.parameters.get(name);
    if (p) return p.value;
    const r = this.resources.get(name);
    if (r) return new ResRef(name, undefined, refText(r.type, this.idName(name), this.pseudo));
    return new Unknown(`Ref ${name}`, pos, `no parameter or resource named ${name} in the template`);
  }

  /**
   * What stand-in ids and ARNs are built from: the physical name for types that have a name
   * property, else the logical id (`vpc-<logicalId>`, `sg-<logicalId>`, KMS key id...), the
   * same ids the inventory mappers give those resources.
   */
  idName(logicalId: string): string {
    const r = this.resources.get(logicalId);
    return r && typeInfo(r.type)?.nameProp ? this.physicalName(logicalId) : logicalId;
  }

  /** The resource's name: its name property when the template sets one, else a synthetic name. */
  physicalName(logicalId: string): string {
    const cached = this.nameCache.get(logicalId);
    if (cached !== undefined) return cached;
    const r = this.resources.get(logicalId);
    if (!r) return logicalId;
    if (this.nameVisiting.includes(logicalId)) {
      const cycle = [...this.nameVisiting.slice(this.nameVisiting.indexOf(logicalId)), logicalId].join(' -> ');
      throw this.err(r.pos, `circular reference: ${cycle}`);
    }
    this.nameVisiting.push(logicalId);
    try {
      let name = syntheticName(r.type, logicalId, this.pseudo);
      const prop = typeInfo(r.type)?.nameProp;
      if (prop && r.properties) {
        const v = asText(this.resolve(child(r.properties, prop)) ?? undefined);
        if (v) name = v;
      }
      this.nameCache.set(logicalId, name);
      return name;
    } finally {
      this.nameVisiting.pop();
    }
  }

  private getAtt(arg: CfnNode, pos: Pos): Value {
    let id: string | undefined;
    let attr: string | undefined;
    if (arg.kind === 'seq' && arg.items.length === 2) {
      const a = arg.items[0]!;
      const b = this.resolve(arg.items[1]);
      if (a.kind === 'scalar') id = String(a.value);
      attr = asText(b);
      if (attr === undefined) return findUnknown(b) ?? new Unknown('Fn::GetAtt', pos, 'the attribute name cannot be resolved');
    } else if (arg.kind === 'scalar' && typeof arg.value === 'string' && arg.value.includes('.')) {
      const dot = arg.value.indexOf('.');
      id = arg.value.slice(0, dot);
      attr = arg.value.slice(dot + 1);
    }
    if (!id || !attr) throw this.err(pos, 'Fn::GetAtt takes [logicalId, attribute]');
    const r = this.resources.get(id);
    if (!r) return new Unknown(`Fn::GetAtt ${id}.${attr}`, pos, `no resource named ${id} in the template`);
    return new ResRef(id, attr, attrText(r.type, id, this.idName(id), attr, this.pseudo));
  }

  private sub(arg: CfnNode, pos: Pos): Value {
    let tpl: Value;
    const vars = new Map<string, Value>();
    if (arg.kind === 'seq') {
      if (arg.items.length !== 2) throw this.err(pos, 'Fn::Sub takes a string or [string, {variables}]');
      tpl = this.resolve(arg.items[0]);
      const m = arg.items[1]!;
      if (m.kind !== 'map') throw this.err(pos, 'Fn::Sub variables must be a mapping');
      for (const e of m.entries) vars.set(e.key, this.resolve(e.value));
    } else {
      tpl = this.resolve(arg);
    }
    if (typeof tpl !== 'string') return findUnknown(tpl) ?? new Unknown('Fn::Sub', pos, 'the template string cannot be resolved');
    let out = '';
    let unknown: Unknown | undefined;
    const re = /\$\{([^}]*)\}/g;
    let last = 0;
    for (let m = re.exec(tpl); m; m = re.exec(tpl)) {
      out += tpl.slice(last, m.index);
      last = m.index + m[0].length;
      const name = m[1]!.trim();
      if (name.startsWith('!')) {
        out += '${' + name.slice(1) + '}';
        continue;
      }
      let v: Value;
      if (vars.has(name)) v = vars.get(name)!;
      else if (name.includes('.') && !name.startsWith('AWS::') && this.resources.has(name.slice(0, name.indexOf('.')))) {
        const dot = name.indexOf('.');
        v = this.getAtt(
          { kind: 'seq', items: [{ kind: 'scalar', value: name.slice(0, dot), pos }, { kind: 'scalar', value: name.slice(dot + 1), pos }], pos },
          pos,
        );
      } else v = this.ref(name, pos);
      const text = asText(v);
      if (text === undefined) {
        unknown ??= v instanceof Unknown ? v : new Unknown('${' + name + '}', pos, 'the value is not a string');
        out += '${' + name + '}';
      } else out += text;
    }
    out += tpl.slice(last);
    // The template text is not repeated (it may hold literal credentials); the line locates it.
    if (unknown) return new Unknown('Fn::Sub', pos, unknown.describe());
    return out;
  }

  private join(arg: CfnNode, pos: Pos): Value {
    if (arg.kind !== 'seq' || arg.items.length !== 2) throw this.err(pos, 'Fn::Join takes [delimiter, [values]]');
    const delim = this.resolve(arg.items[0]);
    const list = this.resolve(arg.items[1]);
    if (typeof delim !== 'string') return findUnknown(delim) ?? new Unknown('Fn::Join', pos, 'the delimiter is not a string');
    if (!Array.isArray(list)) return findUnknown(list) ?? new Unknown('Fn::Join', pos, 'the values are not a list');
    const parts: string[] = [];
    for (const v of list) {
      const t = asText(v);
      if (t === undefined) return new Unknown('Fn::Join', pos, (findUnknown(v) ?? new Unknown('Fn::Join', pos, 'a value is not a string')).describe());
      parts.push(t);
    }
    return parts.join(delim);
  }

  private select(arg: CfnNode, pos: Pos): Value {
    if (arg.kind !== 'seq' || arg.items.length !== 2) throw this.err(pos, 'Fn::Select takes [index, [values]]');
    const idx = Number(asText(this.resolve(arg.items[0])));
    const list = this.resolve(arg.items[1]);
    if (!Array.isArray(list)) return findUnknown(list) ?? new Unknown('Fn::Select', pos, 'the values are not a list');
    if (!Number.isInteger(idx) || idx < 0 || idx >= list.length) return new Unknown('Fn::Select', pos, `index ${idx} is out of range`);
    return list[idx]!;
  }

  private split(arg: CfnNode, pos: Pos): Value {
    if (arg.kind !== 'seq' || arg.items.length !== 2) throw this.err(pos, 'Fn::Split takes [delimiter, string]');
    const delim = this.resolve(arg.items[0]);
    const s = this.resolve(arg.items[1]);
    if (typeof delim !== 'string' || typeof s !== 'string') return findUnknown(s) ?? findUnknown(delim) ?? new Unknown('Fn::Split', pos, 'arguments are not strings');
    return s.split(delim);
  }

  private findInMap(arg: CfnNode, pos: Pos): Value {
    if (arg.kind !== 'seq' || arg.items.length < 3) throw this.err(pos, 'Fn::FindInMap takes [map, topKey, secondKey]');
    const keys = arg.items.slice(0, 3).map((i) => this.resolve(i));
    const dflt = arg.items[3] ? child(arg.items[3], 'DefaultValue') : undefined;
    const names = keys.map(asText);
    if (names.some((n) => n === undefined)) {
      return new Unknown('Fn::FindInMap', pos, (findUnknown(keys as Value) ?? new Unknown('key', pos, 'a key is not a string')).describe());
    }
    const found = child(child(child(this.template.mappings, names[0]!), names[1]!), names[2]!);
    if (found) return this.resolve(found);
    if (dflt) return this.resolve(dflt);
    return new Unknown(`Fn::FindInMap ${names.join('.')}`, pos, 'no such entry in Mappings');
  }

  private fnIf(arg: CfnNode, pos: Pos): Value {
    if (arg.kind !== 'seq' || arg.items.length !== 3) throw this.err(pos, 'Fn::If takes [condition, valueIfTrue, valueIfFalse]');
    const c = arg.items[0]!;
    if (c.kind !== 'scalar' || typeof c.value !== 'string') throw this.err(pos, 'Fn::If: the condition must be a condition name');
    const b = this.conditionByName(c.value, pos);
    if (b === true) return this.resolve(arg.items[1]);
    if (b === false) return this.resolve(arg.items[2]);
    return new Unknown(`Fn::If ${c.value}`, pos, `condition ${c.value} cannot be decided`);
  }

  // ------------------------------------------------------------ conditions

  /** true/false, or undefined when it depends on an unknown value not fixed by the assignment. */
  conditionByName(name: string, pos: Pos): boolean | undefined {
    if (this.condCache.has(name)) return this.condCache.get(name);
    const node = this.template.conditions.get(name);
    if (!node) throw this.err(pos, `condition ${name} is not defined in Conditions`);
    if (this.condVisiting.has(name)) throw this.err(node.pos, `circular reference: condition ${name} refers to itself`);
    this.condVisiting.add(name);
    try {
      const v = this.condition(node);
      this.condCache.set(name, v);
      return v;
    } finally {
      this.condVisiting.delete(name);
    }
  }

  condition(n: CfnNode): boolean | undefined {
    const fn = intrinsicName(n);
    if (!fn) {
      if (n.kind === 'scalar' && typeof n.value === 'boolean') return n.value;
      if (n.kind === 'scalar' && (n.value === 'true' || n.value === 'false')) return n.value === 'true';
      throw this.err(n.pos, 'a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition');
    }
    const m = n as CfnMap;
    const arg = m.entries[0]!.value;
    const pos = m.entries[0]!.keyPos;
    const items = arg.kind === 'seq' ? arg.items : [arg];
    switch (fn) {
      case 'Condition':
        if (arg.kind !== 'scalar') throw this.err(pos, 'Condition takes a condition name');
        return this.conditionByName(String(arg.value), pos);
      case 'Fn::Not': {
        const v = this.condition(items[0]!);
        return v === undefined ? undefined : !v;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        let undecided = false;
        for (const i of items) {
          const v = this.condition(i);
          if (v === undefined) undecided = true;
          else if (fn === 'Fn::And' && !v) return false;
          else if (fn === 'Fn::Or' && v) return true;
        }
        return undecided ? undefined : fn === 'Fn::And';
      }
      case 'Fn::Equals': {
        if (items.length !== 2) throw this.err(pos, 'Fn::Equals takes two values');
        const a = this.resolve(items[0]);
        const b = this.resolve(items[1]);
        const ua = findUnknown(a) ?? findUnknown(b);
        if (!ua) return JSON.stringify(toJson(a)) === JSON.stringify(toJson(b)) || asText(a) === asText(b) && asText(a) !== undefined;
        const key = `${pos.line}:${pos.column}`;
        if (this.assignment.has(key)) return this.assignment.get(key);
        this.atoms.set(key, `Fn::Equals at line ${pos.line} (${ua.describe()})`);
        return undefined;
      }
      default:
        throw this.err(pos, `${fn} cannot be used in a condition`);
    }
  }

  /** Evaluates every condition of the template (collecting atoms). */
  evaluateAllConditions(): Map<string, boolean | undefined> {
    const out = new Map<string, boolean | undefined>();
    for (const name of this.template.conditions.keys()) {
      out.set(name, this.conditionByName(name, this.template.conditions.get(name)!.pos));
    }
    return out;
  }
}

function truncate(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n)}...` : s;
}

function describeNode(n: CfnNode): string {
  const p = toPlain(n);
  return truncate(typeof p === 'string' ? p : JSON.stringify(p));
}
