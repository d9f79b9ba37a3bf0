/**
 * Regional services fail in a region where they are not offered (or a region the account has not
 * enabled) in ways the generic classifier in call.ts does not read as "not available":
 * - the service's regional endpoint does not exist, so DNS answers ENOTFOUND;
 * - the region rejects the account's credentials with UnrecognizedClientException (an opt-in
 *   region that is not enabled; the same credentials already worked for STS and other regions).
 * These wrappers rethrow such errors as {@link NotInRegionError}, whose message says "not available
 * in this region", so safeCall / safeList record them as `not_available`. Every other error passes
 * through unchanged.
 */

import type { ContextCallOptions, RegionContext } from './context.js';
import type { Permission } from './permissions.js';

export class NotInRegionError extends Error {
  override readonly name: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = code;
  }
}

interface ErrorFields {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  hostname?: unknown;
}

/** The error to rethrow: a NotInRegionError for "service/region not available" failures, else `err`. */
export function notInRegionError(err: unknown, region: string, service: string): unknown {
  if (!err || typeof err !== 'object') return err;
  const e = err as ErrorFields;
  const codes = [e.name, e.code, e.Code].filter((v): v is string => typeof v === 'string');
  if (codes.includes('ENOTFOUND')) {
    const host = typeof e.hostname === 'string' ? ` (${e.hostname} does not resolve)` : '';
    return new NotInRegionError('EndpointNotFound', `${service} is not available in this region (${region}): no endpoint${host}`);
  }
  if (codes.includes('UnrecognizedClientException')) {
    return new NotInRegionError(
      'RegionNotEnabled',
      `${service} is not available in this region (${region}): the region rejected the credentials (UnrecognizedClientException); it is probably an opt-in region that is not enabled`,
    );
  }
  return err;
}

/** Wraps one API call so that "not in this region" failures become NotInRegionError. */
export function inRegion<T>(region: string, service: string, fn: () => Promise<T>): () => Promise<T> {
  return async () => {
    try {
      return await fn();
    } catch (err) {
      throw notInRegionError(err, region, service);
    }
  };
}

/** The same for an SDK paginator: every page's failure goes through notInRegionError. */
export function pagesInRegion<P>(region: string, service: string, pages: () => AsyncIterable<P>): () => AsyncIterable<P> {
  return () => ({
    [Symbol.asyncIterator](): AsyncIterator<P> {
      const it = pages()[Symbol.asyncIterator]();
      return {
        async next() {
          try {
            return await it.next();
          } catch (err) {
            throw notInRegionError(err, region, service);
          }
        },
      };
    },
  });
}

/**
 * `ctx` whose `call` and `list` apply the wrappers above for `service` (its name as users know it,
 * e.g. `GuardDuty`): what every regional collector uses instead of the bare context.
 */
export function forService(ctx: RegionContext, service: string): RegionContext {
  const call = ((permission: Permission, fn: () => Promise<unknown>, opts?: ContextCallOptions) =>
    ctx.call(permission, inRegion(ctx.region, service, fn), opts ?? {})) as RegionContext['call'];
  const list: RegionContext['list'] = (permission, pages, pick, opts) =>
    ctx.list(permission, pagesInRegion(ctx.region, service, pages), pick, opts);
  return { ...ctx, call, list };
}
