/** Shared by the fixers2-*.test.ts files: results, single-change plans, journals, mutating-call counts. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AwsStub } from 'aws-sdk-client-mock';
import { expect } from 'vitest';
import { ALL_FIXERS } from '../../src/fix/fixers/index.js';
import { Journal, type JournalEntry } from '../../src/fix/journal.js';
import { buildPlan } from '../../src/fix/plan.js';
import type { FixOptions, PlannedChange } from '../../src/fix/types.js';
import type { AccountInventory } from '../../src/model/inventory.js';
import type { CheckResult } from '../../src/model/result.js';
import { ACCOUNT_ID, inventory, NOW } from '../helpers/inventory.js';

export const newJournal = () => new Journal(mkdtempSync(join(tmpdir(), 'kenro-fix2-')));
export const applyOpts = (journal = newJournal()) => ({ journal, who: 'arn:aws:sts::111122223333:assumed-role/ops/tester', fixers: ALL_FIXERS });

export function failing(checkId: string, region: string, resourceId: string, resourceArn?: string): CheckResult {
  return { checkId, status: 'FAIL', severity: 'medium', account: ACCOUNT_ID, region, resourceType: 'x', resourceId, ...(resourceArn ? { resourceArn } : {}), reason: 'r', controls: {} };
}

export function planOne(acct: AccountInventory, r: CheckResult, options: Partial<FixOptions> = {}): PlannedChange {
  const plan = buildPlan(inventory([acct]), [r], ALL_FIXERS, { now: NOW, ...options });
  expect(plan.skipped).toEqual([]);
  expect(plan.changes).toHaveLength(1);
  return plan.changes[0]!;
}

export function skipReason(acct: AccountInventory, r: CheckResult, options: Partial<FixOptions> = {}): string {
  const plan = buildPlan(inventory([acct]), [r], ALL_FIXERS, { now: NOW, ...options });
  expect(plan.changes).toEqual([]);
  return plan.skipped[0]!.reason;
}

/** Names of the commands sent to the mocks, in order, read-only ones left out. */
export function mutatingCommands(...mocks: AwsStub<any, any, any>[]): string[] {
  return mocks
    .flatMap((m) => m.calls())
    .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name.replace(/Command$/, ''))
    .filter((n) => !/^(Get|List|Describe|Head)/.test(n));
}

export function totalCalls(...mocks: AwsStub<any, any, any>[]): number {
  return mocks.reduce((n, m) => n + m.calls().length, 0);
}

/** The journal file, as written. */
export function journaled(file: string | undefined): JournalEntry {
  expect(file).toBeDefined();
  return JSON.parse(readFileSync(file!, 'utf8')) as JournalEntry;
}
