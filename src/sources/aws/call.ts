/**
 * Runs AWS API calls and turns their outcome into `Collected` values: the one place where SDK
 * errors are classified (absent / access denied / not available / failed) and recorded as
 * collection issues. Nothing here throws for an AWS error.
 */
import type { Collected, CollectionStatus } from '../../model/collected.js';
import { notCollected, ok } from '../../model/collected.js';
import type { CollectionIssue } from '../../report/types.js';
import type { Limiter } from './limiter.js';

/** Where calls run and where their failures are recorded (one per scan, shared by regions). */
export interface CallSink {
  account: string;
  /** Region recorded in issues (`global` for global services). */
  region: string;
  limiter?: Limiter;
  issues?: CollectionIssue[];
  stats?: { apiCalls: number };
}

export interface CallOptions {
  /** Error codes meaning "not configured": the call returns ok(null). */
  absentCodes?: readonly string[];
  /** What is being read, for the issue list, e.g. `s3 bucket policy (my-bucket)`. Defaults to the permission. */
  what?: string;
  /** Where to run and record; without it the call runs unlimited and unrecorded. */
  sink?: CallSink;
  /**
   * Do not record a failure as a collection issue: the caller decides what the failure means
   * (e.g. a fallback read follows) and records the issue itself. The Collected is unchanged.
   */
  quiet?: boolean;
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'AuthorizationErrorException',
  'Forbidden',
  'AllAccessDisabled',
  'UnauthorizedAccess',
  'UnauthorizedException',
  'NotAuthorized',
]);

const NOT_AVAILABLE = new Set([
  'OptInRequired',
  'SubscriptionRequiredException',
  'UnsupportedOperation',
  'UnsupportedOperationException',
  'UnknownOperationException',
]);

/**
 * "The X.509 certificate or AWS access key ID provided does not exist in our records" (AWS common
 * errors; HTTP 403). Query/XML services answer InvalidClientTokenId, JSON services
 * UnrecognizedClientException. Either means bad credentials, or credentials that a region does
 * not know: IAM identities are distributed to an opt-in region only once it is enabled. A scan
 * validates its credentials with sts:GetCallerIdentity before it collects anything and stops when
 * they are rejected, so during collection these codes mean the region is not enabled:
 * not_available. In the global home region that explanation does not hold (the credentials
 * were accepted there or nearby moments ago): failed.
 */
export const CREDENTIALS_REJECTED = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'UnrecognizedClient']);

/** Appended to the AWS message of a credentials-rejected error recorded as not_available. */
export const REGION_NOT_ENABLED_NOTE =
  ' (the scan\'s credentials were accepted by sts:GetCallerIdentity, so this region does not recognise them: it is probably an opt-in region that is not enabled for the account)';

const NOT_AVAILABLE_MESSAGE = /not (?:supported|available|enabled) in (?:this|the) region|is not supported in region|not yet available in|region is disabled|region .* is not enabled/i;

const MAX_MESSAGE = 500;

/** The AWS error code and message of anything thrown by an SDK call. */
export function errorCode(err: unknown): { code: string; message: string; httpStatus?: number } {
  if (err && typeof err === 'object') {
    const e = err as { name?: unknown; Code?: unknown; code?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number } };
    const code =
      (typeof e.Code === 'string' && e.Code) ||
      (typeof e.name === 'string' && e.name !== 'Error' && e.name) ||
      (typeof e.code === 'string' && e.code) ||
      'UnknownError';
    const message = typeof e.message === 'string' && e.message ? e.message : String(code);
    const out: { code: string; message: string; httpStatus?: number } = { code, message: message.slice(0, MAX_MESSAGE) };
    if (typeof e.$metadata?.httpStatusCode === 'number') out.httpStatus = e.$metadata.httpStatusCode;
    return out;
  }
  return { code: 'UnknownError', message: String(err).slice(0, MAX_MESSAGE) };
}

/**
 * How kenro treats an error: which non-ok status it becomes (absent codes aside). `region` is the
 * region label of the call (`global` for global services); it decides credentials-rejected codes.
 */
export function classifyError(code: string, message: string, region?: string): Exclude<CollectionStatus, 'ok' | 'unresolved'> {
  const bare = code.replace(/Exception$/, '');
  const has = (set: Set<string>): boolean => set.has(code) || set.has(bare) || set.has(`${bare}Exception`);
  if (has(CREDENTIALS_REJECTED)) return region === 'global' ? 'failed' : 'not_available';
  if (has(ACCESS_DENIED)) return 'access_denied';
  if (has(NOT_AVAILABLE) || NOT_AVAILABLE_MESSAGE.test(message)) return 'not_available';
  return 'failed';
}

