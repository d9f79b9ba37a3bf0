/**
 * End to end through the CLI: `kenro scan` against a tiny AWS look-alike on 127.0.0.1.
 *
 * The server answers by wire protocol (read from the request: query / EC2 form posts, JSON with
 * X-Amz-Target, REST-XML for S3, REST-JSON for the rest), with:
 * - sts GetCallerIdentity, ec2 DescribeRegions / GetEbsEncryptionByDefault / DescribeSecurityGroups;
 * - AccessDenied for iam:GetAccountPasswordPolicy and s3:ListAllMyBuckets;
 * - everything else: OptInRequired ("The AWS access key ID needs a subscription for the service",
 *   an AWS common error, HTTP 403), which kenro records as not_available.
 * Credentials are dummies from the environment; AWS_MAX_ATTEMPTS=1 keeps it bounded.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { run as runCli } from '../../cli/capture.js';

const ACCOUNT = '123456789012';
const SECRET = 'e2e-test-secret-not-real';

interface Seen {
  host: string;
  service: string;
  operation: string;
}

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** Successful answers, keyed `service:Operation`. */
const OK: Record<string, string> = {
  'sts:GetCallerIdentity': `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:user/e2e</Arn><UserId>AIDAE2E</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  'ec2:DescribeRegions': `<DescribeRegionsResponse xmlns="${EC2_NS}"><requestId>r</requestId><regionInfo><item><regionName>us-east-1</regionName><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item></regionInfo></DescribeRegionsResponse>`,
  'ec2:GetEbsEncryptionByDefault': `<GetEbsEncryptionByDefaultResponse xmlns="${EC2_NS}"><requestId>r</requestId><ebsEncryptionByDefault>true</ebsEncryptionByDefault></GetEbsEncryptionByDefaultResponse>`,
  'ec2:DescribeSecurityGroups': `<DescribeSecurityGroupsResponse xmlns="${EC2_NS}"><requestId>r</requestId><securityGroupInfo><item><ownerId>${ACCOUNT}</ownerId><groupId>sg-0e2e</groupId><groupName>open-ssh</groupName><groupDescription>e2e</groupDescription><vpcId>vpc-0e2e</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item></ipPermissions><ipPermissionsEgress/></item></securityGroupInfo></DescribeSecurityGroupsResponse>`,
};

/** Reads that are denied, keyed `service:Operation`, with the IAM action AWS names. */
const DENIED: Record<string, string> = {
  'iam:GetAccountPasswordPolicy': 'iam:GetAccountPasswordPolicy',
  's3:ListBuckets': 's3:ListAllMyBuckets',
};

/** `Credential=AKID/20260101/us-east-1/ec2/aws4_request` -> `ec2`. */
function signingService(req: IncomingMessage): string {
  const auth = String(req.headers.authorization ?? '');
  return /Credential=[^/]+\/\d+\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? 'unknown';
}

type Protocol = 'query' | 'ec2' | 'json' | 'rest-xml' | 'rest-json';

function identify(req: IncomingMessage, body: string): { service: string; operation: string; protocol: Protocol } {
  const service = signingService(req);
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return { service, operation: target.split('.').pop() ?? target, protocol: 'json' };
  const type = String(req.headers['content-type'] ?? '');
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const operation = new URLSearchParams(body).get('Action') ?? 'Unknown';
    return { service, operation, protocol: service === 'ec2' ? 'ec2' : 'query' };
  }
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (service === 's3') {
    // S3 Control paths start with /v20180820/; ListBuckets is GET / (path-style addressing).
    const operation = path.startsWith('/v20180820/') ? `control${path}` : req.method === 'GET' && path === '/' ? 'ListBuckets' : `${req.method} ${path}`;
    return { service, operation, protocol: 'rest-xml' };
  }
  return { service, operation: `${req.method} ${path}`, protocol: 'rest-json' };
}

function errorAnswer(protocol: Protocol, status: number, code: string, message: string): Answer {
  switch (protocol) {
    case 'ec2':
      return { status, body: `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>r</RequestID></Response>` };
    case 'query':
      return { status, body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r</RequestId></ErrorResponse>` };
    case 'rest-xml':
      return { status, body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>r</RequestId></Error>` };
    case 'json':
      return { status, body: JSON.stringify({ __type: code, message }), headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': code } };
    case 'rest-json':
      return { status, body: JSON.stringify({ message }), headers: { 'content-type': 'application/json', 'x-amzn-errortype': code } };
  }
}

interface FakeAws {
  server: Server;
  url: string;
  seen: Seen[];
  /** Overrides for one test, keyed `service:Operation`. */
  override: Map<string, (protocol: Protocol) => Answer>;
}

function startFakeAws(): Promise<FakeAws> {
  const seen: Seen[] = [];
  const override = new Map<string, (protocol: Protocol) => Answer>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const { service, operation, protocol } = identify(req, body);
      const key = `${service}:${operation}`;
      seen.push({ host: String(req.headers.host ?? ''), service, operation });
      const denied = DENIED[key];
      const answer: Answer =
        override.get(key)?.(protocol) ??
        (OK[key] !== undefined
          ? { status: 200, body: OK[key] as string }
          : denied
            ? errorAnswer(protocol, 403, 'AccessDenied', `User: arn:aws:iam::${ACCOUNT}:user/e2e is not authorized to perform: ${denied}`)
            : errorAnswer(protocol, 403, 'OptInRequired', 'The AWS access key ID needs a subscription for the service'));
      res.writeHead(answer.status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'r', ...(answer.headers ?? {}) });
      res.end(answer.body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, seen, override });
    });
  });
}

interface JsonReport {
  accounts: string[];
  regions: string[];
  results: { checkId: string; status: string; region: string; resourceId: string; reason: string }[];
  collectionIssues: { region: string; what: string; status: string; code: string; permission?: string }[];
}


let fake: FakeAws;
const saved: Record<string, string | undefined> = {};
const ENV_SET: Record<string, string> = {
  AWS_ACCESS_KEY_ID: 'AKIAE2ETESTONLY',
  AWS_SECRET_ACCESS_KEY: SECRET,
  AWS_REGION: 'us-east-1',
  AWS_MAX_ATTEMPTS: '1',
  AWS_EC2_METADATA_DISABLED: 'true',
};
const ENV_CLEAR = ['AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_DEFAULT_REGION', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE'];

beforeAll(async () => {
  fake = await startFakeAws();
});
afterAll(async () => {
  await new Promise<void>((r) => fake.server.close(() => r()));
});
beforeEach(() => {
  const keys = [...Object.keys(ENV_SET), ...ENV_CLEAR, 'AWS_ENDPOINT_URL', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', ...Object.keys(process.env).filter((k) => k.startsWith('AWS_ENDPOINT_URL_'))];
  for (const k of keys) saved[k] = process.env[k];
  for (const k of keys) delete process.env[k];
  Object.assign(process.env, ENV_SET);
  // No shared config or credentials files: only the dummy environment credentials are used.
  const empty = mkdtempSync(join(tmpdir(), 'kenro-e2e-'));
  process.env.AWS_CONFIG_FILE = join(empty, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(empty, 'credentials');
  fake.seen.length = 0;
  fake.override.clear();
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('kenro scan against a local AWS endpoint', () => {
  it('AWS_ENDPOINT_URL: results exist, denied reads are ERROR naming the permission, nothing unread is PASS', async () => {
    process.env.AWS_ENDPOINT_URL = fake.url;
    const { code, stdout } = await runCli('scan', '--regions', 'us-east-1', '--format', 'json', '--no-progress');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;

    // Every request went to the loopback server, credentials were validated first.
    expect(fake.seen.length).toBeGreaterThan(20);
    expect(new Set(fake.seen.map((s) => s.host))).toEqual(new Set([new URL(fake.url).host]));
    expect(fake.seen[0]).toMatchObject({ service: 'sts', operation: 'GetCallerIdentity' });
    // --regions given: the enabled regions were not listed.
    expect(fake.seen.some((s) => s.operation === 'DescribeRegions')).toBe(false);

    expect(report.accounts).toEqual([ACCOUNT]);
    expect(report.results.length).toBeGreaterThan(20);

    // Denied reads: ERROR, and the reason names the IAM action to grant.
    const pw = report.results.filter((r) => r.checkId.startsWith('iam_password_policy'));
    expect(pw.length).toBeGreaterThan(0);
    for (const r of pw) {
      expect(r.status).toBe('ERROR');
      expect(r.reason).toContain('iam:GetAccountPasswordPolicy');
    }
    const s3 = report.results.filter((r) => r.checkId.startsWith('s3_') && r.region === 'global' && /bucket/i.test(r.reason));
    expect(s3.length).toBeGreaterThan(0);
    expect(s3.every((r) => r.status === 'ERROR')).toBe(true);
    expect(s3.some((r) => r.reason.includes('s3:ListAllMyBuckets'))).toBe(true);
    expect(report.collectionIssues).toContainEqual(expect.objectContaining({ status: 'access_denied', code: 'AccessDenied', permission: 'iam:GetAccountPasswordPolicy' }));
    expect(report.collectionIssues).toContainEqual(expect.objectContaining({ status: 'access_denied', code: 'AccessDenied', permission: 's3:ListAllMyBuckets' }));
    // Everything else: not_available, recorded per read, across protocols (query, JSON, REST).
    const notAvailable = report.collectionIssues.filter((i) => i.status === 'not_available' && i.code === 'OptInRequired');
    expect(notAvailable.length).toBeGreaterThan(10);
    for (const what of ['iam credentialReport', 'iam users', 'ec2 instances', 'organization', 'kms keys', 'sqs queues', 'securityhub hub']) {
      expect(report.collectionIssues).toContainEqual(expect.objectContaining({ what, status: 'not_available', code: 'OptInRequired' }));
    }

    // Nothing unread is PASS: every PASS is about data the server actually answered (EBS
    // encryption by default, the one security group), and there is at least one of each.
    const passes = report.results.filter((r) => r.status === 'PASS');
    for (const r of passes) expect(r.checkId === 'ec2_ebs_default_encryption' || r.resourceId === 'sg-0e2e', `${r.checkId} ${r.resourceId}`).toBe(true);
    expect(passes.some((r) => r.checkId === 'ec2_ebs_default_encryption' && r.region === 'us-east-1')).toBe(true);
    expect(passes.some((r) => r.resourceId === 'sg-0e2e')).toBe(true);
    // What was read and is wrong is FAIL: SSH open to the world.
    expect(report.results.some((r) => r.status === 'FAIL' && r.resourceId === 'sg-0e2e')).toBe(true);
    // Everything else is ERROR (or MANUAL, which needs no data).
    for (const r of report.results) expect(['PASS', 'FAIL', 'ERROR', 'MANUAL']).toContain(r.status);
    expect(report.results.filter((r) => r.status === 'ERROR').length).toBeGreaterThan(report.results.length / 2);
    expect(stdout).not.toContain(SECRET);
  });

  it('--endpoint-url wins over AWS_ENDPOINT_URL', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9'; // nothing listens on the discard port
    const { code, stdout } = await runCli('scan', '--regions', 'us-east-1', '--format', 'json', '--no-progress', '--endpoint-url', fake.url, '--check', 'ec2_ebs_default_encryption');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.results.map((r) => [r.checkId, r.status, r.region])).toEqual([['ec2_ebs_default_encryption', 'PASS', 'us-east-1']]);
    expect(fake.seen[0]).toMatchObject({ service: 'sts', operation: 'GetCallerIdentity' });
  });

  it('rejected credentials stop the scan before anything is collected, with AWS\'s message and no secret', async () => {
    fake.override.set('sts:GetCallerIdentity', (p) => errorAnswer(p, 403, 'InvalidClientTokenId', 'The security token included in the request is invalid.'));
    const failure = await runCli('scan', '--regions', 'us-east-1', '--format', 'json', '--no-progress', '--endpoint-url', fake.url).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure?.message).toMatch(/AWS rejected the credentials .*InvalidClientTokenId: The security token included in the request is invalid\./);
    expect(failure?.message).not.toContain(SECRET);
    expect(fake.seen.every((s) => s.service === 'sts' && s.operation === 'GetCallerIdentity')).toBe(true);
    expect(fake.seen.length).toBeGreaterThan(0);
  });

  it('rejects an --endpoint-url that is not an http(s) URL', async () => {
    const { code, stderr } = await runCli('scan', '--endpoint-url', 'ftp://example', '--format', 'json');
    expect(code).toBe(2);
    expect(stderr).toMatch(/not an http\(s\) URL/);
    expect(fake.seen).toEqual([]);
  });
});
