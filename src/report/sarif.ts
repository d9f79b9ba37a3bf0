/**
 * SARIF 2.1.0 (OASIS): one run, a rule per check (from its metadata), a result per non-passing
 * check result. Template results point into the template (physicalLocation with line/column),
 * live results name the resource by ARN (logicalLocations). MUTED results carry an accepted
 * external suppression with the reason; ERROR (could not evaluate) is kind "open", MANUAL is
 * kind "review". PASS results are left out (counted in run.properties).
 */
import type { CheckMeta } from '../checks/types.js';
import type { CheckResult, Severity, Status } from '../model/result.js';
import { countByStatus, effectiveStatus, redactSecrets, resourceRef, sortWorstFirst, stableResultId } from './common.js';
import type { ReportFormat, ScanReport } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub's security-severity bands: critical > 9.0, high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  informational: '0.0',
};

type Level = 'error' | 'warning' | 'note' | 'none';

export function sarifLevel(sev: Severity): Level {
  return sev === 'critical' || sev === 'high' ? 'error' : sev === 'medium' ? 'warning' : 'note';
}

function kindOf(status: Status): 'fail' | 'open' | 'review' | 'pass' {
  switch (status) {
    case 'FAIL':
      return 'fail';
    case 'ERROR':
      return 'open';
    case 'MANUAL':
      return 'review';
    default:
      return 'pass';
  }
}

function pascal(id: string): string {
  return id
    .split(/[_\-]/)
    .map((p) => (p ? p[0]!.toUpperCase() + p.slice(1) : ''))
    .join('');
}

function helpText(meta: CheckMeta): { text: string; markdown: string } {
  const t: string[] = [];
  const md: string[] = [];
  t.push(meta.description, '', `Risk: ${meta.risk}`);
  md.push(meta.description, '', `**Risk:** ${meta.risk}`);
  const rem = meta.remediation;
  if (rem.cli) {
    t.push('', 'Fix with the AWS CLI:', rem.cli);
    md.push('', '**Fix with the AWS CLI**', '', '```sh', rem.cli, '```');
  }
  if (rem.cloudformation) {
    t.push('', 'CloudFormation:', rem.cloudformation);
    md.push('', '**CloudFormation**', '', '```yaml', rem.cloudformation.replace(/\n$/, ''), '```');
  }
  if (rem.console) {
    t.push('', 'Console:', rem.console);
    md.push('', '**Console**', '', rem.console);
  }
  if (rem.docs) {
    t.push('', `Documentation: ${rem.docs}`);
    md.push('', `[AWS documentation](${rem.docs})`);
  }
  return { text: t.join('\n'), markdown: md.join('\n') };
}

