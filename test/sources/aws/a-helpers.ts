/** Test helpers for the live collectors: SDK-shaped errors and a request-capturing HTTP handler. */
import { Readable } from 'node:stream';
import type { CollectionIssue } from '../../../src/report/types.js';
import type { AwsOptions } from '../../../src/sources/aws/clients.js';
import type { RegionContext } from '../../../src/sources/aws/context.js';
import { createRegionContext, createRuntime } from '../../../src/sources/aws/context.js';

/** An error shaped as the SDK throws for an unmodeled AWS error code (name = code, $metadata). */
export function awsError(code: string, httpStatusCode = 400, message = `${code} message`): Error {
  const e = new Error(message) as Error & { $metadata: { httpStatusCode: number }; $fault: string; Code: string };
  e.name = code;
  e.Code = code;
  e.$fault = httpStatusCode >= 500 ? 'server' : 'client';
  e.$metadata = { httpStatusCode };
  return e;
}

export const ACCOUNT = '123456789012';

/** Static credentials so clients never look for real ones. */
export const TEST_OPTS: AwsOptions = { concurrency: 4, maxAttempts: 1 };

export function testContext(region = 'eu-west-1', label = region): { ctx: RegionContext; issues: CollectionIssue[]; stats: { apiCalls: number } } {
  const rt = createRuntime(ACCOUNT, 'aws', TEST_OPTS, {
    configFor: (r) => ({ region: r, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' }, maxAttempts: 1 }),
  });
  return { ctx: createRegionContext(rt, region, label), issues: rt.issues, stats: rt.stats };
}

export interface Captured {
  hostname: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** A request handler that records each request and answers `status` with `body`. */
export function captureHandler(body: string, status = 200): { handler: { handle: (req: Captured & { body?: unknown }) => Promise<unknown> }; requests: Captured[] } {
  const requests: Captured[] = [];
  return {
    requests,
    handler: {
      handle: async (req: Captured & { body?: unknown }) => {
        const b: unknown = req.body;
        const text = typeof b === 'string' ? b : b instanceof Uint8Array ? Buffer.from(b).toString('utf8') : '';
        requests.push({ hostname: req.hostname, path: req.path, method: req.method, headers: { ...req.headers }, body: text });
        return {
          response: {
            statusCode: status,
            headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'test' },
            body: Readable.from([Buffer.from(body)]),
          },
        };
      },
    },
  };
}
