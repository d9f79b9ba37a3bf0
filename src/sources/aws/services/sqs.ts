/**
 * SQS queues for one region: the `sqs` key of RegionInventory.
 * ListQueues (paginated; MaxResults is needed for AWS to return NextToken), then per queue
 * GetQueueAttributes for Policy, KmsMasterKeyId, SqsManagedSseEnabled and QueueArn. A queue that
 * disappears between the two calls (QueueDoesNotExist) is left out. `encryption` carries the
 * GetQueueAttributes outcome, so a failed read is not taken for "encryption off";
 * `kmsMasterKeyId` / `sqsManagedSseEnabled` are kept alongside for readers of the older fields.
 */
import { GetQueueAttributesCommand, SQSClient, paginateListQueues } from '@aws-sdk/client-sqs';
import { ok } from '../../../model/collected.js';
import type { RegionInventory, SqsQueue } from '../../../model/inventory.js';
import type { RegionContext } from '../context.js';
import { forService } from '../notInRegion.js';
import { policyFrom } from '../policyResult.js';

const ATTRIBUTES = ['Policy', 'KmsMasterKeyId', 'SqsManagedSseEnabled', 'QueueArn'] as const;

export async function collect(base: RegionContext): Promise<RegionInventory['sqs']> {
  const ctx = forService(base, 'SQS');
  const sqs = ctx.client(SQSClient);
  const urls = await ctx.list('sqs:ListQueues', () => paginateListQueues({ client: sqs, pageSize: 1000 }, {}), (p) => p.QueueUrls ?? [], {
    what: 'sqs queues',
  });
  if (urls.status !== 'ok') return { queues: urls };
  const queues = await Promise.all(urls.value.map((url) => collectQueue(ctx, sqs, url)));
  return { queues: { status: 'ok', value: queues.filter((q): q is SqsQueue => q !== undefined) } };
}

async function collectQueue(ctx: RegionContext, sqs: SQSClient, url: string): Promise<SqsQueue | undefined> {
  const name = url.slice(url.lastIndexOf('/') + 1);
  const attrs = await ctx.call(
    'sqs:GetQueueAttributes',
    () => sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [...ATTRIBUTES] })),
    { what: `sqs queue attributes (${name})`, absentCodes: ['QueueDoesNotExist'] },
  );
  if (attrs.status === 'ok' && attrs.value === null) return undefined;
  const a = attrs.status === 'ok' ? (attrs.value?.Attributes ?? {}) : {};
  const sse: { kmsMasterKeyId?: string; sqsManagedSseEnabled?: boolean } = {};
  if (a.KmsMasterKeyId) sse.kmsMasterKeyId = a.KmsMasterKeyId;
  if (a.SqsManagedSseEnabled !== undefined) sse.sqsManagedSseEnabled = a.SqsManagedSseEnabled === 'true';
  const queue: SqsQueue = {
    url,
    arn: a.QueueArn ?? arnFromUrl(ctx, url, name),
    name,
    policy: policyFrom(ctx, attrs, (r) => r.Attributes?.Policy, 'sqs:GetQueueAttributes', `sqs queue policy (${name})`),
    // A failed GetQueueAttributes leaves `encryption` not ok (same status and error as the call,
    // already recorded as an issue): "could not read" must never read as "not encrypted".
    encryption: attrs.status === 'ok' ? ok(sse) : attrs,
    ...sse,
  };
  return queue;
}

/** `https://sqs.REGION.amazonaws.com/ACCOUNT/NAME` -> the queue ARN, when GetQueueAttributes could not say. */
function arnFromUrl(ctx: RegionContext, url: string, name: string): string {
  const parts = url.split('/');
  const account = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  return `arn:${ctx.partition}:sqs:${ctx.region}:${account && /^\d{12}$/.test(account) ? account : ctx.accountId}:${name}`;
}
