/** Every report format, and rendering a scan in the formats asked for (`--format`, `--output-dir`). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asffFormat } from './asff.js';
import { csvFormat } from './csv.js';
import { htmlFormat } from './html.js';
import { jsonFormat } from './json.js';
import { junitFormat } from './junit.js';
import { ocsfFormat } from './ocsf.js';
import { sarifFormat } from './sarif.js';
import { textFormat } from './text.js';
import type { ReportFormat, ScanReport } from './types.js';

export const FORMATS: Record<ReportFormat['id'], ReportFormat> = {
  text: textFormat,
  json: jsonFormat,
  ocsf: ocsfFormat,
  asff: asffFormat,
  sarif: sarifFormat,
  junit: junitFormat,
  csv: csvFormat,
  html: htmlFormat,
};

export const FORMAT_IDS = Object.keys(FORMATS) as ReportFormat['id'][];

/** Parses `--format text,json` (or an array of such) into known format ids; unknown => Error. */
export function parseFormats(ids: string | readonly string[] | undefined): ReportFormat['id'][] {
  const list = (typeof ids === 'string' ? [ids] : (ids ?? []))
    .flatMap((s) => s.split(','))
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (list.length === 0) return ['text'];
  const unknown = list.filter((id) => !(id in FORMATS));
  if (unknown.length) {
    throw new Error(`unknown report format${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (known: ${FORMAT_IDS.join(', ')})`);
  }
  return [...new Set(list)] as ReportFormat['id'][];
}

/** A scan id made safe as part of a file name. */
export function safeFileStem(scanId: string): string {
  const stem = scanId
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/\.{2,}/g, '')
    .replace(/_+/g, '_')
    .replace(/^[._]+/, '');
  return stem || 'scan';
}

export interface RenderedReport {
  format: ReportFormat['id'];
  /** Set when written to --output-dir. */
  path?: string;
  /** Set when no output dir was given: the content for stdout. */
  content?: string;
}

/**
 * Renders the report in each format. With `outputDir`, writes `<outputDir>/kenro-<scanId>.<ext>`
 * per format (creating the folder) and returns the paths; without, returns the content for
 * stdout. Unknown ids throw before anything is written.
 */
export function renderFormats(report: ScanReport, ids: string[], opts: { outputDir?: string; color: boolean }): RenderedReport[] {
  const formats = parseFormats(ids);
  const out: RenderedReport[] = [];
  if (opts.outputDir) mkdirSync(opts.outputDir, { recursive: true });
  for (const id of formats) {
    const format = FORMATS[id];
    if (opts.outputDir) {
      // Files never carry terminal colour.
      const content = format.render(report, { color: false });
      const path = join(opts.outputDir, `kenro-${safeFileStem(report.scanId)}.${format.extension}`);
      writeFileSync(path, content, 'utf8');
      out.push({ format: id, path });
    } else {
      out.push({ format: id, content: format.render(report, { color: id === 'text' && opts.color }) });
    }
  }
  return out;
}
