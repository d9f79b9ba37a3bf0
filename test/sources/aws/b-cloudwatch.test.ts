import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/cloudwatch.js';
import { ACCOUNT, awsError, dnsNotFound, testContext } from './b-context.js';

const mock = mockClient(CloudWatchClient);
afterEach(() => mock.reset());

const alarm = {
  AlarmName: 'CIS-UnauthorizedAPICalls',
  AlarmArn: `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:CIS-UnauthorizedAPICalls`,
  ActionsEnabled: true,
  OKActions: [],
  AlarmActions: [`arn:aws:sns:eu-west-1:${ACCOUNT}:security-alerts`],
  InsufficientDataActions: [],
  StateValue: 'OK' as const,
  MetricName: 'UnauthorizedAPICalls',
  Namespace: 'CISBenchmark',
  Statistic: 'Sum' as const,
  Dimensions: [],
  Period: 300,
  EvaluationPeriods: 1,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold' as const,
};

describe('cloudwatch collector', () => {
  it('asks for metric alarms only and maps them', async () => {
    mock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm], CompositeAlarms: [] });
    const { ctx } = testContext();
    const out = await collect(ctx);
    expect(mock.commandCalls(DescribeAlarmsCommand)[0]!.args[0].input).toMatchObject({ AlarmTypes: ['MetricAlarm'] });
    expect(out.alarms).toEqual({
      status: 'ok',
      value: [
        {
          name: 'CIS-UnauthorizedAPICalls',
          arn: alarm.AlarmArn,
          metricName: 'UnauthorizedAPICalls',
          namespace: 'CISBenchmark',
          statistic: 'Sum',
          threshold: 1,
          comparisonOperator: 'GreaterThanOrEqualToThreshold',
          alarmActions: [`arn:aws:sns:eu-west-1:${ACCOUNT}:security-alerts`],
          actionsEnabled: true,
        },
      ],
    });
  });

  it('no alarms => ok([]); a metric-math alarm has no metric name', async () => {
    mock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    const { ctx } = testContext();
    expect((await collect(ctx)).alarms).toEqual({ status: 'ok', value: [] });
    mock.reset();
    mock.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [{ AlarmName: 'math', AlarmArn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:math', ActionsEnabled: false, Metrics: [{ Id: 'e1', Expression: 'm1+m2' }] }],
    });
    const again = await collect(testContext().ctx);
    expect(again.alarms.status === 'ok' && again.alarms.value[0]).toEqual({
      name: 'math',
      arn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:math',
      alarmActions: [],
      actionsEnabled: false,
    });
  });

  it('follows NextToken', async () => {
    mock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm], NextToken: 'tok-2' });
    mock.on(DescribeAlarmsCommand, { NextToken: 'tok-2' }).resolves({ MetricAlarms: [{ ...alarm, AlarmName: 'second' }] });
    const out = await collect(testContext().ctx);
    expect(out.alarms.status === 'ok' && out.alarms.value.map((a) => a.name)).toEqual(['CIS-UnauthorizedAPICalls', 'second']);
  });

  it('AccessDenied => access_denied naming cloudwatch:DescribeAlarms', async () => {
    // CloudWatch (query protocol) reports denial as AccessDenied.
    mock.on(DescribeAlarmsCommand).rejects(awsError('AccessDenied', 'User is not authorized to perform: cloudwatch:DescribeAlarms', 403));
    const { ctx, issues } = testContext();
    expect((await collect(ctx)).alarms).toMatchObject({ status: 'access_denied', error: { permission: 'cloudwatch:DescribeAlarms' } });
    expect(issues).toHaveLength(1);
  });

  it('a failure on a later page fails the whole list (a partial list could hide an alarm)', async () => {
    mock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm], NextToken: 'tok-2' });
    mock.on(DescribeAlarmsCommand, { NextToken: 'tok-2' }).rejects(awsError('InternalFailure', 'internal error', 500));
    const out = await collect(testContext().ctx);
    expect(out.alarms).toMatchObject({ status: 'failed', error: { code: 'InternalFailure' } });
  });

  it('no endpoint in the region => not_available', async () => {
    mock.on(DescribeAlarmsCommand).rejects(dnsNotFound('monitoring.xx-east-9.amazonaws.com'));
    expect((await collect(testContext('xx-east-9').ctx)).alarms.status).toBe('not_available');
  });
});
