/** Resource / NotResource: ARN matching segment by segment, case-sensitive, policy variables. */
import type { RequestContext, ResourceSet } from '../types.js';
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

export function matchResources(set: ResourceSet, resource: string, ctx: RequestContext): boolean {
  if (set.all) return true;
  for (const m of set.matchers) if (m(resource)) return true;
  for (const t of set.dynamic) {
    const enc = resolveTemplate(t, ctx);
    if (enc !== undefined && compileMatcher(enc, 'arn')(resource)) return true;
  }
  return false;
}
