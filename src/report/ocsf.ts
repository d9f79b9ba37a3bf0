/**
 * OCSF 1.3.0 Compliance Finding events (class_uid 2003, category Findings), a JSON array, one
 * event per result, as Security Hub and SIEMs (Security Lake, Splunk, Sentinel...) ingest them.
 * compliance.status_id: PASS => 1 Pass, MANUAL/ERROR => 2 Warning ("did not yield a result due
 * to missing information"), FAIL => 3 Fail. Finding status_id: New, Resolved (PASS),
 * Suppressed (MUTED). Evidence goes in `unmapped` (OCSF's place for source data without a slot).
 * Detection Findings (class 2004) are what `kenro detect` emits for CloudTrail alerts.
 */
import type { CheckResult, Severity, Status } from '../model/result.js';
import { effectiveStatus, partitionOf, redactSecrets, resourceRef, sortWorstFirst, stableResultId } from './common.js';
import type { ReportFormat, ScanReport } from './types.js';

export const OCSF_VERSION = '1.3.0';
export const COMPLIANCE_FINDING_CLASS_UID = 2003;
export const FINDINGS_CATEGORY_UID = 2;

const SEVERITY_ID: Record<Severity, number> = { informational: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_NAME: Record<Severity, string> = { informational: 'Informational', low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

const COMPLIANCE_STATUS: Record<Exclude<Status, 'MUTED'>, { id: number; name: string }> = {
  PASS: { id: 1, name: 'Pass' },
  MANUAL: { id: 2, name: 'Warning' },
  ERROR: { id: 2, name: 'Warning' },
  FAIL: { id: 3, name: 'Fail' },
};

function findingStatus(r: CheckResult): { id: number; name: string } {
  if (r.status === 'MUTED') return { id: 3, name: 'Suppressed' };
  if (r.status === 'PASS') return { id: 4, name: 'Resolved' };
  return { id: 1, name: 'New' };
}

function toMillis(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

export function toOcsfEvent(report: ScanReport, r: CheckResult) {
  const meta = report.checks[r.checkId];
  const status = effectiveStatus(r);
  const cs = COMPLIANCE_STATUS[status === 'MUTED' ? 'FAIL' : status];
  const fs = findingStatus(r);
  const activityId = 1; // Create
  const time = toMillis(report.finishedAt);
  const standards = Object.keys(r.controls).filter((fw) => r.controls[fw]?.length);
  const requirements = Object.entries(r.controls).flatMap(([fw, ids]) => ids.map((id) => `${fw}:${id}`));
  const rem = meta?.remediation;
  const remDesc = [rem?.cli && `AWS CLI: ${rem.cli}`, rem?.console && `Console: ${rem.console}`, rem?.cloudformation && `CloudFormation:\n${rem.cloudformation}`]
    .filter(Boolean)
    .join('\n\n');
  const region = r.region === 'global' ? undefined : r.region;
  return {
    activity_id: activityId,
    activity_name: 'Create',
    category_uid: FINDINGS_CATEGORY_UID,
    category_name: 'Findings',
    class_uid: COMPLIANCE_FINDING_CLASS_UID,
    class_name: 'Compliance Finding',
    type_uid: COMPLIANCE_FINDING_CLASS_UID * 100 + activityId,
    type_name: 'Compliance Finding: Create',
    severity_id: SEVERITY_ID[r.severity],
    severity: SEVERITY_NAME[r.severity],
    status_id: fs.id,
    status: fs.name,
    time,
    message: r.reason,
    metadata: {
      version: OCSF_VERSION,
      product: { name: 'kenro', vendor_name: 'kenro', version: report.tool.version },
      uid: stableResultId(r),
      log_name: report.kind === 'iac' ? 'kenro-iac' : 'kenro-scan',
      correlation_uid: report.scanId,
      original_time: report.startedAt,
    },
    cloud: {
      provider: 'AWS',
      account: { uid: r.account, type_id: 10, type: 'AWS Account' },
      ...(region ? { region } : {}),
    },
    finding_info: {
      uid: `kenro/${r.checkId}/${stableResultId(r)}`,
      title: meta?.title ?? r.checkId,
      desc: meta?.description ?? r.reason,
      created_time: toMillis(report.startedAt),
      modified_time: time,
      types: ['Software and Configuration Checks'],
      analytic: { uid: r.checkId, name: r.checkId, type_id: 1, type: 'Rule', category: meta?.service ?? 'aws' },
      product: { name: 'kenro', vendor_name: 'kenro', version: report.tool.version },
    },
    compliance: {
      standards: standards.length ? standards : ['kenro'],
      ...(requirements.length ? { requirements } : {}),
      control: r.checkId,
      status_id: cs.id,
      status: cs.name,
      status_detail: r.reason,
      ...(r.status === 'ERROR' ? { status_code: 'ERROR' } : r.status === 'MANUAL' ? { status_code: 'MANUAL' } : {}),
    },
    resources: [
      {
        uid: resourceRef(r),
        name: r.resourceId,
        type: r.resourceType,
        cloud_partition: partitionOf(r.resourceArn),
        ...(region ? { region } : {}),
        owner: { account: { uid: r.account, type_id: 10, type: 'AWS Account' } },
      },
    ],
    ...(remDesc || rem?.docs
      ? {
          remediation: {
            desc: remDesc || (meta?.description ?? r.checkId),
            ...(rem?.docs ? { references: [rem.docs] } : {}),
          },
        }
      : {}),
    ...(meta?.risk ? { risk_details: meta.risk } : {}),
    unmapped: {
      kenro_status: r.status,
      ...(r.evidence !== undefined ? { evidence: redactSecrets(r.evidence) } : {}),
      ...(r.file ? { file: r.file, line: r.line, column: r.column } : {}),
      ...(r.muted ? { suppression: r.muted } : {}),
    },
  };
}

export function toOcsf(report: ScanReport) {
  return sortWorstFirst(report.results).map((r) => toOcsfEvent(report, r));
}

export const ocsfFormat: ReportFormat = {
  id: 'ocsf',
  extension: 'ocsf.json',
  render: (report) => JSON.stringify(toOcsf(report), null, 2) + '\n',
};
