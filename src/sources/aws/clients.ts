/**
 * How kenro builds AWS SDK clients: one shared credential provider (profile, role assumption with
 * ExternalId/MFA), adaptive retry, bounded timeouts, and endpoint overrides.
 *
 * Endpoint overrides: the SDK itself reads `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE_ID>`
 * (service id upper-cased, spaces -> `_`, e.g. `AWS_ENDPOINT_URL_S3_CONTROL`) and the shared
 * config's `endpoint_url` (see @smithy/core getEndpointUrlConfig). kenro adds what the SDK does not:
 * - `AwsOptions.endpointUrl` (an explicit override, e.g. `--endpoint-url`) wins over the env;
 * - S3 uses path-style addressing when its endpoint is overridden (no `bucket.host` DNS);
 * - S3 Control's endpoint rules put the account id in front of the host
 *   (`https://123456789012.localhost:4566`), which no local emulator answers; when its endpoint is
 *   overridden kenro gives it an endpoint provider that returns the override unchanged.
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export interface AwsOptions {
  /** Named profile from the shared config/credentials files (`--profile`). */
  profile?: string;
  /** Role to assume for the scan (`--role-arn`). */
  roleArn?: string;
  externalId?: string;
  /** MFA device serial (ARN) required by the role's trust policy. */
  mfaSerial?: string;
  /** Asks the user for an MFA code when one is needed. Never logged. */
  mfaCode?: () => Promise<string>;
  /** Maximum AWS API calls in flight across all regions and services (default 16). */
  concurrency?: number;
  /** Per-call socket timeout in milliseconds (default 30000). */
  callTimeoutMs?: number;
  /** SDK attempts per call, retries included (default: AWS_MAX_ATTEMPTS, else 8; adaptive mode). */
  maxAttempts?: number;
  /** Explicit endpoint for every service (wins over AWS_ENDPOINT_URL*). For emulators. */
  endpointUrl?: string;
}

export const DEFAULT_CONCURRENCY = 16;
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_ATTEMPTS = 8;
const ROLE_SESSION_NAME = 'kenro-scan';

/**
 * The endpoint override that applies to a service, as the SDK resolves it from the environment:
 * `AWS_ENDPOINT_URL_<SERVICE_ID>` first, then `AWS_ENDPOINT_URL`. `serviceId` is the SDK service
 * id (`S3`, `S3 Control`, `IAM`, `EC2`, ...).
 */
export function endpointOverride(
  serviceId: string,
  opts: Pick<AwsOptions, 'endpointUrl'> = {},
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (opts.endpointUrl) return opts.endpointUrl;
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
  const key = ['AWS_ENDPOINT_URL', ...serviceId.split(' ').map((w) => w.toUpperCase())].join('_');
  return env[key] || env.AWS_ENDPOINT_URL || undefined;
}

const credentialCache = new WeakMap<AwsOptions, AwsCredentialIdentityProvider>();

/** Caches credentials until 5 minutes before they expire, and shares one refresh at a time. */
function memoize(provider: AwsCredentialIdentityProvider): AwsCredentialIdentityProvider {
  let current: Awaited<ReturnType<AwsCredentialIdentityProvider>> | undefined;
  let inflight: ReturnType<AwsCredentialIdentityProvider> | undefined;
  return async () => {
    const fresh = current && (!current.expiration || current.expiration.getTime() - Date.now() > 5 * 60_000);
    if (fresh && current) return current;
    if (!inflight) {
      inflight = provider().then(
        (c) => {
          current = c;
          inflight = undefined;
          return c;
        },
        (e: unknown) => {
          inflight = undefined;
          throw e;
        },
      );
    }
    return inflight;
  };
}

/**
 * One credential provider per options object, shared by every client of the scan.
 * `stsClientConfig` adds to the config of the STS client that assumes `roleArn` (tests).
 */