function ruleFor(checkId: string, meta: CheckMeta | undefined, frameworks: Set<string>) {
  if (!meta) {
    return {
      id: checkId,
      name: pascal(checkId),
      shortDescription: { text: checkId },
      properties: { tags: ['security'] },
    };
  }
  return {
    id: checkId,
    name: pascal(checkId),
    shortDescription: { text: meta.title },
    fullDescription: { text: `${meta.description} ${meta.risk}`.trim() },
    help: helpText(meta),
    ...(meta.remediation.docs && /^https?:\/\//.test(meta.remediation.docs) ? { helpUri: meta.remediation.docs } : {}),
    defaultConfiguration: { level: sarifLevel(meta.severity) },
    properties: {
      'security-severity': SECURITY_SEVERITY[meta.severity],
      severity: meta.severity,
      precision: 'very-high',
      'problem.severity': sarifLevel(meta.severity) === 'note' ? 'recommendation' : sarifLevel(meta.severity),
      tags: ['security', 'aws', meta.service, meta.resourceType, ...[...frameworks].sort()],
      ...(meta.configRule ? { configRule: meta.configRule } : {}),
    },
  };
}

/** A relative file path as a URI reference (segments percent-encoded, `/` kept). */
export function fileUri(path: string): string {
  const p = path.replace(/\\/g, '/');
  const abs = p.startsWith('/');
  const encoded = p
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
  return abs ? `file://${encoded}` : encoded;
}

function location(r: CheckResult) {
  if (r.file) {
    const region: Record<string, number> = {};
    if (r.line && r.line > 0) region.startLine = r.line;
    if (r.line && r.column && r.column > 0) region.startColumn = r.column;
    const abs = r.file.replace(/\\/g, '/').startsWith('/');
    return {
      physicalLocation: {
        artifactLocation: { uri: fileUri(r.file), ...(abs ? {} : { uriBaseId: '%SRCROOT%' }) },
        ...(Object.keys(region).length ? { region } : {}),
      },
      logicalLocations: [{ name: r.resourceId, fullyQualifiedName: r.resourceId, kind: 'resource' }],
    };
  }
  return {
    logicalLocations: [{ name: r.resourceId, fullyQualifiedName: resourceRef(r), kind: 'resource' }],
  };
}

export function renderSarifObject(report: ScanReport) {
  const shown = sortWorstFirst(report.results).filter((r) => r.status !== 'PASS');
  const checkIds = [...new Set(shown.map((r) => r.checkId))].sort();
  const frameworksByCheck = new Map<string, Set<string>>();
  for (const r of report.results) {
    let set = frameworksByCheck.get(r.checkId);
    if (!set) frameworksByCheck.set(r.checkId, (set = new Set()));
    for (const fw of Object.keys(r.controls)) set.add(fw);
  }
  const rules = checkIds.map((id) => ruleFor(id, report.checks[id], frameworksByCheck.get(id) ?? new Set()));
  const ruleIndex = new Map(checkIds.map((id, i) => [id, i]));
  const files = [...new Set(shown.filter((r) => r.file).map((r) => r.file!))].sort();

  const results = shown.map((r) => {
    const status = effectiveStatus(r);
    const kind = kindOf(status);
    return {
      ruleId: r.checkId,
      ruleIndex: ruleIndex.get(r.checkId)!,
      kind,
      level: kind === 'fail' ? sarifLevel(r.severity) : 'none',
      message: { text: r.reason || r.checkId },
      locations: [location(r)],
      partialFingerprints: { 'kenroResult/v1': stableResultId(r) },
      ...(r.status === 'MUTED' && r.muted
        ? {
            suppressions: [
              {
                kind: 'external',
                status: 'accepted',
                justification: r.muted.reason,
                properties: { suppressionId: r.muted.suppressionId, expires: r.muted.expires },
              },
            ],
          }
        : {}),
      properties: {
        status: r.status,
        severity: r.severity,
        account: r.account,
        region: r.region,
        resourceType: r.resourceType,
        resourceId: r.resourceId,
        ...(r.resourceArn ? { resourceArn: r.resourceArn } : {}),
        controls: r.controls,
        ...(r.evidence !== undefined ? { evidence: redactSecrets(r.evidence) } : {}),
      },
    };
  });

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'kenro',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: 'https://www.npmjs.com/package/kenro',
            rules,
          },
        },
        automationDetails: { id: `kenro-${report.kind}/${report.scanId}` },
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: report.startedAt,
            endTimeUtc: report.finishedAt,
            toolExecutionNotifications: report.collectionIssues.map((i) => ({
              level: 'warning',
              message: {
                text: `Could not read ${i.what} in ${i.account}/${i.region}: ${i.code} ${i.message}${i.permission ? ` (grant ${i.permission})` : ''}`,
              },
              descriptor: { id: i.code || 'collection' },
            })),
          },
        ],
        ...(files.length
          ? {
              originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder kenro was run from.' } } },
              artifacts: files.map((f) => ({
                location: { uri: fileUri(f), ...(f.replace(/\\/g, '/').startsWith('/') ? {} : { uriBaseId: '%SRCROOT%' }) },
              })),
            }
          : {}),
        results,
        columnKind: 'utf16CodeUnits',
        properties: {
          scanId: report.scanId,
          source: report.source,
          accounts: report.accounts,
          regions: report.regions,
          counts: countByStatus(report.results),
        },
      },
    ],
  };
}

export const sarifFormat: ReportFormat = {
  id: 'sarif',
  extension: 'sarif',
  render: (report) => JSON.stringify(renderSarifObject(report), null, 2) + '\n',
};
