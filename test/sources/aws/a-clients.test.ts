import { GetBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { DescribeKeyPairsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientConfig, endpointOverride, envMaxAttempts } from '../../../src/sources/aws/clients.js';
import { captureHandler } from './a-helpers.js';

const CREDS = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' };
const ENV_KEYS = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_S3', 'AWS_ENDPOINT_URL_S3_CONTROL', 'AWS_ENDPOINT_URL_EC2', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];
let saved: Record<string, string | undefined> = {};

beforeEach(() => {
  saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
});
afterEach(() => {
  for (const k of ENV_KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

function build<C>(Ctor: new (cfg: any) => C, service: string, handler: unknown, opts = {}): C {
  return new Ctor({ ...clientConfig('eu-west-1', service, opts), credentials: CREDS, requestHandler: handler });
}

const VERSIONING = '<?xml version="1.0" encoding="UTF-8"?><VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Enabled</Status></VersioningConfiguration>';
const PAB =
  '<?xml version="1.0" encoding="UTF-8"?><PublicAccessBlockConfiguration><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>false</RestrictPublicBuckets></PublicAccessBlockConfiguration>';
const KEYPAIRS = '<DescribeKeyPairsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><keySet/></DescribeKeyPairsResponse>';

describe('clientConfig', () => {
  it('sets adaptive retry, attempts, a shared credential provider and a timeout-bound handler', () => {
    const a = clientConfig('eu-west-1', 'EC2', { maxAttempts: 5 });
    expect(a.retryMode).toBe('adaptive');
    expect(a.maxAttempts).toBe(5);
    expect(a.region).toBe('eu-west-1');
    expect(typeof a.credentials).toBe('function');
    expect(a.endpoint).toBeUndefined();
    const opts = {};
    expect(clientConfig('eu-west-1', 'EC2', opts).credentials).toBe(clientConfig('us-east-1', 'IAM', opts).credentials);
  });

  it('maxAttempts: the option, else AWS_MAX_ATTEMPTS (a positive integer), else 8', () => {
    expect(envMaxAttempts({ AWS_MAX_ATTEMPTS: '2' })).toBe(2);
    for (const bad of ['0', '-1', 'two', '1.5', '']) expect(envMaxAttempts({ AWS_MAX_ATTEMPTS: bad })).toBeUndefined();
    const before = process.env.AWS_MAX_ATTEMPTS;
    try {
      process.env.AWS_MAX_ATTEMPTS = '2';
      expect(clientConfig('eu-west-1', 'EC2', {}).maxAttempts).toBe(2);
      expect(clientConfig('eu-west-1', 'EC2', { maxAttempts: 5 }).maxAttempts).toBe(5);
      delete process.env.AWS_MAX_ATTEMPTS;
      expect(clientConfig('eu-west-1', 'EC2', {}).maxAttempts).toBe(8);
    } finally {
      if (before === undefined) delete process.env.AWS_MAX_ATTEMPTS;
      else process.env.AWS_MAX_ATTEMPTS = before;
    }
  });

  it('without overrides S3 uses virtual-hosted AWS endpoints', async () => {
    const cap = captureHandler(VERSIONING);
    const s3 = build(S3Client, 'S3', cap.handler);
    const r = await s3.send(new GetBucketVersioningCommand({ Bucket: 'my-bucket' }));
    expect(r.Status).toBe('Enabled');
    expect(cap.requests[0]?.hostname).toBe('my-bucket.s3.eu-west-1.amazonaws.com');
  });

  it('AWS_ENDPOINT_URL applies to every client (the SDK reads it) and S3 goes path-style', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://localhost:4566';
    const cap = captureHandler(VERSIONING);
    const s3 = build(S3Client, 'S3', cap.handler);
    await s3.send(new GetBucketVersioningCommand({ Bucket: 'my-bucket' }));
    expect(cap.requests[0]?.hostname).toBe('localhost');
    expect(cap.requests[0]?.path).toBe('/my-bucket/');

    const ec2cap = captureHandler(KEYPAIRS);
    const ec2 = build(EC2Client, 'EC2', ec2cap.handler);
    await ec2.send(new DescribeKeyPairsCommand({}));
    expect(ec2cap.requests[0]?.hostname).toBe('localhost');
  });

  it('AWS_ENDPOINT_URL_<SERVICE> wins over AWS_ENDPOINT_URL for that service only', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://localhost:4566';
    process.env.AWS_ENDPOINT_URL_EC2 = 'http://ec2.local:9000';
    const ec2cap = captureHandler(KEYPAIRS);
    await build(EC2Client, 'EC2', ec2cap.handler).send(new DescribeKeyPairsCommand({}));
    expect(ec2cap.requests[0]?.hostname).toBe('ec2.local');
    const s3cap = captureHandler(VERSIONING);
    await build(S3Client, 'S3', s3cap.handler).send(new GetBucketVersioningCommand({ Bucket: 'b' }));
    expect(s3cap.requests[0]?.hostname).toBe('localhost');
  });

  it('S3 Control without override prefixes the account id to the AWS host', async () => {
    const cap = captureHandler(PAB);
    const c = build(S3ControlClient, 'S3Control', cap.handler);
    await c.send(new GetPublicAccessBlockCommand({ AccountId: '123456789012' }));
    expect(cap.requests[0]?.hostname).toBe('123456789012.s3-control.eu-west-1.amazonaws.com');
  });

  it('S3 Control with an overridden endpoint calls the override host as given (no account-id prefix), signed for s3', async () => {
    process.env.AWS_ENDPOINT_URL_S3_CONTROL = 'http://localhost:4566';
    const cap = captureHandler(PAB);
    const c = build(S3ControlClient, 'S3Control', cap.handler);
    const r = await c.send(new GetPublicAccessBlockCommand({ AccountId: '123456789012' }));
    expect(r.PublicAccessBlockConfiguration?.BlockPublicAcls).toBe(true);
    expect(r.PublicAccessBlockConfiguration?.RestrictPublicBuckets).toBe(false);
    expect(cap.requests[0]?.hostname).toBe('localhost');
    expect(cap.requests[0]?.path).toBe('/v20180820/configuration/publicAccessBlock');
    expect(cap.requests[0]?.headers['x-amz-account-id']).toBe('123456789012');
    expect(cap.requests[0]?.headers.authorization).toMatch(/\/eu-west-1\/s3\/aws4_request/);
  });

  it('an explicit endpointUrl option wins over the environment', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://localhost:4566';
    const cap = captureHandler(VERSIONING);
    await build(S3Client, 'S3', cap.handler, { endpointUrl: 'http://minio:9000' }).send(new GetBucketVersioningCommand({ Bucket: 'b' }));
    expect(cap.requests[0]?.hostname).toBe('minio');
    expect(cap.requests[0]?.path).toBe('/b/');
  });

  it('endpointOverride follows the SDK naming (service id upper-cased, spaces as _)', () => {
    const env = { AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_S3_CONTROL: 'http://b' };
    expect(endpointOverride('S3 Control', {}, env)).toBe('http://b');
    expect(endpointOverride('S3', {}, env)).toBe('http://a');
    expect(endpointOverride('S3', {}, { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).toBeUndefined();
  });
});
