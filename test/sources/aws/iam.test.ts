import {
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetLoginProfileCommand,
  GetOpenIDConnectProviderCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListInstanceProfilesCommand,
  ListMFADevicesCommand,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
  ListServerCertificatesCommand,
  ListVirtualMFADevicesCommand,
  NoSuchEntityException,
  CredentialReportNotReadyException,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCredentialReport, parseCsv } from '../../../src/sources/aws/credentialReport.js';
import { collect, credentialReportTiming } from '../../../src/sources/aws/services/iam.js';
import { ACCOUNT, awsError, testContext } from './a-helpers.js';

const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated';
const ROOT = `<root_account>,arn:aws:iam::${ACCOUNT}:root,2019-03-04T10:11:12+00:00,not_supported,2024-05-01T08:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
const ALICE = `alice,arn:aws:iam::${ACCOUNT}:user/alice,2021-06-01T09:00:00+09:00,true,no_information,2021-06-01T00:00:00+00:00,N/A,false,true,2021-06-01T00:00:00+00:00,2024-01-02T03:04:00+00:00,eu-west-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`;
const REPORT = `${HEADER}\n${ROOT}\n${ALICE}\n`;

const iam = mockClient(IAMClient);
const enc = (o: unknown) => encodeURIComponent(JSON.stringify(o));
const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };

function happyAccount() {
  iam.on(GetAccountAuthorizationDetailsCommand).callsFake((input: { Marker?: string }) =>
    !input.Marker
      ? {
          IsTruncated: true,
          Marker: 'page2',
          UserDetailList: [
            {
              UserName: 'alice',
              UserId: 'AIDAALICE',
              Arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
              Path: '/',
              CreateDate: new Date('2021-06-01T00:00:00Z'),
              GroupList: ['admins'],
              UserPolicyList: [{ PolicyName: 'inline', PolicyDocument: enc(ALLOW_ALL) }],
              AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }],
              Tags: [{ Key: 'team', Value: 'sec' }],
            },
          ],
          GroupDetailList: [{ GroupName: 'admins', GroupId: 'AGPA', Arn: `arn:aws:iam::${ACCOUNT}:group/admins`, Path: '/', GroupPolicyList: [], AttachedManagedPolicies: [] }],
        }
      : {
          IsTruncated: false,
          RoleDetailList: [
            {
              RoleName: 'app',
              RoleId: 'AROA',
              Arn: `arn:aws:iam::${ACCOUNT}:role/app`,
              Path: '/',
              CreateDate: new Date('2022-01-01T00:00:00Z'),
              AssumeRolePolicyDocument: enc(TRUST),
              RolePolicyList: [],
              AttachedManagedPolicies: [],
              RoleLastUsed: { LastUsedDate: new Date('2024-02-02T00:00:00Z'), Region: 'eu-west-1' },
            },
          ],
          Policies: [
            {
              PolicyName: 'AdministratorAccess',
              PolicyId: 'ANPA1',
              Arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
              Path: '/',
              DefaultVersionId: 'v1',
              AttachmentCount: 1,
              PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: enc(ALLOW_ALL) }],
            },
            {
              PolicyName: 'ReadOnlyAccess',
              PolicyId: 'ANPA2',
              Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
              Path: '/',
              DefaultVersionId: 'v9',
              AttachmentCount: 0,
              PolicyVersionList: [{ VersionId: 'v9', IsDefaultVersion: true, Document: enc(ALLOW_ALL) }],
            },
            {
              PolicyName: 'mine',
              PolicyId: 'ANPA3',
              Arn: `arn:aws:iam::${ACCOUNT}:policy/mine`,
              Path: '/',
              DefaultVersionId: 'v2',
              AttachmentCount: 0,
              PolicyVersionList: [
                { VersionId: 'v1', IsDefaultVersion: false, Document: enc({ Version: '2012-10-17', Statement: [] }) },
                { VersionId: 'v2', IsDefaultVersion: true, Document: enc(ALLOW_ALL) },
              ],
            },
          ],
        },
  );
  iam.on(ListAccessKeysCommand).callsFake((input: { Marker?: string }) =>
    !input.Marker
      ? { IsTruncated: true, Marker: 'k2', AccessKeyMetadata: [{ UserName: 'alice', AccessKeyId: 'AKIA1', Status: 'Active', CreateDate: new Date('2021-06-01T00:00:00Z') }] }
      : { IsTruncated: false, AccessKeyMetadata: [{ UserName: 'alice', AccessKeyId: 'AKIA2', Status: 'Inactive', CreateDate: new Date('2022-06-01T00:00:00Z') }] },
  );
  iam.on(GetAccessKeyLastUsedCommand, { AccessKeyId: 'AKIA1' }).resolves({ UserName: 'alice', AccessKeyLastUsed: { LastUsedDate: new Date('2024-01-02T03:04:00Z'), ServiceName: 's3', Region: 'eu-west-1' } });
  iam.on(GetAccessKeyLastUsedCommand, { AccessKeyId: 'AKIA2' }).resolves({ UserName: 'alice', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } });
  iam.on(ListMFADevicesCommand).resolves({ IsTruncated: false, MFADevices: [] });
  iam.on(GetLoginProfileCommand).rejects(new NoSuchEntityException({ message: 'Login Profile for User alice cannot be found.', $metadata: { httpStatusCode: 404 } }));
  iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  iam.on(GetCredentialReportCommand).resolves({ Content: new TextEncoder().encode(REPORT), ReportFormat: 'text/csv', GeneratedTime: new Date() });
  iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 } });
  iam.on(GetAccountPasswordPolicyCommand).rejects(new NoSuchEntityException({ message: 'The Password Policy with domain name 123 cannot be found.', $metadata: { httpStatusCode: 404 } }));
  iam.on(ListVirtualMFADevicesCommand).resolves({ IsTruncated: false, VirtualMFADevices: [{ SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`, User: { Arn: `arn:aws:iam::${ACCOUNT}:root`, UserName: '', UserId: ACCOUNT, Path: '/', CreateDate: new Date() }, EnableDate: new Date('2020-01-01T00:00:00Z') }] });
  iam.on(ListServerCertificatesCommand).resolves({ IsTruncated: false, ServerCertificateMetadataList: [] });
  iam.on(ListSAMLProvidersCommand).resolves({ SAMLProviderList: [] });
  iam.on(ListOpenIDConnectProvidersCommand).resolves({ OpenIDConnectProviderList: [{ Arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` }] });
  iam.on(GetOpenIDConnectProviderCommand).resolves({ Url: 'token.actions.githubusercontent.com', ClientIDList: ['sts.amazonaws.com'] });
  iam.on(ListInstanceProfilesCommand).resolves({ IsTruncated: false, InstanceProfiles: [{ InstanceProfileName: 'app', InstanceProfileId: 'AIPA', Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/app`, Path: '/', CreateDate: new Date(), Roles: [{ RoleName: 'app', RoleId: 'AROA', Arn: 'x', Path: '/', CreateDate: new Date() }] }] });
}

