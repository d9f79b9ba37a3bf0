/**
 * KICS CloudFormation conformance: for each KICS query mapped to kenro checks
 * (kics-mapping.json), every positive template must produce a FAIL of a mapped check on each
 * expected resource (the logical id holding the expected line), and every negative template no
 * FAIL of a mapped check. Agreement is counted per template file.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_CHECKS } from '../src/checks/index.js';
import { logicalIdAt, scanTemplate } from '../src/checks/iac/scan.js';
import type { CheckResult } from '../src/model/result.js';
import { loadTemplateFile } from '../src/sources/cfn/load.js';
import type { Template } from '../src/sources/cfn/template.js';
import { TemplateError } from '../src/sources/cfn/yaml.js';

export const CONFORMANCE_DIR = dirname(fileURLToPath(import.meta.url));

export interface KicsQuery {
  dir: string;
  queryName: string;
  positiveFiles: string[];
  negativeFiles: string[];
}

export interface MappingEntry {
  checks: string[];
  note: string;
  /** Only FAILs whose reason matches (a broad kenro check vs a property-specific KICS query). */
  reasonMatches?: string;
}

export interface FileOutcome {
  query: string;
  file: string;
  kind: 'positive' | 'negative';
  agrees: boolean;
  /** What went wrong, when it disagrees. */
  detail?: string;
  /** The documented reason, from kics-disagreements.json. */
  reason?: string;
}

export interface ConformanceResult {
  /** Expected KICS findings (positives of mapped queries) and how many kenro hit on the exact line. */
  expectedFindings: number;
  exactLineMatches: number;
  totalQueries: number;
  mappedQueries: number;
  files: number;
  agreeing: number;
  /** Percentage of agreeing files, one decimal. */
  agreement: number;
  outcomes: FileOutcome[];
  disagreements: FileOutcome[];
}

function readJson<T>(p: string): T {
  return JSON.parse(readFileSync(p, 'utf8')) as T;
}

export function loadMapping(): Record<string, MappingEntry> {
  const m = readJson<Record<string, MappingEntry | string>>(join(CONFORMANCE_DIR, 'kics-mapping.json'));
  const out: Record<string, MappingEntry> = {};
  for (const [k, v] of Object.entries(m)) if (typeof v === 'object' && !k.startsWith('$')) out[k] = v;
  return out;
}

export function loadDisagreements(): Record<string, string> {
  const d = readJson<Record<string, string>>(join(CONFORMANCE_DIR, 'kics-disagreements.json'));
  return Object.fromEntries(Object.entries(d).filter(([k]) => !k.startsWith('$')));
}

interface Expected {
  line: number;
  fileName?: string;
  filename?: string;
}

interface Scanned {
  templates: Template[];
  results: CheckResult[];
  logicalIds: Map<string, string>;
  error?: string;
}

const cache = new Map<string, Scanned>();

function scanFile(path: string): Scanned {
  const hit = cache.get(path);
  if (hit) return hit;
  let out: Scanned;
  try {
    const templates = loadTemplateFile(path);
    const results: CheckResult[] = [];
    const logicalIds = new Map<string, string>();
    for (const t of templates) {
      const s = scanTemplate(t, { checks: ALL_CHECKS });
      results.push(...s.results);
      for (const [k, v] of s.logicalIds) logicalIds.set(k, v);
    }
    out = { templates, results, logicalIds };
  } catch (err) {
    out = { templates: [], results: [], logicalIds: new Map(), error: err instanceof TemplateError ? err.format() : String(err) };
  }
  cache.set(path, out);
  return out;
}

/** The logical ids a result is about: its resource's, and the one holding its line. */
function idsOf(s: Scanned, r: CheckResult): string[] {
  const out: string[] = [];
  const own = s.logicalIds.get(r.resourceId) ?? (r.resourceArn ? s.logicalIds.get(r.resourceArn) : undefined);
  if (own) out.push(own);
  const at = r.line ? idAt(s.templates, r.line) : undefined;
  if (at) out.push(at);
  if (out.length === 0) out.push(r.resourceId);
  return out;
}

