/**
 * Policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, `${key, 'default'}` and the
 * escapes `${*}`, `${?}`, `${$}` which stand for the literal characters. Variables are recognised
 * only in policies with Version 2012-10-17; elsewhere `${...}` is literal text.
 */
import type { RequestContext, TemplatePart, ValueTemplate } from './types.js';
import { encodeWildcards } from './wildcard.js';

const VAR_RE = /\$\{([^}]*)\}/g;
const DEFAULT_RE = /^\s*([^,\s]+)\s*,\s*'((?:[^']|'')*)'\s*$/;

/** Parse a policy value into a template. Wildcards in literal text are encoded; escapes are not. */
export function parseTemplate(raw: string, variablesEnabled: boolean): ValueTemplate {
  if (!variablesEnabled || !raw.includes('${')) return { raw, encoded: encodeWildcards(raw) };
  const parts: TemplatePart[] = [];
  let last = 0;
  let hasVar = false;
  let lit = '';
  for (const m of raw.matchAll(VAR_RE)) {
    lit += encodeWildcards(raw.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    const inner = (m[1] ?? '').trim();
    if (inner === '*' || inner === '?' || inner === '$') {
      lit += inner; // escaped literal character
      continue;
    }
    const dm = DEFAULT_RE.exec(inner);
    const key = dm ? (dm[1] ?? '') : inner;
    if (!/^[A-Za-z0-9._:/-]+(\/[^\s]+)?$/.test(key)) {
      lit += encodeWildcards(m[0]);
      continue;
    }
    if (lit) parts.push({ lit });
    lit = '';
    hasVar = true;
    parts.push(dm ? { v: key.toLowerCase(), d: (dm[2] ?? '').replaceAll("''", "'") } : { v: key.toLowerCase() });
  }
  lit += encodeWildcards(raw.slice(last));
  if (!hasVar) return { raw, encoded: lit };
  if (lit) parts.push({ lit });
  return { raw, parts };
}

/**
 * Resolve a template against the request context. Returns the encoded pattern, or undefined when
 * a variable has no single value and no default (the element then matches nothing).
 */
export function resolveTemplate(t: ValueTemplate, ctx: RequestContext): string | undefined {
  if (t.encoded !== undefined) return t.encoded;
  let out = '';
  for (const p of t.parts ?? []) {
    if ('lit' in p) out += p.lit;
    else {
      const vals = ctx.get(p.v);
      if (vals && vals.length === 1) out += vals[0];
      else if (p.d !== undefined) out += p.d;
      else return undefined;
    }
  }
  return out;
}

/** The variable keys a template refers to. */
export function templateKeys(t: ValueTemplate): string[] {
  return (t.parts ?? []).flatMap((p) => ('v' in p ? [p.v] : []));
}
