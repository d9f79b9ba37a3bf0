import { randomUUID } from 'node:crypto';
import { ALL_CHECKS } from '../checks/index.js';
import { runChecks } from '../checks/engine.js';
import type { Check, CheckMeta } from '../checks/types.js';
import { controlIndex, findFramework, loadFrameworks } from '../frameworks/catalog.js';
import { summarizeFramework } from '../frameworks/summary.js';
import type { Inventory } from '../model/inventory.js';
import type { CollectionIssue, ScanReport } from '../report/types.js';
import { applySuppressions, type Suppression } from '../suppress/suppressions.js';
import { resourceTagIndex } from '../suppress/tags.js';
import { KENRO_VERSION } from '../version.js';
import { collectionIssues } from './issues.js';

export interface ScanOptions {
  /** What was scanned, for the report: `live`, `demo`, `snapshot:<file>`. */
  source: string;
  /** Framework ids: run only the checks they map, summarise only them. Default: all checks, every framework. */
  frameworks?: string[];
  /** Check ids or globs to run (default all). */
  checks?: string[];
  /** Check ids or globs to leave out. */
  excludeChecks?: string[];
  suppressions?: Suppression[];
  /** The scan clock (age-based checks and suppression expiry). */
  now?: Date;
  /** Issues reported by the collector; by default derived from the inventory. */
  issues?: CollectionIssue[];
  startedAt?: Date;
  /** The check set (defaults to every shipped check). */
  available?: readonly Check[];
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** The checks a scan runs, after --framework, --check and --exclude-check. Unknown ids are errors. */
export function selectChecks(opts: Pick<ScanOptions, 'frameworks' | 'checks' | 'excludeChecks' | 'available'>): Check[] {
  const available = opts.available ?? ALL_CHECKS;
  let selected = [...available];
  if (opts.frameworks?.length) {
    const wanted = new Set(opts.frameworks.flatMap((id) => findFramework(id).controls.flatMap((c) => c.checks)));
    selected = selected.filter((c) => wanted.has(c.meta.id));
  }
  const matchers = (patterns: string[], flag: string) =>
    patterns.map((p) => {
      const re = globToRegExp(p);
      if (!available.some((c) => re.test(c.meta.id))) {
        throw new Error(`${flag} ${p}: no check has that id (see \`kenro checks\`)`);
      }
      return re;
    });
  if (opts.checks?.length) {
    const res = matchers(opts.checks, '--check');
    selected = selected.filter((c) => res.some((re) => re.test(c.meta.id)));
  }
  if (opts.excludeChecks?.length) {
    const res = matchers(opts.excludeChecks, '--exclude-check');
    selected = selected.filter((c) => !res.some((re) => re.test(c.meta.id)));
  }
  return selected;
}

/** Runs the selected checks over an inventory and assembles the report every format renders. */
export function scanInventory(inventory: Inventory, opts: ScanOptions): ScanReport {
  const startedAt = opts.startedAt ?? new Date();
  const now = opts.now ?? startedAt;
  const checks = selectChecks(opts);
  const controls = controlIndex();
  const raw = runChecks(inventory, checks, { now, controls });
  const available = opts.available ?? ALL_CHECKS;
  for (const s of opts.suppressions ?? []) {
    const re = globToRegExp(s.check);
    if (!available.some((c) => re.test(c.meta.id))) {
      throw new Error(`suppression ${s.id} (line ${s.line}): check ${s.check} matches no check (see \`kenro checks\`)`);
    }
  }
  const tags = opts.suppressions?.length ? resourceTagIndex(inventory) : undefined;
  const { results, expired } = applySuppressions(raw, opts.suppressions ?? [], now, (key) => tags?.get(key));
  const frameworks = (opts.frameworks?.length ? opts.frameworks.map(findFramework) : loadFrameworks()).map((fw) =>
    summarizeFramework(fw, results),
  );
  const checkMeta: Record<string, CheckMeta> = {};
  for (const c of checks) checkMeta[c.meta.id] = c.meta;
  const regions = [...new Set(inventory.accounts.flatMap((a) => a.regions))].sort();
  return {
    tool: { name: 'kenro', version: KENRO_VERSION },
    scanId: randomUUID(),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    source: opts.source,
    kind: 'scan',
    accounts: inventory.accounts.map((a) => a.accountId),
    regions,
    results,
    checks: checkMeta,
    frameworks,
    collectionIssues: opts.issues ?? collectionIssues(inventory),
    expiredSuppressions: expired.map((s) => ({ id: s.id, checkId: s.check, expires: s.expires, reason: s.reason })),
  };
}
