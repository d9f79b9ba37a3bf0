import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CloudTrailParser, readSources } from '../../src/detect/readers.js';
import type { CloudTrailEvent, EventOrigin, ReadIssue } from '../../src/detect/types.js';
import { detect } from '../../src/detect/run.js';
import { loadBuiltinRules } from '../../src/detect/loader.js';
import { at, ev, ROOT } from './helpers.js';

function collect() {
  const events: Array<{ e: CloudTrailEvent; o: EventOrigin }> = [];
  const issues: ReadIssue[] = [];
  return { events, issues, opts: { onEvent: (e: CloudTrailEvent, o: EventOrigin) => events.push({ e, o }), onIssue: (i: ReadIssue) => issues.push(i) } };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'kenro-detect-'));
const records = (evs: CloudTrailEvent[]) => JSON.stringify({ Records: evs });

describe('CloudTrail readers', () => {
  it('reads a Records file, gzipped or not, and NDJSON', async () => {
    const d = tmp();
    writeFileSync(join(d, 'a.json'), records([ev(), ev()]));
    writeFileSync(join(d, 'b.json.gz'), gzipSync(records([ev(), ev(), ev()])));
    writeFileSync(join(d, 'c.jsonl'), `${JSON.stringify(ev())}\n\n${JSON.stringify(ev())}\r\n`);
    writeFileSync(join(d, 'd.jsonl.gz'), gzipSync([ev(), ev()].map((x) => JSON.stringify(x)).join('\n')));
    const c = collect();
    await readSources([join(d, 'a.json'), join(d, 'b.json.gz'), join(d, 'c.jsonl'), join(d, 'd.jsonl.gz')], c.opts);
    expect(c.issues).toEqual([]);
    expect(c.events).toHaveLength(9);
    expect(c.events[2]!.o).toEqual({ source: join(d, 'b.json.gz'), line: 1, record: 0 });
    expect(c.events[6]!.o).toEqual({ source: join(d, 'c.jsonl'), line: 3 });
  });

  it('reads folders recursively and skips digest files', async () => {
    const d = tmp();
    const sub = join(d, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2026', '01', '01');
    mkdirSync(sub, { recursive: true });
    mkdirSync(join(d, 'AWSLogs', '111122223333', 'CloudTrail-Digest'), { recursive: true });
    writeFileSync(join(sub, 'x.json.gz'), gzipSync(records([ev()])));
    writeFileSync(join(sub, 'y.json.gz'), gzipSync(records([ev(), ev()])));
    writeFileSync(join(d, 'AWSLogs', '111122223333', 'CloudTrail-Digest', 'z.json.gz'), gzipSync('{"digestStartTime":"x"}'));
    const c = collect();
    await readSources([d], c.opts);
    expect(c.issues).toEqual([]);
    expect(c.events).toHaveLength(3);
  });

  it('reports a malformed line with its location and reads the rest', async () => {
    const d = tmp();
    const f = join(d, 'bad.jsonl');
    writeFileSync(f, [JSON.stringify(ev()), '{"eventName": "Broken', JSON.stringify(ev()), '42', JSON.stringify(ev())].join('\n'));
    const c = collect();
    await readSources([f], c.opts);
    expect(c.events).toHaveLength(3);
    expect(c.issues[0]).toMatchObject({ source: f, line: 2 });
    expect(c.issues[0]!.message).toMatch(/malformed JSON/);
    expect(c.issues[1]!.message).toMatch(/not CloudTrail events/);
  });

  it('reads pretty-printed Records documents; reports a broken one and still reads its good lines', async () => {
    const d = tmp();
    const good = join(d, 'pretty.json');
    writeFileSync(good, JSON.stringify({ Records: [ev(), ev()] }, null, 2));
    const broken = join(d, 'broken.json');
    writeFileSync(broken, `{"Records": [\n${JSON.stringify(ev())}\n`);
    const c = collect();
    await readSources([good, broken], c.opts);
    expect(c.events.filter((x) => x.o.source === good)).toHaveLength(2);
    expect(c.events.filter((x) => x.o.source === broken)).toHaveLength(1); // the one complete event line
    expect(c.issues.some((i) => i.source === broken && /not NDJSON and not a JSON document/.test(i.message))).toBe(true);
  });

  it('reports a truncated gzip file and a missing file, and goes on', async () => {
    const d = tmp();
    const gz = gzipSync([ev(), ev(), ev()].map((x) => JSON.stringify(x)).join('\n'));
    writeFileSync(join(d, 'cut.gz'), gz.subarray(0, gz.length - 10));
    writeFileSync(join(d, 'ok.json'), records([ev()]));
    const c = collect();
    await readSources([join(d, 'cut.gz'), join(d, 'missing.json'), join(d, 'ok.json')], c.opts);
    expect(c.issues.map((i) => i.source)).toEqual(expect.arrayContaining([join(d, 'cut.gz'), join(d, 'missing.json')]));
    expect(c.events.at(-1)!.o.source).toBe(join(d, 'ok.json'));
  });

  it('splits lines across chunk boundaries', () => {
    const out: CloudTrailEvent[] = [];
    const p = new CloudTrailParser('mem', (e) => out.push(e), () => {});
    const text = Buffer.from([ev({ eventName: 'Ä€' }), ev()].map((x) => JSON.stringify(x)).join('\n'));
    for (let i = 0; i < text.length; i += 7) p.push(text.subarray(i, i + 7));
    p.end();
    expect(out.map((e) => e.eventName)).toEqual(['Ä€', 'DescribeInstances']);
  });

  it('reads saved LookupEvents output', async () => {
    const d = tmp();
    const f = join(d, 'lookup.json');
    writeFileSync(f, JSON.stringify({ Events: [{ EventId: '1', CloudTrailEvent: JSON.stringify(ev()) }] }));
    const c = collect();
    await readSources([f], c.opts);
    expect(c.events).toHaveLength(1);
  });
});

function body(data: Buffer) {
  return Readable.from([data.subarray(0, 10), data.subarray(10)]);
}

describe('s3:// source', () => {
  it('lists with pagination and streams each object', async () => {
    const s3 = mockClient(S3Client);
    s3.on(ListObjectsV2Command, { Bucket: 'logs', Prefix: 'AWSLogs/' }).resolves({
      Contents: [{ Key: 'AWSLogs/a.json.gz' }, { Key: 'AWSLogs/CloudTrail-Digest/d.json.gz' }],
      IsTruncated: true,
      NextContinuationToken: 't1',
    });
    s3.on(ListObjectsV2Command, { Bucket: 'logs', Prefix: 'AWSLogs/', ContinuationToken: 't1' }).resolves({ Contents: [{ Key: 'AWSLogs/b.json' }], IsTruncated: false });
    s3.on(GetObjectCommand, { Bucket: 'logs', Key: 'AWSLogs/a.json.gz' }).resolves({ Body: body(gzipSync(records([ev({ userIdentity: ROOT })]))) as never });
    s3.on(GetObjectCommand, { Bucket: 'logs', Key: 'AWSLogs/b.json' }).resolves({ Body: body(Buffer.from(records([ev(), ev()]))) as never });
    const client = new S3Client({ region: 'us-east-1' });
    const r = await detect(['s3://logs/AWSLogs/'], { rules: loadBuiltinRules().rules, s3: client });
    expect(r.events).toBe(3);
    expect(r.readIssues).toEqual([]);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(2);
    const a = r.alerts.find((x) => x.ruleId === 'kenro.root_account_use');
    expect(a?.locations[0]?.source).toBe('s3://logs/AWSLogs/a.json.gz');
    s3.restore();
  });

  it('reports a failing GetObject and continues', async () => {
    const s3 = mockClient(S3Client);
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'x.json' }, { Key: 'y.json' }] });
    s3.on(GetObjectCommand, { Key: 'x.json' }).rejects(new Error('AccessDenied'));
    s3.on(GetObjectCommand, { Key: 'y.json' }).resolves({ Body: body(Buffer.from(records([ev()]))) as never });
    const c = collect();
    await readSources(['s3://b'], { ...c.opts, s3: new S3Client({ region: 'us-east-1' }) });
    expect(c.events).toHaveLength(1);
    expect(c.issues[0]!.message).toMatch(/GetObject failed: AccessDenied/);
    s3.restore();
  });
});

