/**
 * Writes the fixer table of docs/fix.md (between the BEGIN/END markers) from ALL_FIXERS and from
 * plans the fixers make on the demo account, so the table never drifts from the code: id, checks,
 * the API calls (change and rollback), the IAM permissions, and what rollback cannot restore.
 *
 *   npx tsx scripts/fixers-doc.ts           # rewrite the table
 *   npx tsx scripts/fixers-doc.ts --check   # exit 1 when docs/fix.md is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALL_FIXERS } from '../src/fix/fixers/index.js';
import { buildPlan } from '../src/fix/plan.js';
import type { FixOptions, PlannedChange } from '../src/fix/types.js';
import { loadSnapshot } from '../src/model/snapshot.js';
import { scanInventory } from '../src/scan/run.js';

export const BEGIN = '<!-- BEGIN FIXER TABLE -->';
export const END = '<!-- END FIXER TABLE -->';
const root = resolve(import.meta.dirname, '..');
export const DOC = join(root, 'docs', 'fix.md');

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Names of the demo account's resources, generalised so the table reads as a rule. */
function general(s: string): string {
  return s
    .replace(/arn:aws:[^\s),]+/g, 'ARN')
    .replace(/\bvpc-[0-9a-z]+/g, 'VPC')
    .replace(/\/kenro\/vpc-flow-logs\/VPC/g, '/kenro/vpc-flow-logs/VPC')
    .replace(/s3:\/\/[a-z0-9.-]+/g, 's3://BUCKET')
    .replace(/the bucket kenro-cloudtrail-\d+/g, 'the bucket kenro-cloudtrail-ACCOUNT');
}

/** Changes every fixer plans on the demo account, under each option set that exercises a path. */
function demoChanges(): PlannedChange[] {
  const inv = loadSnapshot(join(root, 'data', 'demo', 'snapshot.json'));
  const now = new Date(inv.collectedAt);
  const report = scanInventory(inv, { source: 'demo', now });
  const common: Partial<FixOptions> = { configBucket: 'CONFIG_BUCKET', alarmEmail: 'security@example.com', budgetEmail: 'billing@example.com', budgetAmount: 100 };
  const variants: Partial<FixOptions>[] = [
    { ...common, logBucket: 'LOG_BUCKET', flowLogsTo: 's3' },
    { ...common, flowLogsTo: 'cloud-watch-logs' },
  ];
  return variants.flatMap((v) => buildPlan(inv, report.results, ALL_FIXERS, { now, ...v }).changes);
}

export function fixersTable(): string {
  const changes = demoChanges();
  const rows = ALL_FIXERS.map((f) => {
    const mine = changes.filter((c) => c.fixerId === f.id);
    const ops = (pick: (c: PlannedChange) => { service: string; operation: string }[]) => [...new Set(mine.flatMap(pick).map((c) => `${c.service}:${c.operation}`))];
    const calls = ops((c) => c.calls);
    const rollback = ops((c) => c.rollback);
    const limits = [...new Set(mine.flatMap((c) => c.cannotRestore).map(general))];
    const planned = mine.length > 0;
    return (
      `| \`${f.id}\` | ${f.checkIds.map((c) => `\`${c}\``).join(', ')} | ` +
      `${planned ? calls.map((c) => `\`${c}\``).join(', ') : '(not planned on the demo account)'} | ` +
      `${planned ? [rollback.map((c) => `\`${c}\``).join(', '), f.rollbackFromOutputs ? 'calls built from the change\'s outputs (ids AWS assigned)' : ''].filter(Boolean).join(' + ') || 'none' : '—'} | ` +
      `${f.permissions.map((p) => `\`${p}\``).join(', ')} | ${planned ? cell(limits.join('; ') || 'nothing: the before-state is restored') : '—'} |`
    );
  });
  return [
    `${ALL_FIXERS.length} fixers. Calls and rollback limits are those the fixers plan on the demo account (\`kenro fix --demo\`), names generalised.`,
    '',
    '| Fixer | Checks | API calls (change) | Rollback calls | IAM permissions (reads included) | What rollback cannot restore |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

export function withTable(doc: string, table: string): string {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/fix.md has no ${BEGIN} ... ${END} markers`);
  return `${doc.slice(0, a + BEGIN.length)}\n${table}\n${doc.slice(b)}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const doc = readFileSync(DOC, 'utf8');
  const next = withTable(doc, fixersTable());
  if (process.argv.includes('--check')) {
    if (next !== doc) {
      process.stderr.write('docs/fix.md is out of date: run npx tsx scripts/fixers-doc.ts\n');
      process.exitCode = 1;
    }
  } else {
    writeFileSync(DOC, next);
    process.stderr.write(`wrote the table of ${ALL_FIXERS.length} fixers to docs/fix.md\n`);
  }
}
