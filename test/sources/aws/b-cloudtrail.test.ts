import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  TrailNotFoundException,
} from '@aws-sdk/client-cloudtrail';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/cloudtrail.js';
import { ACCOUNT, OTHER_ACCOUNT, accessDenied, awsError, dnsNotFound, testContext, unrecognizedClient } from './b-context.js';

const mock = mockClient(CloudTrailClient);
afterEach(() => mock.reset());

const OWN_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management-events`;
const ORG_ARN = `arn:aws:cloudtrail:us-east-1:${OTHER_ACCOUNT}:trail/org-trail`;

// Shapes as in the DescribeTrails / GetTrailStatus / GetEventSelectors API reference.
const ownTrail = {
  Name: 'management-events',
  S3BucketName: 'aws-cloudtrail-logs-123456789012-1a2b3c4d',
  IncludeGlobalServiceEvents: true,
  IsMultiRegionTrail: true,
  HomeRegion: 'us-east-1',
  TrailARN: OWN_ARN,
  LogFileValidationEnabled: true,
  CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:aws-cloudtrail-logs:*`,
  CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/CloudTrailRoleForCloudWatchLogs`,
  KmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  HasCustomEventSelectors: true,
  HasInsightSelectors: false,
  IsOrganizationTrail: false,
};
const orgTrail = {
  Name: ORG_ARN,
  S3BucketName: 'org-cloudtrail-logs',
  IncludeGlobalServiceEvents: true,
  IsMultiRegionTrail: true,
  HomeRegion: 'us-east-1',
  TrailARN: ORG_ARN,
  LogFileValidationEnabled: true,
  HasCustomEventSelectors: false,
  HasInsightSelectors: false,
  IsOrganizationTrail: true,
};

describe('cloudtrail collector', () => {
  it('maps trails, status (called with the ARN) and basic event selectors', async () => {
    mock.on(DescribeTrailsCommand, { includeShadowTrails: true }).resolves({ trailList: [ownTrail] });
    mock.on(GetTrailStatusCommand, { Name: OWN_ARN }).resolves({
      IsLogging: true,
      LatestDeliveryTime: new Date('2026-11-20T10:00:00Z'),
      StartLoggingTime: new Date('2025-01-01T00:00:00Z'),
    });
    mock.on(GetEventSelectorsCommand, { TrailName: OWN_ARN }).resolves({
      TrailARN: OWN_ARN,
      EventSelectors: [
        {
          ReadWriteType: 'All',
          IncludeManagementEvents: true,
          DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }],
          ExcludeManagementEventSources: [],
        },
      ],
    });
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    expect(out.trails.status).toBe('ok');
    if (out.trails.status !== 'ok') return;
    const [t] = out.trails.value;
    expect(t).toMatchObject({
      name: 'management-events',
      arn: OWN_ARN,
      homeRegion: 'us-east-1',
      isMultiRegion: true,
      isOrganizationTrail: false,
      logFileValidationEnabled: true,
      includeGlobalServiceEvents: true,
      s3BucketName: ownTrail.S3BucketName,
      kmsKeyId: ownTrail.KmsKeyId,
      cloudWatchLogsLogGroupArn: ownTrail.CloudWatchLogsLogGroupArn,
    });
    expect(t?.ownedByOtherAccount).toBeUndefined();
    expect(t?.status).toEqual({ status: 'ok', value: { isLogging: true, latestDeliveryTime: '2026-11-20T10:00:00.000Z' } });
    expect(t?.eventSelectors).toEqual({
      status: 'ok',
      value: { basic: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }] },
    });
    expect(issues).toEqual([]);
  });

  it('maps advanced event selectors', async () => {
    mock.on(DescribeTrailsCommand).resolves({ trailList: [ownTrail] });
    mock.on(GetTrailStatusCommand).resolves({ IsLogging: false });
    mock.on(GetEventSelectorsCommand).resolves({
      TrailARN: OWN_ARN,
      AdvancedEventSelectors: [
        { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        {
          Name: 'S3 data events',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
            { Field: 'resources.ARN', NotStartsWith: ['arn:aws:s3:::noisy-bucket/'] },
          ],
        },
      ],
    });
    const { ctx } = testContext();
    const out = await collect(ctx);
    if (out.trails.status !== 'ok') throw new Error('expected ok');
    const t = out.trails.value[0]!;
    expect(t.status).toEqual({ status: 'ok', value: { isLogging: false } });
    expect(t.eventSelectors.status === 'ok' && t.eventSelectors.value.basic).toBe(undefined);
    expect(t.eventSelectors.status === 'ok' && t.eventSelectors.value.advanced?.[1]).toEqual({
      name: 'S3 data events',
      fieldSelectors: [
        { field: 'eventCategory', equals: ['Data'] },
        { field: 'resources.type', equals: ['AWS::S3::Object'] },
        { field: 'resources.ARN', notStartsWith: ['arn:aws:s3:::noisy-bucket/'] },
      ],
    });
  });

  it('an empty trail list is ok([])', async () => {
    mock.on(DescribeTrailsCommand).resolves({ trailList: [] });
    const { ctx } = testContext();
    expect(await collect(ctx)).toEqual({ trails: { status: 'ok', value: [] } });
    expect(mock.commandCalls(GetTrailStatusCommand)).toHaveLength(0);
  });

  it("marks another account's organization trail and records TrailNotFound on it as not_available without failing the region", async () => {
    mock.on(DescribeTrailsCommand).resolves({ trailList: [ownTrail, orgTrail] });
    mock.on(GetTrailStatusCommand, { Name: OWN_ARN }).resolves({ IsLogging: true });
    mock.on(GetEventSelectorsCommand, { TrailName: OWN_ARN }).resolves({ EventSelectors: [] });
    mock
      .on(GetTrailStatusCommand, { Name: ORG_ARN })
      .rejects(new TrailNotFoundException({ message: `Unknown trail: ${ORG_ARN} for the user: ${ACCOUNT}`, $metadata: { httpStatusCode: 400 } }));
    mock.on(GetEventSelectorsCommand, { TrailName: ORG_ARN }).rejects(accessDenied('cloudtrail:GetEventSelectors'));
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    if (out.trails.status !== 'ok') throw new Error('expected ok');
    expect(out.trails.value).toHaveLength(2);
    const org = out.trails.value.find((t) => t.arn === ORG_ARN)!;
    expect(org.ownedByOtherAccount).toBe(true);
    expect(org.isOrganizationTrail).toBe(true);
    expect(org.status.status).toBe('not_available');
    expect(org.status.status !== 'ok' && org.status.error.message).toContain(OTHER_ACCOUNT);
    expect(org.eventSelectors).toMatchObject({ status: 'access_denied', error: { permission: 'cloudtrail:GetEventSelectors' } });
    const own = out.trails.value.find((t) => t.arn === OWN_ARN)!;
    expect(own.status).toEqual({ status: 'ok', value: { isLogging: true } });
    // Both reads that did not succeed are in the report's collection issues, the not_available one too.
    expect(issues).toHaveLength(2);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          account: ACCOUNT,
          region: 'eu-west-1',
          what: `cloudtrail trail status (${ORG_ARN})`,
          status: 'not_available',
          code: 'TrailNotFoundException',
          permission: 'cloudtrail:GetTrailStatus',
          message: expect.stringContaining(OTHER_ACCOUNT),
        }),
        expect.objectContaining({ what: `cloudtrail event selectors (${ORG_ARN})`, status: 'access_denied', permission: 'cloudtrail:GetEventSelectors' }),
      ]),
    );
  });

  it("CloudTrailARNInvalid on another account's trail => not_available with that code, recorded", async () => {
    mock.on(DescribeTrailsCommand).resolves({ trailList: [orgTrail] });
    mock.on(GetTrailStatusCommand).rejects(awsError('CloudTrailARNInvalidException', 'This operation is not allowed for the provided ARN.'));
    mock.on(GetEventSelectorsCommand).resolves({ TrailARN: ORG_ARN, EventSelectors: [] });
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    if (out.trails.status !== 'ok') throw new Error('expected ok');
    expect(out.trails.value[0]!.status).toMatchObject({ status: 'not_available', error: { code: 'CloudTrailARNInvalidException' } });
    expect(issues).toMatchObject([{ status: 'not_available', code: 'CloudTrailARNInvalidException', permission: 'cloudtrail:GetTrailStatus' }]);
  });

  it('a multi-Region trail seen in two regions of one scan: status read in each region, event selectors read once and shared', async () => {
    mock.on(DescribeTrailsCommand).resolves({ trailList: [ownTrail] });
    mock.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    mock.on(GetEventSelectorsCommand).resolves({ TrailARN: OWN_ARN, EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] }] });
    const { ctx, issues } = testContext('eu-west-1');
    const home = ctx.forRegion('us-east-1');
    const [shadow, own] = await Promise.all([collect(ctx), collect(home)]);
    expect(mock.commandCalls(GetTrailStatusCommand)).toHaveLength(2);
    expect(mock.commandCalls(GetEventSelectorsCommand)).toHaveLength(1);
    const selectors = { status: 'ok', value: { basic: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [] }] } };
    for (const out of [shadow, own]) {
      if (out.trails.status !== 'ok') throw new Error('expected ok');
      expect(out.trails.value[0]!.eventSelectors).toEqual(selectors);
      expect(out.trails.value[0]!.status).toEqual({ status: 'ok', value: { isLogging: true } });
    }
    expect(issues).toEqual([]);
  });

  it('a denied GetEventSelectors is recorded once per scan, and every region copy carries it; another scan reads again', async () => {
    mock.on(DescribeTrailsCommand).resolves({ trailList: [ownTrail] });
    mock.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    mock.on(GetEventSelectorsCommand).rejects(accessDenied('cloudtrail:GetEventSelectors'));
    const { ctx, issues } = testContext('eu-west-1');
    const outs = await Promise.all(['eu-west-1', 'us-east-1', 'ap-south-1'].map((r) => collect(r === 'eu-west-1' ? ctx : ctx.forRegion(r))));
    for (const out of outs) {
      if (out.trails.status !== 'ok') throw new Error('expected ok');
      expect(out.trails.value[0]!.eventSelectors).toMatchObject({ status: 'access_denied', error: { permission: 'cloudtrail:GetEventSelectors' } });
    }
    expect(issues.filter((i) => i.permission === 'cloudtrail:GetEventSelectors')).toHaveLength(1);
    expect(mock.commandCalls(GetEventSelectorsCommand)).toHaveLength(1);
    // A new scan (new runtime) does not reuse the first scan's answer.
    await collect(testContext('eu-west-1').ctx);
    expect(mock.commandCalls(GetEventSelectorsCommand)).toHaveLength(2);
  });

  it('AccessDenied on DescribeTrails => access_denied naming cloudtrail:DescribeTrails, recorded as an issue', async () => {
    mock.on(DescribeTrailsCommand).rejects(accessDenied('cloudtrail:DescribeTrails'));
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    expect(out.trails).toMatchObject({ status: 'access_denied', error: { code: 'AccessDeniedException', permission: 'cloudtrail:DescribeTrails' } });
    expect(issues).toMatchObject([{ region: 'eu-west-1', status: 'access_denied', permission: 'cloudtrail:DescribeTrails' }]);
  });

  it('a TrailNotFound on an own trail (deleted during the scan) is failed, not absent', async () => {
    mock.on(DescribeTrailsCommand).resolves({ trailList: [ownTrail] });
    mock.on(GetTrailStatusCommand).rejects(new TrailNotFoundException({ message: 'Unknown trail', $metadata: {} }));
    mock.on(GetEventSelectorsCommand).resolves({ EventSelectors: [] });
    const { ctx } = testContext();
    const out = await collect(ctx);
    if (out.trails.status !== 'ok') throw new Error('expected ok');
    expect(out.trails.value[0]!.status).toMatchObject({ status: 'failed', error: { code: 'TrailNotFoundException', permission: 'cloudtrail:GetTrailStatus' } });
  });

  it('a region that is not enabled (UnrecognizedClientException) => not_available', async () => {
    mock.on(DescribeTrailsCommand).rejects(unrecognizedClient());
    const { ctx, issues } = testContext('ap-east-1');
    const out = await collect(ctx);
    expect(out.trails).toMatchObject({ status: 'not_available', error: { code: 'RegionNotEnabled', permission: 'cloudtrail:DescribeTrails' } });
    expect(issues[0]?.status).toBe('not_available');
  });

  it('no endpoint in the region (DNS ENOTFOUND) => not_available', async () => {
    mock.on(DescribeTrailsCommand).rejects(dnsNotFound('cloudtrail.xx-east-9.amazonaws.com'));
    const { ctx } = testContext('xx-east-9');
    const out = await collect(ctx);
    expect(out.trails).toMatchObject({ status: 'not_available', error: { code: 'EndpointNotFound' } });
    expect(out.trails.status !== 'ok' && out.trails.error.message).toContain('cloudtrail.xx-east-9.amazonaws.com');
  });
});