export function sharedCredentials(opts: AwsOptions, stsClientConfig: Record<string, unknown> = {}): AwsCredentialIdentityProvider {
  const cached = credentialCache.get(opts);
  if (cached) return cached;
  const mfaCodeProvider = opts.mfaCode ? async () => (opts.mfaCode as () => Promise<string>)() : undefined;
  let base: AwsCredentialIdentityProvider = opts.profile
    ? fromIni({ profile: opts.profile, ...(mfaCodeProvider ? { mfaCodeProvider } : {}) })
    : fromNodeProviderChain(mfaCodeProvider ? { mfaCodeProvider } : {});
  if (opts.roleArn) {
    const stsEndpoint = endpointOverride('STS', opts);
    base = fromTemporaryCredentials({
      masterCredentials: base,
      params: {
        RoleArn: opts.roleArn,
        RoleSessionName: ROLE_SESSION_NAME,
        ...(opts.externalId ? { ExternalId: opts.externalId } : {}),
        ...(opts.mfaSerial ? { SerialNumber: opts.mfaSerial } : {}),
      },
      ...(mfaCodeProvider ? { mfaCodeProvider } : {}),
      clientConfig: { ...(stsEndpoint ? { endpoint: stsEndpoint } : {}), ...stsClientConfig },
    });
  }
  const provider = memoize(base);
  credentialCache.set(opts, provider);
  return provider;
}

/**
 * The SDK's own `AWS_MAX_ATTEMPTS` setting (a positive integer), which kenro's explicit default
 * would otherwise hide; undefined when unset or not a positive integer.
 */
export function envMaxAttempts(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.AWS_MAX_ATTEMPTS?.trim();
  if (!raw || !/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 ? n : undefined;
}

/**
 * Configuration for an SDK client of `service` in `region`. `service` is the SDK service id
 * (`S3`, `S3 Control`, `EC2`, `IAM`, `CloudWatch Logs`...), case-insensitive; it decides the
 * S3 / S3 Control endpoint handling.
 */
export function clientConfig(region: string, service: string, opts: AwsOptions): Record<string, unknown> {
  const timeout = opts.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const cfg: Record<string, unknown> = {
    region,
    credentials: sharedCredentials(opts),
    retryMode: 'adaptive',
    maxAttempts: opts.maxAttempts ?? envMaxAttempts() ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: new NodeHttpHandler({
      requestTimeout: timeout,
      connectionTimeout: Math.min(timeout, 10_000),
    }),
  };
  const id = service.toLowerCase().replace(/[\s_-]/g, '');
  const override = endpointOverride(serviceIdFor(id), opts);
  if (opts.endpointUrl) cfg.endpoint = opts.endpointUrl;
  if (override && id === 's3') cfg.forcePathStyle = true;
  if (override && id === 's3control') {
    cfg.endpoint = override;
    cfg.disableHostPrefix = true;
    cfg.endpointProvider = s3ControlEndpointProvider(override, region);
  }
  return cfg;
}

/** SDK service ids for the compact names kenro derives from client class names. */
const SERVICE_IDS: Record<string, string> = {
  s3control: 'S3 Control',
  cloudwatchlogs: 'CloudWatch Logs',
  configservice: 'Config Service',
  elasticloadbalancingv2: 'Elastic Load Balancing v2',
  secretsmanager: 'Secrets Manager',
};

function serviceIdFor(compact: string): string {
  return SERVICE_IDS[compact] ?? compact.toUpperCase();
}

/**
 * S3 Control endpoint against an overridden endpoint: the override as given, signed as `s3`
 * in the client's region (what the AWS rules would sign with), no account-id host prefix.
 */
export function s3ControlEndpointProvider(override: string, region: string) {
  return () => ({
    url: new URL(override),
    properties: {
      authSchemes: [{ name: 'sigv4', signingName: 's3', signingRegion: region, disableDoubleEncoding: true }],
    },
  });
}
