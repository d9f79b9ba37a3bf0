/** Resource / NotResource: ARN matching segment by segment, case-sensitive, policy variables. */
import type { Matcher, RequestContext, ResourceSet, ValueTemplate } from '../types.js';
import { parseTemplate, resolveTemplate } from '../variables.js';
import { compileMatcher } from '../wildcard.js';

export function compileResources(values: string[], variables: boolean): ResourceSet {
  const set: ResourceSet = { all: false, matchers: [], dynamic: [], raw: values };
  for (const v of values) {
    if (v === '*') {
      set.all = true;
      continue;
    }
    const t = parseTemplate(v, variables);
    if (t.encoded !== undefined) set.matchers.push(compileMatcher(t.encoded, 'arn'));
    else set.dynamic.push(t);
  }
  return set;
}

const dynamicCache = new WeakMap<ValueTemplate, Map<string, Matcher>>();

export function matchResources(set: ResourceSet, resource: string, ctx: RequestContext): boolean {
  if (set.all) return true;
  for (const m of set.matchers) if (m(resource)) return true;
  for (const t of set.dynamic) {
    const enc = resolveTemplate(t, ctx);
    if (enc === undefined) continue;
    let cache = dynamicCache.get(t);
    if (!cache) dynamicCache.set(t, (cache = new Map()));
    let m = cache.get(enc);
    if (!m) {
      m = compileMatcher(enc, 'arn');
      if (cache.size > 1000) cache.clear();
      cache.set(enc, m);
    }
    if (m(resource)) return true;
  }
  return false;
}
