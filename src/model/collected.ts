/**
 * Every piece of collected data records how it was collected. Checks must treat anything other
 * than `ok` as "could not be read" and report ERROR — never PASS.
 */
export type CollectionStatus =
  | 'ok'
  /** The caller lacked permission (AccessDenied, UnauthorizedOperation, ...). */
  | 'access_denied'
  /** The service or feature is not offered / not opted in for this region or account. */
  | 'not_available'
  /** Any other failure after retries (throttled to death, timeout, malformed response). */
  | 'failed'
  /** Static sources (CloudFormation): the value depends on something that cannot be resolved. */
  | 'unresolved';

export interface CollectionError {
  /** AWS error code or kenro's own code, e.g. `AccessDenied`, `OptInRequired`, `Unresolved`. */
  code: string;
  message: string;
  /** The IAM action that would have allowed the read, e.g. `s3:GetBucketPolicy`. */
  permission?: string;
}

export type Collected<T> =
  | { status: 'ok'; value: T }
  | { status: Exclude<CollectionStatus, 'ok'>; error: CollectionError };

export function ok<T>(value: T): Collected<T> {
  return { status: 'ok', value };
}

export function notCollected<T>(
  status: Exclude<CollectionStatus, 'ok'>,
  error: CollectionError,
): Collected<T> {
  return { status, error };
}

export function isOk<T>(c: Collected<T>): c is { status: 'ok'; value: T } {
  return c.status === 'ok';
}

/** The value when collected, otherwise undefined. */
export function valueOf<T>(c: Collected<T> | undefined): T | undefined {
  return c && c.status === 'ok' ? c.value : undefined;
}

/** One line saying why a value is missing, for ERROR results. */
export function describeFailure(c: Collected<unknown>, what: string): string {
  if (c.status === 'ok') return `${what} was collected`;
  const perm = c.error.permission ? ` (needs ${c.error.permission})` : '';
  switch (c.status) {
    case 'access_denied':
      return `could not read ${what}: access denied${perm}`;
    case 'not_available':
      return `could not read ${what}: not available (${c.error.code}: ${c.error.message})`;
    case 'unresolved':
      return `${what} cannot be determined from the template: ${c.error.message}`;
    default:
      return `could not read ${what}: ${c.error.code}: ${c.error.message}${perm}`;
  }
}
