/**
 * Test support for the regional collectors (collectors B): a real RegionContext from the
 * framework (createRuntime + createRegionContext) whose clients get fixed dummy credentials, and
 * SDK-shaped errors. SDK calls themselves are answered by aws-sdk-client-mock in each test.
 */
import type { CollectionIssue } from '../../../src/report/types.js';
import { createRuntime, createRegionContext, type RegionContext } from '../../../src/sources/aws/context.js';
import { createLimiter } from '../../../src/sources/aws/limiter.js';

export const ACCOUNT = '123456789012';
export const OTHER_ACCOUNT = '210987654321';
export const REGION = 'eu-west-1';

export interface TestContext {
  ctx: RegionContext;
  issues: CollectionIssue[];
  stats: { apiCalls: number };
}

export function testContext(region = REGION): TestContext {
  const issues: CollectionIssue[] = [];
  const rt = createRuntime(ACCOUNT, 'aws', {}, {
    issues,
    limiter: createLimiter(4),
    configFor: (r) => ({ region: r, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test-secret' }, maxAttempts: 1 }),
  });
  return { ctx: createRegionContext(rt, region), issues, stats: rt.stats };
}

/**
 * An error as the SDK throws it for a service error response: `name` is the error code,
 * `$fault` and `$metadata.httpStatusCode` set. Use the typed exception classes where the client
 * exports one; this is for codes the client has no class for (AccessDeniedException in KMS...).
 */
export function awsError(code: string, message: string, httpStatusCode = 400): Error {
  return Object.assign(new Error(message), {
    name: code,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, requestId: '00000000-0000-0000-0000-000000000000', attempts: 1, totalRetryDelay: 0 },
  });
}

export function accessDenied(action: string): Error {
  return awsError(
    'AccessDeniedException',
    `User: arn:aws:sts::${ACCOUNT}:assumed-role/kenro/scan is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
  );
}

/** What Node's resolver throws when a service has no endpoint in a region. */
export function dnsNotFound(host: string): Error {
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname: host });
}

/** An opt-in region that is not enabled rejects the credentials like this. */
export function unrecognizedClient(): Error {
  return awsError('UnrecognizedClientException', 'The security token included in the request is invalid.');
}
