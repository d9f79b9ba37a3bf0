/**
 * Wildcard matchers. Patterns are first "encoded": a wildcard `*` becomes STAR and `?` becomes
 * QM (private-use characters), while the escapes `${*}` and `${?}` stay as the literal `*`, `?`.
 * Matchers are cached by mode and encoded pattern, so no regex is ever compiled twice.
 */
import type { Matcher } from './types.js';

export const STAR = '\uE000';
export const QM = '\uE001';

export type MatchMode = 'plain' | 'plain-ci' | 'arn' | 'arn-cond' | 'exact' | 'exact-ci';

const cache = new Map<string, Matcher>();

export function encodeWildcards(s: string): string {
  let out = '';
  for (const ch of s) out += ch === '*' ? STAR : ch === '?' ? QM : ch;
  return out;
}

export function hasWildcard(encoded: string): boolean {
  return encoded.includes(STAR) || encoded.includes(QM);
}

export function decodeWildcards(encoded: string): string {
  return encoded.replaceAll(STAR, '*').replaceAll(QM, '?');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function toRegexBody(encoded: string, star: string, qm: string): string {
  let s = '';
  for (const ch of encoded) s += ch === STAR ? star : ch === QM ? qm : escapeRe(ch);
  return s;
}

/**
 * ARN pattern to regex (IAM User Guide, "IAM JSON policy elements: Resource"): wildcards work within
 * the colon-separated segments; "if the * wildcard is the last character of a resource ARN segment,
 * it can expand to match beyond the colon boundaries". So a `*` that ends a segment becomes `.*`,
 * any other `*` `[^:]*`, and `?` one character other than `:`. In the resource part (everything
 * after the fifth colon) wildcards match anything, `/` and `:` included.
 */
function arnRegexBody(encoded: string, strict = false): string {
  const segs = encoded.split(':');
  if (strict) return arnConditionBody(segs);
  const head = segs.length >= 6 ? segs.slice(0, 5) : segs;
  const out = head.map((p) => {
    if (p.endsWith(STAR)) return toRegexBody(p.slice(0, -1), '[^:]*', '[^:]') + '.*';
    return toRegexBody(p, '[^:]*', '[^:]');
  });
  if (segs.length >= 6) out.push(toRegexBody(segs.slice(5).join(':'), '.*', '.'));
  return out.join(':');
}

/**
 * Arn condition operators: "each of the six colon-delimited components of the ARN is checked
 * separately", so a wildcard in the first five never crosses a colon; the sixth (the resource part)
 * matches freely. A trailing `*` of a pattern with fewer than six components covers the rest.
 */
function arnConditionBody(segs: string[]): string {
  if (segs.length >= 6) {
    return [...segs.slice(0, 5).map((p) => toRegexBody(p, '[^:]*', '[^:]')), toRegexBody(segs.slice(5).join(':'), '.*', '.')].join(':');
  }
  return segs.map((p, i) => (i === segs.length - 1 && p.endsWith(STAR) ? toRegexBody(p.slice(0, -1), '[^:]*', '[^:]') + '.*' : toRegexBody(p, '[^:]*', '[^:]'))).join(':');
}

export function compileMatcher(encoded: string, mode: MatchMode): Matcher {
  const cacheKey = mode + '\u0000' + encoded;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  let m: Matcher;
  const ci = mode === 'plain-ci' || mode === 'exact-ci';
  if (mode === 'exact' || mode === 'exact-ci' || !hasWildcard(encoded)) {
    const lit = decodeLiteral(encoded);
    if (ci) {
      const l = lit.toLowerCase();
      m = (s) => s.length === l.length && s.toLowerCase() === l;
    } else m = (s) => s === lit;
  } else if (encoded === STAR && mode !== 'arn' && mode !== 'arn-cond') {
    m = () => true;
  } else {
    const body = mode === 'arn' || mode === 'arn-cond' ? arnRegexBody(encoded, mode === 'arn-cond') : toRegexBody(encoded, '.*', '.');
    // simple prefix patterns (plain mode, single trailing star)
    const firstStar = encoded.indexOf(STAR);
    const arnPrefixOnly = mode !== 'plain' && mode !== 'plain-ci' && firstStar === encoded.length - 1 && !encoded.includes(QM) && encoded.split(':').length >= 6;
    if (arnPrefixOnly) {
      // arn:...:resource-prefix* (e.g. a bucket's objects): the star is in the resource part
      const prefix = encoded.slice(0, -1);
      m = (s) => s.startsWith(prefix);
    } else if (mode !== 'arn' && mode !== 'arn-cond' && firstStar === encoded.length - 1 && !encoded.includes(QM)) {
      const prefix = encoded.slice(0, -1);
      if (ci) {
        const lp = prefix.toLowerCase();
        m = (s) => s.length >= lp.length && s.slice(0, lp.length).toLowerCase() === lp;
      } else m = (s) => s.startsWith(prefix);
    } else {
      const re = new RegExp('^' + body + '$', ci ? 'is' : 's');
      m = (s) => re.test(s);
    }
  }
  if (cache.size > 50_000) cache.clear();
  cache.set(cacheKey, m);
  return m;
}

/** The literal text of an encoded pattern (wildcards as the plain characters). */
export function decodeLiteral(encoded: string): string {
  return decodeWildcards(encoded);
}
