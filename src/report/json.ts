/**
 * kenro's own JSON report: one document with the scan's metadata, a summary, the per-framework
 * summaries, every result (worst first), the metadata of every check that has a result, what
 * could not be read, and expired suppressions. Described by docs/schemas/kenro-report.schema.json.
 */
import { redactSecrets, reportSummary, serviceOf, sortWorstFirst, titleOf } from './common.js';
import type { ReportFormat, ScanReport } from './types.js';

/** Bumped when a field is removed or changes meaning; added fields keep the version. */
export const JSON_REPORT_VERSION = 1;

export function toJsonDocument(report: ScanReport) {
  return {
    reportVersion: JSON_REPORT_VERSION,
    tool: report.tool,
    scanId: report.scanId,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt,
    source: report.source,
    kind: report.kind,
    accounts: report.accounts,
    regions: report.regions,
    summary: reportSummary(report),
    frameworks: report.frameworks,
    results: sortWorstFirst(report.results).map((r) => ({
      checkId: r.checkId,
      title: titleOf(r, report.checks),
      service: serviceOf(r, report.checks),
      status: r.status,
      severity: r.severity,
      account: r.account,
      region: r.region,
      resourceType: r.resourceType,
      ...(r.resourceArn !== undefined ? { resourceArn: r.resourceArn } : {}),
      resourceId: r.resourceId,
      reason: r.reason,
      ...(r.evidence !== undefined ? { evidence: redactSecrets(r.evidence) } : {}),
      controls: r.controls,
      ...(r.file !== undefined ? { file: r.file } : {}),
      ...(r.line !== undefined ? { line: r.line } : {}),
      ...(r.column !== undefined ? { column: r.column } : {}),
      ...(r.muted ? { muted: r.muted } : {}),
    })),
    checks: report.checks,
    collectionIssues: report.collectionIssues,
    expiredSuppressions: report.expiredSuppressions,
  };
}

export const jsonFormat: ReportFormat = {
  id: 'json',
  extension: 'json',
  render(report) {
    return JSON.stringify(toJsonDocument(report), null, 2) + '\n';
  },
};
