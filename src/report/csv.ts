/**
 * CSV (RFC 4180): a header row, then one row per result, worst first; CRLF line ends; fields
 * with a comma, quote or line break are quoted, quotes doubled. Spreadsheet formula injection is
 * neutralised: a cell starting with = + - @ (or tab/CR, which some spreadsheets strip first) gets
 * a leading apostrophe, as OWASP recommends.
 */
import { controlPairs, evidenceJson, serviceOf, sortWorstFirst, titleOf } from './common.js';
import type { ReportFormat, ScanReport } from './types.js';

export const CSV_COLUMNS = [
  'checkId',
  'title',
  'service',
  'status',
  'severity',
  'account',
  'region',
  'resourceType',
  'resourceArn',
  'resourceId',
  'reason',
  'controls',
  'file',
  'line',
  'column',
  'mutedReason',
  'suppressionId',
  'suppressionExpires',
  'originalStatus',
  'evidence',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  let v = value;
  if (FORMULA_START.test(v)) v = `'${v}`;
  if (/[",\r\n]/.test(v)) v = `"${v.replace(/"/g, '""')}"`;
  return v;
}

export function renderCsv(report: ScanReport): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const r of sortWorstFirst(report.results)) {
    const row: Record<(typeof CSV_COLUMNS)[number], string> = {
      checkId: r.checkId,
      title: titleOf(r, report.checks),
      service: serviceOf(r, report.checks),
      status: r.status,
      severity: r.severity,
      account: r.account,
      region: r.region,
      resourceType: r.resourceType,
      resourceArn: r.resourceArn ?? '',
      resourceId: r.resourceId,
      reason: r.reason,
      controls: controlPairs(r).join(' '),
      file: r.file ?? '',
      line: r.line !== undefined ? String(r.line) : '',
      column: r.column !== undefined ? String(r.column) : '',
      mutedReason: r.muted?.reason ?? '',
      suppressionId: r.muted?.suppressionId ?? '',
      suppressionExpires: r.muted?.expires ?? '',
      originalStatus: r.muted?.originalStatus ?? '',
      evidence: evidenceJson(r.evidence, 0),
    };
    rows.push(CSV_COLUMNS.map((k) => csvCell(row[k])).join(','));
  }
  return rows.join('\r\n') + '\r\n';
}

export const csvFormat: ReportFormat = {
  id: 'csv',
  extension: 'csv',
  render: (report) => renderCsv(report),
};
