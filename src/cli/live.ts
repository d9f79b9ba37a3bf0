import { createInterface } from 'node:readline/promises';
import cliProgress from 'cli-progress';
import type { Inventory } from '../model/inventory.js';
import { collectInventory } from '../sources/aws/collect.js';
import type { AwsOptions } from '../sources/aws/clients.js';

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

/** Collects a live inventory, with a progress bar on a terminal. */
export async function collectLive(opts: LiveOptions): Promise<Inventory> {
  const aws: AwsOptions = {
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.roleArn ? { roleArn: opts.roleArn } : {}),
    ...(opts.externalId ? { externalId: opts.externalId } : {}),
    ...(opts.mfaSerial ? { mfaSerial: opts.mfaSerial, mfaCode: askMfaCode } : {}),
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
  };
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
