import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FORMAT_IDS, FORMATS, parseFormats, renderFormats, safeFileStem } from '../../src/report/index.js';
import { liveReport } from './fixtures.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('renderFormats', () => {
  it('knows every documented format', () => {
    expect(FORMAT_IDS).toEqual(['text', 'json', 'ocsf', 'asff', 'sarif', 'junit', 'csv', 'html']);
    for (const id of FORMAT_IDS) expect(FORMATS[id].id).toBe(id);
  });

  it('parses comma lists, defaults to text, rejects unknown ids listing the known ones', () => {
    expect(parseFormats(undefined)).toEqual(['text']);
    expect(parseFormats('json, SARIF,json')).toEqual(['json', 'sarif']);
    expect(parseFormats(['csv', 'html,junit'])).toEqual(['csv', 'html', 'junit']);
    expect(() => parseFormats('json,pdf,xlsx')).toThrow('unknown report formats: pdf, xlsx (known: text, json, ocsf, asff, sarif, junit, csv, html)');
  });

  it('writes kenro-<scanId>.<ext> per format into the output dir', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kenro-report-'));
    dirs.push(dir);
    const out = join(dir, 'nested', 'reports');
    const written = renderFormats(liveReport(), FORMAT_IDS, { outputDir: out, color: true });
    expect(written.map((w) => w.path!.slice(out.length + 1)).sort()).toEqual(
      [
        'kenro-20261122T181500Z-abc123.asff.json',
        'kenro-20261122T181500Z-abc123.csv',
        'kenro-20261122T181500Z-abc123.html',
        'kenro-20261122T181500Z-abc123.json',
        'kenro-20261122T181500Z-abc123.ocsf.json',
        'kenro-20261122T181500Z-abc123.sarif',
        'kenro-20261122T181500Z-abc123.txt',
        'kenro-20261122T181500Z-abc123.xml',
      ].sort(),
    );
    expect(readdirSync(out)).toHaveLength(8);
    // Files never carry terminal colour, even when colour was asked for stdout.
    expect(readFileSync(join(out, 'kenro-20261122T181500Z-abc123.txt'), 'utf8')).not.toContain('\u001b[');
    expect(JSON.parse(readFileSync(join(out, 'kenro-20261122T181500Z-abc123.json'), 'utf8')).scanId).toBe('20261122T181500Z-abc123');
  });

  it('returns the content for stdout without an output dir; colour only for text', () => {
    const [text, json] = renderFormats(liveReport(), ['text', 'json'], { color: true });
    expect(text!.path).toBeUndefined();
    expect(text!.content).toContain('\u001b[');
    expect(JSON.parse(json!.content!).tool.name).toBe('kenro');
  });

  it('fails before writing anything on an unknown format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kenro-report-'));
    dirs.push(dir);
    expect(() => renderFormats(liveReport(), ['json', 'nope'], { outputDir: join(dir, 'x'), color: false })).toThrow(/known: text/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('scan ids cannot escape the output dir', () => {
    expect(safeFileStem('../../etc/passwd')).toBe('etc_passwd');
    expect(safeFileStem('20261122T181500Z-abc123')).toBe('20261122T181500Z-abc123');
    expect(safeFileStem('..')).toBe('scan');
    expect(safeFileStem('a b/c')).toBe('a_b_c');
  });
});
