import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { redact } from '../../src/detect/alert.js';
import { loadBuiltinRules } from '../../src/detect/loader.js';
import { renderText, toOcsf } from '../../src/detect/format.js';
import type { DetectResult } from '../../src/detect/run.js';
import { at, ev, ROLE, ROOT, runEngine } from './helpers.js';
import { loadRuleText } from '../../src/detect/sigma/rule.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'kenro-detect-out-'));
const rules = loadBuiltinRules().rules;

const assumeRole = ev({
  userIdentity: ROOT,
  eventSource: 'sts.amazonaws.com',
  eventName: 'GetSessionToken',
  responseElements: { credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG', sessionToken: 'FwoGZXIvYXdzE', expiration: 'x' } },
  requestParameters: { password: 'hunter2', userName: 'bob' },
});

describe('alerts', () => {
  it('carry rule id, title, severity, ATT&CK, principal, source IP, region, time, events and evidence', () => {
    const { alerts } = runEngine(rules, [ev({ userIdentity: ROOT, eventName: 'ListBuckets', eventSource: 's3.amazonaws.com', eventTime: at(5), awsRegion: 'eu-central-1' })]);
    const a = alerts.find((x) => x.ruleId === 'kenro.root_account_use')!;
    expect(a).toMatchObject({
      title: 'Root account used',
      severity: 'high',
      principal: 'arn:aws:iam::111122223333:root',
      sourceIPAddress: '198.51.100.7',
      region: 'eu-central-1',
      accountId: '111122223333',
      time: at(5),
      eventName: 'ListBuckets',
      author: 'kenro',
      locations: [{ source: 'test', line: 1 }],
    });
    expect(a.mitre.techniques).toContain('T1078.004');
    expect(a.events).toHaveLength(1);
    expect(a.evidence).toMatchObject({ 'userIdentity.type': 'Root', eventType: 'AwsApiCall' });
    expect(a.reason).toMatch(/ListBuckets by arn:aws:iam::111122223333:root/);
  });

  it('never include secrets', () => {
    const { alerts } = runEngine(rules, [assumeRole]);
    const text = JSON.stringify(alerts);
    expect(alerts.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/wJalrXUtnFEMI|FwoGZXIvYXdzE|hunter2/);
    expect(text).toMatch(/ASIAEXAMPLE/); // key ids are not secret and help the investigation
    expect(redact({ a: [{ SessionToken: 'x' }], b: { clientSecret: 'y', keep: 'z' } })).toEqual({ a: [{ SessionToken: '[REDACTED]' }], b: { clientSecret: '[REDACTED]', keep: 'z' } });
  });

  it('correlation state is bounded by the LRU cap', () => {
    const evs = Array.from({ length: 200 }, (_, i) => ev({ userIdentity: { ...ROLE, sessionContext: { sessionIssuer: { arn: `arn:aws:iam::1:role/r${i}` } } }, eventTime: at(i) }));
    const { engine } = runEngine(rules, evs, { maxGroups: 50, maxValuesPerGroup: 4 });
    for (const s of engine.correlationState()) expect(s.groups).toBeLessThanOrEqual(50);
    const fs = engine.correlationState().find((s) => s.ruleId === 'kenro.new_source_ip')!;
    expect(fs.groups).toBe(50);
    expect(fs.evicted).toBe(150);
  });

  it('a rule without eventName constraint meets every event; indexed rules only their events', () => {
    const r = loadRuleText(
      "title: any\nid: a1\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n  sel:\n    userAgent|contains: 'sqlmap'\n  condition: sel\nlevel: high\n",
      'x.yml',
      'sigma',
    ).rules;
    const { alerts } = runEngine(r, [ev({ userAgent: 'sqlmap/1.7' }), ev({ eventName: 'Other', userAgent: 'sqlmap/1.7' }), ev()]);
    expect(alerts).toHaveLength(2);
  });
});

function result(): DetectResult {
  const { alerts } = runEngine(rules, [ev({ userIdentity: ROOT })]);
  return { alerts, readIssues: [], ruleIssues: [], events: 1, eventsInRange: 1, bytes: 10, correlationState: [] };
}

describe('formats', () => {
  it('text explains the alert and credits the rule author', () => {
    const t = renderText(result());
    expect(t).toMatch(/Root account used/);
    expect(t).toMatch(/why: /);
    expect(t).toMatch(/rule by kenro/);
    expect(t).toMatch(/1 events read/);
  });
  it('OCSF Detection Finding', () => {
    const o = toOcsf(result().alerts[0]!);
    expect(o).toMatchObject({ class_uid: 2004, category_uid: 2, type_uid: 200401, activity_id: 1, severity_id: 4 });
    expect((o.finding_info as { analytic: { name: string } }).analytic.name).toBe('kenro.root_account_use');
    expect(o.cloud).toMatchObject({ provider: 'AWS', region: 'us-east-1', account: { uid: '111122223333' } });
  });
});

describe('kenro detect (CLI)', () => {
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out.push(String(s));
      return true;
    });
    try {
      const code = await main(['node', 'kenro', 'detect', ...args]);
      return { code, out: out.join('') };
    } finally {
      spy.mockRestore();
    }
  };
  const d = tmp();
  const f = join(d, 'trail.jsonl');
  writeFileSync(
    f,
    [
      ev({ userIdentity: ROOT, eventTime: at(0) }),
      ev({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', eventTime: at(1), requestParameters: { name: 'main' } }),
      ev({ eventTime: at(2) }),
    ]
      .map((x) => JSON.stringify(x))
      .join('\n'),
  );

  it('json output with --fail-on raises the exit code', async () => {
    const out = join(d, 'r.json');
    const { code } = await run(f, '--format', 'json', '--output', out, '--fail-on', 'high');
    expect(code).toBe(1);
    const j = JSON.parse(readFileSync(out, 'utf8')) as { alerts: Array<{ ruleId: string }>; summary: { events: number } };
    expect(j.summary.events).toBe(3);
    expect(j.alerts.map((a) => a.ruleId).sort()).toEqual(['kenro.cis.cloudtrail_config_changes', 'kenro.cloudtrail_tampering', 'kenro.root_account_use']);
  });

  it('exit code 0 when no alert reaches --fail-on; --min-severity filters', async () => {
    const { code, out } = await run(f, '--format', 'json', '--fail-on', 'critical', '--min-severity', 'high');
    expect(code).toBe(0);
    expect((JSON.parse(out) as { alerts: unknown[] }).alerts).toHaveLength(2);
  });

  it('sarif output', async () => {
    const { out } = await run(f, '--format', 'sarif');
    const s = JSON.parse(out) as { version: string; runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
    expect(s.version).toBe('2.1.0');
    const res = s.runs[0]!.results.find((r) => r.ruleId === 'kenro.cloudtrail_tampering')!;
    expect(res.level).toBe('error');
    expect(res.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: f }, region: { startLine: 2 } });
    expect(s.runs[0]!.tool.driver.rules.map((r) => r.id)).toContain('kenro.cloudtrail_tampering');
  });

  it('--since filters; --rules adds Sigma rules; --list-rules shows those not loaded with the reason', async () => {
    const { out } = await run(f, '--format', 'json', '--since', at(1));
    expect((JSON.parse(out) as { alerts: Array<{ ruleId: string }> }).alerts.map((a) => a.ruleId)).not.toContain('kenro.root_account_use');
    const rd = join(d, 'rules');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(rd);
    writeFileSync(join(rd, 'ok.yml'), "title: Mine\nid: m1\nauthor: Someone Else\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n  sel:\n    eventName: DescribeInstances\n  condition: sel\nlevel: low\n");
    writeFileSync(join(rd, 'legacy.yml'), "title: Old\nid: o1\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n  sel:\n    eventName: x\n  timeframe: 5m\n  condition: sel | count() > 5\n");
    const listed = await run('--rules', rd, '--list-rules');
    expect(listed.out).toMatch(/NOT LOADED .*legacy\.yml \(Old\): unsupported feature: count\(\) aggregation/);
    expect(listed.out).toMatch(/Mine .*by Someone Else/);
    const text = await run(f, '--rules', rd);
    expect(text.out).toMatch(/Sigma rule by Someone Else \(DRL-1.1\)/);
    expect(text.out).toMatch(/rule not loaded: .*legacy\.yml/);
  });

  it('a missing source gives exit code 2 and a message', async () => {
    const { code, out } = await run(join(d, 'nope.json'));
    expect(code).toBe(2);
    expect(out).toMatch(/cannot read/);
  });
});

