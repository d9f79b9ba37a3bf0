import { AccessDeniedException, BadRequestException, GetDetectorCommand, GuardDutyClient, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/guardduty.js';
import { dnsNotFound, testContext } from './b-context.js';

const mock = mockClient(GuardDutyClient);
afterEach(() => mock.reset());

const ID = '12abc34d567e8fa901bc2d34e56789f0';

describe('guardduty collector', () => {
  it('maps the detector with status, frequency and features', async () => {
    mock.on(ListDetectorsCommand).resolves({ DetectorIds: [ID] });
    mock.on(GetDetectorCommand, { DetectorId: ID }).resolves({
      CreatedAt: '2025-01-01T00:00:00.000Z',
      FindingPublishingFrequency: 'SIX_HOURS',
      ServiceRole: 'arn:aws:iam::123456789012:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
      Status: 'ENABLED',
      UpdatedAt: '2025-01-01T00:00:00.000Z',
      Features: [
        { Name: 'CLOUD_TRAIL', Status: 'ENABLED', UpdatedAt: new Date('2025-01-01T00:00:00Z') },
        { Name: 'S3_DATA_EVENTS', Status: 'DISABLED', UpdatedAt: new Date('2025-01-01T00:00:00Z') },
      ],
    });
    const out = await collect(testContext().ctx);
    expect(out.detectors).toEqual({
      status: 'ok',
      value: [
        {
          id: ID,
          status: 'ENABLED',
          findingPublishingFrequency: 'SIX_HOURS',
          features: [
            { name: 'CLOUD_TRAIL', status: 'ENABLED' },
            { name: 'S3_DATA_EVENTS', status: 'DISABLED' },
          ],
        },
      ],
    });
  });

  it('no detector (GuardDuty not enabled) => ok([])', async () => {
    mock.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
    expect((await collect(testContext().ctx)).detectors).toEqual({ status: 'ok', value: [] });
    expect(mock.commandCalls(GetDetectorCommand)).toHaveLength(0);
  });

  it('follows NextToken', async () => {
    mock.on(ListDetectorsCommand).resolves({ DetectorIds: ['a'.repeat(32)], NextToken: 'n2' });
    mock.on(ListDetectorsCommand, { NextToken: 'n2' }).resolves({ DetectorIds: ['b'.repeat(32)] });
    mock.on(GetDetectorCommand).resolves({ Status: 'DISABLED', ServiceRole: 'r' });
    const out = await collect(testContext().ctx);
    expect(out.detectors.status === 'ok' && out.detectors.value.map((d) => [d.id, d.status])).toEqual([
      ['a'.repeat(32), 'DISABLED'],
      ['b'.repeat(32), 'DISABLED'],
    ]);
  });

  it('AccessDenied on GetDetector => the detector list is access_denied naming guardduty:GetDetector', async () => {
    mock.on(ListDetectorsCommand).resolves({ DetectorIds: [ID] });
    mock.on(GetDetectorCommand).rejects(new AccessDeniedException({ message: 'not authorized to perform: guardduty:GetDetector', $metadata: { httpStatusCode: 403 } }));
    expect((await collect(testContext().ctx)).detectors).toMatchObject({ status: 'access_denied', error: { permission: 'guardduty:GetDetector' } });
  });

  it('a BadRequest (e.g. malformed id) is failed, not absent', async () => {
    mock.on(ListDetectorsCommand).resolves({ DetectorIds: [ID] });
    mock.on(GetDetectorCommand).rejects(new BadRequestException({ message: 'The request is rejected because the input detectorId is not owned by the current account.', $metadata: { httpStatusCode: 400 } }));
    expect((await collect(testContext().ctx)).detectors.status).toBe('failed');
  });

  it('GuardDuty not offered in the region (no endpoint) => not_available', async () => {
    mock.on(ListDetectorsCommand).rejects(dnsNotFound('guardduty.xx-east-9.amazonaws.com'));
    expect((await collect(testContext('xx-east-9').ctx)).detectors).toMatchObject({ status: 'not_available', error: { permission: 'guardduty:ListDetectors' } });
  });
});