function failure<T>(err: unknown, permission: string, opts: CallOptions | undefined): Collected<T> {
  const { code, message: raw } = errorCode(err);
  const sink = opts?.sink;
  const status = classifyError(code, raw, sink?.region);
  const bare = code.replace(/Exception$/, '');
  const message = status === 'not_available' && (CREDENTIALS_REJECTED.has(code) || CREDENTIALS_REJECTED.has(bare)) ? `${raw}${REGION_NOT_ENABLED_NOTE}` : raw;
  const error = { code, message, permission };
  if (sink?.issues && !opts?.quiet) {
    const issue: CollectionIssue = {
      account: sink.account,
      region: sink.region,
      what: opts?.what ?? permission,
      status,
      code,
      message,
      permission,
    };
    sink.issues.push(issue);
  }
  return notCollected(status, error);
}

/**
 * Every code an error answers to: its name, its `Code` field, and each without the SDK's
 * `Exception` suffix (IAM's wire code `NoSuchEntity` arrives as `NoSuchEntityException`).
 */
export function errorCodes(err: unknown): Set<string> {
  const out = new Set<string>();
  if (err && typeof err === 'object') {
    const e = err as { name?: unknown; Code?: unknown; code?: unknown };
    for (const v of [e.name, e.Code, e.code]) {
      if (typeof v === 'string' && v && v !== 'Error') {
        out.add(v);
        if (v.endsWith('Exception')) out.add(v.slice(0, -'Exception'.length));
      }
    }
  }
  return out;
}

function isAbsent(err: unknown, opts: CallOptions | undefined): boolean {
  if (!opts?.absentCodes?.length) return false;
  const codes = errorCodes(err);
  return opts.absentCodes.some((c) => codes.has(c) || codes.has(c.replace(/Exception$/, '')));
}

function runLimited<T>(sink: CallSink | undefined, fn: () => Promise<T>): Promise<T> {
  const counted = (): Promise<T> => {
    if (sink?.stats) sink.stats.apiCalls++;
    return fn();
  };
  return sink?.limiter ? sink.limiter.run(counted) : counted();
}

/**
 * Runs one API call (`fn` must make exactly one call, never another safeCall) under the limiter.
 * Errors become `Collected` statuses and are recorded in the sink's issues; codes in
 * `absentCodes` mean "not configured" and give ok(null).
 */
export function safeCall<T>(
  permission: string,
  fn: () => Promise<T>,
  opts: CallOptions & { absentCodes: readonly string[] },
): Promise<Collected<T | null>>;
export function safeCall<T>(permission: string, fn: () => Promise<T>, opts?: CallOptions): Promise<Collected<T>>;
export async function safeCall<T>(permission: string, fn: () => Promise<T>, opts?: CallOptions): Promise<Collected<T | null>> {
  try {
    return ok(await runLimited(opts?.sink, fn));
  } catch (err) {
    if (isAbsent(err, opts)) return ok(null);
    return failure<T | null>(err, permission, opts);
  }
}

/**
 * Reads every page of a paginated list. `pages` is an SDK paginator (`paginateListUsers(...)`),
 * whose every page (one API call each) runs under the limiter; `pick` takes the items of a page.
 * A failure on any page fails the whole list (a partial list could hide a resource).
 * With `absentCodes`, an absent error on the first page gives ok([]).
 */
export async function safeList<P, T>(
  permission: string,
  pages: () => AsyncIterable<P>,
  pick: (page: P) => readonly T[] | undefined,
  opts?: CallOptions,
): Promise<Collected<T[]>> {
  const items: T[] = [];
  let first = true;
  try {
    const it = pages()[Symbol.asyncIterator]();
    for (;;) {
      // The paginator makes one API call per page; its final next() makes none, so count pages.
      const r = await (opts?.sink?.limiter ? opts.sink.limiter.run(() => it.next()) : it.next());
      if (r.done) break;
      if (opts?.sink?.stats) opts.sink.stats.apiCalls++;
      first = false;
      const got = pick(r.value);
      if (got) items.push(...got);
    }
    return ok(items);
  } catch (err) {
    if (first && isAbsent(err, opts)) return ok([]);
    return failure<T[]>(err, permission, opts);
  }
}

/** Applies `f` to an ok value; passes failures through unchanged. */
export function mapOk<A, B>(c: Collected<A>, f: (a: A) => B): Collected<B> {
  return c.status === 'ok' ? ok(f(c.value)) : c;
}

/** Applies `f` to an ok value, turning a thrown error (e.g. malformed JSON) into `failed`. */
export function tryMapOk<A, B>(c: Collected<A>, f: (a: A) => B, permission: string, sink?: CallSink, what?: string): Collected<B> {
  if (c.status !== 'ok') return c;
  try {
    return ok(f(c.value));
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, MAX_MESSAGE);
    const error = { code: 'MalformedResponse', message, permission };
    sink?.issues?.push({
      account: sink.account,
      region: sink.region,
      what: what ?? permission,
      status: 'failed',
      code: error.code,
      message,
      permission,
    });
    return notCollected('failed', error);
  }
}
