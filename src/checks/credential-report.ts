/**
 * Reading the IAM credential report. AWS writes special values instead of times: `N/A` (never /
 * not applicable), `no_information` (not tracked, e.g. before tracking began) and `not_supported`
 * (the root row's password fields). The root user's row is named `<root_account>`.
 */
import type { CredentialReportRow } from '../model/inventory.js';

export const ROOT_ROW = '<root_account>';

export function isRootRow(row: CredentialReportRow): boolean {
  return row.user === ROOT_ROW;
}

/** A time field parsed to epoch ms, or undefined for AWS's special values and garbage. */
export function reportTime(value: string | undefined): number | undefined {
  if (!value || value === 'N/A' || value === 'no_information' || value === 'not_supported') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

export function daysBetween(fromMs: number, now: Date): number {
  return Math.floor((now.getTime() - fromMs) / 86_400_000);
}

export interface KeyState {
  slot: 1 | 2;
  active: boolean;
  /** When the key was created or last rotated. */
  lastRotated?: number;
  lastUsed?: number;
  /** True when AWS reports the key as never used (`N/A`). */
  neverUsed: boolean;
}

export function accessKeys(row: CredentialReportRow): KeyState[] {
  return [
    {
      slot: 1,
      active: row.access_key_1_active === 'true',
      lastRotated: reportTime(row.access_key_1_last_rotated),
      lastUsed: reportTime(row.access_key_1_last_used_date),
      neverUsed: row.access_key_1_last_used_date === 'N/A',
    },
    {
      slot: 2,
      active: row.access_key_2_active === 'true',
      lastRotated: reportTime(row.access_key_2_last_rotated),
      lastUsed: reportTime(row.access_key_2_last_used_date),
      neverUsed: row.access_key_2_last_used_date === 'N/A',
    },
  ];
}
