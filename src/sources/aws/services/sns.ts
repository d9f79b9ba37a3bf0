/**
 * SNS topics for one region: the `sns` key of RegionInventory.
 * ListTopics (paginated), then per topic GetTopicAttributes (Policy, KmsMasterKeyId) and
 * ListSubscriptionsByTopic (paginated), in parallel through the limiter. `encryption` carries the
 * GetTopicAttributes outcome, so a failed read is not taken for "no KMS key"; `kmsMasterKeyId` is
 * kept alongside for readers of the older field.
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
  // A failed GetTopicAttributes leaves `encryption` not ok (same status and error as the call,
  // already recorded as an issue): "could not read" must never read as "not encrypted".
  const encryption = mapOk(attrs, (r) => {
    const kmsMasterKeyId = r.Attributes?.KmsMasterKeyId;
    return kmsMasterKeyId ? { kmsMasterKeyId } : {};
  });
  const topic: SnsTopic = {
    arn,
    name,
    policy: policyFrom(ctx, attrs, (r) => r.Attributes?.Policy, 'sns:GetTopicAttributes', `sns topic policy (${name})`),
    encryption,
    subscriptions,
  };
  if (encryption.status === 'ok' && encryption.value.kmsMasterKeyId) topic.kmsMasterKeyId = encryption.value.kmsMasterKeyId;
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
