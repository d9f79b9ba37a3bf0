/**
 * `kenro detect` throughput: a generated gzipped CloudTrail log of realistic events (1,000,000;
 * `--quick`: 100,000) read with every rule loaded (kenro's own + the SigmaHQ CloudTrail rules when
 * ../shared/data is present), beside the bare cost of gunzip + JSON parsing of the same file measured
 * in the same run. Done twice: as one gzipped NDJSON file, and as CloudTrail-style `{"Records":[...]}`
 * gzipped files of 2,000 records each. Target: detection at >= 60% of the bare-parse rate.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { loadBuiltinRules, loadRules, mergeRuleSets } from '../src/detect/loader.js';
import { detect } from '../src/detect/run.js';
import { readSources } from '../src/detect/readers.js';
import { sharedDataDir } from '../test/helpers/shared.js';
import { mib, peakRssBytes } from './memory.js';

const ACCOUNT = '111122223333';
const REGIONS = ['us-east-1', 'us-east-1', 'us-east-1', 'us-west-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-northeast-1'];
const ROLES = ['Deploy', 'DataPipeline', 'EcsTask-web', 'Lambda-ingest', 'ReadOnlyAudit', 'AWSReservedSSO_Admin_1a2b', 'ci-runner', 'backup'];
const USERS = ['alice', 'bob', 'carol', 'svc-legacy', 'dave'];
const AGENTS = ['aws-cli/2.15.30 Python/3.11.8 Linux/6.1 exe/x86_64', 'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux', 'aws-sdk-js/3.540.0 ua/2.1 os/linux lang/js md/nodejs#20.11.1', 'console.amazonaws.com', 'Terraform/1.7.5 terraform-provider-aws/5.42.0'];

/** A cheap deterministic PRNG so the log is the same every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Ev = Record<string, unknown>;
const pick = <T>(r: () => number, a: readonly T[]): T => a[Math.floor(r() * a.length)] as T;
const HEX_POOL = (() => {
  const r = rng(7);
  return Array.from({ length: 4096 }, () => Array.from({ length: 64 }, () => Math.floor(r() * 16).toString(16)).join(''));
})();
/** n hex digits (from a precomputed pool: generation must not dominate the benchmark's set-up). */
const hex = (r: () => number, n: number) => {
  const s = HEX_POOL[Math.floor(r() * 4096)] as string;
  const o = Math.floor(r() * (64 - n));
  return s.slice(o, o + n);
};
/** Each principal works from a few addresses of its own (a handful of NAT gateways and laptops). */
const ipOf = (principal: number, r: () => number) => `198.51.${principal % 4}.${(principal * 7 + (r() < 0.8 ? 0 : Math.floor(r() * 3))) % 250}`;

