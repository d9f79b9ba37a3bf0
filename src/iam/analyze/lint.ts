/**
 * Least-privilege lint. Codes follow AWS IAM Access Analyzer policy checks where one exists
 * (INVALID_ACTION, PASS_ROLE_WITH_STAR_IN_RESOURCE, REDUNDANT_ACTION, ...), plus kenro's own:
 * wildcard actions on sensitive services, Allow with NotAction / NotResource, write actions on
 * "*", sensitive rights without MFA or source-IP conditions, full administrator.
 */
import type { CompiledStatement, ConditionCheck, ParsedPolicy, PolicyKind } from '../types.js';
import { parsePolicy } from '../parse.js';
import { actionConditionKeys, actionInfo, expandAction, findConditionKey } from '../iamData.js';
import { compileMatcher, encodeWildcards } from '../wildcard.js';
import { asStringList } from '../validate.js';

export type LintSeverity = 'error' | 'security' | 'warning' | 'suggestion';

export interface LintFinding {
  code: string;
  severity: LintSeverity;
  statement?: number | string;
  /** Statement index (always the index, for comparison with Access Analyzer locations). */
  index?: number;
  field?: string;
  message: string;
}

export const SENSITIVE_SERVICES = new Set(['iam', 'sts', 'kms', 'organizations', 's3', 'secretsmanager', 'lambda', 'cloudtrail', 'ssm', 'ec2', 'ecr', 'rds', 'dynamodb', 'sso', 'account', 'config', 'guardduty', 'logs']);

const VALIDATION_SEVERITY: Record<string, LintSeverity> = {
  INVALID_ACTION: 'error',
  INVALID_SERVICE_IN_ACTION: 'error',
  INVALID_SERVICE: 'error',
  INVALID_SERVICE_CONDITION_KEY: 'error',
  INVALID_GLOBAL_CONDITION_KEY: 'error',
  UNKNOWN_CONDITION_KEY: 'warning',
  MISSING_VERSION: 'warning',
  ALLOW_WITH_NOT_PRINCIPAL: 'security',
  PRINCIPAL_PARTIAL_WILDCARD: 'error',
  INVALID_TRUST_ACTION: 'warning',
};

function indexOf(p: ParsedPolicy, id: number | string | undefined): number | undefined {
  if (typeof id === 'number') return id;
  if (id === undefined) return undefined;
  return p.compiled.statements.find((s) => s.sid === id)?.index;
}

