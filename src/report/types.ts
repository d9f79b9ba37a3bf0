import type { CheckMeta } from '../checks/types.js';
import type { CheckResult, Status } from '../model/result.js';

/** Everything a report format needs: one scan, its results, and the summaries. */
export interface ScanReport {
  tool: { name: 'kenro'; version: string };
  scanId: string;
  startedAt: string;
  finishedAt: string;
  /** What was scanned: `live`, `demo`, `snapshot:<file>`, `template:<path>`. */
  source: string;
  /** `scan` for accounts, `iac` for templates. */
  kind: 'scan' | 'iac';
  accounts: string[];
  regions: string[];
  results: CheckResult[];
  /** Metadata of every check that has a result (titles, remediation, risk). */
  checks: Record<string, CheckMeta>;
  frameworks: FrameworkSummary[];
  /** What could not be read, and which permissions would fix it. */
  collectionIssues: CollectionIssue[];
  /** Suppressions past their expiry date: reported, not applied. */
  expiredSuppressions: { id: string; checkId: string; expires: string; reason: string }[];
}

export interface FrameworkSummary {
  id: string;
  name: string;
  /** Per control: the worst status among its checks' results, or `NOT_COVERED`. */
  controls: { id: string; title: string; status: Status | 'NOT_COVERED'; pass: number; fail: number; error: number; manual: number }[];
  counts: Record<Status | 'NOT_COVERED', number>;
  /** Share of evaluated automated controls that pass, 0-100 (controls with ERROR count as not passing). */
  score: number;
}

export interface CollectionIssue {
  account: string;
  region: string;
  /** What could not be read, e.g. `s3 bucket policy (my-bucket)`. */
  what: string;
  status: string;
  code: string;
  message: string;
  permission?: string;
}

/** One output format: a pure function from the report to file content. */
export interface ReportFormat {
  id: 'text' | 'json' | 'ocsf' | 'asff' | 'sarif' | 'junit' | 'csv' | 'html';
  /** File extension used with --output-dir. */
  extension: string;
  render(report: ScanReport, opts: { color: boolean }): string;
}
