/**
 * parsePolicy: read a policy (JSON string or object), validate it for its kind and compile it
 * into matchers. Results are cached by document identity (objects) or text (strings), so a policy
 * is compiled once and evaluated many times.
 */
import type { CompiledPolicy, CompiledStatement, ConditionCheck, ParsedPolicy, PolicyIssue, PolicyKind } from './types.js';
import { asStringList, fmt, validateStatement } from './validate.js';
import { compileActions } from './match/action.js';
import { compileResources } from './match/resource.js';
import { compilePrincipal } from './match/principal.js';
import { ConditionValueError, compileCondition } from './conditions/operators.js';

export const POLICY_KINDS: PolicyKind[] = ['identity', 'resource', 'trust', 'scp', 'rcp', 'boundary', 'session'];

const objectCache = new WeakMap<object, ParsedPolicy[]>();
const stringCache = new Map<string, ParsedPolicy>();

export function parsePolicy(doc: unknown, kind: PolicyKind, name?: string): ParsedPolicy {
  const wanted = name ?? kind;
  if (doc && typeof doc === 'object') {
    let list = objectCache.get(doc);
    if (list) {
      let sameKind: ParsedPolicy | undefined;
      for (const p of list) {
        if (p.kind === kind) {
          if (p.name === wanted) return p;
          sameKind = p;
        }
      }
      if (sameKind) {
        const renamed: ParsedPolicy = { ...sameKind, name: wanted, compiled: { ...sameKind.compiled, name: wanted } };
        list.push(renamed);
        return renamed;
      }
    }
    const parsed = parseUncached(doc, kind, name);
    if (!list) objectCache.set(doc, (list = []));
    list.push(parsed);
    return parsed;
  }
  if (typeof doc === 'string') {
    const key = kind + '\u0000' + wanted + '\u0000' + doc;
    const hit = stringCache.get(key);
    if (hit) return hit;
    const parsed = parseUncached(doc, kind, name);
    if (stringCache.size > 10_000) stringCache.clear();
    stringCache.set(key, parsed);
    return parsed;
  }
  return parseUncached(doc, kind, name);
}

function parseUncached(input: unknown, kind: PolicyKind, name?: string): ParsedPolicy {
  const errors: PolicyIssue[] = [];
  const warnings: PolicyIssue[] = [];
  const push = (i: PolicyIssue, warning = false) => (warning ? warnings : errors).push(i);
  const policyName = name ?? kind;
  const compiled: CompiledPolicy = { kind, name: policyName, statements: [] };
  const result = (document?: Record<string, unknown>): ParsedPolicy => {
    const p: ParsedPolicy = { kind, name: policyName, errors, warnings, compiled, valid: errors.length === 0 };
    if (document) p.document = document;
    return p;
  };
  let doc: unknown = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch (e) {
      push({ code: 'INVALID_JSON', message: `policy is not valid JSON: ${(e as Error).message}` });
      return result();
    }
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    push({ code: 'INVALID_POLICY', message: 'a policy must be a JSON object with a Statement' });
    return result();
  }
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) {
    if (k !== 'Version' && k !== 'Id' && k !== 'Statement') push({ field: k, code: 'UNKNOWN_ELEMENT', message: `unknown top-level element "${k}"` });
  }
  const version = d.Version;
  if (version === undefined) push({ field: 'Version', code: 'MISSING_VERSION', message: 'no Version: AWS uses 2008-10-17, in which policy variables are not supported; add "Version": "2012-10-17"' }, true);
  else if (version !== '2012-10-17' && version !== '2008-10-17') push({ field: 'Version', code: 'INVALID_VERSION', message: `Version must be "2012-10-17" or "2008-10-17", got ${JSON.stringify(version)}` });
  if (typeof version === 'string') compiled.version = version;
  const variables = version === '2012-10-17';
  if (!variables && JSON.stringify(d.Statement ?? null).includes('${')) {
    push({ field: 'Version', code: 'POLICY_VARIABLES_NEED_VERSION_2012', message: 'the policy uses ${...} but its Version is not 2012-10-17: AWS reads the text literally instead of as a policy variable' }, true);
  }
  if (d.Statement === undefined) {
    push({ field: 'Statement', code: 'MISSING_STATEMENT', message: 'policy has no Statement' });
    return result(d);
  }
  const statements = Array.isArray(d.Statement) ? d.Statement : [d.Statement];
  if (statements.length === 0) push({ field: 'Statement', code: 'MISSING_STATEMENT', message: 'Statement is empty' });
  const sids = new Set<string>();
  statements.forEach((st, index) => {
    validateStatement(st, index, kind, push);
    if (!st || typeof st !== 'object' || Array.isArray(st)) return;
    const s = st as Record<string, unknown>;
    if (typeof s.Sid === 'string' && s.Sid) {
      if (sids.has(s.Sid)) push({ statement: s.Sid, field: 'Sid', code: 'DUPLICATE_SID', message: `Statement ${fmt(s.Sid)}: duplicate Sid` });
      sids.add(s.Sid);
    }
    const c = compileStatement(s, index, variables);
    if (c) compiled.statements.push(c);
  });
  return result(d);
}

function compileStatement(s: Record<string, unknown>, index: number, variables: boolean): CompiledStatement | undefined {
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') return undefined;
  const sid = typeof s.Sid === 'string' && s.Sid ? s.Sid : undefined;
  const st: CompiledStatement = { index, id: sid ?? index, effect: s.Effect, conditions: [], raw: s };
  if (sid) st.sid = sid;
  const actions = asStringList(s.Action);
  const notActions = asStringList(s.NotAction);
  if (s.Action !== undefined) st.actions = compileActions(actions ?? []);
  else if (s.NotAction !== undefined) st.notActions = compileActions(notActions ?? []);
  else st.actions = compileActions([]);
  if (s.Resource !== undefined) st.resources = compileResources(asStringList(s.Resource) ?? [], variables);
  else if (s.NotResource !== undefined) st.notResources = compileResources(asStringList(s.NotResource) ?? [], variables);
  if (s.Principal !== undefined) st.principals = compilePrincipal(s.Principal);
  else if (s.NotPrincipal !== undefined) st.notPrincipals = compilePrincipal(s.NotPrincipal);
  if (s.Condition && typeof s.Condition === 'object' && !Array.isArray(s.Condition)) {
    for (const [op, block] of Object.entries(s.Condition as Record<string, unknown>)) {
      if (!block || typeof block !== 'object' || Array.isArray(block)) {
        st.conditions.push(never(op));
        continue;
      }
      for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
        try {
          st.conditions.push(compileCondition(op, key, values, variables));
        } catch (e) {
          if (!(e instanceof ConditionValueError)) throw e;
          st.conditions.push(never(op, key)); // an invalid condition never holds
        }
      }
    }
  }
  return st;
}

function never(op: string, key = ''): ConditionCheck {
  return { operator: op, base: op, key, keyLower: key.toLowerCase(), qualifier: 'none', ifExists: false, negated: false, values: [], test: () => false };
}
