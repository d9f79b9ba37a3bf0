import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sharedCredentials } from '../../../src/sources/aws/clients.js';
import { captureHandler } from './a-helpers.js';

const ASSUME_ROLE = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>ASIATESTASSUMED</AccessKeyId>
      <SecretAccessKey>assumed-secret</SecretAccessKey>
      <SessionToken>assumed-token</SessionToken>
      <Expiration>2099-01-01T00:00:00Z</Expiration>
    </Credentials>
    <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/audit/kenro-scan</Arn><AssumedRoleId>AROA:kenro-scan</AssumedRoleId></AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
</AssumeRoleResponse>`;

const KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_STS'];
let saved: Record<string, string | undefined> = {};
beforeEach(() => {
  saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
  process.env.AWS_ACCESS_KEY_ID = 'AKIDSOURCE';
  process.env.AWS_SECRET_ACCESS_KEY = 'source-secret';
  process.env.AWS_REGION = 'eu-west-1';
});
afterEach(() => {
  for (const k of KEYS) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe('sharedCredentials', () => {
  it('--role-arn assumes the role with ExternalId, MFA serial and the code asked for, once', async () => {
    const cap = captureHandler(ASSUME_ROLE);
    let asked = 0;
    const opts = {
      roleArn: 'arn:aws:iam::123456789012:role/audit',
      externalId: 'ext-123',
      mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
      mfaCode: async () => {
        asked++;
        return '654321';
      },
    };
    const provider = sharedCredentials(opts, { requestHandler: cap.handler, region: 'eu-west-1' });
    const creds = await provider();
    expect(creds.accessKeyId).toBe('ASIATESTASSUMED');
    expect(creds.sessionToken).toBe('assumed-token');
    const body = new URLSearchParams(cap.requests[0]?.body ?? '');
    expect(body.get('Action')).toBe('AssumeRole');
    expect(body.get('RoleArn')).toBe('arn:aws:iam::123456789012:role/audit');
    expect(body.get('RoleSessionName')).toBe('kenro-scan');
    expect(body.get('ExternalId')).toBe('ext-123');
    expect(body.get('SerialNumber')).toBe('arn:aws:iam::111111111111:mfa/alice');
    expect(body.get('TokenCode')).toBe('654321');
    // The request is signed with the source credentials, never sending the secret itself.
    expect(cap.requests[0]?.headers.authorization).toMatch(/Credential=AKIDSOURCE\//);
    expect(cap.requests[0]?.body).not.toContain('source-secret');
    // Cached: a second client of the scan neither assumes again nor asks for another code.
    await provider();
    expect(cap.requests).toHaveLength(1);
    expect(asked).toBe(1);
    expect(sharedCredentials(opts)).toBe(provider);
  });

  it('without a role the default chain supplies the source credentials', async () => {
    const creds = await sharedCredentials({})();
    expect(creds.accessKeyId).toBe('AKIDSOURCE');
  });
});
