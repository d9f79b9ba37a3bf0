/**
 * The terminal summary: counts, every non-passing result worst first (passes are counted, not
 * listed), the per-framework summary, then expired suppressions and what could not be read.
 * Colour only when asked (a TTY); all text from AWS or templates is stripped of control
 * characters so a resource name cannot rewrite the terminal.
 */
import pc from 'picocolors';
import { SEVERITIES } from '../model/result.js';
import type { CheckResult, Severity, Status } from '../model/result.js';
import { countByStatus, failsBySeverity, resourceRef, serviceOf, sortWorstFirst, stripControl, titleOf, truncate } from './common.js';
import type { FrameworkSummary, ReportFormat, ScanReport } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

function statusColor(c: Colors, s: Status | 'NOT_COVERED'): (t: string) => string {
  switch (s) {
    case 'FAIL':
      return (t) => c.bold(c.red(t));
    case 'ERROR':
      return c.magenta;
    case 'MANUAL':
      return c.yellow;
    case 'PASS':
      return c.green;
    case 'MUTED':
      return c.dim;
    default:
      return c.gray;
  }
}

function severityColor(c: Colors, s: Severity): (t: string) => string {
  switch (s) {
    case 'critical':
      return (t) => c.bold(c.red(t));
    case 'high':
      return c.red;
    case 'medium':
      return c.yellow;
    case 'low':
      return c.cyan;
    default:
      return c.gray;
  }
}

const clean = (s: string) => stripControl(s).replace(/[\t\r\n]+/g, ' ');

function location(r: CheckResult): string {
  if (r.file) return `${r.file}${r.line ? `:${r.line}${r.column ? `:${r.column}` : ''}` : ''} (${r.resourceId})`;
  return `${r.account} ${r.region} ${resourceRef(r)}`;
}

function bar(score: number, width = 20): string {
  const filled = Math.max(0, Math.min(width, Math.round((score / 100) * width)));
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

function frameworkLines(c: Colors, fw: FrameworkSummary): string[] {
  const n = fw.counts;
  const scoreColor = fw.score >= 80 ? c.green : fw.score >= 50 ? c.yellow : c.red;
  const parts = [
    `${n.FAIL} fail`,
    `${n.ERROR} error`,
    `${n.MANUAL} manual`,
    `${n.PASS} pass`,
    ...(n.MUTED ? [`${n.MUTED} muted`] : []),
    `${n.NOT_COVERED} not covered`,
  ];
  const lines = [`  ${c.bold(clean(fw.name))} ${c.dim(`(${fw.id})`)}`, `    ${scoreColor(bar(fw.score))} ${scoreColor(`${fw.score}%`)}  ${parts.join(', ')}`];
  const failing = fw.controls.filter((x) => x.status === 'FAIL' || x.status === 'ERROR');
  for (const ctl of failing.slice(0, 10)) {
    lines.push(`    ${statusColor(c, ctl.status)(ctl.status.padEnd(5))} ${ctl.id.padEnd(8)} ${truncate(clean(ctl.title), 90)}`);
  }
  if (failing.length > 10) lines.push(c.dim(`    … and ${failing.length - 10} more failing controls (see the json or html report)`));
  return lines;
}

export function renderText(report: ScanReport, opts: { color: boolean }): string {
  const c = pc.createColors(opts.color);
  const out: string[] = [];
  const scope =
    report.kind === 'iac'
      ? `templates: ${clean(report.source.replace(/^template:/, ''))}`
      : `accounts: ${report.accounts.join(', ') || '-'}  regions: ${report.regions.length ? report.regions.join(', ') : '-'}`;
  out.push(`${c.bold('kenro')} ${report.tool.version}  scan ${clean(report.scanId)}  ${c.dim(`${report.startedAt} (${clean(report.source)})`)}`);
  out.push(`${scope}`);
  const counts = countByStatus(report.results);
  const sev = failsBySeverity(report.results);
  out.push('');
  out.push(
    `${c.bold('Results')}  ` +
      (['FAIL', 'ERROR', 'MANUAL', 'MUTED', 'PASS'] as const).map((s) => statusColor(c, s)(`${counts[s]} ${s}`)).join('  '),
  );
  if (counts.FAIL) {
    out.push(`${c.bold('Failures')} ` + SEVERITIES.filter((s) => sev[s]).map((s) => severityColor(c, s)(`${sev[s]} ${s}`)).join('  '));
  }

  const shown = sortWorstFirst(report.results).filter((r) => r.status !== 'PASS');
  if (shown.length) {
    out.push('');
    let current: Status | undefined;
    for (const r of shown) {
      if (r.status !== current) {
        current = r.status;
        out.push(statusColor(c, r.status)(`── ${r.status} ${'─'.repeat(60)}`));
      }
      const sevLabel = severityColor(c, r.severity)(r.severity.toUpperCase().padEnd(13));
      out.push(`${statusColor(c, r.status)(r.status.padEnd(6))} ${sevLabel} ${c.bold(r.checkId)} ${c.dim(serviceOf(r, report.checks))}`);
      out.push(`       ${clean(titleOf(r, report.checks))}`);
      out.push(`       ${c.cyan(clean(location(r)))}`);
      out.push(`       ${truncate(clean(r.reason), 300)}`);
      if (r.muted) out.push(c.dim(`       muted (${clean(r.muted.suppressionId)}, until ${clean(r.muted.expires)}, was ${r.muted.originalStatus}): ${clean(r.muted.reason)}`));
      const cli = report.checks[r.checkId]?.remediation.cli;
      if (r.status === 'FAIL' && cli) out.push(c.dim(`       remediation (example; put in your resource's values): ${truncate(clean(cli.split('\n')[0] ?? ''), 200)}`));
    }
  } else if (report.results.length) {
    out.push('', c.green('No failures.'));
  } else {
    out.push('', 'No results.');
  }

  if (report.frameworks.length) {
    out.push('', c.bold('Frameworks'));
    for (const fw of report.frameworks) out.push(...frameworkLines(c, fw));
  }

  if (report.expiredSuppressions.length) {
    out.push('', c.bold(c.yellow(`Expired suppressions (${report.expiredSuppressions.length}) — reported, not applied`)));
    for (const s of report.expiredSuppressions) {
      out.push(`  ${clean(s.id)}  ${clean(s.checkId)}  expired ${clean(s.expires)}: ${clean(s.reason)}`);
    }
  }
  if (report.collectionIssues.length) {
    out.push('', c.bold(c.magenta(`Could not read (${report.collectionIssues.length}) — results that depend on these are ERROR`)));
    for (const i of report.collectionIssues) {
      out.push(`  ${i.account} ${i.region}  ${clean(i.what)}: ${clean(i.code)} ${truncate(clean(i.message), 200)}`);
      if (i.permission) out.push(`    grant: ${c.bold(clean(i.permission))}`);
    }
  }
  return out.join('\n') + '\n';
}

export const textFormat: ReportFormat = {
  id: 'text',
  extension: 'txt',
  render: renderText,
};
