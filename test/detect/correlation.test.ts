import { describe, expect, it } from 'vitest';
import { loadRuleText, type Rule } from '../../src/detect/sigma/rule.js';
import { at, ev, runEngine } from './helpers.js';

function rules(yaml: string): Rule[] {
  const r = loadRuleText(yaml, 'c.yml', 'sigma');
  if (r.issues.length) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.rules;
}

const base = (name: string, eventName: string) =>
  `title: ${name}\nname: ${name}\nid: ${name}-id\nlogsource: {product: aws, service: cloudtrail}\ndetection:\n    sel:\n        eventName: ${eventName}\n    condition: sel\nlevel: low\n`;
const corr = (body: string) => `title: corr\nname: corr\nid: corr-id\ncorrelation:\n${body
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}\nlevel: high\n`;

describe('Sigma correlation rules', () => {
  it('event_count with gt, per group, and base rules silent unless generate', () => {
    const rs = rules(`${base('a', 'A')}---\n${corr('type: event_count\nrules: [a]\ngroup-by: [sourceIPAddress]\ntimespan: 5m\ncondition: {gt: 2}')}`);
    const evs = [0, 1, 2].map((m) => ev({ eventName: 'A', eventTime: at(m) }));
    expect(runEngine(rs, evs).alerts.map((a) => a.ruleId)).toEqual(['corr']);
    expect(runEngine(rs, evs.slice(0, 2)).alerts).toEqual([]);
  });

  it('event_count tolerates events slightly out of order', () => {
    const rs = rules(`${base('a', 'A')}---\n${corr('type: event_count\nrules: [a]\ngroup-by: [sourceIPAddress]\ntimespan: 5m\ncondition: {gte: 3}')}`);
    const evs = [4, 1, 3].map((m) => ev({ eventName: 'A', eventTime: at(m) }));
    const a = runEngine(rs, evs).alerts;
    expect(a).toHaveLength(1);
  });

  it('temporal: all rules within the window, any order, per group; aliases map group fields per rule', () => {
    const rs = rules(
      `${base('a', 'A')}---\n${base('b', 'B')}---\n${corr('type: temporal\nrules: [a, b]\ngroup-by: [user]\naliases:\n    user:\n        a: userIdentity.userName\n        b: requestParameters.userName\ntimespan: 10m')}`,
    );
    const a = ev({ eventName: 'A', eventTime: at(5) });
    const bSame = ev({ eventName: 'B', eventTime: at(1), requestParameters: { userName: 'alice' } });
    const bOther = ev({ eventName: 'B', eventTime: at(1), requestParameters: { userName: 'bob' } });
    const fired = runEngine(rs, [bSame, a]).alerts;
    expect(fired.map((x) => x.ruleId)).toEqual(['corr']);
    expect(fired[0]!.correlation?.group).toEqual({ user: 'alice' });
    expect(runEngine(rs, [bOther, a]).alerts).toEqual([]);
    expect(runEngine(rs, [ev({ eventName: 'B', eventTime: at(0), requestParameters: { userName: 'alice' } }), ev({ eventName: 'A', eventTime: at(30) })]).alerts).toEqual([]);
  });

  it('temporal_ordered needs the order', () => {
    const rs = rules(`${base('a', 'A')}---\n${base('b', 'B')}---\n${corr('type: temporal_ordered\nrules: [a, b]\ngroup-by: [recipientAccountId]\ntimespan: 10m')}`);
    expect(runEngine(rs, [ev({ eventName: 'A', eventTime: at(0) }), ev({ eventName: 'B', eventTime: at(3) })]).alerts).toHaveLength(1);
    expect(runEngine(rs, [ev({ eventName: 'B', eventTime: at(0) }), ev({ eventName: 'A', eventTime: at(3) })]).alerts).toHaveLength(0);
  });

  it('kenro_first_seen with a timespan forgets values unused for longer', () => {
    const rs = rules(`${base('a', 'A')}---\n${corr('type: kenro_first_seen\nrules: [a]\ngroup-by: [kenro.principal]\nfield: sourceIPAddress\ntimespan: 1h\nmin-history: 1')}`);
    const e = (m: number, ip: string) => ev({ eventName: 'A', eventTime: at(m), sourceIPAddress: ip });
    const out = runEngine(rs, [e(0, '1.1.1.1'), e(1, '2.2.2.2'), e(2, '2.2.2.2'), e(200, '1.1.1.1')]).alerts;
    expect(out.map((a) => a.correlation?.newValue)).toEqual(['2.2.2.2', '1.1.1.1']);
  });

  it('reports correlations that reference unknown rules', () => {
    const rs = rules(corr('type: event_count\nrules: [nope]\ngroup-by: [x]\ntimespan: 5m\ncondition: {gte: 2}'));
    const { engine } = runEngine(rs, []);
    expect(engine.issues[0]!.message).toMatch(/unknown rule\(s\): nope/);
  });
});
