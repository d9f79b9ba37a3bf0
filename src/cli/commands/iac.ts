import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { ALL_CHECKS } from '../../checks/index.js';
import { isSecretName } from '../../checks/iac/hardcoded-secret.js';
import { runIac } from '../../checks/iac/run.js';
import { selectChecks } from '../../scan/run.js';
import type { CheckResult, Severity } from '../../model/result.js';
import { readParametersFile } from '../../sources/cfn/parameters.js';
import { emitReport } from '../emit.js';
import { collectList, failOnExitCode, parseSeverity, useColor } from '../options.js';
import type { SetExit } from './index.js';

interface IacCliOptions {
  parameters?: string;
  region?: string;
  check?: string[];
  excludeCheck?: string[];
  format?: string[];
  outputDir?: string;
  failOn?: Severity;
  color?: boolean;
}

export function registerIac(program: Command, setExit: SetExit): void {
  program
    .command('iac')
    .description(
      'Scan CloudFormation templates (YAML/JSON, folders recursively, SAM) before they are deployed, ' +
        'with the same checks as a live scan plus template-only checks. Results point at file:line.',
    )
    .argument('<paths...>', 'template files or folders')
    .option('--parameters <file>', 'parameter values (AWS CLI JSON, {"Parameters":{...}}, a map, or Key=Value list)')
    .option('--region <region>', "region the stack would be deployed to (default 'template')")
    .option('--check <ids>', 'only these checks (ids or globs)', collectList)
    .option('--exclude-check <ids>', 'leave these checks out (ids or globs)', collectList)
    .option('--format <list>', 'text, json, ocsf, asff, sarif, junit, csv, html (comma list)', collectList)
    .option('--output-dir <dir>', 'write each format to a file in this folder')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a failed check at or above this severity exists').argParser(parseSeverity))
    .option('--no-color', 'plain text output')
    .addHelpText(
      'after',
      '\nExit code: 0, or 1 for --fail-on, or 2 when a file is not a valid template (the others are still scanned).\n' +
        '\nExamples:\n' +
        '  kenro iac templates/\n' +
        '  kenro iac stack.yaml --parameters prod-params.json --fail-on high\n' +
        '  kenro iac . --format sarif > kenro.sarif\n',
    )
    .action((paths: string[], opts: IacCliOptions) => {
      setExit(runIacCommand(paths, opts));
    });
}

export function runIacCommand(paths: string[], opts: IacCliOptions): number {
  const checks = selectChecks({
    ...(opts.check ? { checks: opts.check.filter((c) => !c.startsWith('iac_')) } : {}),
    ...(opts.excludeCheck ? { excludeChecks: opts.excludeCheck.filter((c) => !c.startsWith('iac_')) } : {}),
  });
  const run = runIac(paths, {
    checks: opts.check?.length && opts.check.every((c) => c.startsWith('iac_')) ? [] : checks,
    ...(opts.region ? { region: opts.region } : {}),
    ...(opts.parameters ? { parameters: readParametersFile(opts.parameters) } : {}),
  });
  const keep = (r: CheckResult) =>
    (!opts.check?.length || opts.check.some((p) => glob(p).test(r.checkId)) || r.checkId === 'iac_template_valid') &&
    !(opts.excludeCheck ?? []).some((p) => glob(p).test(r.checkId));
  run.report.results = run.report.results.filter(keep);
  for (const e of run.errors) process.stderr.write(`kenro: ${e.format()}\n`);
  for (const w of run.warnings) process.stderr.write(`kenro: warning: ${w}\n`);
  const color = useColor(opts.color);
  emitReport(run.report, opts.format, opts.outputDir, color);
  const formats = (opts.format ?? []).flatMap((f) => f.split(','));
  if (formats.length === 0 || formats.includes('text') || opts.outputDir) {
    process.stdout.write(templateExcerpts(run.report.results));
  }
  process.stderr.write(`kenro: ${run.templates} template(s) in ${run.files} file(s) scanned${run.errors.length ? `, ${run.errors.length} with errors` : ''}\n`);
  return Math.max(failOnExitCode(run.report.results, opts.failOn), run.errors.length ? 2 : 0);
}

function glob(p: string): RegExp {
  return new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** The offending template line of every FAIL/ERROR, with secrets masked. */
export function templateExcerpts(results: readonly CheckResult[]): string {
  const cache = new Map<string, string[] | undefined>();
  const lines: string[] = [];
  const shown = results.filter((r) => (r.status === 'FAIL' || r.status === 'ERROR') && r.file && r.line);
  if (shown.length === 0) return '';
  lines.push('', 'Template lines:');
  for (const r of shown) {
    if (!cache.has(r.file!)) {
      try {
        cache.set(r.file!, readFileSync(r.file!, 'utf8').split(/\r?\n/));
      } catch {
        cache.set(r.file!, undefined);
      }
    }
    const src = cache.get(r.file!)?.[r.line! - 1];
    lines.push(`  ${r.status} ${r.checkId}  ${r.file}:${r.line}:${r.column ?? 1}`);
    if (src !== undefined) lines.push(`    ${String(r.line).padStart(5)} | ${maskSecret(src, r.checkId === 'iac_hardcoded_secret').slice(0, 160)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Never print a secret: mask the value after a secret-named key (or any value for secret findings). */
export function maskSecret(line: string, always: boolean): string {
  const m = /^(\s*-?\s*"?([A-Za-z0-9_.-]+)"?\s*:\s*)(.+)$/.exec(line);
  if (m && (always || isSecretName(m[2]!))) return `${m[1]}****`;
  if (always) return line.replace(/(AKIA|ASIA)[0-9A-Z]{16}|-----BEGIN[^-]*-----.*|LS0tLS1CRUdJTi\S*/g, '****');
  return line;
}
