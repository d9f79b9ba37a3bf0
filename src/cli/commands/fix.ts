import { createInterface } from 'node:readline/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { applyChange, rollbackEntry } from '../../fix/apply.js';
import { AwsExecutor } from '../../fix/executor.js';
import { ALL_FIXERS } from '../../fix/fixers/index.js';
import { DEFAULT_JOURNAL_DIR, Journal, type JournalEntry } from '../../fix/journal.js';
import { buildPlan, type Plan } from '../../fix/plan.js';
import type { FixOptions } from '../../fix/types.js';
import { scanInventory } from '../../scan/run.js';
import { addLiveOptions, awsOptionsFrom, loadInventory } from '../live.js';
import { collectList } from '../options.js';
import type { SetExit } from './index.js';

interface FixCliOptions {
  endpointUrl?: string;
  demo?: boolean;
  snapshot?: string;
  profile?: string;
  roleArn?: string;
  externalId?: string;
  mfaSerial?: string;
  regions?: string[];
  concurrency?: number;
  check?: string[];
  resource?: string[];
  region?: string[];
  exclude?: string[];
  logBucket?: string;
  flowLogsTo?: 's3' | 'cloud-watch-logs';
  configBucket?: string;
  alarmTopicArn?: string;
  alarmEmail?: string;
  budgetEmail?: string;
  budgetAmount?: number;
  apply?: boolean;
  yes?: boolean;
  rollback?: string;
  force?: boolean;
  journalDir: string;
  format: string;
  progress?: boolean;
}

export function registerFix(program: Command, setExit: SetExit): void {
  const command = program
    .command('fix')
    .description(
      'Plan, apply, verify and roll back fixes for failing checks. Without --apply it is a dry run: ' +
        'it prints the exact API calls, the state before and the state expected after, and changes nothing.',
    )
    .option('--demo', 'plan fixes for the bundled demo account (plan only)')
    .option('--snapshot <file>', 'plan from a saved snapshot; with --apply, applies to the live account it describes');
  addLiveOptions(command)
    .option('--check <ids>', 'only fix these checks (ids or globs)', collectList)
    .option('--resource <globs>', 'only these resources (ARN or id globs)', collectList)
    .option('--region <names>', 'only resources in these regions (`global` for account-wide settings)', collectList)
    .option('--exclude <ids>', 'leave out these checks, fixers or resources (globs)', collectList)
    .option('--log-bucket <name>', 'bucket that receives S3 server access logs')
    .addOption(new Option('--flow-logs-to <dest>', 'where new VPC flow logs go: s3 (needs --log-bucket) or cloud-watch-logs (kenro creates a log group and a delivery role)').choices(['s3', 'cloud-watch-logs']))
    .option('--config-bucket <name>', 'existing bucket for the AWS Config delivery channel')
    .option('--alarm-topic-arn <arn>', 'SNS topic for the CIS alarms (default: create kenro-security-alerts)')
    .option('--alarm-email <address>', 'e-mail subscribed to the CIS alarm topic')
    .option('--budget-email <address>', 'e-mail notified by the monthly cost budget kenro creates')
    .option('--budget-amount <usd>', 'monthly cost budget in USD', parsePositiveAmount)
    .option('--apply', 'make the changes (asks for confirmation unless --yes)')
    .option('--yes', 'do not ask for confirmation')
    .option('--rollback <journalId>', 'restore the state before a journaled change, where AWS allows')
    .option('--force', 'with --rollback: roll back even if the resource changed since the fix')
    .option('--journal-dir <dir>', 'where the change journal lives', DEFAULT_JOURNAL_DIR)
    .option('--format <format>', 'text or json', 'text')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  kenro fix --demo                                   # see what kenro would change\n' +
        '  kenro fix --profile prod --check ec2_default_sg_closed\n' +
        '  kenro fix --profile prod --region eu-west-1 --apply\n' +
        '  kenro fix --rollback 20261122T101500Z-3fa2c1 --profile prod\n' +
        '\nSee docs/fix.md for every fixer, its API calls and the IAM permissions it needs.\n',
    )
    .action(async (opts: FixCliOptions) => {
      setExit(await runFix(opts));
    });
}

function parsePositiveAmount(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive amount');
  return n;
}

