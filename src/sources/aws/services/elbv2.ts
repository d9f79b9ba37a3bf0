/**
 * Elastic Load Balancing v2 (application, network, gateway) for one region: the `elbv2` key of
 * RegionInventory. DescribeLoadBalancers (paginated), then per load balancer DescribeListeners
 * (paginated) and DescribeLoadBalancerAttributes (all attributes, as key -> value).
 */
import type { Action, Listener, LoadBalancer as SdkLoadBalancer } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  DescribeLoadBalancerAttributesCommand,
  ElasticLoadBalancingV2Client,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { LoadBalancer, RegionInventory } from '../../../model/inventory.js';
import { mapOk } from '../call.js';
import type { RegionContext } from '../context.js';
import { forService } from '../notInRegion.js';

interface ListenerItem {
  arn: string;
  port: number;
  protocol: string;
  sslPolicy?: string;
  defaultActions?: { type: string; redirectProtocol?: string }[];
}

export async function collect(base: RegionContext): Promise<RegionInventory['elbv2']> {
  const ctx = forService(base, 'Elastic Load Balancing');
  const elb = ctx.client(ElasticLoadBalancingV2Client);
  const listed = await ctx.list(
    'elasticloadbalancing:DescribeLoadBalancers',
    () => paginateDescribeLoadBalancers({ client: elb, pageSize: 400 }, {}),
    (p) => p.LoadBalancers ?? [],
    { what: 'elbv2 load balancers' },
  );
  if (listed.status !== 'ok') return { loadBalancers: listed };
  const loadBalancers = await Promise.all(listed.value.map((lb) => collectLoadBalancer(ctx, elb, lb)));
  return { loadBalancers: { status: 'ok', value: loadBalancers } };
}

async function collectLoadBalancer(ctx: RegionContext, elb: ElasticLoadBalancingV2Client, lb: SdkLoadBalancer): Promise<LoadBalancer> {
  const arn = lb.LoadBalancerArn ?? '';
  const name = lb.LoadBalancerName ?? '';
  const [listeners, attributes] = await Promise.all([
    ctx.list(
      'elasticloadbalancing:DescribeListeners',
      () => paginateDescribeListeners({ client: elb, pageSize: 400 }, { LoadBalancerArn: arn }),
      (p) => (p.Listeners ?? []).map(toListener),
      { what: `elbv2 listeners (${name})` },
    ),
    ctx.call('elasticloadbalancing:DescribeLoadBalancerAttributes', () => elb.send(new DescribeLoadBalancerAttributesCommand({ LoadBalancerArn: arn })), {
      what: `elbv2 load balancer attributes (${name})`,
    }),
  ]);
  return {
    arn,
    name,
    type: lb.Type ?? '',
    scheme: lb.Scheme ?? '',
    listeners,
    attributes: mapOk(attributes, (r) => {
      const out: Record<string, string> = {};
      for (const a of r.Attributes ?? []) if (a.Key !== undefined) out[a.Key] = a.Value ?? '';
      return out;
    }),
  };
}

function toListener(l: Listener): ListenerItem {
  const out: ListenerItem = { arn: l.ListenerArn ?? '', port: l.Port ?? 0, protocol: l.Protocol ?? '' };
  if (l.SslPolicy) out.sslPolicy = l.SslPolicy;
  if (l.DefaultActions) out.defaultActions = l.DefaultActions.map(toAction);
  return out;
}

function toAction(a: Action): { type: string; redirectProtocol?: string } {
  const out: { type: string; redirectProtocol?: string } = { type: a.Type ?? '' };
  if (a.RedirectConfig?.Protocol) out.redirectProtocol = a.RedirectConfig.Protocol;
  return out;
}
