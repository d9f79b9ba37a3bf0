/** Action / NotAction: `service:action`, case-insensitive, `*` and `?` wildcards. */
import type { ActionSet } from '../types.js';
import { compileMatcher, encodeWildcards, hasWildcard } from '../wildcard.js';

export function compileActions(values: string[]): ActionSet {
  const set: ActionSet = { all: false, exact: new Set(), wild: [], raw: values };
  for (const v of values) {
    const l = v.toLowerCase();
    if (l === '*') set.all = true;
    else {
      const enc = encodeWildcards(l);
      if (hasWildcard(enc)) set.wild.push(compileMatcher(enc, 'plain'));
      else set.exact.add(l);
    }
  }
  return set;
}

/** `action` must already be lower-cased. */
export function matchActions(set: ActionSet, action: string): boolean {
  if (set.all || set.exact.has(action)) return true;
  for (const m of set.wild) if (m(action)) return true;
  return false;
}
