import { parseFormats, renderFormats } from '../report/index.js';
import type { ScanReport } from '../report/types.js';

/**
 * Writes a report the way every command does: with --output-dir, each format to a file and the
 * text summary to stdout; without, one format to stdout (several need --output-dir).
 */
export function emitReport(report: ScanReport, formats: string[] | undefined, outputDir: string | undefined, color: boolean): void {
  const ids = parseFormats(formats);
  if (outputDir) {
    const written = renderFormats(report, ids, { outputDir, color: false });
    if (!ids.includes('text')) {
      const [text] = renderFormats(report, ['text'], { color });
      process.stdout.write(text?.content ?? '');
    }
    for (const w of written) {
      if (w.format === 'text' && w.path) {
        const [text] = renderFormats(report, ['text'], { color });
        process.stdout.write(text?.content ?? '');
      }
    }
    for (const w of written) process.stderr.write(`kenro: wrote ${w.format} report to ${w.path}\n`);
    return;
  }
  if (ids.length > 1) {
    throw new Error(`--format ${ids.join(',')}: several formats need --output-dir DIR (one file each)`);
  }
  for (const r of renderFormats(report, ids, { color })) process.stdout.write(r.content ?? '');
}
