import {
  ConfigServiceClient,
  DescribeConfigRulesCommand,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
} from '@aws-sdk/client-config-service';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/config.js';
import { ACCOUNT, accessDenied, dnsNotFound, testContext } from './b-context.js';

const mock = mockClient(ConfigServiceClient);
afterEach(() => mock.reset());

const recorder = {
  arn: `arn:aws:config:eu-west-1:${ACCOUNT}:configuration-recorder/default/abcdefghijklmnop`,
  name: 'default',
  roleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
  recordingGroup: {
    allSupported: true,
    includeGlobalResourceTypes: true,
    resourceTypes: [],
    exclusionByResourceTypes: { resourceTypes: [] },
    recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' as const },
  },
  recordingMode: { recordingFrequency: 'CONTINUOUS' as const, recordingModeOverrides: [] },
  recordingScope: 'PAID' as const,
};

function emptyRest(): void {
  mock.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [] });
  mock.on(DescribeConfigRulesCommand).resolves({ ConfigRules: [] });
}

describe('config collector', () => {
  it('maps the recorder with its status, delivery channels and rules', async () => {
    mock.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [recorder] });
    mock.on(DescribeConfigurationRecorderStatusCommand).resolves({
      ConfigurationRecordersStatus: [
        { arn: recorder.arn, name: 'default', recording: true, lastStatus: 'SUCCESS', lastStartTime: new Date('2026-01-01T00:00:00Z'), recordingScope: 'PAID' } as never,
      ],
    });
    mock.on(DescribeDeliveryChannelsCommand).resolves({
      DeliveryChannels: [{ name: 'default', s3BucketName: 'config-bucket-123456789012', snsTopicARN: `arn:aws:sns:eu-west-1:${ACCOUNT}:config-topic` }],
    });
    mock.on(DescribeConfigRulesCommand).resolves({
      ConfigRules: [
        {
          ConfigRuleName: 's3-bucket-ssl-requests-only',
          ConfigRuleArn: `arn:aws:config:eu-west-1:${ACCOUNT}:config-rule/config-rule-a1b2c3`,
          ConfigRuleId: 'config-rule-a1b2c3',
          Source: { Owner: 'AWS', SourceIdentifier: 'S3_BUCKET_SSL_REQUESTS_ONLY' },
          ConfigRuleState: 'ACTIVE',
        },
      ],
    });
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    expect(out.recorders).toEqual({
      status: 'ok',
      value: [
        {
          name: 'default',
          roleArn: recorder.roleARN,
          allSupported: true,
          includeGlobalResourceTypes: true,
          recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES',
          recordingScope: 'PAID',
          status: { status: 'ok', value: { recording: true, lastStatus: 'SUCCESS' } },
        },
      ],
    });
    expect(out.deliveryChannels).toEqual({
      status: 'ok',
      value: [{ name: 'default', s3BucketName: 'config-bucket-123456789012', snsTopicArn: `arn:aws:sns:eu-west-1:${ACCOUNT}:config-topic` }],
    });
    expect(out.rules).toEqual({
      status: 'ok',
      value: [
        {
          name: 's3-bucket-ssl-requests-only',
          arn: `arn:aws:config:eu-west-1:${ACCOUNT}:config-rule/config-rule-a1b2c3`,
          owner: 'AWS',
          sourceIdentifier: 'S3_BUCKET_SSL_REQUESTS_ONLY',
          state: 'ACTIVE',
        },
      ],
    });
    expect(issues).toEqual([]);
  });

  it('no recorder configured => ok([])', async () => {
    mock.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
    mock.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
    emptyRest();
    const { ctx } = testContext();
    const out = await collect(ctx);
    expect(out.recorders).toEqual({ status: 'ok', value: [] });
    expect(out.deliveryChannels).toEqual({ status: 'ok', value: [] });
  });

  it('keeps an inclusion list and the service principal of a service-linked recorder; a missing status is failed', async () => {
    mock.on(DescribeConfigurationRecordersCommand).resolves({
      ConfigurationRecorders: [
        {
          arn: `arn:aws:config:eu-west-1:${ACCOUNT}:configuration-recorder/AWSConfigurationRecorderForSomeService/x`,
          name: 'AWSConfigurationRecorderForSomeService',
          recordingGroup: {
            allSupported: false,
            includeGlobalResourceTypes: false,
            resourceTypes: ['AWS::EC2::Instance'],
            recordingStrategy: { useOnly: 'INCLUSION_BY_RESOURCE_TYPES' },
          },
          recordingScope: 'INTERNAL',
          servicePrincipal: 'someservice.amazonaws.com',
        },
      ],
    });
    mock.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
    emptyRest();
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    if (out.recorders.status !== 'ok') throw new Error('expected ok');
    const rec = out.recorders.value[0]!;
    expect(rec).toMatchObject({
      allSupported: false,
      recordingStrategy: 'INCLUSION_BY_RESOURCE_TYPES',
      resourceTypes: ['AWS::EC2::Instance'],
      servicePrincipal: 'someservice.amazonaws.com',
      recordingScope: 'INTERNAL',
    });
    expect(rec.status).toMatchObject({ status: 'failed', error: { code: 'StatusMissing' } });
    // The unread status is in the report's collection issues too.
    expect(issues).toMatchObject([
      { what: 'config recorder status (AWSConfigurationRecorderForSomeService)', status: 'failed', code: 'StatusMissing', permission: 'config:DescribeConfigurationRecorderStatus' },
    ]);
  });

  it('AccessDenied on the status call leaves recorders listed with an access_denied status', async () => {
    mock.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [recorder] });
    mock.on(DescribeConfigurationRecorderStatusCommand).rejects(accessDenied('config:DescribeConfigurationRecorderStatus'));
    mock.on(DescribeDeliveryChannelsCommand).rejects(accessDenied('config:DescribeDeliveryChannels'));
    mock.on(DescribeConfigRulesCommand).resolves({ ConfigRules: [] });
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    if (out.recorders.status !== 'ok') throw new Error('expected ok');
    expect(out.recorders.value[0]!.status).toMatchObject({ status: 'access_denied', error: { permission: 'config:DescribeConfigurationRecorderStatus' } });
    expect(out.deliveryChannels).toMatchObject({ status: 'access_denied', error: { permission: 'config:DescribeDeliveryChannels' } });
    expect(issues.map((i) => i.permission).sort()).toEqual(['config:DescribeConfigurationRecorderStatus', 'config:DescribeDeliveryChannels']);
  });

  it('follows NextToken through every page of DescribeConfigRules', async () => {
    mock.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
    mock.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [] });
    mock.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [] });
    mock
      .on(DescribeConfigRulesCommand)
      .resolves({ ConfigRules: [{ ConfigRuleName: 'r1', Source: { Owner: 'AWS', SourceIdentifier: 'ROOT_ACCOUNT_MFA_ENABLED' } }], NextToken: 'page-2' });
    mock
      .on(DescribeConfigRulesCommand, { NextToken: 'page-2' })
      .resolves({ ConfigRules: [{ ConfigRuleName: 'r2', Source: { Owner: 'CUSTOM_LAMBDA', SourceIdentifier: 'arn:aws:lambda:eu-west-1:123456789012:function:f' } }] });
    const { ctx } = testContext();
    const out = await collect(ctx);
    expect(out.rules.status === 'ok' && out.rules.value.map((r) => r.name)).toEqual(['r1', 'r2']);
    expect(mock.commandCalls(DescribeConfigRulesCommand)).toHaveLength(2);
  });

  it('no Config endpoint in the region => every key not_available', async () => {
    mock.onAnyCommand().rejects(dnsNotFound('config.xx-east-9.amazonaws.com'));
    const { ctx } = testContext('xx-east-9');
    const out = await collect(ctx);
    expect(out.recorders.status).toBe('not_available');
    expect(out.deliveryChannels.status).toBe('not_available');
    expect(out.rules).toMatchObject({ status: 'not_available', error: { permission: 'config:DescribeConfigRules' } });
  });
});
