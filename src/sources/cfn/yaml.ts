/**
 * Parses a CloudFormation template (YAML or JSON) into a small position-aware tree. Every node
 * keeps the 1-based line and column where it starts; map entries also keep their key's position
 * (KICS and code review point at the key). YAML short-form tags (`!Ref`, `!Sub`, ...) become the
 * long form (`{ "Ref": ... }`, `{ "Fn::Sub": ... }`), positioned at the tag. JSON goes through the
 * same YAML parser (JSON is YAML) after `JSON.parse` has checked it, so syntax errors are JSON's.
 */
import { Alias, LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, parseDocument, type Document, type Node } from 'yaml';

export interface Pos {
  line: number;
  column: number;
}

export interface CfnScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  pos: Pos;
}
export interface CfnEntry {
  key: string;
  keyPos: Pos;
  value: CfnNode;
}
export interface CfnMap {
  kind: 'map';
  entries: CfnEntry[];
  pos: Pos;
}
export interface CfnSeq {
  kind: 'seq';
  items: CfnNode[];
  pos: Pos;
}
export type CfnNode = CfnScalar | CfnMap | CfnSeq;

/** A problem with one input file, with where it is. */
export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    message: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
  /** `file:line:column: message`, the form editors and CI logs understand. */
  format(): string {
    return `${this.file}:${this.line}:${this.column}: ${this.message}`;
  }
}

/** Short-form tag -> long-form key. `!Condition` is the condition reference used inside Fn::And etc. */
export const SHORT_FORMS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!Base64': 'Fn::Base64',
  '!Split': 'Fn::Split',
  '!GetAZs': 'Fn::GetAZs',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Cidr': 'Fn::Cidr',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
  '!ForEach': 'Fn::ForEach',
};

/** Tags YAML itself defines; they keep their YAML meaning. */
const STANDARD_TAGS = new Set([
  'tag:yaml.org,2002:str',
  'tag:yaml.org,2002:int',
  'tag:yaml.org,2002:float',
  'tag:yaml.org,2002:bool',
  'tag:yaml.org,2002:null',
  'tag:yaml.org,2002:map',
  'tag:yaml.org,2002:seq',
  'tag:yaml.org,2002:binary',
]);

export function isJsonFile(file: string, text: string): boolean {
  if (/\.json$/i.test(file)) return true;
  if (/\.ya?ml$/i.test(file)) return false;
  return /^\s*[{[]/.test(text);
}

/**
 * Parses one file's text into its documents (a YAML file may hold several `---` documents; each is
 * scanned as its own template). Throws TemplateError (with line and column) on bad input.
 */
export function parseTemplateText(file: string, raw: string): CfnNode[] {
  // A UTF-8 byte order mark (common from Windows editors) is not part of the document.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const json = isJsonFile(file, text);
  if (json) checkJson(file, text);
  const lc = new LineCounter();
  const opts = { lineCounter: lc, uniqueKeys: !json, prettyErrors: false, strict: false } as const;
  const parsed = json ? [parseDocument(text, opts)] : parseAllDocuments(text, opts);
  const docs: Document[] = Array.isArray(parsed) ? parsed : [parsed];
  const out: CfnNode[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0]!;
      const p = lc.linePos(e.pos[0]);
      const msg = e.message.split('\n')[0] ?? e.message;
      throw new TemplateError(file, p.line, p.col, `invalid ${json ? 'JSON' : 'YAML'}: ${msg}`);
    }
    if (doc.contents === null) continue;
    out.push(new Converter(file, lc, doc).node(doc.contents as Node));
  }
  if (out.length === 0) throw new TemplateError(file, 1, 1, 'not a template: the file is empty');
  return out;
}

function checkJson(file: string, text: string): void {
  try {
    JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    let line = 1;
    let column = 1;
    const lc = /line (\d+) column (\d+)/.exec(message);
    const at = /position (\d+)/.exec(message);
    if (lc) {
      line = Number(lc[1]);
      column = Number(lc[2]);
    } else if (at) {
      ({ line, column } = offsetToPos(text, Number(at[1])));
    } else if (/end of JSON input/.test(message)) {
      ({ line, column } = offsetToPos(text, text.length));
    }
    throw new TemplateError(file, line, column, `invalid JSON: ${message.replace(/\s*\(line \d+ column \d+\)/, '')}`);
  }
}

