import { readFileSync } from 'node:fs';
import picomatch from 'picomatch';
import { isMap, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import type { CheckResult } from '../model/result.js';

/**
 * Accepted risks, from a YAML file. Each suppression names the check (id or glob) and narrows by
 * account, region, resource pattern and tags; it needs a justification and an expiry date.
 * Only FAIL and MANUAL results are muted: an ERROR means kenro could not see, and nobody can
 * accept a risk nobody has seen.
 */
export interface Suppression {
  id: string;
  check: string;
  account?: string;
  region?: string;
  /** Glob over the resource ARN or, when there is none, the resource id. */
  resource?: string;
  /** The resource must carry every one of these tags (exact values). */
  tags?: Record<string, string>;
  reason: string;
  /** ISO date (YYYY-MM-DD); the suppression applies up to and including that day (UTC). */
  expires: string;
  /** 1-based line in the file, for messages. */
  line: number;
}

export class SuppressionFileError extends Error {
  constructor(file: string, line: number | undefined, detail: string) {
    super(`suppressions ${file}${line ? ` line ${line}` : ''}: ${detail}`);
    this.name = 'SuppressionFileError';
  }
}

const KNOWN_FIELDS = new Set(['id', 'check', 'account', 'region', 'resource', 'tags', 'reason', 'expires']);

export function parseSuppressions(text: string, file = '<suppressions>'): Suppression[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (node: Node | null | undefined): number | undefined =>
    node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new SuppressionFileError(file, lineCounter.linePos(e.pos[0]).line, `invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (!isMap(root)) throw new SuppressionFileError(file, lineOf(root as Node), 'expected a mapping with a `suppressions:` list');
  const list = root.get('suppressions', true);
  if (list === undefined || list === null) return [];
  if (!isSeq(list)) throw new SuppressionFileError(file, lineOf(list as Node), '`suppressions` must be a list');
  const seen = new Set<string>();
  return list.items.map((item, index) => {
    const line = lineOf(item as Node) ?? 0;
    if (!isMap(item)) throw new SuppressionFileError(file, line, `suppressions[${index}] must be a mapping`);
    const entry = item as YAMLMap;
    const field = (name: string): unknown => entry.get(name);
    const fieldLine = (name: string): number => lineOf(entry.get(name, true) as Node) ?? line;
    const str = (name: string, required: boolean): string | undefined => {
      const v = field(name);
      if (v === undefined || v === null) {
        if (required) throw new SuppressionFileError(file, line, `suppressions[${index}].${name} is required`);
        return undefined;
      }
      if (typeof v !== 'string' && typeof v !== 'number') {
        throw new SuppressionFileError(file, fieldLine(name), `suppressions[${index}].${name} must be a string`);
      }
      return String(v);
    };
    for (const pair of entry.items) {
      const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
      if (!KNOWN_FIELDS.has(key)) {
        throw new SuppressionFileError(
          file,
          lineOf(pair.key as Node) ?? line,
          `suppressions[${index}].${key} is not a known field (known: ${[...KNOWN_FIELDS].join(', ')})`,
        );
      }
    }
    const reason = str('reason', true)!;
    if (reason.trim().length < 3) throw new SuppressionFileError(file, fieldLine('reason'), `suppressions[${index}].reason must justify the accepted risk`);
    const expires = str('expires', true)!;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(expires) || Number.isNaN(Date.parse(`${expires}T00:00:00Z`))) {
      throw new SuppressionFileError(file, fieldLine('expires'), `suppressions[${index}].expires must be a date YYYY-MM-DD, got ${JSON.stringify(expires)}`);
    }
    let tags: Record<string, string> | undefined;
    const tagsNode = field('tags');
    if (tagsNode !== undefined && tagsNode !== null) {
      const t = (tagsNode as YAMLMap).toJSON?.() as unknown;
      if (typeof t !== 'object' || t === null || Array.isArray(t)) {
        throw new SuppressionFileError(file, fieldLine('tags'), `suppressions[${index}].tags must be a mapping of tag key to value`);
      }
      tags = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, String(v)]));
    }
    const id = str('id', false) ?? `${file.replace(/^.*\//, '')}#${index + 1}`;
    if (seen.has(id)) throw new SuppressionFileError(file, fieldLine('id'), `duplicate suppression id ${id}`);
    seen.add(id);
    const s: Suppression = { id, check: str('check', true)!, reason, expires, line };
    const account = str('account', false);
    const region = str('region', false);
    const resource = str('resource', false);
    if (account !== undefined) s.account = account;
    if (region !== undefined) s.region = region;
    if (resource !== undefined) s.resource = resource;
    if (tags) s.tags = tags;
    return s;
  });
}

export function loadSuppressions(file: string): Suppression[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SuppressionFileError(file, undefined, `cannot read: ${(err as Error).message}`);
  }
  return parseSuppressions(text, file);
}

export function isExpired(s: Suppression, now: Date): boolean {
  return Date.parse(`${s.expires}T23:59:59.999Z`) < now.getTime();
}

export interface SuppressionOutcome {
  results: CheckResult[];
  expired: Suppression[];
}

/**
 * Mutes matching FAIL/MANUAL results with active suppressions. Expired suppressions are returned
 * so the report lists them; they are never applied.
 */
export function applySuppressions(
  results: readonly CheckResult[],
  suppressions: readonly Suppression[],
  now: Date,
  tagsOf: (arnOrId: string) => Record<string, string> | undefined = () => undefined,
): SuppressionOutcome {
  const expired = suppressions.filter((s) => isExpired(s, now));
  const active = suppressions
    .filter((s) => !isExpired(s, now))
    .map((s) => ({
      s,
      check: picomatch(s.check),
      account: s.account ? picomatch(s.account) : undefined,
      region: s.region ? picomatch(s.region) : undefined,
      resource: s.resource ? picomatch(s.resource, { dot: true }) : undefined,
    }));
  const out = results.map((r) => {
    if (r.status !== 'FAIL' && r.status !== 'MANUAL') return r;
    const target = r.resourceArn ?? r.resourceId;
    const hit = active.find(
      (a) =>
        a.check(r.checkId) &&
        (!a.account || a.account(r.account)) &&
        (!a.region || a.region(r.region)) &&
        (!a.resource || a.resource(target) || a.resource(r.resourceId)) &&
        (!a.s.tags || tagsMatch(a.s.tags, tagsOf(target) ?? tagsOf(r.resourceId))),
    );
    if (!hit) return r;
    return {
      ...r,
      status: 'MUTED' as const,
      muted: { reason: hit.s.reason, suppressionId: hit.s.id, expires: hit.s.expires, originalStatus: r.status },
    };
  });
  return { results: out, expired };
}

function tagsMatch(wanted: Record<string, string>, actual: Record<string, string> | undefined): boolean {
  if (!actual) return false;
  return Object.entries(wanted).every(([k, v]) => actual[k] === v);
}
