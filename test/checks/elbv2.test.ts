import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/elbv2.js';
import type { LoadBalancer } from '../../src/model/inventory.js';
import { denied, ok } from '../helpers/inventory.js';
import { runner } from './serviceRunner.js';

const { statuses, run } = runner(checks);
type Listeners = Extract<LoadBalancer['listeners'], { status: 'ok' }>['value'];
const lb = (l: Partial<LoadBalancer> = {}): LoadBalancer => ({
  arn: 'arn:lb', name: 'web', type: 'application', scheme: 'internet-facing', listeners: ok([]), attributes: ok({}), ...l,
});
const lbs = (...l: LoadBalancer[]) => ({ elbv2: { loadBalancers: ok(l) } });
const https: Listeners[number] = { arn: 'l1', port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' };
const redirect: Listeners[number] = { arn: 'l2', port: 80, protocol: 'HTTP', defaultActions: [{ type: 'redirect', redirectProtocol: 'HTTPS' }] };
const plainHttp: Listeners[number] = { arn: 'l3', port: 80, protocol: 'HTTP', defaultActions: [{ type: 'forward' }] };

describe('elbv2_alb_http_redirect_https', () => {
  const id = 'elbv2_alb_http_redirect_https';
  it('PASS redirect, FAIL forward, ERROR listeners unreadable, skips NLB', () => {
    expect(statuses(id, lbs(lb({ listeners: ok([https, redirect]) })))).toEqual(['PASS']);
    expect(statuses(id, lbs(lb({ listeners: ok([https, plainHttp]) })))).toEqual(['FAIL']);
    expect(statuses(id, lbs(lb({ listeners: denied('elasticloadbalancing:DescribeListeners') })))).toEqual(['ERROR']);
    expect(statuses(id, lbs(lb({ type: 'network', listeners: ok([plainHttp]) })))).toEqual([]);
    expect(statuses(id, { elbv2: { loadBalancers: denied() } })).toEqual(['ERROR']);
  });
});

describe('elbv2_listeners_encrypted', () => {
  const id = 'elbv2_listeners_encrypted';
  it('ALB HTTPS + redirect pass; NLB TCP fails; NLB TLS passes', () => {
    expect(statuses(id, lbs(lb({ listeners: ok([https, redirect]) })))).toEqual(['PASS']);
    expect(statuses(id, lbs(lb({ listeners: ok([plainHttp]) })))).toEqual(['FAIL']);
    expect(statuses(id, lbs(lb({ type: 'network', listeners: ok([{ arn: 'n', port: 5432, protocol: 'TCP' }]) })))).toEqual(['FAIL']);
    expect(statuses(id, lbs(lb({ type: 'network', listeners: ok([{ arn: 'n', port: 443, protocol: 'TLS' }]) })))).toEqual(['PASS']);
    expect(statuses(id, lbs(lb({ listeners: denied() })))).toEqual(['ERROR']);
  });
});

describe('attribute checks', () => {
  it('drop invalid headers: true passes, absent (AWS default false) fails', () => {
    const id = 'elbv2_alb_drop_invalid_headers';
    expect(statuses(id, lbs(lb({ attributes: ok({ 'routing.http.drop_invalid_header_fields.enabled': 'true' }) })))).toEqual(['PASS']);
    expect(statuses(id, lbs(lb({ attributes: ok({}) })))).toEqual(['FAIL']);
    expect(statuses(id, lbs(lb({ attributes: denied() })))).toEqual(['ERROR']);
  });
  it('desync: absent means AWS default defensive (pass); monitor fails', () => {
    const id = 'elbv2_alb_desync_mitigation';
    const r = run(id, lbs(lb({ attributes: ok({}) })))[0]!;
    expect(r.status).toBe('PASS');
    expect(JSON.stringify(r.evidence)).toContain('AWS default');
    expect(statuses(id, lbs(lb({ attributes: ok({ 'routing.http.desync_mitigation_mode': 'monitor' }) })))).toEqual(['FAIL']);
    expect(statuses(id, lbs(lb({ attributes: ok({ 'routing.http.desync_mitigation_mode': 'strictest' }) })))).toEqual(['PASS']);
  });
  it('deletion protection and access logs', () => {
    expect(statuses('elbv2_deletion_protection', lbs(lb({ attributes: ok({ 'deletion_protection.enabled': 'true' }) })))).toEqual(['PASS']);
    expect(statuses('elbv2_deletion_protection', lbs(lb({ attributes: ok({ 'deletion_protection.enabled': 'false' }) })))).toEqual(['FAIL']);
    expect(statuses('elbv2_alb_access_logs', lbs(lb({ attributes: ok({ 'access_logs.s3.enabled': 'true' }) })))).toEqual(['PASS']);
    expect(statuses('elbv2_alb_access_logs', lbs(lb({ attributes: ok({ 'access_logs.s3.enabled': 'false' }) })))).toEqual(['FAIL']);
    expect(statuses('elbv2_alb_access_logs', lbs(lb({ attributes: denied() })))).toEqual(['ERROR']);
  });
});

describe('elbv2_deletion_protection covers NLB and GWLB', () => {
  it('fails an NLB without it', () => {
    expect(statuses('elbv2_deletion_protection', lbs(lb({ type: 'network', attributes: ok({}) })))).toEqual(['FAIL']);
    expect(statuses('elbv2_deletion_protection', lbs(lb({ type: 'gateway', attributes: ok({ 'deletion_protection.enabled': 'true' }) })))).toEqual(['PASS']);
  });
});

describe('elbv2_listeners_recommended_tls_policy', () => {
  const id = 'elbv2_listeners_recommended_tls_policy';
  it('TLS13-1-2 passes; 2016-08 and TLS13-1-0 fail; no HTTPS/TLS listener gives no result; unreadable errors', () => {
    expect(statuses(id, lbs(lb({ listeners: ok([https]) })))).toEqual(['PASS']);
    expect(statuses(id, lbs(lb({ listeners: ok([{ ...https, sslPolicy: 'ELBSecurityPolicy-2016-08' }]) })))).toEqual(['FAIL']);
    expect(statuses(id, lbs(lb({ type: 'network', listeners: ok([{ arn: 'n', port: 443, protocol: 'TLS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-0-2021-06' }]) })))).toEqual(['FAIL']);
    expect(statuses(id, lbs(lb({ listeners: ok([{ ...https, sslPolicy: undefined }]) })))).toEqual(['FAIL']);
    expect(statuses(id, lbs(lb({ listeners: ok([plainHttp]) })))).toEqual([]);
    expect(statuses(id, lbs(lb({ listeners: denied() })))).toEqual(['ERROR']);
  });
});