function offsetToPos(text: string, offset: number): Pos {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

class Converter {
  private depth = 0;
  constructor(
    private readonly file: string,
    private readonly lc: LineCounter,
    private readonly doc: Document,
  ) {}

  private pos(offset: number | undefined): Pos {
    const p = this.lc.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  }

  node(n: Node | null | undefined, fallback?: Pos): CfnNode {
    if (n === null || n === undefined) return { kind: 'scalar', value: null, pos: fallback ?? { line: 1, column: 1 } };
    if (isAlias(n)) {
      if (++this.depth > 100) throw new TemplateError(this.file, this.pos(n.range?.[0]).line, 1, 'YAML aliases nest too deep');
      const target = (n as Alias).resolve(this.doc);
      const out = this.node(target as Node | undefined, this.pos(n.range?.[0]));
      this.depth--;
      return out;
    }
    const pos = this.pos(n.range?.[0]);
    const tag = (n as { tag?: string }).tag;
    const plain = this.plain(n, pos);
    if (!tag || STANDARD_TAGS.has(tag)) return plain;
    const long = SHORT_FORMS[tag];
    if (!long) {
      throw new TemplateError(this.file, pos.line, pos.column, `unknown intrinsic function tag ${tag}`);
    }
    const tagPos = pos;
    let value: CfnNode = plain;
    if (long === 'Fn::GetAtt' && plain.kind === 'scalar' && typeof plain.value === 'string') {
      const dot = plain.value.indexOf('.');
      value =
        dot > 0
          ? {
              kind: 'seq',
              items: [
                { kind: 'scalar', value: plain.value.slice(0, dot), pos: plain.pos },
                { kind: 'scalar', value: plain.value.slice(dot + 1), pos: plain.pos },
              ],
              pos: plain.pos,
            }
          : plain;
    }
    if (plain.kind === 'scalar' && plain.value === null && long === 'Fn::GetAZs') {
      value = { kind: 'scalar', value: '', pos: plain.pos };
    }
    return { kind: 'map', entries: [{ key: long, keyPos: tagPos, value }], pos: tagPos };
  }

  private plain(n: Node, pos: Pos): CfnNode {
    if (isScalar(n)) {
      const v = n.value;
      // A plain number written with a leading zero (an account id like 012345678901) stays text:
      // CloudFormation's YAML 1.1 reading does not turn it into a different number.
      const src = (n as { source?: unknown }).source;
      if (typeof v === 'number' && typeof src === 'string' && /^0\d+$/.test(src)) return { kind: 'scalar', value: src, pos };
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
        return { kind: 'scalar', value: v, pos };
      }
      if (typeof v === 'bigint') return { kind: 'scalar', value: Number(v), pos };
      return { kind: 'scalar', value: String(v), pos };
    }
    if (isMap(n)) {
      const entries: CfnEntry[] = [];
      for (const item of n.items) {
        if (!isPair(item)) continue;
        const k = item.key as Node | null;
        const keyPos = k ? this.pos(k.range?.[0]) : pos;
        let key: string;
        if (k && isScalar(k)) key = String(k.value);
        else if (k === null) key = '';
        else throw new TemplateError(this.file, keyPos.line, keyPos.column, 'a mapping key must be a plain string');
        if (key === '<<') {
          // YAML merge key: copy the entries of the merged map(s).
          const merged = this.node(item.value as Node, keyPos);
          const maps = merged.kind === 'seq' ? merged.items : [merged];
          for (const m of maps) if (m.kind === 'map') entries.push(...m.entries);
          continue;
        }
        entries.push({ key, keyPos, value: this.node(item.value as Node | null, keyPos) });
      }
      return { kind: 'map', entries, pos };
    }
    if (isSeq(n)) {
      return { kind: 'seq', items: n.items.map((i) => this.node(i as Node, pos)), pos };
    }
    throw new TemplateError(this.file, pos.line, pos.column, 'unsupported YAML node');
  }
}

// ---------------------------------------------------------------- small tree helpers

/** The last entry with this key (JSON keeps the last duplicate). */
export function entry(m: CfnNode | undefined, key: string): CfnEntry | undefined {
  if (!m || m.kind !== 'map') return undefined;
  for (let i = m.entries.length - 1; i >= 0; i--) if (m.entries[i]!.key === key) return m.entries[i];
  return undefined;
}

export function child(m: CfnNode | undefined, key: string): CfnNode | undefined {
  return entry(m, key)?.value;
}

/** Plain JSON of a node (intrinsics stay in long form). */
export function toPlain(n: CfnNode): unknown {
  switch (n.kind) {
    case 'scalar':
      return n.value;
    case 'seq':
      return n.items.map(toPlain);
    case 'map': {
      const o: Record<string, unknown> = {};
      for (const e of n.entries) o[e.key] = toPlain(e.value);
      return o;
    }
  }
}
