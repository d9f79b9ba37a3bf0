import { InvalidRule, UnsupportedFeature } from './errors.js';
import type { Compiled, Matcher } from './match.js';

/** Name the aggregation feature of a legacy Sigma condition (`sel | count() by x > 5`). */
export function aggregationFeature(cond: string): string | undefined {
  const i = cond.indexOf('|');
  if (i < 0) return undefined;
  const agg = cond.slice(i + 1).trim();
  const fn = /^(count|min|max|avg|sum)\s*\(/.exec(agg);
  if (fn) return `${fn[1]}() aggregation${/\bby\b/.test(agg) ? ' with group-by' : ''}`;
  if (/^near\b/.test(agg)) return 'near aggregation';
  return `aggregation '| ${agg.split(/\s+/)[0]}'`;
}

type Node =
  | { k: 'id'; name: string }
  | { k: 'of'; quant: 'all' | number; pattern: string }
  | { k: 'not'; x: Node }
  | { k: 'and' | 'or'; xs: Node[] };

function tokenize(s: string): string[] {
  return s.match(/\(|\)|[^\s()]+/g) ?? [];
}

export function parseCondition(cond: string): Node {
  const agg = aggregationFeature(cond);
  if (agg) throw new UnsupportedFeature(agg, cond.trim());
  const toks = tokenize(cond);
  let i = 0;
  const peek = () => toks[i]?.toLowerCase();
  const expr = (): Node => {
    const xs = [and()];
    while (peek() === 'or') {
      i++;
      xs.push(and());
    }
    return xs.length === 1 ? (xs[0] as Node) : { k: 'or', xs };
  };
  const and = (): Node => {
    const xs = [not()];
    while (peek() === 'and') {
      i++;
      xs.push(not());
    }
    return xs.length === 1 ? (xs[0] as Node) : { k: 'and', xs };
  };
  const not = (): Node => {
    if (peek() === 'not') {
      i++;
      return { k: 'not', x: not() };
    }
    return primary();
  };
  const primary = (): Node => {
    const t = toks[i];
    if (t === undefined) throw new InvalidRule(`condition '${cond}' ends early`);
    if (t === '(') {
      i++;
      const x = expr();
      if (toks[i] !== ')') throw new InvalidRule(`condition '${cond}': missing ')'`);
      i++;
      return x;
    }
    const lt = t.toLowerCase();
    if (toks[i + 1]?.toLowerCase() === 'of' && (lt === 'all' || lt === 'any' || /^\d+$/.test(lt))) {
      const pattern = toks[i + 2];
      if (!pattern || pattern === '(' || pattern === ')') throw new InvalidRule(`condition '${cond}': '${t} of' needs a pattern`);
      i += 3;
      return { k: 'of', quant: lt === 'all' ? 'all' : lt === 'any' ? 1 : Number(lt), pattern };
    }
    if (['and', 'or', 'of', ')'].includes(lt)) throw new InvalidRule(`condition '${cond}': unexpected '${t}'`);
    i++;
    return { k: 'id', name: t };
  };
  const n = expr();
  if (i !== toks.length) throw new InvalidRule(`condition '${cond}': unexpected '${toks[i]}'`);
  return n;
}

function globToRegex(p: string): RegExp {
  return new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

function andAll(parts: Compiled[]): Compiled {
  const ms = parts.map((p) => p.match);
  let eventNames: Set<string> | undefined;
  for (const p of parts) if (p.eventNames && (!eventNames || p.eventNames.size < eventNames.size)) eventNames = p.eventNames;
  let match: Matcher;
  if (ms.length === 1) match = ms[0] as Matcher;
  else if (ms.length === 2) {
    const [a, b] = ms as [Matcher, Matcher];
    match = (e) => a(e) && b(e);
  } else
    match = (e) => {
      for (const m of ms) if (!m(e)) return false;
      return true;
    };
  return eventNames ? { match, eventNames } : { match };
}

export function orAll(parts: Compiled[]): Compiled {
  const ms = parts.map((p) => p.match);
  let eventNames: Set<string> | undefined = new Set();
  for (const p of parts) {
    if (!p.eventNames) {
      eventNames = undefined;
      break;
    }
    for (const n of p.eventNames) eventNames.add(n);
  }
  let match: Matcher;
  if (ms.length === 1) match = ms[0] as Matcher;
  else
    match = (e) => {
      for (const m of ms) if (m(e)) return true;
      return false;
    };
  return eventNames ? { match, eventNames } : { match };
}

export { andAll };

/** Compile a parsed condition over compiled detection identifiers. */
export function compileCondition(cond: string, ids: Map<string, Compiled>): Compiled {
  const node = parseCondition(cond);
  const build = (n: Node): Compiled => {
    switch (n.k) {
      case 'id': {
        const c = ids.get(n.name);
        if (!c) throw new InvalidRule(`condition references unknown identifier '${n.name}'`);
        return c;
      }
      case 'not': {
        const x = build(n.x).match;
        return { match: (e) => !x(e) };
      }
      case 'and':
        return andAll(n.xs.map(build));
      case 'or':
        return orAll(n.xs.map(build));
      case 'of': {
        const names =
          n.pattern === 'them'
            ? [...ids.keys()].filter((k) => !k.startsWith('_'))
            : [...ids.keys()].filter((k) => globToRegex(n.pattern).test(k));
        if (!names.length) throw new InvalidRule(`condition pattern '${n.pattern}' matches no identifier`);
        const parts = names.map((k) => ids.get(k) as Compiled);
        if (n.quant === 'all') return andAll(parts);
        if (n.quant === 1) return orAll(parts);
        const need = n.quant;
        const ms = parts.map((p) => p.match);
        return {
          match: (e) => {
            let c = 0;
            for (const m of ms) if (m(e) && ++c >= need) return true;
            return false;
          },
        };
      }
    }
  };
  return build(node);
}
