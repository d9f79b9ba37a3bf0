import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { GetObjectCommand, S3Client, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { CloudTrailClient, paginateLookupEvents } from '@aws-sdk/client-cloudtrail';
import type { CloudTrailEvent, EventOrigin, ReadIssue } from './types.js';

export type EventSink = (e: CloudTrailEvent, origin: EventOrigin) => void;

export interface ReadOptions {
  onEvent: EventSink;
  onIssue: (i: ReadIssue) => void;
  /** For s3:// and lookup: sources; created from region/profile when absent. */
  s3?: S3Client;
  cloudtrail?: CloudTrailClient;
  region?: string;
  profile?: string;
  since?: Date;
  until?: Date;
  /** Bytes read (compressed, as on disk / over the wire) — for progress and bench. */
  onBytes?: (n: number) => void;
}

/** A JSON document that is not NDJSON (pretty-printed Records file) may be at most this big. */
export let MAX_DOCUMENT_BYTES = 512 * 1024 * 1024;

/** For tests: lower the size bound of one line / one document. */
export function setMaxDocumentBytes(n: number): void {
  MAX_DOCUMENT_BYTES = n;
}
/** LookupEvents returns newest first; up to this many are buffered to hand them on oldest first. */
export const LOOKUP_BUFFER = 200_000;

/**
 * Parses a byte stream of CloudTrail: NDJSON events, `{"Records":[...]}` documents (one per line as
 * CloudTrail delivers them, or pretty-printed), JSON arrays of events, or saved LookupEvents output.
 * Lines are split on raw bytes; a line is decoded and parsed once. Malformed lines are reported and skipped.
 */
export class CloudTrailParser {
  private carry: Buffer[] = [];
  private carryLen = 0;
  private lineNo = 0;
  private docLines: string[] | undefined;
  private docBytes = 0;
  private sawContent = false;
  /** Inside a line longer than MAX_DOCUMENT_BYTES: dropped up to its end. */
  private skipping = false;
  private notEvents = 0;
  events = 0;

  constructor(
    readonly source: string,
    private readonly sink: EventSink,
    private readonly onIssue: (i: ReadIssue) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      let line: Buffer | undefined;
      let text: string;
      if (this.skipping) {
        this.skipping = false;
        this.lineNo++;
        start = nl + 1;
        continue;
      }
      if (this.carryLen) {
        this.carry.push(chunk.subarray(start, nl));
        line = Buffer.concat(this.carry, this.carryLen + nl - start);
        this.carry = [];
        this.carryLen = 0;
        text = line.toString('utf8');
      } else {
        text = chunk.toString('utf8', start, nl);
      }
      this.line(text);
      start = nl + 1;
    }
    if (start < chunk.length && !this.skipping) {
      this.carry.push(chunk.subarray(start));
      this.carryLen += chunk.length - start;
      if (this.carryLen > MAX_DOCUMENT_BYTES) {
        this.onIssue({ source: this.source, line: this.lineNo + 1, message: `line longer than ${MAX_DOCUMENT_BYTES} bytes; skipped` });
        this.carry = [];
        this.carryLen = 0;
        this.skipping = true;
      }
    }
  }

  end(): void {
    if (this.skipping) this.lineNo++;
    if (this.carryLen) {
      const text = Buffer.concat(this.carry, this.carryLen).toString('utf8');
      this.carry = [];
      this.carryLen = 0;
      this.line(text);
    }
    if (this.docLines) {
      const lines = this.docLines;
      const first = this.lineNo - lines.length + 1;
      this.docLines = undefined;
      let v: unknown;
      try {
        v = JSON.parse(lines.join('\n'));
      } catch (err) {
        this.onIssue({ source: this.source, line: first, message: `not NDJSON and not a JSON document: ${(err as Error).message}` });
        // fall back: read what can be read line by line
        lines.forEach((l, i) => this.parseLine(l, first + i, true));
        return;
      }
      this.value(v, first);
    }
    if (this.notEvents) this.onIssue({ source: this.source, message: `${this.notEvents} JSON value(s) that are not CloudTrail events were skipped` });
  }

  private line(raw: string): void {
    this.lineNo++;
    if (this.docLines) {
      this.docBytes += raw.length;
      if (this.docBytes > MAX_DOCUMENT_BYTES) {
        this.onIssue({ source: this.source, line: this.lineNo, message: `JSON document larger than ${MAX_DOCUMENT_BYTES} bytes; stopped buffering it` });
        this.docLines = undefined;
        return;
      }
      this.docLines.push(raw);
      return;
    }
    this.parseLine(raw, this.lineNo, false);
  }

  private parseLine(raw: string, lineNo: number, noDoc: boolean): void {
    const text = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (!text.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (err) {
      const t = text.trimStart();
      if (!noDoc && !this.sawContent && (t.startsWith('{') || t.startsWith('['))) {
        // a pretty-printed document: gather it whole
        this.docLines = [raw];
        this.docBytes = raw.length;
        this.sawContent = true;
        return;
      }
      this.sawContent = true;
      this.onIssue({ source: this.source, line: lineNo, message: `malformed JSON: ${(err as Error).message}` });
      return;
    }
    this.sawContent = true;
    this.value(v, lineNo);
  }

  private value(v: unknown, lineNo: number): void {
    if (Array.isArray(v)) {
      v.forEach((x, i) => this.record(x, lineNo, i));
      return;
    }
    if (v === null || typeof v !== 'object') {
      this.notEvents++;
      return;
    }
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.Records)) {
      const recs = o.Records as unknown[];
      for (let i = 0; i < recs.length; i++) this.record(recs[i], lineNo, i);
      return;
    }
    if (Array.isArray(o.Events)) {
      // saved `aws cloudtrail lookup-events` output
      (o.Events as unknown[]).forEach((x, i) => this.record(x, lineNo, i));
      return;
    }
    this.record(o, lineNo, undefined);
  }

  private record(x: unknown, line: number, record: number | undefined): void {
    if (x === null || typeof x !== 'object' || Array.isArray(x)) {
      this.notEvents++;
      return;
    }
    let o = x as Record<string, unknown>;
    if (typeof o.CloudTrailEvent === 'string') {
      try {
        o = JSON.parse(o.CloudTrailEvent) as Record<string, unknown>;
      } catch (err) {
        this.onIssue({ source: this.source, line, message: `malformed CloudTrailEvent: ${(err as Error).message}` });
        return;
      }
    }
    if (o.eventName === undefined && o.eventSource === undefined && o.eventTime === undefined) {
      if (o.digestStartTime === undefined) this.notEvents++;
      return;
    }
    this.events++;
    this.sink(o, record === undefined ? { source: this.source, line } : { source: this.source, line, record });
  }
}

