import type { STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { scrubSecrets, validateCredentials } from '../../../src/sources/aws/services/sts.js';
import { ACCOUNT, awsError } from './a-helpers.js';

/** A fake STS client per region: `answers[region]` is the identity or the error it gives. */
function fakeSts(answers: Record<string, Error | { Account: string; Arn: string; UserId: string }>) {
  const asked: string[] = [];
  const client = (region: string) =>
    ({
      send: async () => {
        asked.push(region);
        const a = answers[region];
        if (!a) throw new Error(`unexpected region ${region}`);
        if (a instanceof Error) throw a;
        return a;
      },
    }) as unknown as STSClient;
  return { client, asked };
}

const ME = { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/scanner`, UserId: 'AIDA' };
const rejected = () => awsError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.');

describe('validateCredentials', () => {
  it('returns the identity and partition from the first region that answers', async () => {
    const { client, asked } = fakeSts({ 'eu-west-1': ME });
    await expect(validateCredentials(['eu-west-1', 'us-east-1'], client)).resolves.toEqual({
      accountId: ACCOUNT,
      arn: ME.Arn,
      userId: 'AIDA',
      partition: 'aws',
      region: 'eu-west-1',
    });
    expect(asked).toEqual(['eu-west-1']);
  });

  it('a first region that rejects the credentials (opt-in region not enabled) is not the end: the next region validates them', async () => {
    const { client, asked } = fakeSts({ 'me-south-1': rejected(), 'us-east-1': ME });
    const who = await validateCredentials(['me-south-1', 'us-east-1'], client);
    expect(who.region).toBe('us-east-1');
    expect(asked).toEqual(['me-south-1', 'us-east-1']);
  });

  it('credentials rejected everywhere: stops with AWS code and message, naming the regions tried', async () => {
    const { client } = fakeSts({ 'eu-west-1': rejected(), 'us-east-1': awsError('UnrecognizedClientException', 400, 'The security token included in the request is invalid.') });
    await expect(validateCredentials(['eu-west-1', 'us-east-1'], client)).rejects.toThrow(
      /cannot identify the AWS account: AWS rejected the credentials \(sts:GetCallerIdentity in eu-west-1 \(also tried us-east-1\): InvalidClientTokenId: The security token included in the request is invalid\.\).*Nothing was collected/,
    );
  });

  it('any other failure (no credentials, role not assumable) stops at once without trying other regions', async () => {
    const noCreds = new Error('Could not load credentials from any providers');
    noCreds.name = 'CredentialsProviderError';
    const { client, asked } = fakeSts({ 'eu-west-1': noCreds, 'us-east-1': ME });
    await expect(validateCredentials(['eu-west-1', 'us-east-1'], client)).rejects.toThrow(/CredentialsProviderError: Could not load credentials from any providers/);
    expect(asked).toEqual(['eu-west-1']);
  });

  it('never repeats a secret in its message', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const { client } = fakeSts({ 'eu-west-1': awsError('SignatureDoesNotMatch', 403, `signature mismatch for ${secret} and tok-123456`) });
    const err = await validateCredentials(['eu-west-1'], client).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/SignatureDoesNotMatch/);
    expect((err as Error).message).not.toContain(secret);
  });
});

describe('scrubSecrets', () => {
  it('removes the values of secret environment variables and 40+ character base64 runs, keeping ordinary text', () => {
    const env = { AWS_SECRET_ACCESS_KEY: 'short-test-secret', AWS_SESSION_TOKEN: 'tok-123456' };
    expect(scrubSecrets('key short-test-secret token tok-123456 end', env)).toBe('key [redacted] token [redacted] end');
    expect(scrubSecrets(`x ${'A'.repeat(40)} y`, {})).toBe('x [redacted] y');
    expect(scrubSecrets(`arn:aws:iam::${ACCOUNT}:role/kenro-audit is fine`, {})).toBe(`arn:aws:iam::${ACCOUNT}:role/kenro-audit is fine`);
  });
});
