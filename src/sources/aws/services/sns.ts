/**
 * SNS topics for one region: the `sns` key of RegionInventory.
 * ListTopics (paginated), then per topic GetTopicAttributes (Policy, KmsMasterKeyId) and
 * ListSubscriptionsByTopic (paginated), in parallel through the limiter.
 */
import type { Subscription } from '@aws-sdk/client-sns';
import { GetTopicAttributesCommand, SNSClient, paginateListSubscriptionsByTopic, paginateListTopics } from '@aws-sdk/client-sns';
import { mapOk } from '../call.js';
import type { RegionInventory, SnsTopic } from '../../../model/inventory.js';
import type { RegionContext } from '../context.js';
import { forService } from '../notInRegion.js';
import { policyFrom } from '../policyResult.js';

export async function collect(base: RegionContext): Promise<RegionInventory['sns']> {
  const ctx = forService(base, 'SNS');
  const sns = ctx.client(SNSClient);
  const arns = await ctx.list(
    'sns:ListTopics',
    () => paginateListTopics({ client: sns }, {}),
    (p) => (p.Topics ?? []).map((t) => t.TopicArn).filter((a): a is string => !!a),
    { what: 'sns topics' },
  );
  if (arns.status !== 'ok') return { topics: arns };
  const topics = await Promise.all(arns.value.map((arn) => collectTopic(ctx, sns, arn)));
  return { topics: { status: 'ok', value: topics } };
}

async function collectTopic(ctx: RegionContext, sns: SNSClient, arn: string): Promise<SnsTopic> {
  const name = arn.slice(arn.lastIndexOf(':') + 1);
  const [attrs, subscriptions] = await Promise.all([
    ctx.call('sns:GetTopicAttributes', () => sns.send(new GetTopicAttributesCommand({ TopicArn: arn })), {
      what: `sns topic attributes (${name})`,
    }),
    ctx.list(
      'sns:ListSubscriptionsByTopic',
      () => paginateListSubscriptionsByTopic({ client: sns }, { TopicArn: arn }),
      (p) => (p.Subscriptions ?? []).map(toSubscription),
      { what: `sns topic subscriptions (${name})` },
    ),
  ]);
  const topic: SnsTopic = {
    arn,
    name,
    policy: policyFrom(ctx, attrs, (r) => r.Attributes?.Policy, 'sns:GetTopicAttributes', `sns topic policy (${name})`),
    subscriptions,
  };
  const kms = mapOk(attrs, (r) => r.Attributes?.KmsMasterKeyId);
  if (kms.status === 'ok' && kms.value) topic.kmsMasterKeyId = kms.value;
  return topic;
}

/**
 * A confirmed subscription has an ARN; AWS puts `PendingConfirmation` (or `Deleted`) in its place
 * otherwise. Anything that is not an ARN is counted as pending: it delivers nothing.
 */
function toSubscription(s: Subscription): { arn: string; protocol: string; endpoint: string; pending: boolean } {
  const arn = s.SubscriptionArn ?? '';
  return { arn, protocol: s.Protocol ?? '', endpoint: s.Endpoint ?? '', pending: !arn.startsWith('arn:') };
}
