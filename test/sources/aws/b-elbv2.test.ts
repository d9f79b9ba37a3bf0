import {
  DescribeListenersCommand,
  DescribeLoadBalancerAttributesCommand,
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/elbv2.js';
import { ACCOUNT, awsError, testContext, unrecognizedClient } from './b-context.js';

const mock = mockClient(ElasticLoadBalancingV2Client);
afterEach(() => mock.reset());

const LB = `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:loadbalancer/app/web/50dc6c495c0c9188`;
const loadBalancer = {
  LoadBalancerArn: LB,
  DNSName: 'web-1234567890.eu-west-1.elb.amazonaws.com',
  LoadBalancerName: 'web',
  Scheme: 'internet-facing' as const,
  VpcId: 'vpc-3ac0fb5f',
  State: { Code: 'active' as const },
  Type: 'application' as const,
  IpAddressType: 'ipv4' as const,
};

describe('elbv2 collector', () => {
  it('maps load balancers with listeners (redirect protocol) and attributes', async () => {
    mock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [loadBalancer] });
    mock.on(DescribeListenersCommand, { LoadBalancerArn: LB }).resolves({
      Listeners: [
        {
          ListenerArn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2`,
          LoadBalancerArn: LB,
          Port: 80,
          Protocol: 'HTTP',
          DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
        },
        {
          ListenerArn: `arn:aws:elasticloadbalancing:eu-west-1:${ACCOUNT}:listener/app/web/50dc6c495c0c9188/0467ef3c8400ae65`,
          LoadBalancerArn: LB,
          Port: 443,
          Protocol: 'HTTPS',
          SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
          DefaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:tg' }],
        },
      ],
    });
    mock.on(DescribeLoadBalancerAttributesCommand, { LoadBalancerArn: LB }).resolves({
      Attributes: [
        { Key: 'deletion_protection.enabled', Value: 'false' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'access_logs.s3.enabled', Value: 'false' },
      ],
    });
    const out = await collect(testContext().ctx);
    expect(out.loadBalancers).toEqual({
      status: 'ok',
      value: [
        {
          arn: LB,
          name: 'web',
          type: 'application',
          scheme: 'internet-facing',
          listeners: {
            status: 'ok',
            value: [
              { arn: expect.stringContaining('f2f7dc8efc522ab2'), port: 80, protocol: 'HTTP', defaultActions: [{ type: 'redirect', redirectProtocol: 'HTTPS' }] },
              { arn: expect.stringContaining('0467ef3c8400ae65'), port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', defaultActions: [{ type: 'forward' }] },
            ],
          },
          attributes: {
            status: 'ok',
            value: { 'deletion_protection.enabled': 'false', 'routing.http.drop_invalid_header_fields.enabled': 'true', 'access_logs.s3.enabled': 'false' },
          },
        },
      ],
    });
  });

  it('no load balancers => ok([]); a load balancer without listeners has ok([])', async () => {
    mock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [] });
    expect((await collect(testContext().ctx)).loadBalancers).toEqual({ status: 'ok', value: [] });
    mock.reset();
    mock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [loadBalancer] });
    mock.on(DescribeListenersCommand).resolves({ Listeners: [] });
    mock.on(DescribeLoadBalancerAttributesCommand).resolves({ Attributes: [] });
    const out = await collect(testContext().ctx);
    expect(out.loadBalancers.status === 'ok' && out.loadBalancers.value[0]!.listeners).toEqual({ status: 'ok', value: [] });
  });

  it('follows NextMarker on load balancers and listeners', async () => {
    const LB2 = LB.replace('web', 'api');
    mock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [loadBalancer], NextMarker: 'm2' });
    mock.on(DescribeLoadBalancersCommand, { Marker: 'm2' }).resolves({ LoadBalancers: [{ ...loadBalancer, LoadBalancerArn: LB2, LoadBalancerName: 'api' }] });
    mock.on(DescribeListenersCommand).resolves({ Listeners: [] });
    mock.on(DescribeListenersCommand, { LoadBalancerArn: LB }).resolves({ Listeners: [{ ListenerArn: 'l1', Port: 80, Protocol: 'HTTP' }], NextMarker: 'l2' });
    mock.on(DescribeListenersCommand, { LoadBalancerArn: LB, Marker: 'l2' }).resolves({ Listeners: [{ ListenerArn: 'l2', Port: 443, Protocol: 'HTTPS' }] });
    mock.on(DescribeLoadBalancerAttributesCommand).resolves({ Attributes: [] });
    const out = await collect(testContext().ctx);
    if (out.loadBalancers.status !== 'ok') throw new Error('expected ok');
    expect(out.loadBalancers.value.map((l) => l.name)).toEqual(['web', 'api']);
    const ls = out.loadBalancers.value[0]!.listeners;
    expect(ls.status === 'ok' && ls.value.map((l) => l.arn)).toEqual(['l1', 'l2']);
  });

  it('AccessDenied on attributes => access_denied naming elasticloadbalancing:DescribeLoadBalancerAttributes', async () => {
    mock.on(DescribeLoadBalancersCommand).resolves({ LoadBalancers: [loadBalancer] });
    mock.on(DescribeListenersCommand).resolves({ Listeners: [] });
    mock.on(DescribeLoadBalancerAttributesCommand).rejects(awsError('AccessDenied', 'not authorized', 403));
    const out = await collect(testContext().ctx);
    expect(out.loadBalancers.status === 'ok' && out.loadBalancers.value[0]!.attributes).toMatchObject({
      status: 'access_denied',
      error: { permission: 'elasticloadbalancing:DescribeLoadBalancerAttributes' },
    });
  });

  it('a region that is not enabled => not_available', async () => {
    mock.on(DescribeLoadBalancersCommand).rejects(unrecognizedClient());
    expect((await collect(testContext('il-central-1').ctx)).loadBalancers.status).toBe('not_available');
  });
});