function idAt(templates: Template[], line: number): string | undefined {
  let best: { id: string; line: number } | undefined;
  for (const t of templates) {
    const id = logicalIdAt(t, line);
    const r = id ? t.resources.find((x) => x.logicalId === id) : undefined;
    if (r && (!best || r.pos.line > best.line)) best = { id: r.logicalId, line: r.pos.line };
  }
  return best?.id;
}

export function runKicsConformance(dataDir: string): ConformanceResult {
  const index = readJson<KicsQuery[]>(join(dataDir, 'index.json'));
  const mapping = loadMapping();
  const reasons = loadDisagreements();
  const outcomes: FileOutcome[] = [];
  let mappedQueries = 0;
  let expectedFindings = 0;
  let exactLineMatches = 0;
  for (const q of index) {
    const m = mapping[q.dir];
    if (!m) continue;
    mappedQueries++;
    const mapped = new Set(m.checks);
    const testDir = join(dataDir, q.dir, 'test');
    let expected: Expected[] = [];
    try {
      expected = readJson<Expected[]>(join(testDir, 'positive_expected_result.json'));
    } catch {
      expected = [];
    }
    const scope = m.reasonMatches ? new RegExp(m.reasonMatches) : undefined;
    const fails = (s: Scanned) => s.results.filter((r) => r.status === 'FAIL' && mapped.has(r.checkId) && (!scope || scope.test(r.reason)));
    for (const f of q.positiveFiles) {
      const s = scanFile(join(testDir, f));
      const mine = expected.filter((e) => basename(e.fileName ?? e.filename ?? (q.positiveFiles.length === 1 ? f : '')) === f);
      const o: FileOutcome = { query: q.dir, file: f, kind: 'positive', agrees: false };
      if (s.error) o.detail = `kenro could not scan it: ${s.error}`;
      else {
        const found = new Set(fails(s).flatMap((r) => idsOf(s, r)));
        const lines = new Set(fails(s).map((r) => r.line));
        expectedFindings += mine.length;
        exactLineMatches += mine.filter((e) => lines.has(e.line)).length;
        const wanted = new Set(mine.map((e) => idAt(s.templates, e.line) ?? '*'));
        if (wanted.size === 0) wanted.add('*');
        const missing = [...wanted].filter((id) => (id === '*' ? found.size === 0 : !found.has(id)));
        o.agrees = missing.length === 0;
        if (!o.agrees) o.detail = `no FAIL of ${[...mapped].join('/')} on ${missing.join(', ')}`;
      }
      outcomes.push(o);
    }
    for (const f of q.negativeFiles) {
      const s = scanFile(join(testDir, f));
      const o: FileOutcome = { query: q.dir, file: f, kind: 'negative', agrees: false };
      if (s.error) o.detail = `kenro could not scan it: ${s.error}`;
      else {
        const bad = fails(s);
        o.agrees = bad.length === 0;
        if (!o.agrees) o.detail = bad.map((r) => `${r.checkId} FAIL on ${idsOf(s, r)[0]} (line ${r.line}): ${r.reason}`).join('; ');
      }
      outcomes.push(o);
    }
  }
  for (const o of outcomes) {
    const r = reasons[`${o.query}/${o.file}`] ?? reasons[o.query];
    if (!o.agrees && r) o.reason = r;
  }
  const agreeing = outcomes.filter((o) => o.agrees).length;
  return {
    expectedFindings,
    exactLineMatches,
    totalQueries: index.length,
    mappedQueries,
    files: outcomes.length,
    agreeing,
    agreement: outcomes.length ? Math.round((agreeing / outcomes.length) * 1000) / 10 : 0,
    outcomes,
    disagreements: outcomes.filter((o) => !o.agrees),
  };
}

export interface Baseline {
  agreement: number;
  agreeing: number;
  files: number;
  mappedQueries: number;
  totalQueries: number;
  recordedAt: string;
}

export function readBaseline(): Baseline | undefined {
  try {
    return readJson<Baseline>(join(CONFORMANCE_DIR, 'kics-baseline.json'));
  } catch {
    return undefined;
  }
}