describe('lookup: source (LookupEvents API)', () => {
  it('paginates, passes --since/--until and hands events on oldest first', async () => {
    const ct = mockClient(CloudTrailClient);
    const since = new Date('2026-01-01T00:00:00Z');
    const until = new Date('2026-01-02T00:00:00Z');
    ct.on(LookupEventsCommand, { StartTime: since, EndTime: until }).resolves({
      Events: [{ EventId: '3', CloudTrailEvent: JSON.stringify(ev({ eventTime: at(3), eventID: '3' })) }, { EventId: '2', CloudTrailEvent: JSON.stringify(ev({ eventTime: at(2), eventID: '2' })) }],
      NextToken: 'n',
    });
    ct.on(LookupEventsCommand, { StartTime: since, EndTime: until, NextToken: 'n' }).resolves({
      Events: [{ EventId: '1', CloudTrailEvent: JSON.stringify(ev({ eventTime: at(1), eventID: '1' })) }, { EventId: 'x', CloudTrailEvent: '{broken' }],
    });
    const c = collect();
    await readSources(['lookup:eu-west-1'], { ...c.opts, since, until, cloudtrail: new CloudTrailClient({ region: 'eu-west-1' }) });
    expect(c.events.map((x) => x.e.eventID)).toEqual(['1', '2', '3']);
    expect(c.issues[0]!.message).toMatch(/event x: malformed/);
    const calls = ct.commandCalls(LookupEventsCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.args[0].input).toMatchObject({ StartTime: since, EndTime: until });
    ct.restore();
  });
});

