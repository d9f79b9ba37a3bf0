import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC, fixersTable, withTable } from '../../scripts/fixers-doc.js';
import { ALL_FIXERS } from '../../src/fix/fixers/index.js';

describe('docs/fix.md', () => {
  const doc = readFileSync(DOC, 'utf8');

  it('names every fixer in the table', () => {
    for (const f of ALL_FIXERS) expect(doc, f.id).toContain(`| \`${f.id}\` |`);
  });

  it('has the table the fixers generate today (run npx tsx scripts/fixers-doc.ts when this fails)', () => {
    expect(withTable(doc, fixersTable())).toBe(doc);
  });

  it('lists every permission a fixer declares', () => {
    for (const f of ALL_FIXERS) for (const p of f.permissions) expect(doc, `${f.id} ${p}`).toContain(`\`${p}\``);
  });
});
