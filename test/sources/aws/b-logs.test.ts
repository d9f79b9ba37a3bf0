import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/logs.js';
import { ACCOUNT, accessDenied, testContext, unrecognizedClient } from './b-context.js';

const mock = mockClient(CloudWatchLogsClient);
afterEach(() => mock.reset());

const group = {
  logGroupName: 'aws-cloudtrail-logs',
  creationTime: 1700000000000,
  retentionInDays: 365,
  metricFilterCount: 1,
  arn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:aws-cloudtrail-logs:*`,
  storedBytes: 0,
  kmsKeyId: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  logGroupClass: 'STANDARD' as const,
  logGroupArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:aws-cloudtrail-logs`,
};
const filter = {
  filterName: 'UnauthorizedAPICalls',
  filterPattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
  metricTransformations: [{ metricName: 'UnauthorizedAPICalls', metricNamespace: 'CISBenchmark', metricValue: '1' }],
  creationTime: 1700000000000,
  logGroupName: 'aws-cloudtrail-logs',
};

describe('logs collector', () => {
  it('maps log groups (ARN without :*) and metric filters', async () => {
    mock.on(DescribeLogGroupsCommand).resolves({ logGroups: [group] });
    mock.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [filter] });
    const out = await collect(testContext().ctx);
    expect(out.logGroups).toEqual({
      status: 'ok',
      value: [{ name: 'aws-cloudtrail-logs', arn: group.logGroupArn, retentionInDays: 365, kmsKeyId: group.kmsKeyId }],
    });
    expect(out.metricFilters).toEqual({
      status: 'ok',
      value: [
        {
          name: 'UnauthorizedAPICalls',
          logGroupName: 'aws-cloudtrail-logs',
          filterPattern: filter.filterPattern,
          metricTransformations: [{ metricName: 'UnauthorizedAPICalls', metricNamespace: 'CISBenchmark', metricValue: '1' }],
        },
      ],
    });
  });

  it('a group that never expires has no retentionInDays; older responses without logGroupArn strip :* from arn', async () => {
    const { logGroupArn: _unused, retentionInDays: _r, kmsKeyId: _k, ...old } = group;
    mock.on(DescribeLogGroupsCommand).resolves({ logGroups: [old] });
    mock.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [] });
    const out = await collect(testContext().ctx);
    expect(out.logGroups).toEqual({ status: 'ok', value: [{ name: 'aws-cloudtrail-logs', arn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:aws-cloudtrail-logs` }] });
    expect(out.metricFilters).toEqual({ status: 'ok', value: [] });
  });

  it('follows nextToken on both lists', async () => {
    mock.on(DescribeLogGroupsCommand).resolves({ logGroups: [group], nextToken: 'g2' });
    mock.on(DescribeLogGroupsCommand, { nextToken: 'g2' }).resolves({ logGroups: [{ ...group, logGroupName: 'b', logGroupArn: 'arn:b' }] });
    mock.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [filter], nextToken: 'f2' });
    mock.on(DescribeMetricFiltersCommand, { nextToken: 'f2' }).resolves({ metricFilters: [{ ...filter, filterName: 'f2' }] });
    const out = await collect(testContext().ctx);
    expect(out.logGroups.status === 'ok' && out.logGroups.value.map((g) => g.name)).toEqual(['aws-cloudtrail-logs', 'b']);
    expect(out.metricFilters.status === 'ok' && out.metricFilters.value.map((f) => f.name)).toEqual(['UnauthorizedAPICalls', 'f2']);
  });

  it('AccessDenied on metric filters => access_denied naming logs:DescribeMetricFilters; groups unaffected', async () => {
    mock.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
    mock.on(DescribeMetricFiltersCommand).rejects(accessDenied('logs:DescribeMetricFilters'));
    const out = await collect(testContext().ctx);
    expect(out.logGroups.status).toBe('ok');
    expect(out.metricFilters).toMatchObject({ status: 'access_denied', error: { permission: 'logs:DescribeMetricFilters' } });
  });

  it('a region that is not enabled => not_available', async () => {
    mock.onAnyCommand().rejects(unrecognizedClient());
    const out = await collect(testContext('me-central-1').ctx);
    expect(out.logGroups.status).toBe('not_available');
    expect(out.metricFilters.status).toBe('not_available');
  });
});
