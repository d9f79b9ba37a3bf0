/** Helpers shared by the report formats. */
import { createHash } from 'node:crypto';
import type { CheckMeta } from '../checks/types.js';
import { SEVERITIES, STATUSES, severityRank } from '../model/result.js';
import type { CheckResult, Severity, Status } from '../model/result.js';
import type { ScanReport } from './types.js';

/** Worst first: FAIL, ERROR, MANUAL, MUTED, PASS. */
const STATUS_ORDER: Status[] = ['FAIL', 'ERROR', 'MANUAL', 'MUTED', 'PASS'];

export function statusRank(s: Status): number {
  return STATUS_ORDER.indexOf(s);
}

/** Worst first: status, then severity, then check id, account, region, resource (stable). */
export function compareResults(a: CheckResult, b: CheckResult): number {
  return (
    statusRank(a.status) - statusRank(b.status) ||
    severityRank(a.severity) - severityRank(b.severity) ||
    cmp(a.checkId, b.checkId) ||
    cmp(a.account, b.account) ||
    cmp(a.region, b.region) ||
    cmp(resourceRef(a), resourceRef(b)) ||
    cmp(a.file ?? '', b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortWorstFirst(results: readonly CheckResult[]): CheckResult[] {
  return [...results].sort(compareResults);
}

/** The ARN where there is one, else the resource id. */
export function resourceRef(r: CheckResult): string {
  return r.resourceArn ?? r.resourceId;
}

/** The check's service namespace (from its metadata, else the check id's prefix). */
export function serviceOf(r: CheckResult, checks: Record<string, CheckMeta>): string {
  return checks[r.checkId]?.service ?? r.checkId.split('_')[0] ?? 'unknown';
}

export function titleOf(r: CheckResult, checks: Record<string, CheckMeta>): string {
  return checks[r.checkId]?.title ?? r.checkId;
}

export function countByStatus(results: readonly CheckResult[]): Record<Status, number> {
  const out = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const r of results) out[r.status]++;
  return out;
}

/** Counts of FAIL results per severity (what needs fixing). */
export function failsBySeverity(results: readonly CheckResult[]): Record<Severity, number> {
  const out = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of results) if (r.status === 'FAIL') out[r.severity]++;
  return out;
}

/**
 * A stable identifier for one result: the same check on the same resource (same account,
 * region, template location) gives the same id in every scan, so that downstream systems update
 * a finding instead of duplicating it.
 */
export function stableResultId(r: CheckResult): string {
  const key = [r.checkId, r.account, r.region, resourceRef(r), r.file ?? '', r.file ? String(r.line ?? '') : ''].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 40);
}

/** The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`), or `aws`. */
export function partitionOf(arn: string | undefined): string {
  const m = /^arn:([a-z-]+):/.exec(arn ?? '');
  return m?.[1] ?? 'aws';
}

/**
 * Removes C0/C1 control characters (terminal escape sequences, BEL, NUL...) except tab and
 * newline. Resource names, tags and AWS error messages are attacker-influenced: printed raw they
 * could rewrite the terminal.
 */
export function stripControl(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** Characters not allowed in XML 1.0 documents (even escaped). */
export function stripXmlInvalid(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  // Do not cut a surrogate pair in two.
  let end = max - 1;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return s.slice(0, end) + '…';
}

const SECRET_KEY = /(password|passwd|passphrase|secret|token|private_?key|api_?key|credential)/i;
/** Keys that name secrets but hold metadata about them (dates, flags, ARNs, policies...). */
const SECRET_METADATA_KEY = /(last|used|date|time|age|enabled|policy|length|required|reuse|expir|rotat|arn|ids?$|names?$|type$|status|present|count|set$|version|kms)/i;
const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g;
export const REDACTED = '[redacted by kenro]';

/**
 * Evidence as reports may store it: string values under secret-looking keys (`password`,
 * `DB_PASSWORD`, `secretAccessKey`, `token`...) and PEM private keys anywhere are replaced, so a
 * report never carries a secret a check happened to see (Lambda environment variables, user data,
 * template parameters). Metadata about secrets (`passwordLastUsed`, `secretArn`) is kept.
 */
export function redactSecrets(value: unknown, key = '', depth = 0): unknown {
  if (depth > 64) return '[too deep]';
  if (typeof value === 'string') {
    if (key && SECRET_KEY.test(key) && !SECRET_METADATA_KEY.test(key) && value.length > 0) return REDACTED;
    return value.includes('PRIVATE KEY-----') ? value.replace(PRIVATE_KEY_BLOCK, REDACTED) : value;
  }
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, key, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const obj = value as Record<string, unknown>;
    // Name/Value pairs (CloudFormation parameters, ECS environment): the name says what the value is.
    const pairName = [obj.Name, obj.name, obj.Key, obj.ParameterKey].find((x): x is string => typeof x === 'string');
    for (const [k, v] of Object.entries(obj)) {
      const effectiveKey = pairName && /^(value|Value|ParameterValue)$/.test(k) ? pairName : k;
      out[k] = redactSecrets(v, effectiveKey, depth + 1);
    }
    return out;
  }
  return value;
}

/** Evidence as pretty JSON (secrets redacted), or '' when there is none. */
export function evidenceJson(evidence: unknown, indent = 2): string {
  if (evidence === undefined) return '';
  try {
    return JSON.stringify(redactSecrets(evidence), null, indent) ?? '';
  } catch {
    return String(evidence);
  }
}

/** `framework:control` pairs of a result, e.g. `cis-aws-5.0:2.1.4`. */
export function controlPairs(r: CheckResult): string[] {
  const out: string[] = [];
  for (const [fw, ids] of Object.entries(r.controls)) for (const id of ids) out.push(`${fw}:${id}`);
  return out;
}

/** The status a muted result had before its suppression (the status itself otherwise). */
export function effectiveStatus(r: CheckResult): Status {
  return r.status === 'MUTED' && r.muted ? r.muted.originalStatus : r.status;
}

export function reportSummary(report: ScanReport) {
  return {
    total: report.results.length,
    byStatus: countByStatus(report.results),
    failsBySeverity: failsBySeverity(report.results),
  };
}