const realTiming = { ...credentialReportTiming };
beforeEach(() => {
  iam.reset();
  credentialReportTiming.sleep = async () => {};
});
afterEach(() => Object.assign(credentialReportTiming, realTiming));

describe('IAM collector', () => {
  it('collects users, groups, roles and policies across GetAccountAuthorizationDetails pages, URL-decoding documents', async () => {
    happyAccount();
    const { ctx, issues } = testContext('us-east-1', 'global');
    const inv = await collect(ctx);
    expect(issues).toEqual([]);
    expect(inv.users.status).toBe('ok');
    const users = inv.users.status === 'ok' ? inv.users.value : [];
    expect(users).toHaveLength(1);
    const alice = users[0]!;
    expect(alice.inlinePolicies[0]?.document).toEqual(ALLOW_ALL);
    expect(alice.groups).toEqual(['admins']);
    expect(alice.tags).toEqual({ team: 'sec' });
    expect(alice.loginProfile).toEqual({ status: 'ok', value: null });
    expect(alice.accessKeys.status === 'ok' && alice.accessKeys.value.map((k) => [k.id, k.status, k.lastUsed])).toEqual([
      ['AKIA1', 'Active', { status: 'ok', value: { date: '2024-01-02T03:04:00.000Z', service: 's3', region: 'eu-west-1' } }],
      ['AKIA2', 'Inactive', { status: 'ok', value: {} }],
    ]);
    expect(inv.roles.status === 'ok' && inv.roles.value[0]?.trustPolicy).toEqual(TRUST);
    expect(inv.roles.status === 'ok' && inv.roles.value[0]?.lastUsed).toEqual({ date: '2024-02-02T00:00:00.000Z', region: 'eu-west-1' });
    const policies = inv.policies.status === 'ok' ? inv.policies.value : [];
    // Unattached AWS managed policies are dropped; the customer policy keeps its default version.
    expect(policies.map((p) => p.name)).toEqual(['AdministratorAccess', 'mine']);
    expect(policies[1]?.document).toEqual(ALLOW_ALL);
    expect(inv.passwordPolicy).toEqual({ status: 'ok', value: null });
    expect(inv.accountSummary).toEqual({ status: 'ok', value: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 } });
    expect(inv.virtualMfaDevices.status === 'ok' && inv.virtualMfaDevices.value[0]?.userArn).toBe(`arn:aws:iam::${ACCOUNT}:root`);
    expect(inv.oidcProviders).toEqual({
      status: 'ok',
      value: [{ arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`, url: 'token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'] }],
    });
    expect(inv.instanceProfiles).toEqual({ status: 'ok', value: [{ arn: `arn:aws:iam::${ACCOUNT}:instance-profile/app`, name: 'app', roleNames: ['app'] }] });
    expect(iam.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(2);
    expect(iam.commandCalls(ListAccessKeysCommand)).toHaveLength(2);
  });

  it('AccessDenied on GetAccountAuthorizationDetails makes users, groups, roles and policies access_denied', async () => {
    happyAccount();
    iam.on(GetAccountAuthorizationDetailsCommand).rejects(awsError('AccessDenied', 403, 'User is not authorized to perform: iam:GetAccountAuthorizationDetails'));
    const { ctx, issues } = testContext('us-east-1', 'global');
    const inv = await collect(ctx);
    for (const k of ['users', 'groups', 'roles', 'policies'] as const) {
      expect(inv[k].status).toBe('access_denied');
      expect(inv[k].status !== 'ok' && inv[k].error.permission).toBe('iam:GetAccountAuthorizationDetails');
    }
    expect(issues.map((i) => [i.region, i.permission, i.status])).toEqual([['global', 'iam:GetAccountAuthorizationDetails', 'access_denied']]);
  });

  it('a malformed inline policy document fails the IAM entities with a message naming it', async () => {
    happyAccount();
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      IsTruncated: false,
      UserDetailList: [{ UserName: 'bob', UserId: 'X', Arn: 'arn', Path: '/', CreateDate: new Date(), UserPolicyList: [{ PolicyName: 'broken', PolicyDocument: '%7Bnot-json' }] }],
    });
    const { ctx, issues } = testContext('us-east-1', 'global');
    const inv = await collect(ctx);
    expect(inv.users.status).toBe('failed');
    expect(inv.users.status !== 'ok' && inv.users.error.message).toMatch(/inline policy broken of user bob/);
    expect(issues[0]?.code).toBe('MalformedResponse');
  });

  it('polls the credential report while it is being generated, then parses it', async () => {
    happyAccount();
    iam.on(GenerateCredentialReportCommand).resolvesOnce({ State: 'STARTED' }).resolvesOnce({ State: 'INPROGRESS' }).resolves({ State: 'COMPLETE' });
    iam.on(GetCredentialReportCommand)
      .rejectsOnce(new CredentialReportNotReadyException({ message: 'Report in progress', $metadata: { httpStatusCode: 404 } }))
      .resolves({ Content: new TextEncoder().encode(REPORT) });
    const { ctx, issues } = testContext('us-east-1', 'global');
    const inv = await collect(ctx);
    expect(inv.credentialReport.status).toBe('ok');
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(4);
    expect(issues).toEqual([]);
  });

  it('gives up on the credential report after a bounded number of polls with a failed status', async () => {
    happyAccount();
    credentialReportTiming.maxPolls = 3;
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    const { ctx, issues } = testContext('us-east-1', 'global');
    const inv = await collect(ctx);
    expect(inv.credentialReport.status).toBe('failed');
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(3);
    expect(issues.some((i) => i.code === 'ReportNotReady')).toBe(true);
  });
});

describe('credential report parsing', () => {
  it('keeps special values verbatim and normalises times to UTC', () => {
    const rows = parseCredentialReport(new TextEncoder().encode(REPORT));
    expect(rows).toHaveLength(2);
    const [root, alice] = rows;
    expect(root?.user).toBe('<root_account>');
    expect(root?.password_enabled).toBe('not_supported');
    expect(root?.password_last_changed).toBe('not_supported');
    expect(root?.access_key_1_last_rotated).toBe('N/A');
    expect(root?.password_last_used).toBe('2024-05-01T08:00:00.000Z');
    expect(alice?.user_creation_time).toBe('2021-06-01T00:00:00.000Z'); // +09:00 -> UTC
    expect(alice?.password_last_used).toBe('no_information');
    expect(alice?.access_key_1_last_used_service).toBe('s3');
  });

  it('handles CRLF line ends and quoted fields (IAM names may contain commas)', () => {
    expect(parseCsv('a,b\r\n"x,y","say ""hi"""\r\n')).toEqual([
      ['a', 'b'],
      ['x,y', 'say "hi"'],
    ]);
  });

  it('names a missing column', () => {
    expect(() => parseCredentialReport('user,arn\nalice,arn:x\n')).toThrow(/no column 'user_creation_time'/);
  });

  it('names a short line', () => {
    expect(() => parseCredentialReport(`${HEADER}\nalice,arn\n`)).toThrow(/line 2 has 2 fields/);
  });
});
