/**
 * Live collection of one AWS account: identity, regions, global services once, then every
 * region x service in parallel under one concurrency limit. Returns the inventory, the list of
 * what could not be read, and call statistics.
 */
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import type { AccountInventory, Inventory, RegionInventory } from '../../model/inventory.js';
import { SCHEMA_VERSION } from '../../model/inventory.js';
import type { CollectionIssue } from '../../report/types.js';
import { KENRO_VERSION } from '../../version.js';
import type { AwsOptions } from './clients.js';
import { clientConfig } from './clients.js';
import type { CollectionRuntime, RegionContext } from './context.js';
import { createRegionContext, createRuntime, homeRegion } from './context.js';
import type { RegionalKey } from './regional.js';
import { REGIONAL_KEYS, loadCollector, notCollectedKey } from './regional.js';
import * as account from './services/account.js';
import * as budgets from './services/budgets.js';
import * as iam from './services/iam.js';
import * as organizations from './services/organizations.js';
import * as s3 from './services/s3.js';
import { collectAccountPublicAccessBlock } from './services/s3control.js';
import { validateCredentials } from './services/sts.js';

export interface CollectOptions extends AwsOptions {
  /** Regions to scan; default: every region enabled for the account (ec2:DescribeRegions). */
  regions?: string[];
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface CollectResult {
  inventory: Inventory;
  issues: CollectionIssue[];
  stats: { apiCalls: number; durationMs: number };
}

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function validateRegions(regions: string[]): string[] {
  const bad = regions.filter((r) => !REGION_NAME.test(r));
  if (bad.length) throw new Error(`kenro: not a region name: ${bad.join(', ')} (expected e.g. eu-west-1)`);
  return [...new Set(regions)];
}

export async function collectInventory(opts: CollectOptions): Promise<CollectResult> {
  const started = Date.now();
  const collectedAt = new Date(started).toISOString();
  const chosen = opts.regions?.length ? validateRegions(opts.regions) : undefined;
  const envRegion = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const bootRegion = chosen?.[0] ?? envRegion ?? 'us-east-1';

  // Credentials are validated once, before anything is collected: bad credentials stop the scan
  // here with AWS's message. A first region that rejects them may be an opt-in region that is
  // not enabled, so the configured region and us-east-1 are tried next.
  const stsRegions = [...new Set([bootRegion, ...(envRegion ? [envRegion] : []), 'us-east-1'])];
  const who = await validateCredentials(stsRegions, (r) => new STSClient(clientConfig(r, 'STS', opts)));
  const rt = createRuntime(who.accountId, who.partition, opts);
  rt.stats.apiCalls++;
  const global = createRegionContext(rt, homeRegion(who.partition), 'global');
  const regions = chosen ?? (await enabledRegions(global));

  let done = 0;
  let total = 0;
  const track = <T>(label: string, p: () => Promise<T>): Promise<T> => {
    total++;
    return p().finally(() => {
      done++;
      opts.onProgress?.(done, total, label);
    });
  };

  const globalWork = Promise.all([
    track('iam', () => iam.collect(global)),
    track('iam alias', () => iam.collectAlias(global)),
    track('s3', () => s3.collectBuckets(global)),
    track('s3 account', () => collectAccountPublicAccessBlock(global)),
    track('organizations', () => organizations.collect(global)),
    track('account contacts', () => account.collect(global)),
    track('budgets', () => budgets.collect(global)),
  ]);
  const regionalWork = Promise.all(regions.map((r) => collectRegion(rt, r, track)));
  const [[iamInv, alias, buckets, accountPab, organization, contacts, budgetList], regional] = await Promise.all([globalWork, regionalWork]);

  const acct: AccountInventory = {
    accountId: who.accountId,
    partition: who.partition,
    ...(alias ? { alias } : {}),
    regions,
    caller: { arn: who.arn, userId: who.userId },
    organization,
    contacts,
    iam: iamInv,
    s3: { accountPublicAccessBlock: accountPab, buckets },
    budgets: budgetList,
    regional: Object.fromEntries(regional.map((r) => [r.region, r])),
  };
  return {
    inventory: {
      schemaVersion: SCHEMA_VERSION,
      kenroVersion: KENRO_VERSION,
      source: { kind: 'live', description: `AWS account ${who.accountId}` },
      collectedAt,
      accounts: [acct],
    },
    issues: rt.issues,
    stats: { apiCalls: rt.stats.apiCalls, durationMs: Date.now() - started },
  };
}

/** Regions enabled for the account; without them the scan cannot know where to look, so it stops. */
async function enabledRegions(global: RegionContext): Promise<string[]> {
  const client = global.client(EC2Client);
  const r = await global.call('ec2:DescribeRegions', () => client.send(new DescribeRegionsCommand({ AllRegions: false })), {
    what: 'enabled regions',
  });
  if (r.status !== 'ok') {
    throw new Error(
      `kenro: cannot list the account's enabled regions (ec2:DescribeRegions: ${r.error.code}: ${r.error.message}). ` +
        'Grant ec2:DescribeRegions or choose regions with --regions.',
    );
  }
  const names = (r.value.Regions ?? []).map((x) => x.RegionName).filter((n): n is string => !!n);
  if (names.length === 0) throw new Error('kenro: ec2:DescribeRegions returned no regions; choose regions with --regions');
  return names.sort();
}

async function collectRegion(
  rt: CollectionRuntime,
  region: string,
  track: <T>(label: string, p: () => Promise<T>) => Promise<T>,
): Promise<RegionInventory> {
  const ctx = createRegionContext(rt, region);
  const entries = await Promise.all(
    REGIONAL_KEYS.map((key) => track(`${region} ${key}`, async () => [key, await collectKey(ctx, key)] as const)),
  );
  return { region, ...Object.fromEntries(entries) } as RegionInventory;
}

/** One regional key, never throwing: a missing module or a crashed collector becomes errors. */
async function collectKey<K extends RegionalKey>(ctx: RegionContext, key: K): Promise<RegionInventory[K]> {
  const collector = await loadCollector(key);
  if ('missing' in collector) {
    recordKeyIssue(ctx, key, 'NotCollected', `kenro has no collector for ${key}: ${collector.missing}`);
    return notCollectedKey(key, 'NotCollected', `kenro has no collector for ${key}`);
  }
  try {
    return await collector.collect(ctx);
  } catch (e) {
    const message = `the ${key} collector failed: ${(e as Error).message ?? String(e)}`;
    recordKeyIssue(ctx, key, 'CollectorError', message);
    return notCollectedKey(key, 'CollectorError', message);
  }
}

function recordKeyIssue(ctx: RegionContext, key: string, code: string, message: string): void {
  ctx.issue({ what: `${key} (all)`, status: 'failed', code, message });
}
