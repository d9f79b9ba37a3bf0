import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { renderTemplate } from '../../fix/baseline/emit.js';
import { buildBaseline } from '../../fix/baseline/template.js';
import { collectList } from '../options.js';
import type { SetExit } from './index.js';

interface BaselineCliOptions {
  regions?: string[];
  controls?: string[];
  check?: string[];
  stackset?: boolean;
  output?: string;
  format: 'yaml' | 'json';
}

export function registerBaseline(program: Command, setExit: SetExit): void {
  program
    .command('baseline')
    .description(
      'Generate a CloudFormation template (or a StackSet-ready variant) that keeps an account fixed: AWS Config with' +
        "managed rules for kenro's checks and automatic remediation, GuardDuty, Security Hub, IAM Access Analyzer,\n" +
        'a multi-region CloudTrail and the CIS alarms. Changes nothing itself: deploy the template with CloudFormation.',
    )
    .option('--regions <list>', 'regions the template is deployed to; the first holds account-wide resources', collectList)
    .option('--controls <ids>', 'only the controls of these checks (ids or globs)', collectList)
    .option('--check <ids>', 'same as --controls', collectList)
    .option('--stackset', 'StackSet-ready: no account-specific names, Config bucket account and organization as parameters')
    .option('--output <file>', 'write the template to this file instead of standard output')
    .addOption(new Option('--format <format>', 'yaml or json').choices(['yaml', 'json']).default('yaml'))
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  kenro baseline --regions eu-west-1,eu-central-1 --output baseline.yaml\n' +
        '  kenro baseline --stackset --regions us-east-1,eu-west-1 --format json --output baseline.json\n' +
        "  kenro baseline --controls 'cloudwatch_alarm_*,cloudtrail_*' --regions us-east-1\n" +
        '\nSee docs/baseline.md.\n',
    )
    .action((opts: BaselineCliOptions) => {
      setExit(runBaseline(opts));
    });
}

export function runBaseline(opts: BaselineCliOptions): number {
  const regions = opts.regions?.length ? opts.regions : ['us-east-1'];
  const checks = [...(opts.controls ?? []), ...(opts.check ?? [])];
  const { template, summary } = buildBaseline({ regions, ...(checks.length ? { checks } : {}), stackset: !!opts.stackset });
  const text = renderTemplate(template, opts.format);
  if (opts.output) writeFileSync(opts.output, text);
  else process.stdout.write(text);
  process.stderr.write(
    `kenro: baseline with ${Object.keys(template.Resources).length} resources: ${summary.configRules.length} Config rules, ` +
      `${summary.remediations.length} automatic remediations, ${summary.alarms.length} CIS alarms; ${summary.services.join(', ')}` +
      `${opts.output ? ` -> ${opts.output}` : ''}\n`,
  );
  for (const o of summary.omittedRules) process.stderr.write(`kenro: rule ${o.rule} not deployed: ${o.reason}\n`);
  process.stderr.write(`kenro: deploy to ${regions[0]} first (it creates the account-wide resources the other regions use)\n`);
  return 0;
}
