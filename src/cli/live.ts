import { createInterface } from 'node:readline/promises';
import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import type { Inventory } from '../model/inventory.js';
import { loadSnapshot } from '../model/snapshot.js';
import { dataPath } from '../util/paths.js';
import { collectInventory } from '../sources/aws/collect.js';
import type { AwsOptions } from '../sources/aws/clients.js';
import { collectList, parsePositiveInt } from './options.js';

export interface LiveOptions {
  profile?: string;
  roleArn?: string;
  externalId?: string;
  mfaSerial?: string;
  regions?: string[];
  concurrency?: number;
  endpointUrl?: string;
  progress?: boolean;
}

/** Asks for an MFA code on the terminal (never echoed to logs, never stored). */
async function askMfaCode(): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('--mfa-serial needs a terminal to ask for the MFA code');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question('MFA code: ')).trim();
  } finally {
    rl.close();
  }
}

/** `--endpoint-url`: an absolute http(s) URL. */
export function parseEndpointUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`not a URL: ${value} (expected e.g. http://localhost:4566)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(`not an http(s) URL: ${value}`);
  return value;
}

/** The options every command that talks to a live account shares (scan, fix). */
export function addLiveOptions(command: Command): Command {
  return command
    .option('--profile <name>', 'AWS profile from the shared config/credentials files')
    .option('--role-arn <arn>', 'assume this role first (as a security team does from a jump account)')
    .option('--external-id <id>', 'external id for --role-arn')
    .option('--mfa-serial <arn>', 'MFA device for --role-arn; the code is asked for on the terminal')
    .option('--regions <list>', 'regions to scan (default: every region enabled for the account)', collectList)
    .option('--concurrency <n>', 'concurrent AWS API calls (default 16)', parsePositiveInt)
    .option('--endpoint-url <url>', 'send every AWS API call to this endpoint (an emulator such as LocalStack); wins over AWS_ENDPOINT_URL', parseEndpointUrl)
    .option('--no-progress', 'no progress display');
}

/** The SDK options the live-account flags describe (an MFA code is asked for on the terminal). */
export function awsOptionsFrom(opts: LiveOptions): AwsOptions {
  return {
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.roleArn ? { roleArn: opts.roleArn } : {}),
    ...(opts.externalId ? { externalId: opts.externalId } : {}),
    ...(opts.mfaSerial ? { mfaSerial: opts.mfaSerial, mfaCode: askMfaCode } : {}),
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
  };
}

/** Collects a live inventory, with a progress bar on a terminal. */
export async function collectLive(opts: LiveOptions): Promise<Inventory> {
  const aws = awsOptionsFrom(opts);
  const showProgress = opts.progress !== false && Boolean(process.stderr.isTTY);
  const bar = showProgress
    ? new cliProgress.SingleBar(
        { format: 'collecting {bar} {value}/{total} {label}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let started = false;
  try {
    const { inventory } = await collectInventory({
      ...aws,
      ...(opts.regions ? { regions: opts.regions } : {}),
      onProgress: (done, total, label) => {
        if (!bar) return;
        if (!started) {
          bar.start(total, done, { label });
          started = true;
        } else {
          bar.setTotal(total);
          bar.update(done, { label });
        }
      },
    });
    return inventory;
  } finally {
    if (started) bar?.stop();
  }
}

/** The bundled demo account (fictional; no credentials needed). */
export function demoSnapshotPath(): string {
  return dataPath('demo', 'snapshot.json');
}

export interface LoadedInventory {
  inventory: Inventory;
  /** For the report: `demo`, `snapshot:<file>` or `live`. */
  source: string;
  /**
   * The scan clock. A snapshot (and the demo) describes the account as it was when collected, so
   * ages are judged at that time; a live scan is judged now.
   */
  now: Date;
}

/** The inventory a command works on: the demo, a snapshot, or a live collection. */
export async function loadInventory(opts: LiveOptions & { demo?: boolean; snapshot?: string }): Promise<LoadedInventory> {
  if (opts.demo && opts.snapshot) throw new Error('--demo and --snapshot cannot be combined: choose one source');
  if (opts.demo || opts.snapshot) {
    const file = opts.snapshot ?? demoSnapshotPath();
    const inventory = loadSnapshot(file);
    return { inventory, source: opts.demo ? 'demo' : `snapshot:${file}`, now: new Date(inventory.collectedAt) };
  }
  const now = new Date();
  return { inventory: await collectLive(opts), source: 'live', now };
}
