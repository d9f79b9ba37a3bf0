import {
  AuthorizationErrorException,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/sns.js';
import { ACCOUNT, dnsNotFound, testContext } from './b-context.js';

const mock = mockClient(SNSClient);
afterEach(() => mock.reset());

const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:security-alerts`;
const policy = {
  Version: '2008-10-17',
  Id: '__default_policy_ID',
  Statement: [{ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Publish'], Resource: TOPIC, Condition: { StringEquals: { 'AWS:SourceOwner': ACCOUNT } } }],
};

describe('sns collector', () => {
  it('maps topics with their policy, KMS key and subscriptions (PendingConfirmation => pending)', async () => {
    mock.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: TOPIC }] });
    mock.on(GetTopicAttributesCommand, { TopicArn: TOPIC }).resolves({
      Attributes: {
        TopicArn: TOPIC,
        Owner: ACCOUNT,
        Policy: JSON.stringify(policy),
        KmsMasterKeyId: 'alias/aws/sns',
        SubscriptionsConfirmed: '1',
        SubscriptionsPending: '1',
      },
    });
    mock.on(ListSubscriptionsByTopicCommand, { TopicArn: TOPIC }).resolves({
      Subscriptions: [
        { SubscriptionArn: `${TOPIC}:6b0e71bd-7e97-4d97-80ce-4a0994e55286`, Owner: ACCOUNT, Protocol: 'email', Endpoint: 'secops@example.com', TopicArn: TOPIC },
        { SubscriptionArn: 'PendingConfirmation', Owner: ACCOUNT, Protocol: 'email', Endpoint: 'oncall@example.com', TopicArn: TOPIC },
      ],
    });
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    expect(out.topics).toEqual({
      status: 'ok',
      value: [
        {
          arn: TOPIC,
          name: 'security-alerts',
          policy: { status: 'ok', value: policy },
          kmsMasterKeyId: 'alias/aws/sns',
          encryption: { status: 'ok', value: { kmsMasterKeyId: 'alias/aws/sns' } },
          subscriptions: {
            status: 'ok',
            value: [
              { arn: `${TOPIC}:6b0e71bd-7e97-4d97-80ce-4a0994e55286`, protocol: 'email', endpoint: 'secops@example.com', pending: false },
              { arn: 'PendingConfirmation', protocol: 'email', endpoint: 'oncall@example.com', pending: true },
            ],
          },
        },
      ],
    });
    expect(issues).toEqual([]);
  });

  it('a topic without Policy attribute has policy null and no KMS key; no topics => ok([])', async () => {
    mock.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: TOPIC }] });
    mock.on(GetTopicAttributesCommand).resolves({ Attributes: { TopicArn: TOPIC } });
    mock.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
    const out = await collect(testContext().ctx);
    const t = out.topics.status === 'ok' ? out.topics.value[0] : undefined;
    expect(t?.policy).toEqual({ status: 'ok', value: null });
    expect(t?.kmsMasterKeyId).toBeUndefined();
    // Read and without a key: ok and empty, which an encryption check may judge as unencrypted.
    expect(t?.encryption).toEqual({ status: 'ok', value: {} });
    mock.reset();
    mock.on(ListTopicsCommand).resolves({ Topics: [] });
    expect((await collect(testContext().ctx)).topics).toEqual({ status: 'ok', value: [] });
  });

  it('a malformed policy is failed (MalformedPolicy) and recorded, never "no policy"', async () => {
    mock.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: TOPIC }] });
    mock.on(GetTopicAttributesCommand).resolves({ Attributes: { Policy: '{"Version": "2012-10-17", ', KmsMasterKeyId: 'alias/aws/sns' } });
    mock.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    const t = out.topics.status === 'ok' ? out.topics.value[0] : undefined;
    expect(t?.policy).toMatchObject({ status: 'failed', error: { code: 'MalformedPolicy', permission: 'sns:GetTopicAttributes' } });
    // The attributes were read: a bad policy text does not make the encryption setting unknown.
    expect(t?.encryption).toEqual({ status: 'ok', value: { kmsMasterKeyId: 'alias/aws/sns' } });
    expect(issues).toMatchObject([{ code: 'MalformedPolicy', what: 'sns topic policy (security-alerts)' }]);
  });

  it('follows NextToken for topics and subscriptions', async () => {
    const second = `arn:aws:sns:eu-west-1:${ACCOUNT}:second`;
    mock.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: TOPIC }], NextToken: 't2' });
    mock.on(ListTopicsCommand, { NextToken: 't2' }).resolves({ Topics: [{ TopicArn: second }] });
    mock.on(GetTopicAttributesCommand).resolves({ Attributes: {} });
    mock.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
    mock
      .on(ListSubscriptionsByTopicCommand, { TopicArn: TOPIC })
      .resolves({ Subscriptions: [{ SubscriptionArn: `${TOPIC}:a`, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:eu-west-1:123456789012:q' }], NextToken: 's2' });
    mock
      .on(ListSubscriptionsByTopicCommand, { TopicArn: TOPIC, NextToken: 's2' })
      .resolves({ Subscriptions: [{ SubscriptionArn: `${TOPIC}:b`, Protocol: 'lambda', Endpoint: 'arn:aws:lambda:eu-west-1:123456789012:function:f' }] });
    const out = await collect(testContext().ctx);
    if (out.topics.status !== 'ok') throw new Error('expected ok');
    expect(out.topics.value.map((t) => t.name)).toEqual(['security-alerts', 'second']);
    const subs = out.topics.value[0]!.subscriptions;
    expect(subs.status === 'ok' && subs.value.map((s) => s.arn)).toEqual([`${TOPIC}:a`, `${TOPIC}:b`]);
  });

  it('AuthorizationError => policy and encryption access_denied naming the permission (never "no KMS key"), per topic', async () => {
    mock.on(ListTopicsCommand).resolves({ Topics: [{ TopicArn: TOPIC }] });
    mock
      .on(GetTopicAttributesCommand)
      .rejects(new AuthorizationErrorException({ message: 'User is not authorized to perform: SNS:GetTopicAttributes', $metadata: { httpStatusCode: 403 } }));
    mock.on(ListSubscriptionsByTopicCommand).resolves({ Subscriptions: [] });
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    const t = out.topics.status === 'ok' ? out.topics.value[0] : undefined;
    expect(t?.policy).toMatchObject({ status: 'access_denied', error: { permission: 'sns:GetTopicAttributes' } });
    expect(t?.encryption).toMatchObject({ status: 'access_denied', error: { code: 'AuthorizationErrorException', permission: 'sns:GetTopicAttributes' } });
    expect(t?.kmsMasterKeyId).toBeUndefined();
    expect(t?.subscriptions.status).toBe('ok');
    // One failed call, one issue (encryption and policy share it).
    expect(issues).toMatchObject([{ what: 'sns topic attributes (security-alerts)', status: 'access_denied' }]);
  });

  it('AuthorizationError on ListTopics => the topic list is access_denied', async () => {
    mock.on(ListTopicsCommand).rejects(new AuthorizationErrorException({ message: 'not authorized', $metadata: {} }));
    expect((await collect(testContext().ctx)).topics).toMatchObject({ status: 'access_denied', error: { permission: 'sns:ListTopics' } });
  });

  it('no endpoint in the region => not_available', async () => {
    mock.on(ListTopicsCommand).rejects(dnsNotFound('sns.xx-east-9.amazonaws.com'));
    expect((await collect(testContext('xx-east-9').ctx)).topics.status).toBe('not_available');
  });
});