/** Decompresses when the stream starts with the gzip magic bytes; passes it through otherwise. */
export async function decoded(src: AsyncIterable<Buffer | Uint8Array | string>): Promise<AsyncIterable<Buffer>> {
  const it = src[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return (async function* () {})();
  const head = toBuf(first.value);
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield toBuf(n.value);
    }
  }
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const gz = createGunzip({ chunkSize: 256 * 1024 });
    pipeline(Readable.from(all(), { objectMode: false }), gz).catch((err: Error) => gz.destroy(err));
    return gz;
  }
  return all();
}

function toBuf(x: Buffer | Uint8Array | string): Buffer {
  return typeof x === 'string' ? Buffer.from(x) : Buffer.isBuffer(x) ? x : Buffer.from(x.buffer, x.byteOffset, x.byteLength);
}

/** Parse one byte stream as a CloudTrail source; errors (corrupt gzip, I/O) are reported, not thrown. */
export async function readStream(src: AsyncIterable<Buffer | Uint8Array | string>, name: string, opts: ReadOptions): Promise<number> {
  const p = new CloudTrailParser(name, opts.onEvent, opts.onIssue);
  try {
    const counted = opts.onBytes ? countBytes(src, opts.onBytes) : src;
    for await (const chunk of await decoded(counted)) p.push(chunk);
  } catch (err) {
    opts.onIssue({ source: name, message: `read error after ${p.events} events: ${(err as Error).message}` });
  }
  p.end();
  return p.events;
}

async function* countBytes(src: AsyncIterable<Buffer | Uint8Array | string>, on: (n: number) => void): AsyncGenerator<Buffer | Uint8Array | string> {
  for await (const c of src) {
    on(c.length);
    yield c;
  }
}

const CT_NAME = /_CloudTrail_[a-z0-9-]+_(\d{8}T\d{4}Z)_/;

/**
 * Order in which to read log files: CloudTrail names carry the delivery time
 * (`<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<id>.json.gz`), so sorting on it reads all regions
 * and accounts together in time order — as correlations over a time window need — rather than one
 * region folder after another. Files without such a name come first, in path order.
 */
export function logOrder(paths: string[]): string[] {
  const key = (p: string) => CT_NAME.exec(p)?.[1] ?? '';
  return [...paths].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/** Files under a folder, recursively, in name order; CloudTrail digest files and hidden files skipped. */
export async function* walkFiles(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const ent of entries) {
    if (ent.name.startsWith('.')) continue;
    const p = join(dir, ent.name);
    if (ent.isDirectory()) {
      if (ent.name === 'CloudTrail-Digest') continue;
      yield* walkFiles(p);
    } else if (ent.isFile() && !ent.name.includes('CloudTrail-Digest')) yield p;
  }
}