export function lintPolicy(doc: unknown, kind: PolicyKind = 'identity', name?: string): LintFinding[] {
  const p = parsePolicy(doc, kind, name);
  const out: LintFinding[] = [];
  for (const e of p.errors) {
    const f: LintFinding = { code: e.code, severity: 'error', message: e.message };
    if (e.statement !== undefined) f.statement = e.statement;
    const i = indexOf(p, e.statement);
    if (i !== undefined) f.index = i;
    if (e.field) f.field = e.field;
    out.push(f);
  }
  for (const w of p.warnings) {
    const f: LintFinding = { code: w.code, severity: VALIDATION_SEVERITY[w.code] ?? 'warning', message: w.message };
    if (w.statement !== undefined) f.statement = w.statement;
    const i = indexOf(p, w.statement);
    if (i !== undefined) f.index = i;
    if (w.field) f.field = w.field;
    out.push(f);
  }
  if (p.document && (kind === 'identity' || kind === 'boundary' || kind === 'session')) {
    const size = JSON.stringify(p.document).replace(/\s/g, '').length;
    if (size > 10240) out.push({ code: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', severity: 'warning', message: `the ${size} characters of the policy, excluding whitespace, exceed the 10,240 maximum for inline policies (6,144 for managed policies)` });
  }
  if (p.document && (kind === 'scp' || kind === 'rcp')) {
    // Organizations counts every character, white space included
    const size = JSON.stringify(p.document).length;
    if (size > 5120) out.push({ code: kind === 'scp' ? 'POLICY_SIZE_EXCEEDS_SCP_QUOTA' : 'POLICY_SIZE_EXCEEDS_RCP_QUOTA', severity: 'error', message: `the policy has ${size} characters; ${kind.toUpperCase()}s are limited to 5,120` });
  }
  for (const st of p.compiled.statements) lintStatement(st, kind, out);
  return out;
}

function add(out: LintFinding[], st: CompiledStatement, code: string, severity: LintSeverity, message: string, field?: string): void {
  const f: LintFinding = { code, severity, statement: st.id, index: st.index, message: `Statement ${typeof st.id === 'number' ? st.id : `"${st.id}"`}: ${message}` };
  if (field) f.field = field;
  out.push(f);
}

function hasPositiveKey(st: CompiledStatement, key: string): boolean {
  return st.conditions.some((c) => c.keyLower === key && !c.ifExists && !c.negated && c.base !== 'Null' && c.values.every((v) => !/^[*?]+$/.test(v)));
}

function lintStatement(st: CompiledStatement, kind: PolicyKind, out: LintFinding[]): void {
  const actions = st.actions?.raw ?? [];
  const resources = st.resources?.raw ?? [];
  const starResource = !!st.resources?.all;
  const isAllow = st.effect === 'Allow';
  const lower = actions.map((a) => a.toLowerCase());
  const starAction = lower.includes('*') || lower.includes('*:*');
  // --- Access Analyzer checks
  if (isAllow && starResource) {
    const iamStar = starAction || lower.includes('iam:*');
    if (!hasPositiveKey(st, 'iam:passedtoservice')) {
      if (iamStar) add(out, st, 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE', 'security', 'wildcards in Action and Resource allow iam:PassRole on all roles; specify role ARNs or add an iam:PassedToService condition', 'Action');
      else if (lower.some((a) => a === 'iam:passrole' || (/[*?]/.test(a) && a.startsWith('iam:') && compileMatcher(encodeWildcards(a), 'plain')('iam:passrole'))))
        add(out, st, 'PASS_ROLE_WITH_STAR_IN_RESOURCE', 'security', 'iam:PassRole with Resource "*" allows passing every role; specify role ARNs or add an iam:PassedToService condition', 'Action');
    }
    if (!hasPositiveKey(st, 'iam:awsservicename') || st.conditions.some((c) => c.keyLower === 'iam:awsservicename' && c.values.some((v) => /[*?]/.test(v)))) {
      if (iamStar) add(out, st, 'CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE', 'warning', 'wildcards in Action and Resource allow iam:CreateServiceLinkedRole for every service', 'Action');
      else if (lower.includes('iam:createservicelinkedrole')) add(out, st, 'CREATE_SLR_WITH_STAR_IN_RESOURCE', 'warning', 'iam:CreateServiceLinkedRole with Resource "*" can create unintended service-linked roles', 'Action');
    }
  }
  redundant(st, actions, 'Action', out);
  redundant(st, resources, 'Resource', out);
  for (const c of st.conditions) {
    const info = findConditionKey(c.key).info;
    const type = info?.type ?? '';
    if (c.qualifier === 'none' && type.startsWith('ArrayOf') && c.base !== 'Null') {
      add(out, st, 'MISSING_QUALIFIER', 'error', `the context key ${c.key} has multiple values: use ForAllValues or ForAnyValue with ${c.operator}`, `Condition.${c.operator}.${c.key}`);
    }
    if (c.base === 'StringLike' && c.qualifier === 'none' && c.values.length > 0 && c.values.every((v) => v === '*')) {
      add(out, st, 'EQUIVALENT_TO_NULL_FALSE', 'suggestion', `${c.operator} ${c.key} "*" only tests that the key exists: use {"Null": {"${c.key}": "false"}}`, `Condition.${c.operator}.${c.key}`);
    }
    if ((c.base === 'StringLike' || c.base === 'StringNotLike') && (type === 'ARN' || type === 'ArrayOfARN')) {
      add(out, st, 'STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS', 'security', `use an Arn operator instead of ${c.operator} for the ARN key ${c.key}`, `Condition.${c.operator}.${c.key}`);
    }
    if ((type === 'Bool' || type === 'ArrayOfBool') && c.base.startsWith('String')) {
      add(out, st, 'TYPE_MISMATCH', 'warning', `use the Bool operator instead of ${c.operator} for the condition key ${c.key}`, `Condition.${c.operator}.${c.key}`);
    }
  }
  if (isAllow && st.actions && !st.actions.all) unsupportedTagKey(st, out);
  if (!isAllow || kind === 'scp' || kind === 'rcp' || kind === 'resource' || kind === 'trust') return;
  // --- kenro's least-privilege checks
  if (st.notActions) add(out, st, 'ALLOW_WITH_NOT_ACTION', 'security', 'Allow with NotAction grants every action not listed, in every service, including ones AWS adds later', 'NotAction');
  if (st.notResources) add(out, st, 'ALLOW_WITH_NOT_RESOURCE', 'security', 'Allow with NotResource grants access to every resource not listed', 'NotResource');
  const full = (starAction || (st.notActions && st.notActions.raw.length === 0)) && (starResource || !!st.notResources);
  if (starAction && starResource) add(out, st, 'FULL_ADMIN', 'security', st.conditions.length ? 'grants "*" on "*" (under conditions)' : 'grants full administrator rights ("*" on "*")', 'Action');
  const wildServices = new Set<string>();
  for (const a of lower) {
    const [svc = '', act = ''] = a.split(':');
    if (a !== '*' && act === '*' && SENSITIVE_SERVICES.has(svc)) wildServices.add(svc);
  }
  if (wildServices.size) add(out, st, 'WILDCARD_ACTION_SENSITIVE_SERVICE', 'security', `grants every action of the sensitive service(s) ${[...wildServices].join(', ')}`, 'Action');
  let sensitive = full || wildServices.has('iam') || wildServices.has('sts') || wildServices.has('organizations');
  if (starResource && !starAction && st.actions) {
    const writes = new Set<string>();
    let pm = false;
    for (const a of actions) {
      const expanded = /[*?]/.test(a) ? expandAction(a) : [a];
      for (const x of expanded) {
        const [svc = '', act = ''] = x.split(':');
        const info = actionInfo(svc, act);
        if (!info || info.resourceTypes.length === 0) continue; // wildcard-only actions need "*"
        if (info.accessLevel.includes('Write') || info.accessLevel.includes('Permissions management')) writes.add(`${svc}:${info.name}`);
        if (info.accessLevel.includes('Permissions management')) pm = true;
      }
    }
    if (writes.size) {
      const list = [...writes];
      add(out, st, 'WRITE_ACTION_ON_ALL_RESOURCES', 'warning', `${list.length} write action(s) on Resource "*" that support resource-level permissions (${list.slice(0, 5).join(', ')}${list.length > 5 ? ', ...' : ''}); name the resources`, 'Resource');
    }
    if (pm) sensitive = true;
  }
  if (sensitive && kind === 'identity') {
    const keys = new Set(st.conditions.map((c) => c.keyLower));
    if (!keys.has('aws:multifactorauthpresent') && !keys.has('aws:multifactorauthage') && !keys.has('aws:sourceip') && !keys.has('aws:sourcevpce') && !keys.has('aws:sourcevpc')) {
      add(out, st, 'MISSING_MFA_OR_SOURCE_IP_CONDITION', 'suggestion', 'grants sensitive rights (administration, permissions management) without an aws:MultiFactorAuthPresent or aws:SourceIp / aws:SourceVpce condition', 'Condition');
    }
  }
}

/**
 * ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: an Allow conditioned on aws:ResourceTag/...
 * grants nothing for a listed action that does not support that key (per the Service Authorization
 * Reference). Create* actions are left out (the resource does not exist yet; AWS's analyzer does
 * not report them either); a wildcard is reported only when none of the actions it covers supports
 * the key.
 */
function unsupportedTagKey(st: CompiledStatement, out: LintFinding[]): void {
  const tagConds = st.conditions.filter((c) => !c.ifExists && !c.negated && c.base !== 'Null' && c.keyLower.startsWith('aws:resourcetag/'));
  if (!tagConds.length) return;
  const bad: string[] = [];
  const supports = (svc: string, act: string) => actionConditionKeys(svc, act)?.has('aws:resourcetag/${tagkey}');
  for (const a of st.actions?.raw ?? []) {
    const [svc = '', act = ''] = a.toLowerCase().split(':');
    if (act.startsWith('create')) continue;
    if (/[*?]/.test(a)) {
      const expanded = expandAction(a);
      if (expanded.length && expanded.every((x) => supports(svc, (x.split(':')[1] ?? '')) === false)) bad.push(a);
    } else if (supports(svc, act) === false) bad.push(a);
  }
  if (bad.length) {
    const c = tagConds[0] as ConditionCheck;
    add(out, st, 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE', 'suggestion', `the condition key ${c.key} is not supported by ${bad.join(', ')}: the Allow grants nothing for ${bad.length > 1 ? 'them' : 'it'}; move ${bad.length > 1 ? 'them' : 'it'} to another statement`, `Condition.${c.operator}.${c.key}`);
  }
}

function redundant(st: CompiledStatement, values: string[], field: string, out: LintFinding[]): void {
  if (values.length < 2) return;
  const isAction = field === 'Action';
  const norm = (v: string) => (isAction ? v.toLowerCase() : v);
  const seen = new Map<string, number>();
  const wild: { i: number; m: (s: string) => boolean }[] = [];
  values.forEach((v, i) => {
    if (/[*?]/.test(v)) wild.push({ i, m: compileMatcher(encodeWildcards(norm(v)), isAction ? 'plain' : 'arn') });
  });
  const redundantIdx: number[] = [];
  values.forEach((v, i) => {
    const n = norm(v);
    if (seen.has(n)) {
      redundantIdx.push(i);
      return;
    }
    seen.set(n, i);
    for (const w of wild) {
      if (w.i !== i && w.m(n)) {
        redundantIdx.push(i);
        return;
      }
    }
  });
  if (redundantIdx.length) {
    add(out, st, isAction ? 'REDUNDANT_ACTION' : 'REDUNDANT_RESOURCE', 'suggestion', `${field} ${redundantIdx.map((i) => `"${values[i]}"`).join(', ')} ${redundantIdx.length > 1 ? 'are' : 'is'} already covered by another entry of the statement`, field);
  }
}

export { asStringList };
