/**
 * JUnit XML for CI gating (Jenkins, GitLab, GitHub test reporters): one <testsuite> per check,
 * one <testcase> per result. FAIL => <failure>, ERROR => <error>, MANUAL and MUTED => <skipped>
 * with the reason; PASS => an empty testcase. A CI job fails on failures/errors as with tests.
 */
import { evidenceJson, resourceRef, serviceOf, sortWorstFirst, stripXmlInvalid, titleOf } from './common.js';
import type { CheckResult } from '../model/result.js';
import type { ReportFormat, ScanReport } from './types.js';

export function xmlEscape(s: string): string {
  return stripXmlInvalid(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Attribute values: also keep line breaks and tabs (attribute normalisation would eat them). */
function attr(s: string): string {
  return xmlEscape(s).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function caseName(r: CheckResult): string {
  if (r.file) return `${r.file}${r.line ? `:${r.line}` : ''} ${r.resourceId}`;
  return `${r.account}/${r.region}/${resourceRef(r)}`;
}

function body(r: CheckResult, report: ScanReport): string {
  const lines = [
    `${r.reason}`,
    `check: ${r.checkId} (${r.severity})`,
    `resource: ${r.resourceType} ${resourceRef(r)}`,
    `account: ${r.account}  region: ${r.region}`,
  ];
  if (r.file) lines.push(`location: ${r.file}${r.line ? `:${r.line}` : ''}${r.column ? `:${r.column}` : ''}`);
  const ev = evidenceJson(r.evidence);
  if (ev) lines.push('evidence:', ev);
  const cli = report.checks[r.checkId]?.remediation.cli;
  if (cli && r.status === 'FAIL') lines.push('remediation:', cli);
  return lines.join('\n');
}

export function renderJunit(report: ScanReport): string {
  const byCheck = new Map<string, CheckResult[]>();
  for (const r of sortWorstFirst(report.results)) {
    let list = byCheck.get(r.checkId);
    if (!list) byCheck.set(r.checkId, (list = []));
    list.push(r);
  }
  const suites: string[] = [];
  const total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const checkIds = [...byCheck.keys()].sort();
  for (const checkId of checkIds) {
    const results = byCheck.get(checkId)!;
    const n = {
      tests: results.length,
      failures: results.filter((r) => r.status === 'FAIL').length,
      errors: results.filter((r) => r.status === 'ERROR').length,
      skipped: results.filter((r) => r.status === 'MANUAL' || r.status === 'MUTED').length,
    };
    total.tests += n.tests;
    total.failures += n.failures;
    total.errors += n.errors;
    total.skipped += n.skipped;
    const first = results[0]!;
    const service = serviceOf(first, report.checks);
    const title = titleOf(first, report.checks);
    const cases = results.map((r) => {
      const open = `    <testcase name="${attr(caseName(r))}" classname="${attr(`kenro.${service}.${checkId}`)}" time="0"`;
      const msg = attr(r.reason);
      switch (r.status) {
        case 'PASS':
          return `${open}/>`;
        case 'FAIL':
          return `${open}>\n      <failure message="${msg}" type="${r.severity}">${xmlEscape(body(r, report))}</failure>\n    </testcase>`;
        case 'ERROR':
          return `${open}>\n      <error message="${msg}" type="ERROR">${xmlEscape(body(r, report))}</error>\n    </testcase>`;
        case 'MANUAL':
          return `${open}>\n      <skipped message="${attr(`MANUAL: ${r.reason}`)}"/>\n    </testcase>`;
        case 'MUTED':
          return `${open}>\n      <skipped message="${attr(`MUTED (${r.muted?.suppressionId ?? '?'}): ${r.muted?.reason ?? ''}`)}"/>\n    </testcase>`;
      }
    });
    suites.push(
      `  <testsuite name="${attr(checkId)}" tests="${n.tests}" failures="${n.failures}" errors="${n.errors}" skipped="${n.skipped}" time="0" timestamp="${attr(report.startedAt.replace(/Z$/, '').replace(/\.\d+$/, ''))}" hostname="kenro" package="${attr(`kenro.${service}`)}">\n` +
        `    <properties>\n      <property name="title" value="${attr(title)}"/>\n      <property name="severity" value="${first.severity}"/>\n    </properties>\n` +
        cases.join('\n') +
        '\n  </testsuite>',
    );
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${attr(`kenro ${report.scanId}`)}" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}" time="0">\n` +
    suites.join('\n') +
    (suites.length ? '\n' : '') +
    '</testsuites>\n'
  );
}

export const junitFormat: ReportFormat = {
  id: 'junit',
  extension: 'xml',
  render: (report) => renderJunit(report),
};
