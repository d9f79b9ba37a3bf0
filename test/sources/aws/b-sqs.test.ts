import { GetQueueAttributesCommand, ListQueuesCommand, QueueDoesNotExist, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/sqs.js';
import { ACCOUNT, awsError, testContext, unrecognizedClient } from './b-context.js';

const mock = mockClient(SQSClient);
afterEach(() => mock.reset());

const URL = `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/orders`;
const ARN = `arn:aws:sqs:eu-west-1:${ACCOUNT}:orders`;
const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: ARN }] };

describe('sqs collector', () => {
  it('asks for exactly the four attributes and maps them', async () => {
    mock.on(ListQueuesCommand).resolves({ QueueUrls: [URL] });
    mock.on(GetQueueAttributesCommand).resolves({
      Attributes: { QueueArn: ARN, Policy: JSON.stringify(policy), KmsMasterKeyId: 'alias/aws/sqs', SqsManagedSseEnabled: 'false' },
    });
    const out = await collect(testContext().ctx);
    expect(mock.commandCalls(GetQueueAttributesCommand)[0]!.args[0].input).toEqual({
      QueueUrl: URL,
      AttributeNames: ['Policy', 'KmsMasterKeyId', 'SqsManagedSseEnabled', 'QueueArn'],
    });
    expect(mock.commandCalls(ListQueuesCommand)[0]!.args[0].input).toMatchObject({ MaxResults: 1000 });
    expect(out.queues).toEqual({
      status: 'ok',
      value: [
        {
          url: URL,
          arn: ARN,
          name: 'orders',
          policy: { status: 'ok', value: policy },
          kmsMasterKeyId: 'alias/aws/sqs',
          sqsManagedSseEnabled: false,
          encryption: { status: 'ok', value: { kmsMasterKeyId: 'alias/aws/sqs', sqsManagedSseEnabled: false } },
        },
      ],
    });
  });

  it('no Policy attribute => policy null; SSE-SQS on; a queue deleted meanwhile (QueueDoesNotExist) is left out', async () => {
    const gone = `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/gone`;
    mock.on(ListQueuesCommand).resolves({ QueueUrls: [URL, gone] });
    mock.on(GetQueueAttributesCommand, { QueueUrl: URL }).resolves({ Attributes: { QueueArn: ARN, SqsManagedSseEnabled: 'true' } });
    mock
      .on(GetQueueAttributesCommand, { QueueUrl: gone })
      .rejects(new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: { httpStatusCode: 400 } }));
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    expect(out.queues).toEqual({
      status: 'ok',
      value: [
        {
          url: URL,
          arn: ARN,
          name: 'orders',
          policy: { status: 'ok', value: null },
          sqsManagedSseEnabled: true,
          encryption: { status: 'ok', value: { sqsManagedSseEnabled: true } },
        },
      ],
    });
    expect(issues).toEqual([]);
  });

  it('no queues (ListQueues omits QueueUrls) => ok([])', async () => {
    mock.on(ListQueuesCommand).resolves({});
    expect((await collect(testContext().ctx)).queues).toEqual({ status: 'ok', value: [] });
  });

  it('follows NextToken', async () => {
    const b = `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/b`;
    mock.on(ListQueuesCommand).resolves({ QueueUrls: [URL], NextToken: 'n2' });
    mock.on(ListQueuesCommand, { NextToken: 'n2' }).resolves({ QueueUrls: [b] });
    mock.on(GetQueueAttributesCommand).resolves({ Attributes: {} });
    const out = await collect(testContext().ctx);
    expect(out.queues.status === 'ok' && out.queues.value.map((q) => q.name)).toEqual(['orders', 'b']);
  });

  it('AccessDenied on GetQueueAttributes => policy and encryption access_denied (never "encryption off"), ARN built from the URL', async () => {
    mock.on(ListQueuesCommand).resolves({ QueueUrls: [URL] });
    mock.on(GetQueueAttributesCommand).rejects(awsError('AccessDenied', 'Access to the resource https://sqs.eu-west-1.amazonaws.com/ is denied.', 403));
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    const q = out.queues.status === 'ok' ? out.queues.value[0] : undefined;
    expect(q?.arn).toBe(ARN);
    expect(q?.policy).toMatchObject({ status: 'access_denied', error: { permission: 'sqs:GetQueueAttributes' } });
    expect(q?.encryption).toMatchObject({ status: 'access_denied', error: { code: 'AccessDenied', permission: 'sqs:GetQueueAttributes' } });
    expect(q?.kmsMasterKeyId).toBeUndefined();
    expect(q?.sqsManagedSseEnabled).toBeUndefined();
    expect(issues).toMatchObject([{ what: 'sqs queue attributes (orders)', status: 'access_denied' }]);
  });

  it('attributes read but neither KMS key nor SSE-SQS => encryption ok and empty / false (really unencrypted)', async () => {
    mock.on(ListQueuesCommand).resolves({ QueueUrls: [URL] });
    mock.on(GetQueueAttributesCommand).resolves({ Attributes: { QueueArn: ARN, SqsManagedSseEnabled: 'false' } });
    const out = await collect(testContext().ctx);
    const q = out.queues.status === 'ok' ? out.queues.value[0] : undefined;
    expect(q?.encryption).toEqual({ status: 'ok', value: { sqsManagedSseEnabled: false } });
  });

  it('a region that is not enabled => not_available', async () => {
    mock.on(ListQueuesCommand).rejects(unrecognizedClient());
    expect((await collect(testContext('af-south-1').ctx)).queues).toMatchObject({ status: 'not_available', error: { permission: 'sqs:ListQueues' } });
  });
});