describe('kenro detect --format with several formats', () => {
  it('writes one file per format from one pass', async () => {
    const d = tmp();
    const f = join(d, 't.jsonl');
    writeFileSync(f, JSON.stringify(ev({ userIdentity: ROOT })));
    const stem = join(d, 'report');
    const code = await main(['node', 'kenro', 'detect', f, '--format', 'text,json,ocsf,sarif', '--output', stem]);
    expect(code).toBe(0);
    expect(readFileSync(`${stem}.txt`, 'utf8')).toMatch(/Root account used/);
    expect((JSON.parse(readFileSync(`${stem}.json`, 'utf8')) as { alerts: unknown[] }).alerts).toHaveLength(1);
    expect(JSON.parse(readFileSync(`${stem}.ocsf.json`, 'utf8'))).toHaveLength(1);
    expect((JSON.parse(readFileSync(`${stem}.sarif`, 'utf8')) as { version: string }).version).toBe('2.1.0');
  });
  it('rejects an unknown format, and several formats without --output', async () => {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['node', 'kenro', 'detect', 'x', '--format', 'xml'])).toBe(2);
      expect(await main(['node', 'kenro', 'detect', 'x', '--format', 'json,sarif'])).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('secrets stay out even when a rule names them', () => {
  it('evidence of a secret field is redacted', () => {
    const r = loadRuleText(
      "title: s\nid: s1\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n  sel:\n    responseElements.credentials.sessionToken|contains: 'Fwo'\n  condition: sel\nlevel: low\n",
      'x.yml',
      'sigma',
    ).rules;
    const { alerts } = runEngine(r, [assumeRole]);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.evidence['responseElements.credentials.sessionToken']).toBe('[REDACTED]');
    expect(JSON.stringify(alerts)).not.toMatch(/FwoGZXIvYXdzE/);
  });
});
