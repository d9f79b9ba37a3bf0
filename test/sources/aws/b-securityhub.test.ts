import { DescribeHubCommand, GetEnabledStandardsCommand, InvalidAccessException, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/securityhub.js';
import { ACCOUNT, accessDenied, testContext, unrecognizedClient } from './b-context.js';

const mock = mockClient(SecurityHubClient);
afterEach(() => mock.reset());

const HUB = `arn:aws:securityhub:eu-west-1:${ACCOUNT}:hub/default`;
const FSBP = 'arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0';

function invalidAccess(message: string): InvalidAccessException {
  return new InvalidAccessException({ message, Message: message, Code: 'InvalidAccessException', $metadata: { httpStatusCode: 401 } });
}

describe('securityhub collector', () => {
  it('maps the hub and enabled standards', async () => {
    mock.on(DescribeHubCommand).resolves({ HubArn: HUB, SubscribedAt: '2025-01-01T00:00:00.000Z', AutoEnableControls: true, ControlFindingGenerator: 'SECURITY_CONTROL' });
    mock.on(GetEnabledStandardsCommand).resolves({
      StandardsSubscriptions: [
        {
          StandardsSubscriptionArn: `arn:aws:securityhub:eu-west-1:${ACCOUNT}:subscription/aws-foundational-security-best-practices/v/1.0.0`,
          StandardsArn: FSBP,
          StandardsInput: {},
          StandardsStatus: 'READY',
        },
      ],
    });
    const out = await collect(testContext().ctx);
    expect(out.hub).toEqual({ status: 'ok', value: { arn: HUB, subscribedAt: '2025-01-01T00:00:00.000Z', autoEnableControls: true } });
    expect(out.standards).toEqual({
      status: 'ok',
      value: [{ arn: `arn:aws:securityhub:eu-west-1:${ACCOUNT}:subscription/aws-foundational-security-best-practices/v/1.0.0`, standardsArn: FSBP, status: 'READY' }],
    });
  });

  it('not subscribed (InvalidAccessException) => hub ok(null), standards ok([]) without asking, no issue', async () => {
    mock.on(DescribeHubCommand).rejects(invalidAccess(`Account ${ACCOUNT} is not subscribed to AWS Security Hub`));
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    expect(out).toEqual({ hub: { status: 'ok', value: null }, standards: { status: 'ok', value: [] } });
    expect(mock.commandCalls(GetEnabledStandardsCommand)).toHaveLength(0);
    expect(issues).toEqual([]);
  });

  it('another InvalidAccessException is a failure, not "not enabled"', async () => {
    mock.on(DescribeHubCommand).rejects(invalidAccess('Something else went wrong'));
    mock.on(GetEnabledStandardsCommand).resolves({ StandardsSubscriptions: [] });
    const out = await collect(testContext().ctx);
    expect(out.hub).toMatchObject({ status: 'failed', error: { code: 'InvalidAccessException' } });
  });

  it('follows NextToken on GetEnabledStandards', async () => {
    mock.on(DescribeHubCommand).resolves({ HubArn: HUB });
    mock.on(GetEnabledStandardsCommand).resolves({ StandardsSubscriptions: [{ StandardsSubscriptionArn: 's1', StandardsArn: FSBP, StandardsStatus: 'READY', StandardsInput: {} }], NextToken: 'n2' });
    mock
      .on(GetEnabledStandardsCommand, { NextToken: 'n2' })
      .resolves({ StandardsSubscriptions: [{ StandardsSubscriptionArn: 's2', StandardsArn: 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0', StandardsStatus: 'INCOMPLETE', StandardsInput: {} }] });
    const out = await collect(testContext().ctx);
    expect(out.standards.status === 'ok' && out.standards.value.map((s) => [s.arn, s.status])).toEqual([
      ['s1', 'READY'],
      ['s2', 'INCOMPLETE'],
    ]);
  });

  it('AccessDenied on DescribeHub => access_denied; standards still asked', async () => {
    mock.on(DescribeHubCommand).rejects(accessDenied('securityhub:DescribeHub'));
    mock.on(GetEnabledStandardsCommand).rejects(accessDenied('securityhub:GetEnabledStandards'));
    const out = await collect(testContext().ctx);
    expect(out.hub).toMatchObject({ status: 'access_denied', error: { permission: 'securityhub:DescribeHub' } });
    expect(out.standards).toMatchObject({ status: 'access_denied', error: { permission: 'securityhub:GetEnabledStandards' } });
  });

  it('a region that is not enabled => not_available', async () => {
    mock.onAnyCommand().rejects(unrecognizedClient());
    const out = await collect(testContext('ap-southeast-3').ctx);
    expect(out.hub.status).toBe('not_available');
    expect(out.standards.status).toBe('not_available');
  });
});
