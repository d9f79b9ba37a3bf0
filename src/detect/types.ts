/** A CloudTrail record as parsed from JSON. Fields are read by dotted path (see fields.ts). */
export type CloudTrailEvent = Record<string, unknown>;

/** Where an event came from: a file (and line), an S3 object, or the LookupEvents API. */
export interface EventOrigin {
  source: string;
  /** 1-based line of the file (NDJSON line, or the line holding a Records document). */
  line?: number;
  /** 0-based index in a `Records` array. */
  record?: number;
}

export type Severity = 'informational' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['informational', 'low', 'medium', 'high', 'critical'];

export function severityRank(s: string): number {
  const i = SEVERITIES.indexOf(s as Severity);
  return i < 0 ? 0 : i;
}

/** A problem reading input (a malformed file or line); reading continues after it. */
export interface ReadIssue {
  source: string;
  line?: number;
  message: string;
}
