/**
 * Properties every regional collector (collectors B) must have, checked across all of them:
 * empty responses give ok and empty lists (never a crash on missing fields); any thrown error,
 * AWS or not, ends as a recorded non-ok value, never an exception; every permission a collector
 * names is in PERMISSIONS_B and every PERMISSIONS_B action is used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { ECRClient } from '@aws-sdk/client-ecr';
import { EFSClient } from '@aws-sdk/client-efs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { Collected } from '../../../src/model/collected.js';
import { PERMISSIONS_B } from '../../../src/sources/aws/permissions.js';
import type { RegionContext } from '../../../src/sources/aws/context.js';
import { REGIONAL_FIELDS, type RegionalKey } from '../../../src/sources/aws/regional.js';
import * as accessanalyzer from '../../../src/sources/aws/services/accessanalyzer.js';
import * as cloudtrail from '../../../src/sources/aws/services/cloudtrail.js';
import * as cloudwatch from '../../../src/sources/aws/services/cloudwatch.js';
import * as config from '../../../src/sources/aws/services/config.js';
import * as ecr from '../../../src/sources/aws/services/ecr.js';
import * as efs from '../../../src/sources/aws/services/efs.js';
import * as elbv2 from '../../../src/sources/aws/services/elbv2.js';
import * as guardduty from '../../../src/sources/aws/services/guardduty.js';
import * as kms from '../../../src/sources/aws/services/kms.js';
import * as lambda from '../../../src/sources/aws/services/lambda.js';
import * as logs from '../../../src/sources/aws/services/logs.js';
import * as rds from '../../../src/sources/aws/services/rds.js';
import * as secretsmanager from '../../../src/sources/aws/services/secretsmanager.js';
import * as securityhub from '../../../src/sources/aws/services/securityhub.js';
import * as sns from '../../../src/sources/aws/services/sns.js';
import * as sqs from '../../../src/sources/aws/services/sqs.js';
import { awsError, dnsNotFound, testContext, unrecognizedClient } from './b-context.js';

const B_KEYS = [
  'cloudtrail',
  'config',
  'cloudwatch',
  'logs',
  'sns',
  'sqs',
  'kms',
  'guardduty',
  'securityhub',
  'accessanalyzer',
  'rds',
  'efs',
  'elbv2',
  'lambda',
  'ecr',
  'secretsmanager',
] as const satisfies readonly RegionalKey[];

const CLIENTS = [
  AccessAnalyzerClient, CloudTrailClient, CloudWatchClient, CloudWatchLogsClient, ConfigServiceClient, ECRClient, EFSClient,
  ElasticLoadBalancingV2Client, GuardDutyClient, KMSClient, LambdaClient, RDSClient, SecretsManagerClient, SecurityHubClient, SNSClient, SQSClient,
] as const;
const mocks = CLIENTS.map((c) => mockClient(c as never));
afterEach(() => mocks.forEach((m) => m.reset()));

type AnyCollector = { collect: (ctx: RegionContext) => Promise<object> };
const COLLECTORS: Record<(typeof B_KEYS)[number], AnyCollector> = {
  cloudtrail,
  config,
  cloudwatch,
  logs,
  sns,
  sqs,
  kms,
  guardduty,
  securityhub,
  accessanalyzer,
  rds,
  efs,
  elbv2,
  lambda,
  ecr,
  secretsmanager,
};

async function run(key: (typeof B_KEYS)[number], ctx: RegionContext): Promise<Record<string, Collected<unknown>>> {
  return (await COLLECTORS[key].collect(ctx)) as Record<string, Collected<unknown>>;
}

describe('regional collectors (B), all together', () => {
  it.each(B_KEYS)('%s: empty responses => every field ok, lists empty, no issue', async (key) => {
    mocks.forEach((m) => m.onAnyCommand().resolves({}));
    const { ctx, issues } = testContext();
    const out = await run(key, ctx);
    expect(Object.keys(out).sort()).toEqual([...REGIONAL_FIELDS[key]].map(String).sort());
    for (const [field, c] of Object.entries(out)) {
      expect(c.status, `${key}.${field}`).toBe('ok');
      // Security Hub's hub is an object or null, every other field is a list.
      if (c.status === 'ok' && Array.isArray(c.value)) expect(c.value, `${key}.${field}`).toEqual([]);
    }
    expect(issues).toEqual([]);
  });

  it.each(B_KEYS)('%s: a non-AWS error (TypeError) ends as failed values and recorded issues, never a throw', async (key) => {
    mocks.forEach((m) => m.onAnyCommand().rejects(new TypeError("Cannot read properties of undefined (reading 'x')")));
    const { ctx, issues } = testContext();
    const out = await run(key, ctx);
    for (const [field, c] of Object.entries(out)) expect(c.status, `${key}.${field}`).toBe('failed');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.region === 'eu-west-1' && i.status === 'failed' && !!i.permission)).toBe(true);
  });

  const unavailable: [string, () => Error][] = [
    ['SubscriptionRequiredException', () => awsError('SubscriptionRequiredException', 'The AWS Access Key Id needs a subscription for the service')],
    ['OptInRequired', () => awsError('OptInRequired', 'You are not subscribed to this service. Please go to http://aws.amazon.com to subscribe.', 401)],
    ['UnrecognizedClientException (region not enabled)', unrecognizedClient],
    ['DNS ENOTFOUND (no endpoint)', () => dnsNotFound('service.xx-east-9.amazonaws.com')],
  ];
  for (const [label, error] of unavailable) {
    it.each(B_KEYS)(`%s: ${label} => every field not_available, naming a permission`, async (key) => {
      mocks.forEach((m) => m.onAnyCommand().rejects(error()));
      const { ctx, issues } = testContext('xx-east-9');
      const out = await run(key, ctx);
      for (const [field, c] of Object.entries(out)) {
        expect(c.status, `${key}.${field}`).toBe('not_available');
        expect(c.status !== 'ok' && c.error.permission, `${key}.${field}`).toMatch(/^[a-z0-9-]+:[A-Z]/);
      }
      expect(issues.every((i) => i.status === 'not_available' && i.region === 'xx-east-9')).toBe(true);
    });
  }

  it('every permission the B collectors name is in PERMISSIONS_B, and every PERMISSIONS_B action is used', () => {
    const used = new Set<string>();
    for (const key of B_KEYS) {
      const text = readFileSync(join(import.meta.dirname, '../../../src/sources/aws/services', `${key}.ts`), 'utf8');
      for (const m of text.matchAll(/'([a-z0-9-]+:[A-Z][A-Za-z0-9]+)'/g)) used.add(m[1]!);
    }
    expect([...used].filter((p) => !(PERMISSIONS_B as readonly string[]).includes(p))).toEqual([]);
    expect(used.size).toBeGreaterThan(40); // the scan found the collectors' permission strings
    expect(PERMISSIONS_B.filter((p) => !used.has(p))).toEqual([]);
    // lambda:GetFunctionUrlConfig is not called (ListFunctionUrlConfigs also sees alias URLs).
    expect(PERMISSIONS_B as readonly string[]).not.toContain('lambda:GetFunctionUrlConfig');
  });
});
