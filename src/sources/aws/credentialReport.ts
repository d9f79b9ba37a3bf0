/**
 * Parses IAM's credential report (GetCredentialReport Content, CSV). Values are kept as AWS
 * writes them, except that timestamps are normalised to UTC ISO-8601 (`...Z`). Special values
 * (`N/A`, `no_information`, `not_supported`) are kept verbatim.
 */
import type { CredentialReportRow } from '../../model/inventory.js';

export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const satisfies readonly (keyof CredentialReportRow)[];

const TIME_COLUMNS = new Set<string>([
  'user_creation_time',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'cert_1_last_rotated',
  'cert_2_last_rotated',
]);

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** An AWS timestamp (any offset) as UTC ISO-8601; special values unchanged. */
export function normaliseTime(v: string): string {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v)) return v;
  const t = new Date(v);
  return Number.isNaN(t.getTime()) ? v : t.toISOString();
}

/** Parses the report; throws an Error naming the missing column or the bad line. */
export function parseCredentialReport(content: Uint8Array | string): CredentialReportRow[] {
  const text = typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = rows.shift();
  if (!header) throw new Error('credential report is empty');
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  for (const col of CREDENTIAL_REPORT_COLUMNS) {
    if (!index.has(col)) throw new Error(`credential report has no column '${col}'`);
  }
  return rows.map((r, n) => {
    if (r.length < header.length) {
      throw new Error(`credential report line ${n + 2} has ${r.length} fields, expected ${header.length}`);
    }
    const out: Record<string, string> = {};
    for (const col of CREDENTIAL_REPORT_COLUMNS) {
      const v = r[index.get(col) as number] ?? '';
      out[col] = TIME_COLUMNS.has(col) ? normaliseTime(v) : v;
    }
    return out as unknown as CredentialReportRow;
  });
}
