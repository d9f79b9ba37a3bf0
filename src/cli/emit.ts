import { parseFormats, renderFormats } from '../report/index.js';
import type { ScanReport } from '../report/types.js';
import { STATUSES } from '../model/result.js';

/** `kenro scan: 128 FAIL, 3 ERROR, 17 MANUAL, 0 MUTED, 229 PASS (demo)` */
export function oneLineSummary(report: ScanReport): string {
  const counts = STATUSES.map((s) => `${report.results.filter((r) => r.status === s).length} ${s}`);
  return `kenro ${report.kind}: ${counts.join(', ')} (${report.source})`;
}

/**
 * Writes a report the way every command does: with --output-dir, each format to a file, and to
 * stdout the text report when `text` was asked for, else a one-line summary; without
 * --output-dir, one format to stdout (several need --output-dir).
 */
export function emitReport(report: ScanReport, formats: string[] | undefined, outputDir: string | undefined, color: boolean): void {
  const ids = parseFormats(formats);
  if (outputDir) {
    const written = renderFormats(report, ids, { outputDir, color: false });
    if (ids.includes('text')) {
      const [text] = renderFormats(report, ['text'], { color });
      process.stdout.write(text?.content ?? '');
    } else {
      process.stdout.write(oneLineSummary(report) + '\n');
    }
    for (const w of written) process.stderr.write(`kenro: wrote ${w.format} report to ${w.path}\n`);
    return;
  }
  if (ids.length > 1) {
    throw new Error(`--format ${ids.join(',')}: several formats need --output-dir DIR (one file each)`);
  }
  for (const r of renderFormats(report, ids, { color })) process.stdout.write(r.content ?? '');
}
