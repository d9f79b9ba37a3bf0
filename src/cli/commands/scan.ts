import { Option, type Command } from 'commander';
import { saveSnapshot } from '../../model/snapshot.js';
import type { Severity } from '../../model/result.js';
import { scanInventory } from '../../scan/run.js';
import { loadSuppressions } from '../../suppress/suppressions.js';
import { emitReport } from '../emit.js';
import { collectList, failOnExitCode, parseSeverity, useColor } from '../options.js';
import { addLiveOptions, loadInventory } from '../live.js';
import type { SetExit } from './index.js';

export interface ScanCliOptions {
  demo?: boolean;
  snapshot?: string;
  saveSnapshot?: string;
  profile?: string;
  roleArn?: string;
  externalId?: string;
  mfaSerial?: string;
  regions?: string[];
  concurrency?: number;
  endpointUrl?: string;
  framework?: string[];
  check?: string[];
  excludeCheck?: string[];
  suppressions?: string;
  format?: string[];
  outputDir?: string;
  failOn?: Severity;
  color?: boolean;
  progress?: boolean;
}

export function registerScan(program: Command, setExit: SetExit): void {
  const command = program
    .command('scan')
    .description(
      'Assess an AWS account (live, a saved snapshot, or the bundled demo) against every check and ' +
        'framework, and report the results. Read-only: a scan makes no change to AWS.',
    )
    .option('--demo', 'scan the bundled demo account (no AWS credentials needed)')
    .option('--snapshot <file>', 'scan a snapshot saved earlier with --save-snapshot')
    .option('--save-snapshot <file>', 'save the collected inventory as a snapshot file');
  addLiveOptions(command)
    .option('--framework <ids>', 'only the checks of these frameworks (see `kenro frameworks`)', collectList)
    .option('--check <ids>', 'only these checks (ids or globs such as s3_*)', collectList)
    .option('--exclude-check <ids>', 'leave these checks out (ids or globs)', collectList)
    .option('--suppressions <file>', 'YAML file of accepted risks (see docs/suppressions.md)')
    .option('--format <list>', 'text, json, ocsf, asff, sarif, junit, csv, html (comma list)', collectList)
    .option('--output-dir <dir>', 'write each format to a file in this folder')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a failed check at or above this severity exists').argParser(parseSeverity))
    .option('--no-color', 'plain text output')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  kenro scan --demo\n' +
        '  kenro scan --profile prod --regions eu-west-1,us-east-1 --format html,json --output-dir out\n' +
        '  kenro scan --role-arn arn:aws:iam::111122223333:role/kenro-audit --framework cis-aws-5.0 --fail-on high\n' +
        '  kenro scan --snapshot prod.json --suppressions accepted-risks.yaml --format sarif > kenro.sarif\n',
    )
    .action(async (opts: ScanCliOptions) => {
      setExit(await runScanCommand(opts));
    });
}

export async function runScanCommand(opts: ScanCliOptions): Promise<number> {
  const startedAt = new Date();
  const suppressions = opts.suppressions ? loadSuppressions(opts.suppressions) : [];
  const { inventory, source, now } = await loadInventory(opts);
  if (opts.saveSnapshot) {
    saveSnapshot(opts.saveSnapshot, inventory);
    process.stderr.write(`kenro: saved snapshot to ${opts.saveSnapshot}\n`);
  }
  const report = scanInventory(inventory, {
    source,
    now,
    startedAt,
    ...(opts.framework ? { frameworks: opts.framework } : {}),
    ...(opts.check ? { checks: opts.check } : {}),
    ...(opts.excludeCheck ? { excludeChecks: opts.excludeCheck } : {}),
    suppressions,
  });
  emitReport(report, opts.format, opts.outputDir, useColor(opts.color));
  return failOnExitCode(report.results, opts.failOn);
}