/** Weighted mix of common CloudTrail traffic (mostly reads and S3/KMS/STS data-plane calls). */
const MIX: Array<[number, string, string, (r: () => number) => { req?: unknown; resp?: unknown; readOnly: boolean; extra?: Ev }]> = [
  [18, 's3.amazonaws.com', 'GetObject', (r) => ({ readOnly: true, req: { bucketName: `data-${Math.floor(r() * 40)}`, key: `path/${hex(r, 12)}.parquet`, Host: 'data.s3.us-east-1.amazonaws.com' }, extra: { resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::data/path/${hex(r, 12)}` }], eventCategory: 'Data' } })],
  [8, 's3.amazonaws.com', 'PutObject', (r) => ({ readOnly: false, req: { bucketName: `data-${Math.floor(r() * 40)}`, key: `in/${hex(r, 16)}.json` }, extra: { eventCategory: 'Data' } })],
  [12, 'kms.amazonaws.com', 'Decrypt', (r) => ({ readOnly: true, req: { encryptionAlgorithm: 'SYMMETRIC_DEFAULT', encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::data-${Math.floor(r() * 40)}` } } })],
  [10, 'sts.amazonaws.com', 'AssumeRole', (r) => ({ readOnly: true, req: { roleArn: `arn:aws:iam::${ACCOUNT}:role/${pick(r, ROLES)}`, roleSessionName: `s-${hex(r, 8)}`, durationSeconds: 3600 }, resp: { credentials: { accessKeyId: `ASIA${hex(r, 16).toUpperCase()}`, sessionToken: hex(r, 64), expiration: 'Jan 1, 2026, 1:00:00 AM' }, assumedRoleUser: { assumedRoleId: `AROA${hex(r, 8)}:s`, arn: 'arn' } } })],
  [10, 'ec2.amazonaws.com', 'DescribeInstances', (r) => ({ readOnly: true, req: { instancesSet: {}, filterSet: { items: [{ name: 'tag:env', valueSet: { items: [{ value: pick(r, ['prod', 'dev']) }] } }] } } })],
  [5, 'ec2.amazonaws.com', 'DescribeSecurityGroups', () => ({ readOnly: true, req: { securityGroupSet: {}, filterSet: {} } })],
  [6, 'logs.amazonaws.com', 'CreateLogStream', (r) => ({ readOnly: false, req: { logGroupName: `/aws/lambda/fn-${Math.floor(r() * 50)}`, logStreamName: `2026/01/01/[$LATEST]${hex(r, 32)}` } })],
  [6, 'lambda.amazonaws.com', 'Invoke', (r) => ({ readOnly: false, req: { functionName: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:fn-${Math.floor(r() * 50)}` }, extra: { eventCategory: 'Data' } })],
  [5, 'dynamodb.amazonaws.com', 'DescribeTable', (r) => ({ readOnly: true, req: { tableName: `table-${Math.floor(r() * 20)}` } })],
  [4, 'iam.amazonaws.com', 'GetRole', (r) => ({ readOnly: true, req: { roleName: pick(r, ROLES) } })],
  [3, 'ssm.amazonaws.com', 'GetParameter', (r) => ({ readOnly: true, req: { name: `/app/${hex(r, 6)}`, withDecryption: true } })],
  [3, 'secretsmanager.amazonaws.com', 'GetSecretValue', (r) => ({ readOnly: true, req: { secretId: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:app-${hex(r, 6)}` } })],
  [3, 'cloudwatch.amazonaws.com', 'PutMetricData', () => ({ readOnly: false, req: { namespace: 'App', metricData: [{ metricName: 'Latency', value: 12 }] } })],
  [0.5, 'ec2.amazonaws.com', 'RunInstances', (r) => ({ readOnly: false, req: { instancesSet: { items: [{ imageId: `ami-${hex(r, 17)}`, minCount: 1, maxCount: 1 }] }, instanceType: 'm6i.large' }, resp: { instancesSet: { items: [{ instanceId: `i-${hex(r, 17)}` }] } } })],
  [1, 'signin.amazonaws.com', 'ConsoleLogin', (r) => ({ readOnly: false, resp: { ConsoleLogin: r() < 0.05 ? 'Failure' : 'Success' }, extra: { additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home', MobileVersion: 'No', MFAUsed: r() < 0.9 ? 'Yes' : 'No' }, eventType: 'AwsConsoleSignIn' } })],
  [1, 'iam.amazonaws.com', 'PutRolePolicy', (r) => ({ readOnly: false, req: { roleName: pick(r, ROLES), policyName: 'inline', policyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' } })],
  [0.2, 'ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', (r) => ({ readOnly: false, req: { groupId: `sg-${hex(r, 17)}`, ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: { items: [{ cidrIp: r() < 0.1 ? '0.0.0.0/0' : '10.0.0.0/8' }] } }] } } })],
  [0.02, 'iam.amazonaws.com', 'CreateAccessKey', (r) => ({ readOnly: false, req: r() < 0.5 ? { userName: pick(r, USERS) } : null, resp: { accessKey: { accessKeyId: `AKIA${hex(r, 16).toUpperCase()}`, status: 'Active', secretAccessKey: hex(r, 40) } } })],
];
const WEIGHTS = MIX.reduce((s, m) => s + m[0], 0);

export function makeEvent(i: number, r: () => number): Ev {
  let w = r() * WEIGHTS;
  let m = MIX[0]!;
  for (const x of MIX) {
    w -= x[0];
    if (w <= 0) {
      m = x;
      break;
    }
  }
  const [, eventSource, eventName, body] = m;
  const b = body(r);
  const useUser = r() < 0.15;
  const roleIx = Math.floor(r() * ROLES.length);
  const userIx = Math.floor(r() * USERS.length);
  const role = ROLES[roleIx] as string;
  const user = USERS[userIx] as string;
  const root = r() < 0.0005;
  const userIdentity = root
    ? { type: 'Root', principalId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT, accessKeyId: `ASIA${hex(r, 16).toUpperCase()}` }
    : useUser
      ? { type: 'IAMUser', principalId: `AIDA${hex(r, 16).toUpperCase()}`, arn: `arn:aws:iam::${ACCOUNT}:user/${user}`, accountId: ACCOUNT, accessKeyId: `AKIA${hex(r, 16).toUpperCase()}`, userName: user }
      : {
          type: 'AssumedRole',
          principalId: `AROA${hex(r, 16).toUpperCase()}:s-${hex(r, 6)}`,
          arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/s-${hex(r, 6)}`,
          accountId: ACCOUNT,
          accessKeyId: `ASIA${hex(r, 16).toUpperCase()}`,
          sessionContext: {
            sessionIssuer: { type: 'Role', principalId: `AROA${hex(r, 16).toUpperCase()}`, arn: `arn:aws:iam::${ACCOUNT}:role/${role}`, accountId: ACCOUNT, userName: role },
            attributes: { creationDate: '2026-01-01T00:00:00Z', mfaAuthenticated: 'false' },
          },
        };
  const t = new Date(Date.UTC(2026, 0, 1) + i * 50).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const denied = r() < 0.01;
  return {
    eventVersion: '1.09',
    userIdentity,
    eventTime: t,
    eventSource,
    eventName,
    awsRegion: r() < 0.98 ? (REGIONS[(useUser ? userIx : roleIx) % REGIONS.length] as string) : pick(r, REGIONS),
    sourceIPAddress: r() < 0.3 ? `${eventSource.split('.')[0]}.amazonaws.com` : ipOf(useUser ? 100 + userIx : roleIx, r),
    userAgent: pick(r, AGENTS),
    ...(denied ? { errorCode: 'AccessDenied', errorMessage: `User is not authorized to perform: ${eventSource.split('.')[0]}:${eventName}` } : {}),
    requestParameters: b.req ?? null,
    responseElements: denied ? null : (b.resp ?? null),
    requestID: `${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}`,
    eventID: `${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}`,
    readOnly: b.readOnly,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${eventSource.split('.')[0]}.us-east-1.amazonaws.com` },
    ...(b.extra ?? {}),
  };
}

async function writeGz(path: string, chunks: Iterable<string>): Promise<void> {
  const gz = createGzip({ level: 6 });
  const out = createWriteStream(path);
  gz.pipe(out);
  for (const c of chunks) if (!gz.write(c)) await once(gz, 'drain');
  gz.end();
  await once(out, 'finish');
}

function* ndjson(n: number): Generator<string> {
  const r = rng(42);
  let buf: string[] = [];
  for (let i = 0; i < n; i++) {
    buf.push(JSON.stringify(makeEvent(i, r)));
    if (buf.length === 1000) {
      yield `${buf.join('\n')}\n`;
      buf = [];
    }
  }
  if (buf.length) yield `${buf.join('\n')}\n`;
}

async function writeRecords(dir: string, n: number, per: number): Promise<number> {
  const r = rng(42);
  let files = 0;
  for (let start = 0; start < n; start += per) {
    const recs: string[] = [];
    for (let i = start; i < Math.min(n, start + per); i++) recs.push(JSON.stringify(makeEvent(i, r)));
    await writeGz(join(dir, `${ACCOUNT}_CloudTrail_us-east-1_${String(files).padStart(5, '0')}.json.gz`), [`{"Records":[${recs.join(',')}]}`]);
    files++;
  }
  return files;
}

async function time<T>(f: () => Promise<T>): Promise<[number, T, number]> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const v = await f();
  const c = process.cpuUsage(c0);
  return [(performance.now() - t0) / 1000, v, (c.user + c.system) / 1e6];
}

export default async function detectBench(flags: string[] = process.argv.slice(2)): Promise<void> {
  const quick = flags.includes('--quick');
  const n = quick ? 100_000 : 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'kenro-detect-bench-'));
  try {
    const file = join(dir, 'trail.jsonl.gz');
    const [genS] = await time(() => writeGz(file, ndjson(n)));
    const recDir = join(dir, 'records');
    await mkdir(recDir);
    const [genR, files] = await time(() => writeRecords(recDir, n, 2000));
    const gzBytes = statSync(file).size;

    const sets = [loadBuiltinRules()];
    const sigma = sharedDataDir('sigma-aws-cloudtrail/rules');
    if (sigma) sets.push(loadRules([sigma], 'sigma'));
    const rules = mergeRuleSets(...sets).rules;

    // bare cost: gunzip + line split + JSON.parse, through the same reader, no rules
    const bare = async (src: string) => {
      let events = 0;
      let bytes = 0;
      const parser = { onEvent: () => void events++, onIssue: () => {} };
      await readSources([src], parser);
      void bytes;
      return events;
    };
    let rawBytes = 0;
    for (const c of ndjson(quick ? 10_000 : 50_000)) rawBytes += Buffer.byteLength(c);
    rawBytes = (rawBytes * n) / (quick ? 10_000 : 50_000); // uncompressed size, estimated from a sample

    const runs = quick ? 3 : 3;
    const report = async (label: string, src: string) => {
      const bareT: number[] = [];
      const detT: number[] = [];
      const bareC: number[] = [];
      const detC: number[] = [];
      let alerts = 0;
      let events = 0;
      await bare(src); // warm-up (JIT, page cache)
      for (let i = 0; i < runs; i++) {
        const [tb, ev, cb] = await time(() => bare(src));
        bareT.push(tb);
        bareC.push(cb);
        events = ev;
        let count = 0;
        const [td, res, cd] = await time(() => detect([src], { rules, collect: false, onAlert: () => void count++ }));
        detT.push(td);
        detC.push(cd);
        alerts = count;
        if (res.events !== ev) throw new Error(`event count differs: ${res.events} vs ${ev}`);
      }
      const b = Math.min(...bareT);
      const d = Math.min(...detT);
      const bc = Math.min(...bareC);
      const dc = Math.min(...detC);
      const mb = rawBytes / 1e6;
      console.log(`   ${label}: ${events.toLocaleString('en')} events, ${alerts.toLocaleString('en')} alerts`);
      console.log(`     gunzip + JSON.parse (bound): ${(events / b / 1e3).toFixed(0)}k events/s, ${(mb / b).toFixed(0)} MB/s uncompressed, ${b.toFixed(2)} s wall, ${bc.toFixed(2)} s CPU`);
      console.log(`     detect, all rules:           ${(events / d / 1e3).toFixed(0)}k events/s, ${(mb / d).toFixed(0)} MB/s uncompressed, ${d.toFixed(2)} s wall, ${dc.toFixed(2)} s CPU`);
      console.log(`     detect / bound: ${((100 * b) / d).toFixed(0)}% by wall time, ${((100 * bc) / dc).toFixed(0)}% by CPU time   (target >= 60%; best of ${runs} interleaved runs each)`);
    };
    console.log(`   log: ${n.toLocaleString('en')} generated events, ${(rawBytes / 1e6).toFixed(0)} MB uncompressed, ${(gzBytes / 1e6).toFixed(0)} MB gzipped NDJSON (written in ${genS.toFixed(1)} s); ${files} Records files (${genR.toFixed(1)} s)`);
    console.log(`   rules: ${rules.length} (${rules.filter((r) => r.origin === 'kenro').length} kenro, ${rules.filter((r) => r.origin === 'sigma').length} SigmaHQ)`);
    await report('gzipped NDJSON, one file', file);
    await report(`gzipped {"Records":[...]} files x${files}`, recDir);
    console.log(`   peak memory (RSS): ${mib(peakRssBytes())}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

