/** SNS, SQS, Lambda (+ permissions and URLs), ELBv2 (+ listeners): application resources and the
 *  policies attached to them (defaults per each resource's CloudFormation reference). */
import { notCollected, ok } from '../../model/collected.js';
import type * as M from '../../model/inventory.js';
import type { Builder } from './builder.js';
import { policyValue, type Res } from './context.js';
import { physicalNameOf as name, setIf } from './map-helpers.js';
import type { MapperTable } from './mappers.js';
import { attrText, refText } from './physical.js';
import { asText, findUnknown, isObj, ResRef, type Value } from './values.js';

function topic(b: Builder, res: Res): void {
  const n = name(b, res);
  const arn = refText('AWS::SNS::Topic', n, b.pseudo);
  const subs = res.list('Subscription', 'subscriptions').filter(isObj).map((s, i) => ({
    arn: `${arn}:sub${i}`,
    protocol: asText(s.Protocol) ?? '',
    endpoint: asText(s.Endpoint) ?? '',
    pending: false,
  }));
  const t: M.SnsTopic = { arn, name: n, policy: ok(null), subscriptions: ok(subs), origin: res.origin };
  setIf(t, 'kmsMasterKeyId', res.str('KmsMasterKeyId', 'kmsMasterKeyId'));
  res.markPos('policy', res.tr.pos);
  b.lists.topics.push(t);
  b.add(res, t, [n, arn]);
}

function subscription(b: Builder, res: Res): void {
  const t = b.target<M.SnsTopic>(res.refId('TopicArn'), 'AWS::SNS::Topic')?.model;
  if (!t || t.subscriptions.status !== 'ok') return;
  t.subscriptions.value.push({ arn: `${t.arn}:${res.logicalId}`, protocol: res.str('Protocol') ?? '', endpoint: res.str('Endpoint') ?? '', pending: false });
}

function queue(b: Builder, res: Res): void {
  const n = name(b, res);
  const arn = attrText('AWS::SQS::Queue', res.logicalId, n, 'Arn', b.pseudo);
  const url = refText('AWS::SQS::Queue', n, b.pseudo);
  const q: M.SqsQueue = { url, arn, name: n, policy: ok(null), origin: res.origin };
  const kms = res.str('KmsMasterKeyId', 'kmsMasterKeyId');
  if (kms) q.kmsMasterKeyId = kms;
  // SSE-SQS is on by default for new queues unless a KMS key is chosen or it is turned off.
  q.sqsManagedSseEnabled = res.bool('SqsManagedSseEnabled', 'sqsManagedSseEnabled', kms === undefined);
  res.mark('kmsMasterKeyId', 'SqsManagedSseEnabled');
  res.markPos('policy', res.tr.pos);
  b.lists.queues.push(q);
  b.add(res, q, [n, arn, url]);
}

/** Topic/Queue policies: attach to each referenced template resource. */

/** Topic/Queue policies: attach to each referenced template resource. */
function attachPolicy(listProp: string, type: string, find: (b: Builder, v: Value) => { policy: M.SnsTopic['policy'] } | undefined) {
  return (b: Builder, res: Res): void => {
    const doc = policyValue(res.get('PolicyDocument'), () => res.locate('PolicyDocument'));
    for (const v of res.list(listProp)) {
      const m = v instanceof ResRef ? b.target<{ policy: M.SnsTopic['policy'] }>(v.logicalId, type)?.model : find(b, v);
      if (!m) continue;
      m.policy = doc;
      const logical = (m as { origin?: M.ResourceOrigin }).origin?.logicalId;
      const owner = logical ? b.built.get(logical)?.res : undefined;
      if (owner) owner.origin.fields!['policy'] = res.locate('PolicyDocument');
    }
  };
}

function lambda(b: Builder, res: Res): void {
  const n = name(b, res);
  const arn = attrText('AWS::Lambda::Function', res.logicalId, n, 'Arn', b.pseudo);
  const f: M.LambdaFunction = { name: n, arn, policy: ok(null), url: ok(null), origin: res.origin };
  setIf(f, 'runtime', res.str('Runtime', 'runtime'));
  setIf(f, 'role', res.str('Role', 'role'));
  const env = res.get(['Environment', 'Variables']);
  res.mark('environmentVariableNames', ['Environment', 'Variables']);
  if (isObj(env)) f.environmentVariableNames = Object.keys(env);
  // In a VPC when VpcConfig names subnets (the VPC itself is implied by them).
  const vpc = res.get('VpcConfig');
  res.mark('vpcId', 'VpcConfig');
  const subnets = isObj(vpc) ? vpc.SubnetIds : undefined;
  const u = findUnknown(vpc);
  if (u && !(Array.isArray(subnets) && subnets.length > 0)) res.unknown('vpcId', u);
  else if (Array.isArray(subnets) && subnets.length > 0) f.vpcId = 'vpc-of-subnets';
  b.lists.functions.push(f);
  b.add(res, f, [n, arn]);
}

function findFunction(b: Builder, res: Res, prop: string): M.LambdaFunction | undefined {
  const ref = b.target<M.LambdaFunction>(res.refId(prop), 'AWS::Lambda::Function')?.model;
  if (ref) return ref;
  const v = res.str(prop);
  return b.lists.functions.find((f) => f.name === v || f.arn === v);
}

/** AWS::Lambda::Permission -> a statement of the function's resource-based policy. */

