/** Results of checks, as every report format consumes them. */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** PASS/FAIL/ERROR/MANUAL come from checks; MUTED is set by suppressions. */
export const STATUSES = ['FAIL', 'ERROR', 'MANUAL', 'PASS', 'MUTED'] as const;
export type Status = (typeof STATUSES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** Framework id -> control ids, e.g. `{ "cis-aws-5.0": ["2.1.4"], "fsbp": ["S3.8"] }`. */
export type ControlMap = Record<string, string[]>;

export interface CheckResult {
  checkId: string;
  status: Status;
  severity: Severity;
  account: string;
  /** Region name, or `global` for global services (IAM, S3 account settings, ...). */
  region: string;
  resourceType: string;
  resourceArn?: string;
  resourceId: string;
  /** One line: why this status. */
  reason: string;
  /** The setting, statement or record that decided (plain JSON). */
  evidence?: unknown;
  controls: ControlMap;
  /** Template scans: where the offending property is. */
  file?: string;
  line?: number;
  column?: number;
  /** Set when a suppression applied. */
  muted?: { reason: string; suppressionId: string; expires: string; originalStatus: Status };
}