describe('--since / --until', () => {
  it('only events in range meet the rules', async () => {
    const d = tmp();
    const f = join(d, 'x.jsonl');
    writeFileSync(f, [at(0), at(60), at(120)].map((t) => JSON.stringify(ev({ userIdentity: ROOT, eventTime: t }))).join('\n'));
    const r = await detect([f], { rules: loadBuiltinRules().rules, since: new Date(at(30)), until: new Date(at(90)) });
    expect(r.events).toBe(3);
    expect(r.eventsInRange).toBe(1);
    expect(r.alerts.filter((a) => a.ruleId === 'kenro.root_account_use').map((a) => a.time)).toEqual([at(60)]);
  });
});

describe('bounded memory on hostile input', () => {
  it('skips a line longer than the bound, reports it, and reads on', async () => {
    const { setMaxDocumentBytes } = await import('../../src/detect/readers.js');
    setMaxDocumentBytes(10_000);
    try {
      const out: CloudTrailEvent[] = [];
      const issues: ReadIssue[] = [];
      const p = new CloudTrailParser('mem', (e) => out.push(e), (i) => issues.push(i));
      p.push(Buffer.from(`${JSON.stringify(ev())}\n`));
      for (let i = 0; i < 10; i++) p.push(Buffer.from('x'.repeat(5000)));
      p.push(Buffer.from(`\n${JSON.stringify(ev())}\n`));
      p.end();
      expect(out).toHaveLength(2);
      expect(issues).toEqual([{ source: 'mem', line: 2, message: 'line longer than 10000 bytes; skipped' }]);
    } finally {
      setMaxDocumentBytes(512 * 1024 * 1024);
    }
  });
});

describe('reading order', () => {
  it('reads CloudTrail files of all regions in delivery-time order, so cross-region correlations work', async () => {
    const { logOrder } = await import('../../src/detect/readers.js');
    const a = 'AWSLogs/1/CloudTrail/ap-south-1/2026/01/01/1_CloudTrail_ap-south-1_20260101T1200Z_x.json.gz';
    const b = 'AWSLogs/1/CloudTrail/us-east-1/2026/01/01/1_CloudTrail_us-east-1_20260101T0900Z_y.json.gz';
    const c = 'AWSLogs/1/CloudTrail/eu-west-1/2026/01/01/1_CloudTrail_eu-west-1_20260101T1000Z_z.json.gz';
    expect(logOrder([a, b, c, 'notes/other.jsonl'])).toEqual(['notes/other.jsonl', b, c, a]);

    // a credential change in us-east-1 (IAM), then a burst of instances in ap-south-1
    const d = tmp();
    const dir = (region: string) => join(d, 'AWSLogs', '111122223333', 'CloudTrail', region, '2026', '01', '01');
    mkdirSync(dir('us-east-1'), { recursive: true });
    mkdirSync(dir('ap-south-1'), { recursive: true });
    writeFileSync(join(dir('us-east-1'), '111122223333_CloudTrail_us-east-1_20260101T0000Z_a.json.gz'), gzipSync(records([ev({ eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', eventTime: at(0) })])));
    const runs = Array.from({ length: 10 }, (_, i) => ev({ eventName: 'RunInstances', awsRegion: 'ap-south-1', eventTime: at(10 + i) }));
    writeFileSync(join(dir('ap-south-1'), '111122223333_CloudTrail_ap-south-1_20260101T0010Z_b.json.gz'), gzipSync(records(runs)));
    const r = await detect([d], { rules: loadBuiltinRules().rules });
    expect(r.alerts.map((x) => x.ruleId)).toContain('kenro.resource_burst_after_credential_change');
  });
});