/** The fixers' options given on the command line (only those set). */
function fixOptionsFrom(opts: FixCliOptions): Partial<FixOptions> {
  return {
    ...(opts.flowLogsTo ? { flowLogsTo: opts.flowLogsTo } : {}),
    ...(opts.configBucket ? { configBucket: opts.configBucket } : {}),
    ...(opts.alarmTopicArn ? { alarmTopicArn: opts.alarmTopicArn } : {}),
    ...(opts.alarmEmail ? { alarmEmail: opts.alarmEmail } : {}),
    ...(opts.budgetEmail ? { budgetEmail: opts.budgetEmail } : {}),
    ...(opts.budgetAmount ? { budgetAmount: opts.budgetAmount } : {}),
  };
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new Error('--apply needs confirmation on a terminal; add --yes to apply without asking');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

async function callerArn(aws: AwsExecutor): Promise<{ arn: string; account: string }> {
  const out = await aws.call({ service: 'sts', operation: 'GetCallerIdentity', region: 'us-east-1', params: {}, mutating: false });
  return { arn: String(out.Arn), account: String(out.Account) };
}

export function printPlan(plan: Plan, out: NodeJS.WritableStream = process.stdout): void {
  if (plan.changes.length === 0) out.write('Nothing to fix: no failing result has a fixer in this selection.\n');
  for (const [i, c] of plan.changes.entries()) {
    out.write(`\n${i + 1}. ${c.summary}\n   check ${c.checkId} · fixer ${c.fixerId} · ${c.region} · ${c.resourceArn ?? c.resourceId}\n`);
    for (const call of c.calls) out.write(`   call   ${call.service}:${call.operation} (${call.region}) ${JSON.stringify(call.params)}\n`);
    out.write(`   before ${JSON.stringify(c.before)}\n   after  ${JSON.stringify(c.after)}\n`);
    for (const w of c.warnings) out.write(`   ! ${w}\n`);
    for (const n of c.cannotRestore) out.write(`   rollback cannot restore: ${n}\n`);
  }
  if (plan.skipped.length) {
    out.write(`\nNot fixed (${plan.skipped.length}):\n`);
    for (const s of plan.skipped) out.write(`   ${s.checkId} ${s.resource} (${s.region}): ${s.reason}\n`);
  }
}

function printEntry(e: JournalEntry): void {
  const verdict = e.verification ? (e.verification.stateMatches ? 'verified' : `NOT verified: ${e.verification.detail}`) : '';
  process.stdout.write(`${e.outcome.padEnd(15)} ${e.summary}${verdict ? ` — ${verdict}` : ''}${e.message ? ` — ${e.message}` : ''}  [journal ${e.id}]\n`);
  for (const c of e.calls) if (!c.ok) process.stdout.write(`   failed ${c.call.service}:${c.call.operation}: ${c.error}\n`);
}

async function runFix(opts: FixCliOptions): Promise<number> {
  const journal = new Journal(opts.journalDir);
  if (opts.rollback) {
    const aws = new AwsExecutor(awsOptionsFrom(opts));
    const original = journal.read(opts.rollback);
    if (!opts.yes && !(await confirm(`Roll back "${original.summary}"?`))) return 1;
    const who = (await callerArn(aws)).arn;
    const entry = await rollbackEntry(opts.rollback, aws, { journal, who, fixers: ALL_FIXERS, force: opts.force ?? false });
    printEntry(entry);
    for (const n of original.cannotRestore) process.stdout.write(`   cannot restore: ${n}\n`);
    return entry.outcome === 'rolled-back' ? 0 : 1;
  }
  if (opts.demo && opts.apply) throw new Error('--demo describes a fictional account: it can be planned, not applied');
  const { inventory, now } = await loadInventory(opts);
  const report = scanInventory(inventory, { source: 'fix', now });
  const plan = buildPlan(inventory, report.results, ALL_FIXERS, { now, ...(opts.logBucket ? { logBucket: opts.logBucket } : {}), ...fixOptionsFrom(opts) }, {
    ...(opts.check ? { checks: opts.check } : {}),
    ...(opts.resource ? { resources: opts.resource } : {}),
    ...(opts.region ? { regions: opts.region } : {}),
    ...(opts.exclude ? { exclude: opts.exclude } : {}),
  });
  if (opts.format === 'json') process.stdout.write(JSON.stringify(plan, null, 2) + '\n');
  else printPlan(plan);
  if (!opts.apply) {
    if (opts.format !== 'json') process.stdout.write(`\nDry run: ${plan.changes.length} change(s) planned, none made. Add --apply to make them.\n`);
    return 0;
  }
  if (plan.changes.length === 0) return 0;
  const aws = new AwsExecutor(awsOptionsFrom(opts));
  const caller = await callerArn(aws);
  const accounts = new Set(plan.changes.map((c) => c.account));
  if (!accounts.has(caller.account) || accounts.size > 1) {
    throw new Error(`the credentials belong to account ${caller.account}, the plan to ${[...accounts].join(', ')}: refusing to apply`);
  }
  if (!opts.yes && !(await confirm(`Apply ${plan.changes.length} change(s) to account ${caller.account}?`))) return 1;
  let failures = 0;
  for (const change of plan.changes) {
    const { entry } = await applyChange(change, aws, { journal, who: caller.arn, fixers: ALL_FIXERS });
    printEntry(entry);
    if (entry.outcome === 'failed' || entry.outcome === 'refused-drift' || (entry.verification && !entry.verification.stateMatches)) failures++;
  }
  process.stdout.write(`\nJournal: ${journal.dir} (roll back one change with kenro fix --rollback ID)\n`);
  return failures ? 1 : 0;
}