/** AWS::Lambda::Permission -> a statement of the function's resource-based policy. */
function lambdaPermission(b: Builder, res: Res): void {
  const f = findFunction(b, res, 'FunctionName');
  if (!f) return;
  const principal = res.get('Principal');
  const p = asText(principal);
  const stmt: Record<string, unknown> = {
    Sid: res.logicalId,
    Effect: 'Allow',
    Principal: p === undefined || p === '*' ? '*' : p.endsWith('.amazonaws.com') ? { Service: p } : { AWS: p },
    Action: res.str('Action') ?? 'lambda:InvokeFunction',
    Resource: f.arn,
  };
  const cond: Record<string, Record<string, string>> = {};
  const sa = res.str('SourceArn');
  if (sa) cond.ArnLike = { 'AWS:SourceArn': sa };
  const acct = res.str('SourceAccount');
  if (acct) cond.StringEquals = { 'AWS:SourceAccount': acct };
  const org = res.str('PrincipalOrgID');
  if (org) (cond.StringEquals ??= {})['aws:PrincipalOrgID'] = org;
  const urlAuth = res.str('FunctionUrlAuthType');
  if (urlAuth) (cond.StringEquals ??= {})['lambda:FunctionUrlAuthType'] = urlAuth;
  if (Object.keys(cond).length > 0) stmt.Condition = cond;
  const owner = b.built.get(f.origin!.logicalId)!.res;
  const u = findUnknown(principal) ?? ['Action', 'SourceArn', 'SourceAccount'].map((k) => findUnknown(res.get(k))).find((x) => x);
  if (u) {
    f.policy = notCollected('unresolved', { code: 'Unresolved', message: u.describe() });
  } else if (f.policy.status === 'ok') {
    const doc = f.policy.value ?? { Version: '2012-10-17', Statement: [] as unknown[] };
    (doc.Statement as unknown[]).push(stmt);
    f.policy = ok(doc);
  }
  owner.origin.fields!['policy'] ??= res.locate('Principal');
}

function lambdaUrl(b: Builder, res: Res): void {
  const f = findFunction(b, res, 'TargetFunctionArn');
  if (!f) return;
  const t = res.str('AuthType');
  f.url = t === 'NONE' || t === 'AWS_IAM' ? ok({ authType: t }) : notCollected('unresolved', { code: 'Unresolved', message: 'AuthType cannot be resolved' });
  const owner = b.built.get(f.origin!.logicalId)?.res;
  if (owner) owner.origin.fields!['url'] = res.locate('AuthType');
}

function loadBalancer(b: Builder, res: Res): void {
  const n = name(b, res);
  const type = res.str('Type', 'type') ?? 'application';
  const arn = b.arn('elasticloadbalancing', `loadbalancer/${type === 'network' ? 'net' : type === 'gateway' ? 'gwy' : 'app'}/${n}/0`);
  const attrs: Record<string, string> = {};
  for (const a of res.list('LoadBalancerAttributes', 'attributes')) if (isObj(a)) attrs[asText(a.Key) ?? ''] = asText(a.Value) ?? '';
  const lb: M.LoadBalancer = {
    arn,
    name: n,
    type,
    scheme: res.str('Scheme', 'scheme') ?? 'internet-facing',
    listeners: ok([]),
    attributes: ok(attrs),
    origin: res.origin,
  };
  b.lists.loadBalancers.push(lb);
  b.add(res, lb, [n, arn]);
}

function listener(b: Builder, res: Res): void {
  const t = b.target<M.LoadBalancer>(res.refId('LoadBalancerArn'), 'AWS::ElasticLoadBalancingV2::LoadBalancer');
  if (!t || t.model.listeners.status !== 'ok') return;
  const l: { arn: string; port: number; protocol: string; sslPolicy?: string; defaultActions?: { type: string; redirectProtocol?: string }[] } = {
    arn: `${t.model.arn}/listener/${res.logicalId}`,
    port: Number(res.str('Port') ?? 0),
    protocol: res.str('Protocol') ?? '',
    defaultActions: res.list('DefaultActions').filter(isObj).map((a) => {
      const x: { type: string; redirectProtocol?: string } = { type: asText(a.Type) ?? '' };
      const rp = isObj(a.RedirectConfig) ? asText(a.RedirectConfig.Protocol) : undefined;
      if (rp) x.redirectProtocol = rp;
      return x;
    }),
  };
  setIf(l, 'sslPolicy', res.str('SslPolicy'));
  const u = ['Port', 'Protocol', 'DefaultActions', 'SslPolicy'].map((k) => findUnknown(res.get(k))).find((x) => x);
  if (u) t.res.unknown('listeners', u);
  t.res.markPos(`listeners[${t.model.listeners.value.length}]`, res.tr.pos);
  t.res.markPos('listeners', res.tr.pos);
  t.model.listeners.value.push(l);
}

export const appMappers: MapperTable = {
  'AWS::SNS::Topic': { phase: 1, map: topic },
  'AWS::SNS::Subscription': { phase: 2, map: subscription },
  'AWS::SNS::TopicPolicy': { phase: 2, map: attachPolicy('Topics', 'AWS::SNS::Topic', (b, v) => b.lists.topics.find((t) => t.arn === asText(v))) },
  'AWS::SQS::Queue': { phase: 1, map: queue },
  'AWS::SQS::QueuePolicy': { phase: 2, map: attachPolicy('Queues', 'AWS::SQS::Queue', (b, v) => b.lists.queues.find((q) => q.url === asText(v) || q.arn === asText(v))) },
  'AWS::Lambda::Function': { phase: 1, map: lambda },
  'AWS::Lambda::Permission': { phase: 2, map: lambdaPermission },
  'AWS::Lambda::Url': { phase: 2, map: lambdaUrl },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': { phase: 1, map: loadBalancer },
  'AWS::ElasticLoadBalancingV2::Listener': { phase: 2, map: listener },
};
