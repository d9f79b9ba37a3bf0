/**
 * CloudWatch Logs JSON filter patterns (`{ ($.eventName = X) || ... }`): a parser to an expression
 * tree, a disjunctive normal form, and a coverage test ("does pattern B match at least every
 * event pattern A matches?") used to decide whether a customer's metric filter is equivalent to a
 * CIS one however it is written. See docs/monitoring-filters.md.
 *
 * Precedence: `&&` binds tighter than `||` (AWS documents no precedence; this is the conventional
 * reading, and the CIS reference patterns are read the same way, so identical text always agrees).
 */

export type CompareOp = '=' | '!=' | '<' | '>' | '<=' | '>=';
export type UnaryOp = 'EXISTS' | 'NOT EXISTS' | 'IS NULL' | 'NOT NULL' | 'IS TRUE' | 'IS FALSE';

export interface Atom {
  kind: 'atom';
  /** The selector as written, e.g. `$.eventName`. */
  field: string;
  op: CompareOp | UnaryOp;
  /** Unquoted value; `*` is a wildcard. Undefined for unary operators. */
  value?: string;
  /** True for `%regex%` values. */
  regex?: boolean;
}

export type Expr = Atom | { kind: 'and' | 'or'; items: Expr[] };

export class FilterPatternError extends Error {
  constructor(message: string, readonly position: number) {
    super(`${message} at character ${position}`);
  }
}

