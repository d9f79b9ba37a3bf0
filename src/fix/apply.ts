import { isDeepStrictEqual } from 'node:util';
import { Journal, newJournalId, type JournalEntry } from './journal.js';
import type { Executor, Fixer, PlannedChange } from './types.js';

export interface ApplyOptions {
  journal: Journal;
  /** The caller's ARN, for the journal. */
  who: string;
  now?: () => Date;
  fixers: readonly Fixer[];
}

export interface ApplyOutcome {
  change: PlannedChange;
  entry: JournalEntry;
  journalFile?: string;
}

function fixerOf(fixers: readonly Fixer[], id: string): Fixer {
  const f = fixers.find((x) => x.id === id);
  if (!f) throw new Error(`no fixer ${id}`);
  return f;
}

function errorText(err: unknown): string {
  const e = err as { name?: string; message?: string };
  return `${e.name ?? 'Error'}: ${e.message ?? String(err)}`;
}

/**
 * Applies one change: re-reads the resource and refuses when it no longer matches the plan's
 * before-state, makes the calls in order (stopping at the first failure), re-reads to verify,
 * and journals what happened. A change whose resource already has the after-state makes no call.
 */
export async function applyChange(change: PlannedChange, aws: Executor, opts: ApplyOptions): Promise<ApplyOutcome> {
  const now = opts.now ?? (() => new Date());
  const fixer = fixerOf(opts.fixers, change.fixerId);
  const base: JournalEntry = {
    id: newJournalId(now()),
    kind: 'apply',
    changeId: change.id,
    fixerId: change.fixerId,
    checkId: change.checkId,
    account: change.account,
    region: change.region,
    resourceId: change.resourceId,
    ...(change.resourceArn ? { resourceArn: change.resourceArn } : {}),
    summary: change.summary,
    who: opts.who,
    when: now().toISOString(),
    outcome: 'applied',
    before: change.before,
    expectedAfter: change.after,
    calls: [],
    rollback: change.rollback,
    cannotRestore: change.cannotRestore,
  };
  let live: unknown;
  try {
    live = await fixer.read(change, aws);
  } catch (err) {
    const entry: JournalEntry = { ...base, outcome: 'failed', message: `could not re-read the resource: ${errorText(err)}` };
    return { change, entry, journalFile: opts.journal.write(entry) };
  }
  if (isDeepStrictEqual(live, change.after)) {
    // Idempotent: nothing to do, nothing journaled as a change.
    return { change, entry: { ...base, outcome: 'already-fixed', after: live, message: 'the resource already has the planned state; no call made' } };
  }
  if (!isDeepStrictEqual(live, change.before)) {
    const entry: JournalEntry = {
      ...base,
      outcome: 'refused-drift',
      after: live,
      message: 'the live state no longer matches the plan; re-run kenro fix to plan again',
    };
    return { change, entry, journalFile: opts.journal.write(entry) };
  }
  const calls: JournalEntry['calls'] = [];
  const outputs: Record<string, unknown>[] = [];
  for (const call of change.calls) {
    try {
      outputs.push(await aws.call(call));
      calls.push({ call, ok: true });
    } catch (err) {
      calls.push({ call, ok: false, error: errorText(err) });
      const after = await fixer.read(change, aws).catch(() => undefined);
      const entry: JournalEntry = { ...base, outcome: 'failed', calls, after, message: `${call.service}:${call.operation} failed; later calls were not made` };
      return { change, entry, journalFile: opts.journal.write(entry) };
    }
  }
  if (fixer.rollbackFromOutputs) base.rollback = fixer.rollbackFromOutputs(change, outputs);
  let after: unknown;
  try {
    after = await fixer.read(change, aws);
  } catch (err) {
    after = undefined;
    const entry: JournalEntry = { ...base, calls, verification: { stateMatches: false, detail: `could not re-read: ${errorText(err)}` } };
    return { change, entry, journalFile: opts.journal.write(entry) };
  }
  const stateMatches = isDeepStrictEqual(after, change.after);
  const entry: JournalEntry = {
    ...base,
    calls,
    after,
    verification: {
      stateMatches,
      check: stateMatches ? 'PASS' : 'FAIL',
      detail: stateMatches ? 're-read state equals the planned after-state' : 'the re-read state differs from the planned after-state',
    },
  };
  return { change, entry, journalFile: opts.journal.write(entry) };
}

export interface RollbackOptions extends ApplyOptions {
  /** Roll back even when the resource changed since the fix. */
  force?: boolean;
}

/**
 * Restores the before-state of a journaled change where AWS allows: checks the resource still has
 * the state the fix left, replays the rollback calls, re-reads, and journals the rollback.
 */
export async function rollbackEntry(entryId: string, aws: Executor, opts: RollbackOptions): Promise<JournalEntry> {
  const now = opts.now ?? (() => new Date());
  const original = opts.journal.read(entryId);
  if (original.kind !== 'apply' || original.outcome !== 'applied') {
    throw new Error(`journal entry ${entryId} is a ${original.kind} with outcome ${original.outcome}: only applied changes can be rolled back`);
  }
  const fixer = fixerOf(opts.fixers, original.fixerId);
  const change: PlannedChange = {
    id: original.changeId,
    fixerId: original.fixerId,
    checkId: original.checkId,
    account: original.account,
    region: original.region,
    resourceId: original.resourceId,
    ...(original.resourceArn ? { resourceArn: original.resourceArn } : {}),
    summary: original.summary,
    before: original.before,
    after: original.expectedAfter,
    calls: original.rollback,
    rollback: [],
    cannotRestore: original.cannotRestore,
    warnings: [],
  };
  const base: JournalEntry = {
    ...original,
    id: newJournalId(now()),
    kind: 'rollback',
    rollbackOf: original.id,
    who: opts.who,
    when: now().toISOString(),
    before: original.after,
    expectedAfter: original.before,
    calls: [],
    rollback: [],
    outcome: 'rolled-back',
  };
  delete base.verification;
  delete base.message;
  const live = await fixer.read(change, aws);
  if (isDeepStrictEqual(live, original.before)) {
    return { ...base, outcome: 'rolled-back', after: live, message: 'the resource already has its before-state; no call made' };
  }
  if (!opts.force && !isDeepStrictEqual(live, original.after)) {
    const entry: JournalEntry = { ...base, outcome: 'rollback-failed', after: live, message: 'the resource changed since the fix; use --force to roll back anyway' };
    opts.journal.write(entry);
    return entry;
  }
  const calls: JournalEntry['calls'] = [];
  for (const call of original.rollback) {
    try {
      await aws.call(call);
      calls.push({ call, ok: true });
    } catch (err) {
      calls.push({ call, ok: false, error: errorText(err) });
      const entry: JournalEntry = { ...base, outcome: 'rollback-failed', calls, message: `${call.service}:${call.operation} failed` };
      opts.journal.write(entry);
      return entry;
    }
  }
  const after = await fixer.read(change, aws);
  const restored = isDeepStrictEqual(after, original.before);
  const entry: JournalEntry = {
    ...base,
    calls,
    after,
    outcome: restored || original.cannotRestore.length > 0 ? 'rolled-back' : 'rollback-failed',
    verification: {
      stateMatches: restored,
      detail: restored ? 'the before-state is restored' : `not fully restored${original.cannotRestore.length ? `: ${original.cannotRestore.join('; ')}` : ''}`,
    },
  };
  opts.journal.write(entry);
  return entry;
}
