/**
 * Real SDK clients against canned HTTP responses in AWS's documented wire formats: checks that the
 * error codes kenro matches are the ones the SDK actually produces after deserialization and
 * retries (no mocks of `send`).
 */
import { DescribeKeyPairsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetLoginProfileCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetBucketPolicyCommand, GetBucketEncryptionCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { createRegionContext, createRuntime } from '../../../src/sources/aws/context.js';
import { captureHandler } from './a-helpers.js';

function wireContext(body: string, status: number, maxAttempts = 1) {
  const cap = captureHandler(body, status);
  const rt = createRuntime('123456789012', 'aws', {}, {
    configFor: (region) => ({
      region,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
      maxAttempts,
      retryMode: 'standard',
      requestHandler: cap.handler,
    }),
  });
  return { ctx: createRegionContext(rt, 'eu-west-1'), cap, issues: rt.issues };
}

describe('SDK error codes on the wire', () => {
  it('IAM NoSuchEntity (awsQuery XML, 404) is absent for GetLoginProfile', async () => {
    const { ctx } = wireContext(
      '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>Login Profile for User alice cannot be found.</Message></Error><RequestId>r</RequestId></ErrorResponse>',
      404,
    );
    const iam = ctx.client(IAMClient);
    const r = await ctx.call('iam:GetLoginProfile', () => iam.send(new GetLoginProfileCommand({ UserName: 'alice' })), { absentCodes: ['NoSuchEntity'] });
    expect(r).toEqual({ status: 'ok', value: null });
  });

  it('S3 NoSuchBucketPolicy (REST XML, 404) is absent; AccessDenied (403) is access_denied', async () => {
    const absent = wireContext('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucketPolicy</Code><Message>The bucket policy does not exist</Message><BucketName>b</BucketName><RequestId>r</RequestId></Error>', 404);
    const s3 = absent.ctx.client(S3Client);
    expect(await absent.ctx.call('s3:GetBucketPolicy', () => s3.send(new GetBucketPolicyCommand({ Bucket: 'b' })), { absentCodes: ['NoSuchBucketPolicy'] })).toEqual({ status: 'ok', value: null });

    const denied = wireContext('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>r</RequestId></Error>', 403);
    const s3d = denied.ctx.client(S3Client);
    const r = await denied.ctx.call('s3:GetEncryptionConfiguration', () => s3d.send(new GetBucketEncryptionCommand({ Bucket: 'b' })), {
      absentCodes: ['ServerSideEncryptionConfigurationNotFoundError'],
    });
    expect(r).toEqual({ status: 'access_denied', error: { code: 'AccessDenied', message: 'Access Denied', permission: 's3:GetEncryptionConfiguration' } });
  });

  it('EC2 throttling that outlives the SDK retries is failed with its code, after maxAttempts requests', async () => {
    const { ctx, cap, issues } = wireContext(
      '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>',
      503,
      2,
    );
    const ec2 = ctx.client(EC2Client);
    const r = await ctx.call('ec2:DescribeKeyPairs', () => ec2.send(new DescribeKeyPairsCommand({})));
    expect(cap.requests).toHaveLength(2);
    expect(r).toEqual({ status: 'failed', error: { code: 'RequestLimitExceeded', message: 'Request limit exceeded.', permission: 'ec2:DescribeKeyPairs' } });
    expect(issues[0]?.status).toBe('failed');
  });

  it('EC2 UnauthorizedOperation and OptInRequired map to access_denied and not_available', async () => {
    const denied = wireContext('<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>r</RequestID></Response>', 403);
    const e1 = denied.ctx.client(EC2Client);
    expect((await denied.ctx.call('ec2:DescribeKeyPairs', () => e1.send(new DescribeKeyPairsCommand({})))).status).toBe('access_denied');
    const optIn = wireContext('<Response><Errors><Error><Code>OptInRequired</Code><Message>You are not subscribed to this service.</Message></Error></Errors><RequestID>r</RequestID></Response>', 401);
    const e2 = optIn.ctx.client(EC2Client);
    expect((await optIn.ctx.call('ec2:DescribeKeyPairs', () => e2.send(new DescribeKeyPairsCommand({})))).status).toBe('not_available');
  });
});