const UNARY: [RegExp, UnaryOp][] = [
  [/^NOT\s+EXISTS\b/i, 'NOT EXISTS'],
  [/^EXISTS\b/i, 'EXISTS'],
  [/^IS\s+NULL\b/i, 'IS NULL'],
  [/^NOT\s+NULL\b/i, 'NOT NULL'],
  [/^IS\s+NOT\s+NULL\b/i, 'NOT NULL'],
  [/^IS\s+TRUE\b/i, 'IS TRUE'],
  [/^IS\s+FALSE\b/i, 'IS FALSE'],
];

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Expr {
    this.ws();
    if (this.s[this.i] !== '{') throw new FilterPatternError('a JSON filter pattern must start with {', this.i);
    this.i++;
    const e = this.or();
    this.ws();
    if (this.s[this.i] !== '}') throw new FilterPatternError('expected } or an operator', this.i);
    this.i++;
    this.ws();
    if (this.i < this.s.length) throw new FilterPatternError('unexpected text after }', this.i);
    return e;
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }

  private peek(tok: string): boolean {
    this.ws();
    return this.s.startsWith(tok, this.i);
  }

  private or(): Expr {
    const items = [this.and()];
    while (this.peek('||')) {
      this.i += 2;
      items.push(this.and());
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  }

  private and(): Expr {
    const items = [this.primary()];
    while (this.peek('&&')) {
      this.i += 2;
      items.push(this.primary());
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  }

  private primary(): Expr {
    this.ws();
    if (this.s[this.i] === '(') {
      this.i++;
      const e = this.or();
      this.ws();
      if (this.s[this.i] !== ')') throw new FilterPatternError('expected )', this.i);
      this.i++;
      return e;
    }
    return this.comparison();
  }

  private comparison(): Atom {
    this.ws();
    const m = /^\$(?:\.[A-Za-z0-9_\-@]+|\[(?:\d+|\*)\])*/.exec(this.s.slice(this.i));
    if (!m || m[0].length < 2) throw new FilterPatternError('expected a selector starting with $.', this.i);
    const field = m[0];
    this.i += field.length;
    this.ws();
    const rest = this.s.slice(this.i);
    for (const [re, op] of UNARY) {
      const u = re.exec(rest);
      if (u) {
        this.i += u[0].length;
        return { kind: 'atom', field, op };
      }
    }
    const opm = /^(!=|<=|>=|=|<|>)/.exec(rest);
    if (!opm) throw new FilterPatternError(`expected an operator after ${field}`, this.i);
    const op = opm[1] as CompareOp;
    this.i += op.length;
    this.ws();
    return { kind: 'atom', field, op, ...this.value() };
  }

  private value(): { value: string; regex?: boolean } {
    const c = this.s[this.i];
    if (c === '"') {
      let out = '';
      this.i++;
      while (this.i < this.s.length && this.s[this.i] !== '"') {
        if (this.s[this.i] === '\\' && this.i + 1 < this.s.length) this.i++;
        out += this.s[this.i++];
      }
      if (this.s[this.i] !== '"') throw new FilterPatternError('unterminated quoted value', this.i);
      this.i++;
      return { value: out };
    }
    if (c === '%') {
      const end = this.s.indexOf('%', this.i + 1);
      if (end < 0) throw new FilterPatternError('unterminated %regex% value', this.i);
      const value = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      return { value, regex: true };
    }
    // A bare value runs to the next ), &&, || or } (it may contain spaces: `Failed authentication`).
    const start = this.i;
    while (this.i < this.s.length) {
      const ch = this.s[this.i]!;
      if (ch === ')' || ch === '}' || this.s.startsWith('&&', this.i) || this.s.startsWith('||', this.i)) break;
      this.i++;
    }
    const value = this.s.slice(start, this.i).trim();
    if (value === '') throw new FilterPatternError('expected a value', start);
    return { value };
  }
}

export function parseFilterPattern(pattern: string): Expr {
  return new Parser(pattern).parse();
}

/** A conjunction of atoms; a DNF is a list of them (OR of ANDs). */
export type Conjunct = Atom[];

const MAX_CONJUNCTS = 4096;

export function toDnf(e: Expr): Conjunct[] {
  if (e.kind === 'atom') return [[e]];
  if (e.kind === 'or') return e.items.flatMap(toDnf);
  let acc: Conjunct[] = [[]];
  for (const item of e.items) {
    const next: Conjunct[] = [];
    for (const left of acc) for (const right of toDnf(item)) next.push([...left, ...right]);
    if (next.length > MAX_CONJUNCTS) throw new FilterPatternError('the pattern is too complex to normalise', 0);
    acc = next;
  }
  return acc;
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

/** Whether every string matched by value `a` is also matched by `b` (both may hold `*`). */
export function valueSubsumed(a: string, b: string): boolean {
  if (a === b || b === '*') return true;
  if (!b.includes('*')) return false;
  // Reading a's `*` as literal characters is sound: b must match a's fixed text around them.
  return globToRegExp(b).test(a);
}

/** Whether atom `a` holding implies atom `b` holds (same field, sound but not complete). */
export function atomImplies(a: Atom, b: Atom): boolean {
  if (a.field !== b.field) return false;
  if (a.regex || b.regex) return a.regex === b.regex && a.op === b.op && a.value === b.value;
  if (a.op === b.op && a.value === b.value) return true;
  const av = a.value ?? '';
  const bv = b.value ?? '';
  switch (b.op) {
    case '=':
      return a.op === '=' && valueSubsumed(av, bv);
    case '!=':
      if (a.op === '=') return !av.includes('*') && !globToRegExp(bv).test(av);
      if (a.op === '!=') return valueSubsumed(bv, av);
      return false;
    case 'EXISTS':
    case 'NOT NULL':
      return a.op === '=' || a.op === 'EXISTS' || a.op === 'NOT NULL' || a.op === 'IS TRUE' || a.op === 'IS FALSE';
    default:
      return false;
  }
}

/** Whether conjunct `c` (with `context` facts added) implies every atom of `d`. */
function conjunctImplies(c: Conjunct, d: Conjunct): boolean {
  return d.every((b) => c.some((a) => atomImplies(a, b)));
}

/**
 * Whether `candidate` matches at least every event `reference` matches: each reference conjunct,
 * strengthened with `context(conjunct)` facts (what those events always carry, e.g. the event
 * source of an IAM event name), must imply some candidate conjunct.
 */
export function covers(
  reference: Conjunct[],
  candidate: Conjunct[],
  context: (c: Conjunct) => Atom[] = () => [],
): { covered: boolean; uncovered: Conjunct[] } {
  const uncovered = reference.filter((c) => {
    const strengthened = [...c, ...context(c)];
    return !candidate.some((d) => conjunctImplies(strengthened, d));
  });
  return { covered: uncovered.length === 0, uncovered };
}

export function atomToString(a: Atom): string {
  if (a.value === undefined) return `${a.field} ${a.op}`;
  return `${a.field} ${a.op} ${a.regex ? `%${a.value}%` : a.value}`;
}
