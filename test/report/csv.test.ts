import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, csvFormat } from '../../src/report/csv.js';
import { redactSecrets, sortWorstFirst } from '../../src/report/common.js';
import { emptyReport, HOSTILE_CSV, liveReport, templateReport, UNICODE } from './fixtures.js';

function unformula(v: string): string {
  return /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v;
}

describe('csv format', () => {
  it('parses back (RFC 4180) to exactly the results, worst first', () => {
    const report = liveReport();
    const text = csvFormat.render(report, { color: false });
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parse(text, { columns: true, skip_empty_lines: false }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    const expected = sortWorstFirst(report.results);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const r = expected[i]!;
      expect(row.checkId).toBe(r.checkId);
      expect(row.status).toBe(r.status);
      expect(row.severity).toBe(r.severity);
      expect(row.account).toBe(r.account);
      expect(row.region).toBe(r.region);
      expect(row.resourceArn).toBe(r.resourceArn ?? '');
      expect(unformula(row.resourceId!)).toBe(r.resourceId);
      expect(unformula(row.reason!)).toBe(r.reason);
      expect(unformula(row.evidence!)).toBe(r.evidence === undefined ? '' : JSON.stringify(redactSecrets(r.evidence)));
      expect(row.mutedReason).toBe(r.muted?.reason ?? '');
    });
  });

  it('neutralises formula injection with a leading apostrophe', () => {
    const rows = parse(csvFormat.render(liveReport(), { color: false }), { columns: true }) as Record<string, string>[];
    const evil = rows.find((r) => r.resourceId === 'formula-bucket')!;
    expect(evil.reason).toBe(`'${HOSTILE_CSV}`);
    for (const row of rows) for (const v of Object.values(row)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('=1,"2"')).toBe(`"'=1,""2"""`);
  });

  it('keeps commas, quotes, line breaks and unicode inside quoted fields', () => {
    const text = csvFormat.render(liveReport(), { color: false });
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const xml = rows.find((r) => r.resourceId === 'xml-bucket')!;
    expect(JSON.parse(xml.evidence!).multi).toBe('line one\nline "two", with comma\r\nline three');
    expect(rows.some((r) => r.reason!.includes(UNICODE))).toBe(true);
  });

  it('template rows carry file, line and column; an empty scan is just the header', () => {
    const rows = parse(csvFormat.render(templateReport(), { color: false }), { columns: true }) as Record<string, string>[];
    expect(rows.find((r) => r.resourceId === 'LogsBucket')).toMatchObject({ file: 'templates/app stack.yaml', line: '12', column: '5' });
    expect(csvFormat.render(emptyReport(), { color: false })).toBe(CSV_COLUMNS.join(',') + '\r\n');
  });
});