export function parseS3Url(u: string): { bucket: string; prefix: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(u);
  if (!m) throw new Error(`not an s3:// URL: ${u}`);
  return { bucket: m[1] as string, prefix: m[2] as string };
}

function s3Client(opts: ReadOptions): S3Client {
  return opts.s3 ?? new S3Client({ ...(opts.region ? { region: opts.region } : {}), ...(opts.profile ? { profile: opts.profile } : {}) });
}

async function readS3(url: string, opts: ReadOptions): Promise<void> {
  const { bucket, prefix } = parseS3Url(url);
  const client = s3Client(opts);
  // List first (keys only), then read in delivery-time order across regions and accounts.
  const keys: string[] = [];
  try {
    for await (const page of paginateListObjectsV2({ client }, { Bucket: bucket, Prefix: prefix })) {
      for (const obj of page.Contents ?? []) {
        const key = obj.Key;
        if (!key || key.endsWith('/') || key.includes('CloudTrail-Digest')) continue;
        keys.push(key);
      }
    }
  } catch (err) {
    opts.onIssue({ source: url, message: `ListObjectsV2 failed: ${(err as Error).message}` });
  }
  for (const key of logOrder(keys)) {
    const name = `s3://${bucket}/${key}`;
    try {
      const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const body = res.Body as AsyncIterable<Uint8Array> | undefined;
      if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function') {
        opts.onIssue({ source: name, message: 'GetObject returned no readable body' });
        continue;
      }
      await readStream(body, name, opts);
    } catch (err) {
      opts.onIssue({ source: name, message: `GetObject failed: ${(err as Error).message}` });
    }
  }
  if (!keys.length) opts.onIssue({ source: url, message: 'no objects under this prefix' });
}

async function readLookup(spec: string, opts: ReadOptions): Promise<void> {
  const region = spec.slice('lookup:'.length) || opts.region;
  const client =
    opts.cloudtrail ?? new CloudTrailClient({ ...(region ? { region } : {}), ...(opts.profile ? { profile: opts.profile } : {}) });
  const name = `lookup:${region ?? 'default'}`;
  let buf: CloudTrailEvent[] = [];
  const flush = () => {
    for (let i = buf.length - 1; i >= 0; i--) opts.onEvent(buf[i] as CloudTrailEvent, { source: name, record: buf.length - 1 - i });
    buf = [];
  };
  try {
    const input = { ...(opts.since ? { StartTime: opts.since } : {}), ...(opts.until ? { EndTime: opts.until } : {}) };
    for await (const page of paginateLookupEvents({ client }, input)) {
      for (const ev of page.Events ?? []) {
        if (!ev.CloudTrailEvent) continue;
        try {
          buf.push(JSON.parse(ev.CloudTrailEvent) as CloudTrailEvent);
        } catch (err) {
          opts.onIssue({ source: name, message: `event ${ev.EventId ?? '?'}: malformed CloudTrailEvent: ${(err as Error).message}` });
        }
        if (buf.length >= LOOKUP_BUFFER) flush();
      }
    }
  } catch (err) {
    opts.onIssue({ source: name, message: `LookupEvents failed: ${(err as Error).message}` });
  }
  flush();
}

/** Read every source in turn: files, folders (recursively), `-` (stdin), s3://bucket/prefix, lookup[:region]. */
export async function readSources(sources: string[], opts: ReadOptions): Promise<void> {
  for (const src of sources) {
    if (src === '-') {
      await readStream(process.stdin, 'stdin', opts);
    } else if (src.startsWith('s3://')) {
      await readS3(src, opts);
    } else if (src === 'lookup' || src.startsWith('lookup:')) {
      await readLookup(src === 'lookup' ? 'lookup:' : src, opts);
    } else {
      let st;
      try {
        st = await stat(src);
      } catch (err) {
        opts.onIssue({ source: src, message: `cannot read: ${(err as Error).message}` });
        continue;
      }
      if (st.isDirectory()) {
        // The list of names (not their contents) is held to read them in time order.
        const files: string[] = [];
        for await (const f of walkFiles(src)) files.push(f);
        for (const f of logOrder(files)) await readFile(f, opts);
      } else await readFile(src, opts);
    }
  }
}

async function readFile(path: string, opts: ReadOptions): Promise<void> {
  await readStream(createReadStream(path, { highWaterMark: 1024 * 1024 }), path, opts);
}
