/**
 * The per-region context collectors receive: who and where (account, partition, region), cached
 * SDK clients, and `call` / `list` bound to the scan's limiter and issue list.
 *
 * A collector is `collect(ctx: RegionContext): Promise<...>`; it makes every API call through
 * `ctx.call` (one API call per invocation) or `ctx.list` (an SDK paginator), and never throws for
 * an AWS error.
 */
import type { Collected } from '../../model/collected.js';
import type { CollectionIssue } from '../../report/types.js';
import type { CallOptions, CallSink } from './call.js';
import { safeCall, safeList } from './call.js';
import type { AwsOptions } from './clients.js';
import { clientConfig, DEFAULT_CONCURRENCY } from './clients.js';
import type { Limiter } from './limiter.js';
import { createLimiter } from './limiter.js';
import type { Permission } from './permissions.js';

export type ContextCallOptions = Omit<CallOptions, 'sink'>;

export interface RegionContext {
  accountId: string;
  partition: string;
  /** The region API calls go to (global services: the partition's home region). */
  region: string;
  /** The region recorded in issues and results: `region`, or `global` for global services. */
  label: string;
  opts: AwsOptions;
  /** An SDK client for this region, cached per region and client class. */
  client<C>(ctor: new (cfg: any) => C): C;
  call<T>(permission: Permission, fn: () => Promise<T>, opts: ContextCallOptions & { absentCodes: readonly string[] }): Promise<Collected<T | null>>;
  call<T>(permission: Permission, fn: () => Promise<T>, opts?: ContextCallOptions): Promise<Collected<T>>;
  list<P, T>(
    permission: Permission,
    pages: () => AsyncIterable<P>,
    pick: (page: P) => readonly T[] | undefined,
    opts?: ContextCallOptions,
  ): Promise<Collected<T[]>>;
  /** Records an issue found after a successful call (e.g. a malformed document inside a list). */
  note(permission: Permission, what: string, code: string, message: string): void;
  /** Records any issue (account and region filled in). */
  issue(i: Omit<CollectionIssue, 'account' | 'region'>): void;
  /** The same scan in another region (e.g. S3 per-bucket calls in the bucket's region). */
  forRegion(region: string, label?: string): RegionContext;
}

/** State shared by every context of one scan. */
export interface CollectionRuntime {
  accountId: string;
  partition: string;
  opts: AwsOptions;
  limiter: Limiter;
  issues: CollectionIssue[];
  stats: { apiCalls: number };
  clients: Map<string, unknown>;
  /** Builds the config for a client; tests and the benchmark can replace it. */
  configFor: (region: string, service: string, opts: AwsOptions) => Record<string, unknown>;
}

export function createRuntime(
  accountId: string,
  partition: string,
  opts: AwsOptions,
  overrides: Partial<Pick<CollectionRuntime, 'limiter' | 'issues' | 'configFor'>> = {},
): CollectionRuntime {
  return {
    accountId,
    partition,
    opts,
    limiter: overrides.limiter ?? createLimiter(opts.concurrency ?? DEFAULT_CONCURRENCY),
    issues: overrides.issues ?? [],
    stats: { apiCalls: 0 },
    clients: new Map(),
    configFor: overrides.configFor ?? clientConfig,
  };
}

/** `S3ControlClient` -> `S3Control`: the key clients are cached under and the service name given to clientConfig. */
function serviceOf(ctor: { name: string }): string {
  return ctor.name.replace(/Client$/, '');
}

export function createRegionContext(rt: CollectionRuntime, region: string, label: string = region): RegionContext {
  const sink: CallSink = { account: rt.accountId, region: label, limiter: rt.limiter, issues: rt.issues, stats: rt.stats };
  const ctx: RegionContext = {
    accountId: rt.accountId,
    partition: rt.partition,
    region,
    label,
    opts: rt.opts,
    client<C>(ctor: new (cfg: any) => C): C {
      const service = serviceOf(ctor);
      const key = `${region}|${service}`;
      let c = rt.clients.get(key) as C | undefined;
      if (!c) {
        c = new ctor(rt.configFor(region, service, rt.opts));
        rt.clients.set(key, c);
      }
      return c;
    },
    call<T>(permission: Permission, fn: () => Promise<T>, opts?: ContextCallOptions): Promise<Collected<T | null>> {
      return safeCall<T>(permission, fn, { ...opts, sink });
    },
    list(permission, pages, pick, opts) {
      return safeList(permission, pages, pick, { ...opts, sink });
    },
    note(permission: Permission, what: string, code: string, message: string) {
      rt.issues.push({ account: rt.accountId, region: label, what, status: 'failed', code, message, permission });
    },
    issue(i: Omit<CollectionIssue, 'account' | 'region'>) {
      rt.issues.push({ account: rt.accountId, region: label, ...i });
    },
    forRegion(other: string, otherLabel?: string) {
      return createRegionContext(rt, other, otherLabel ?? other);
    },
  } as RegionContext;
  return ctx;
}

/** The region global services (IAM, Organizations, S3 Control, Account, Budgets) are called in. */
export function homeRegion(partition: string): string {
  switch (partition) {
    case 'aws-cn':
      return 'cn-north-1';
    case 'aws-us-gov':
      return 'us-gov-west-1';
    case 'aws-iso':
      return 'us-iso-east-1';
    case 'aws-iso-b':
      return 'us-isob-east-1';
    default:
      return 'us-east-1';
  }
}

/** An ARN in the scan's partition. */
export function arn(ctx: Pick<RegionContext, 'partition'>, service: string, region: string, account: string, resource: string): string {
  return `arn:${ctx.partition}:${service}:${region}:${account}:${resource}`;
}
