import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiCall } from './types.js';

/** One applied (or refused, or failed) change, or one rollback: enough to verify and undo it. */
export interface JournalEntry {
  id: string;
  kind: 'apply' | 'rollback';
  /** For a rollback: the entry it undid. */
  rollbackOf?: string;
  changeId: string;
  fixerId: string;
  checkId: string;
  account: string;
  region: string;
  resourceId: string;
  resourceArn?: string;
  summary: string;
  /** Who made the change (the caller ARN from STS) and when. */
  who: string;
  when: string;
  outcome: 'applied' | 'already-fixed' | 'refused-drift' | 'failed' | 'rolled-back' | 'rollback-failed';
  before: unknown;
  expectedAfter: unknown;
  /** The live state re-read after the calls. */
  after?: unknown;
  calls: { call: ApiCall; ok: boolean; error?: string }[];
  verification?: { stateMatches: boolean; check?: string; detail: string };
  rollback: ApiCall[];
  cannotRestore: string[];
  message?: string;
}

export const DEFAULT_JOURNAL_DIR = '.kenro/journal';

/** `20261122T181500Z-<6 hex>`: sortable by time, unique enough for one operator. */
export function newJournalId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const rand = Math.floor(Math.random() * 0xffffff).toString(16).padStart(6, '0');
  return `${stamp}-${rand}`;
}

export class Journal {
  constructor(readonly dir: string = DEFAULT_JOURNAL_DIR) {}

  write(entry: JournalEntry): string {
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${entry.id}.json`);
    writeFileSync(file, JSON.stringify(entry, null, 2) + '\n', { flag: 'wx' });
    return file;
  }

  read(id: string): JournalEntry {
    if (!/^[0-9A-Za-z-]+$/.test(id)) throw new Error(`journal id ${JSON.stringify(id)} is not a journal id`);
    const file = join(this.dir, `${id}.json`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`no journal entry ${id} in ${this.dir}`);
    }
    try {
      return JSON.parse(text) as JournalEntry;
    } catch (err) {
      throw new Error(`journal entry ${file} is not valid JSON: ${(err as Error).message}`);
    }
  }

  list(): string[] {
    try {
      return readdirSync(this.dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
    } catch {
      return [];
    }
  }
}
