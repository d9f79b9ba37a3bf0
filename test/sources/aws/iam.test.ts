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

  it('a malformed user inline policy fails only users, naming the user and policy; groups, roles and policies stay ok', async () => {
    happyAccount();
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      IsTruncated: false,
      UserDetailList: [
        { UserName: 'bob', UserId: 'X', Arn: 'arn:bob', Path: '/', CreateDate: new Date(), UserPolicyList: [{ PolicyName: 'broken', PolicyDocument: '%7Bnot-json' }] },
        { UserName: 'carol', UserId: 'Y', Arn: 'arn:carol', Path: '/', CreateDate: new Date(), UserPolicyList: [{ PolicyName: 'fine', PolicyDocument: enc(ALLOW_ALL) }] },
      ],
      GroupDetailList: [{ GroupName: 'g', GroupId: 'G', Arn: 'arn:g', Path: '/', GroupPolicyList: [{ PolicyName: 'p', PolicyDocument: enc(ALLOW_ALL) }] }],
      RoleDetailList: [{ RoleName: 'r', RoleId: 'R', Arn: 'arn:r', Path: '/', CreateDate: new Date(), AssumeRolePolicyDocument: enc(TRUST) }],
      Policies: [],
    });
    const { ctx, issues } = testContext('us-east-1', 'global');
    const inv = await collect(ctx);
    expect(inv.users.status).toBe('failed');
    expect(inv.users.status !== 'ok' && inv.users.error).toMatchObject({ code: 'MalformedPolicy', permission: 'iam:GetAccountAuthorizationDetails' });
    expect(inv.users.status !== 'ok' && inv.users.error.message).toMatch(/inline policy broken of user bob/);
    expect(inv.groups.status === 'ok' && inv.groups.value.map((g) => g.inlinePolicies[0]?.document)).toEqual([ALLOW_ALL]);
    expect(inv.roles.status === 'ok' && inv.roles.value.map((r) => r.trustPolicy)).toEqual([TRUST]);
    expect(inv.policies).toEqual({ status: 'ok', value: [] });
    expect(issues).toEqual([expect.objectContaining({ what: 'iam user bob', status: 'failed', code: 'MalformedPolicy', permission: 'iam:GetAccountAuthorizationDetails' })]);
    // Users were not read as a whole, so no per-user calls were made.
    expect(iam.commandCalls(ListAccessKeysCommand)).toHaveLength(0);
  });

  it('a malformed trust policy fails only roles; a managed policy without its default version fails only policies; an unattached AWS policy is never parsed', async () => {
    happyAccount();
    iam.on(GetAccountAuthorizationDetailsCommand).resolves({
      IsTruncated: false,
      UserDetailList: [{ UserName: 'dave', UserId: 'D', Arn: 'arn:dave', Path: '/', CreateDate: new Date(), UserPolicyList: [] }],
      RoleDetailList: [
        { RoleName: 'bad1', RoleId: 'R1', Arn: 'arn:r1', Path: '/', CreateDate: new Date(), AssumeRolePolicyDocument: '%7B' },
        { RoleName: 'bad2', RoleId: 'R2', Arn: 'arn:r2', Path: '/', CreateDate: new Date(), AssumeRolePolicyDocument: enc(TRUST), RolePolicyList: [{ PolicyName: 'x', PolicyDocument: '[]' }] },
      ],
      Policies: [
        { PolicyName: 'nov', PolicyId: 'P', Arn: `arn:aws:iam::${ACCOUNT}:policy/nov`, Path: '/', DefaultVersionId: 'v3', AttachmentCount: 1, PolicyVersionList: [] },
        { PolicyName: 'Unused', PolicyId: 'U', Arn: 'arn:aws:iam::aws:policy/Unused', Path: '/', DefaultVersionId: 'v1', AttachmentCount: 0, PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: 'not json' }] },
      ],
    });
    const { ctx, issues } = testContext('us-east-1', 'global');
    const inv = await collect(ctx);
    expect(inv.users.status === 'ok' && inv.users.value.map((u) => u.name)).toEqual(['dave']);
    expect(inv.groups).toEqual({ status: 'ok', value: [] });
    expect(inv.roles.status !== 'ok' && inv.roles.error.message).toMatch(/trust policy of role bad1.*\(and 1 more roles with unreadable documents\)/);
    expect(inv.policies.status !== 'ok' && inv.policies.error).toMatchObject({ code: 'MalformedResponse', message: expect.stringMatching(/policy\/nov has no default version document/) });
    expect(issues.map((i) => [i.what, i.code])).toEqual([
      ['iam role bad1', 'MalformedPolicy'],
      ['iam role bad2', 'MalformedPolicy'],
      [`iam managed policy arn:aws:iam::${ACCOUNT}:policy/nov`, 'MalformedResponse'],
    ]);
  });

  it('records when the credential report that was read was generated', async () => {
    happyAccount();
    iam.on(GetCredentialReportCommand).resolves({ Content: new TextEncoder().encode(REPORT), ReportFormat: 'text/csv', GeneratedTime: new Date('2026-11-22T15:00:00Z') });
    const { ctx } = testContext('us-east-1', 'global');
    const inv = await collect(ctx);
    expect(inv.credentialReport.status).toBe('ok');
    expect(inv.credentialReportGeneratedAt).toBe('2026-11-22T15:00:00.000Z');
  });

  it('GenerateCredentialReport denied: reads the report AWS still holds, with its age, and records no issue', async () => {
    happyAccount();
    iam.on(GenerateCredentialReportCommand).rejects(awsError('AccessDenied', 403, 'not authorized to perform: iam:GenerateCredentialReport'));
    iam.on(GetCredentialReportCommand).resolves({ Content: new TextEncoder().encode(REPORT), ReportFormat: 'text/csv', GeneratedTime: new Date('2026-11-22T14:00:00Z') });
    const { ctx, issues } = testContext('us-east-1', 'global');
    const inv = await collect(ctx);
    expect(inv.credentialReport.status === 'ok' && inv.credentialReport.value.map((r) => r.user)).toEqual(['<root_account>', 'alice']);
    expect(inv.credentialReportGeneratedAt).toBe('2026-11-22T14:00:00.000Z');
    expect(iam.commandCalls(GenerateCredentialReportCommand)).toHaveLength(1);
    expect(issues).toEqual([]);
  });

  it('GenerateCredentialReport denied and no report present: access_denied naming iam:GenerateCredentialReport, one issue', async () => {
    happyAccount();
    iam.on(GenerateCredentialReportCommand).rejects(awsError('AccessDenied', 403, 'not authorized'));
    iam.on(GetCredentialReportCommand).rejects(awsError('ReportNotPresent', 410, 'Credential report not present'));
    const { ctx, issues } = testContext('us-east-1', 'global');
    const inv = await collect(ctx);
    expect(inv.credentialReport.status).toBe('access_denied');
    expect(inv.credentialReport.status !== 'ok' && inv.credentialReport.error).toMatchObject({ code: 'AccessDenied', permission: 'iam:GenerateCredentialReport', message: expect.stringMatching(/no report generated in the last 4 hours/) });
    expect(inv.credentialReportGeneratedAt).toBeUndefined();
    expect(issues.map((i) => [i.what, i.status, i.permission])).toEqual([['iam credential report', 'access_denied', 'iam:GenerateCredentialReport']]);
  });

  it('GenerateCredentialReport and GetCredentialReport both denied: access_denied needing GetCredentialReport, the message naming both', async () => {
    happyAccount();
    iam.on(GenerateCredentialReportCommand).rejects(awsError('AccessDenied', 403, 'not authorized'));
    iam.on(GetCredentialReportCommand).rejects(awsError('AccessDenied', 403, 'not authorized either'));
    const { ctx, issues } = testContext('us-east-1', 'global');
    const inv = await collect(ctx);
    expect(inv.credentialReport.status).toBe('access_denied');
    expect(inv.credentialReport.status !== 'ok' && inv.credentialReport.error.permission).toBe('iam:GetCredentialReport');
    expect(inv.credentialReport.status !== 'ok' && inv.credentialReport.error.message).toMatch(/needs both iam:GenerateCredentialReport and iam:GetCredentialReport/);
    expect(issues.filter((i) => i.what === 'iam credential report')).toHaveLength(1);
  });

  it('GenerateCredentialReport throttled to death is failed, without a fallback read', async () => {
    happyAccount();
    iam.on(GenerateCredentialReportCommand).rejects(awsError('Throttling', 400, 'Rate exceeded'));
    const { ctx, issues } = testContext('us-east-1', 'global');
    const inv = await collect(ctx);
    expect(inv.credentialReport.status).toBe('failed');
    expect(iam.commandCalls(GetCredentialReportCommand)).toHaveLength(0);
    expect(issues.map((i) => [i.what, i.status, i.code])).toEqual([['iam credential report', 'failed', 'Throttling']]);
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
