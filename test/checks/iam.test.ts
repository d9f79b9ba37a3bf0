import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/iam.js';
import type { Check, Finding } from '../../src/checks/types.js';
import type { AccountInventory, IamRole, IamUser } from '../../src/model/inventory.js';
import { account, credentialRow, denied, inventory, NOW, ok, rootRow } from '../helpers/inventory.js';

const byId = (id: string): Check => checks.find((c) => c.meta.id === id)!;
function run(id: string, acct: AccountInventory): Finding[] {
  return byId(id).run(acct, { now: NOW, inventory: inventory([acct]) });
}
const statuses = (fs: Finding[]) => fs.map((f) => f.status);
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString().replace('.000Z', '+00:00');

function user(name: string, overrides: Partial<IamUser> = {}): IamUser {
  return { arn: `arn:aws:iam::111122223333:user/${name}`, name, id: `AID${name}`, path: '/', createDate: daysAgo(400), inlinePolicies: [], attachedPolicies: [], groups: [], accessKeys: ok([]), mfaDevices: ok([]), ...overrides };
}
function role(name: string, policyArns: string[]): IamRole {
  return { arn: `arn:aws:iam::111122223333:role/${name}`, name, id: `ARO${name}`, path: '/', createDate: daysAgo(10), trustPolicy: {}, inlinePolicies: [], attachedPolicies: policyArns.map((arn) => ({ arn, name: arn.split('/').pop()! })) };
}

describe('root user checks', () => {
  it('root access keys: PASS, FAIL from either source, ERROR when neither source was read', () => {
    expect(statuses(run('iam_root_no_access_keys', account({ iam: { credentialReport: ok([rootRow()]) } })))).toEqual(['PASS']);
    expect(statuses(run('iam_root_no_access_keys', account({ iam: { accountSummary: ok({ AccountAccessKeysPresent: 1 }) } })))).toEqual(['FAIL']);
    // The summary says none, but the credential report shows an active root key: FAIL.
    const conflict = account({ iam: { accountSummary: ok({ AccountAccessKeysPresent: 0 }), credentialReport: ok([rootRow({ access_key_2_active: 'true' })]) } });
    expect(statuses(run('iam_root_no_access_keys', conflict))).toEqual(['FAIL']);
    const none = account({ iam: { accountSummary: denied('iam:GetAccountSummary'), credentialReport: denied('iam:GetCredentialReport') } });
    const [e] = run('iam_root_no_access_keys', none);
    expect(e!.status).toBe('ERROR');
    expect(e!.reason).toMatch(/iam:GetAccountSummary/);
  });

  it('root MFA: PASS, FAIL, ERROR', () => {
    expect(statuses(run('iam_root_mfa_enabled', account({ iam: { accountSummary: ok({ AccountMFAEnabled: 1 }) } })))).toEqual(['PASS']);
    expect(statuses(run('iam_root_mfa_enabled', account({ iam: { accountSummary: ok({ AccountMFAEnabled: 0 }) } })))).toEqual(['FAIL']);
    const fromReport = account({ iam: { accountSummary: denied(), credentialReport: ok([rootRow({ mfa_active: 'false' })]) } });
    expect(statuses(run('iam_root_mfa_enabled', fromReport))).toEqual(['FAIL']);
    expect(statuses(run('iam_root_mfa_enabled', account({ iam: { accountSummary: denied(), credentialReport: denied() } })))).toEqual(['ERROR']);
  });

  it('root hardware MFA: PASS with no virtual device, FAIL with a virtual one, ERROR when devices unread', () => {
    const base = { accountSummary: ok({ AccountMFAEnabled: 1 }) };
    expect(statuses(run('iam_root_hardware_mfa_enabled', account({ iam: base })))).toEqual(['PASS']);
    const virtual = account({ iam: { ...base, virtualMfaDevices: ok([{ serialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device', userArn: 'arn:aws:iam::111122223333:root' }]) } });
    expect(statuses(run('iam_root_hardware_mfa_enabled', virtual))).toEqual(['FAIL']);
    expect(statuses(run('iam_root_hardware_mfa_enabled', account({ iam: { ...base, virtualMfaDevices: denied('iam:ListVirtualMFADevices') } })))).toEqual(['ERROR']);
    expect(statuses(run('iam_root_hardware_mfa_enabled', account({ iam: { accountSummary: ok({ AccountMFAEnabled: 0 }) } })))).toEqual(['FAIL']);
  });

  it('root recent use: FAIL for a sign-in 3 days ago, PASS for 200 days ago or never, ERROR without the root row', () => {
    expect(statuses(run('iam_root_not_used_recently', account({ iam: { credentialReport: ok([rootRow({ password_last_used: daysAgo(3) })]) } })))).toEqual(['FAIL']);
    expect(statuses(run('iam_root_not_used_recently', account({ iam: { credentialReport: ok([rootRow({ password_last_used: daysAgo(200), access_key_1_last_used_date: 'N/A' })]) } })))).toEqual(['PASS']);
    expect(statuses(run('iam_root_not_used_recently', account({ iam: { credentialReport: ok([rootRow({ password_last_used: 'no_information' })]) } })))).toEqual(['PASS']);
    expect(statuses(run('iam_root_not_used_recently', account({ iam: { credentialReport: ok([credentialRow()]) } })))).toEqual(['ERROR']);
    // A time with an offset is read as that instant (2 days ago in UTC, written in +09:00).
    const tokyo = new Date(NOW.getTime() - 2 * 86_400_000 + 9 * 3_600_000).toISOString().replace('Z', '').replace('.000', '') + '+09:00';
    expect(statuses(run('iam_root_not_used_recently', account({ iam: { credentialReport: ok([rootRow({ password_last_used: tokyo })]) } })))).toEqual(['FAIL']);
  });
});

describe('password policy', () => {
  it('length and reuse: PASS, FAIL (weak or absent), ERROR', () => {
    const strong = account({ iam: { passwordPolicy: ok({ minimumPasswordLength: 14, passwordReusePrevention: 24 }) } });
    const weak = account({ iam: { passwordPolicy: ok({ minimumPasswordLength: 8, passwordReusePrevention: 5 }) } });
    for (const id of ['iam_password_policy_min_length_14', 'iam_password_policy_reuse_24']) {
      expect(statuses(run(id, strong))).toEqual(['PASS']);
      expect(statuses(run(id, weak))).toEqual(['FAIL']);
      expect(statuses(run(id, account()))).toEqual(['FAIL']);
      const [e] = run(id, account({ iam: { passwordPolicy: denied('iam:GetAccountPasswordPolicy') } }));
      expect(e!.status).toBe('ERROR');
      expect(e!.reason).toMatch(/iam:GetAccountPasswordPolicy/);
    }
  });
});

describe('IAM users from the credential report', () => {
  const report = (...rows: ReturnType<typeof credentialRow>[]) => account({ iam: { credentialReport: ok([rootRow(), ...rows]) } });

  it('console MFA: the root row is ignored; users are judged one by one', () => {
    const fs = run('iam_user_console_mfa', report(
      credentialRow({ user: 'a', password_enabled: 'true', mfa_active: 'true' }),
      credentialRow({ user: 'b', password_enabled: 'true', mfa_active: 'false' }),
      credentialRow({ user: 'c', password_enabled: 'false' }),
    ));
    expect(fs.map((f) => [f.resourceId, f.status])).toEqual([['a', 'PASS'], ['b', 'FAIL'], ['c', 'PASS']]);
    expect(statuses(run('iam_user_console_mfa', account({ iam: { credentialReport: denied() } })))).toEqual(['ERROR']);
  });

  it('initial access keys: FAIL for a console user with an active never-used key', () => {
    const fs = run('iam_user_no_initial_access_keys', report(
      credentialRow({ user: 'a', password_enabled: 'true', access_key_1_active: 'true', access_key_1_last_rotated: daysAgo(10), access_key_1_last_used_date: 'N/A' }),
      credentialRow({ user: 'b', password_enabled: 'true', access_key_1_active: 'true', access_key_1_last_rotated: daysAgo(10), access_key_1_last_used_date: daysAgo(1) }),
    ));
    expect(statuses(fs)).toEqual(['FAIL', 'PASS']);
    expect(statuses(run('iam_user_no_initial_access_keys', account({ iam: { credentialReport: denied() } })))).toEqual(['ERROR']);
  });

  it('unused 45 days: counts from last use, or from creation when never used', () => {
    const fs = run('iam_user_unused_credentials_45_days', report(
      credentialRow({ user: 'recent', password_enabled: 'true', password_last_used: daysAgo(5), password_last_changed: daysAgo(300) }),
      credentialRow({ user: 'stale', password_enabled: 'true', password_last_used: daysAgo(60) }),
      credentialRow({ user: 'new-never-used', password_enabled: 'true', password_last_used: 'N/A', password_last_changed: daysAgo(3), user_creation_time: daysAgo(3) }),
      credentialRow({ user: 'old-never-used-key', access_key_1_active: 'true', access_key_1_last_rotated: daysAgo(100), access_key_1_last_used_date: 'N/A' }),
      credentialRow({ user: 'inactive-old-key', access_key_1_active: 'false', access_key_1_last_rotated: daysAgo(900) }),
    ));
    expect(fs.map((f) => [f.resourceId, f.status])).toEqual([
      ['recent', 'PASS'],
      ['stale', 'FAIL'],
      ['new-never-used', 'PASS'],
      ['old-never-used-key', 'FAIL'],
      ['inactive-old-key', 'PASS'],
    ]);
    expect(statuses(run('iam_user_unused_credentials_45_days', account({ iam: { credentialReport: denied() } })))).toEqual(['ERROR']);
  });

  it('single active key and rotation', () => {
    const two = credentialRow({ user: 'two', access_key_1_active: 'true', access_key_2_active: 'true', access_key_1_last_rotated: daysAgo(10), access_key_2_last_rotated: daysAgo(120) });
    const one = credentialRow({ user: 'one', access_key_1_active: 'true', access_key_1_last_rotated: daysAgo(30) });
    expect(statuses(run('iam_user_single_active_key', report(two, one)))).toEqual(['FAIL', 'PASS']);
    expect(statuses(run('iam_user_access_keys_rotated_90_days', report(two, one)))).toEqual(['FAIL', 'PASS']);
    const unknownDate = credentialRow({ user: 'x', access_key_1_active: 'true', access_key_1_last_rotated: 'N/A' });
    expect(statuses(run('iam_user_access_keys_rotated_90_days', report(unknownDate)))).toEqual(['ERROR']);
    expect(statuses(run('iam_user_single_active_key', account({ iam: { credentialReport: denied() } })))).toEqual(['ERROR']);
  });
});

describe('users, roles and attached policies', () => {
  it('no direct user policies', () => {
    const acct = account({ iam: { users: ok([user('ok'), user('bad', { attachedPolicies: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', name: 'ReadOnlyAccess' }] }), user('inline', { inlinePolicies: [{ name: 'p', document: {} }] })]) } });
    expect(statuses(run('iam_user_no_direct_policies', acct))).toEqual(['PASS', 'FAIL', 'FAIL']);
    expect(statuses(run('iam_user_no_direct_policies', account({ iam: { users: denied() } })))).toEqual(['ERROR']);
  });

  it('support role: PASS when a role has AWSSupportAccess, FAIL otherwise, ERROR when roles unread', () => {
    expect(statuses(run('iam_support_role_exists', account({ iam: { roles: ok([role('support', ['arn:aws:iam::aws:policy/AWSSupportAccess'])]) } })))).toEqual(['PASS']);
    // A customer policy named the same does not count.
    expect(statuses(run('iam_support_role_exists', account({ iam: { roles: ok([role('x', ['arn:aws:iam::111122223333:policy/AWSSupportAccess'])]) } })))).toEqual(['FAIL']);
    expect(statuses(run('iam_support_role_exists', account({ iam: { roles: denied() } })))).toEqual(['ERROR']);
  });

  it('CloudShell full access: FAIL when attached anywhere, ERROR when a list is unread and nothing found', () => {
    expect(statuses(run('iam_cloudshell_full_access_not_attached', account()))).toEqual(['PASS']);
    expect(statuses(run('iam_cloudshell_full_access_not_attached', account({ iam: { roles: ok([role('dev', ['arn:aws:iam::aws:policy/AWSCloudShellFullAccess'])]) } })))).toEqual(['FAIL']);
    expect(statuses(run('iam_cloudshell_full_access_not_attached', account({ iam: { groups: denied() } })))).toEqual(['ERROR']);
  });

  it('expired server certificates', () => {
    const acct = account({ iam: { serverCertificates: ok([
      { arn: 'arn:aws:iam::111122223333:server-certificate/old', name: 'old', expiration: daysAgo(1) },
      { arn: 'arn:aws:iam::111122223333:server-certificate/new', name: 'new', expiration: daysAgo(-100) },
    ]) } });
    expect(statuses(run('iam_no_expired_server_certificates', acct))).toEqual(['FAIL', 'PASS']);
    expect(statuses(run('iam_no_expired_server_certificates', account({ iam: { serverCertificates: denied() } })))).toEqual(['ERROR']);
  });

  it('custom full-admin policies: FAIL when attached, PASS when not attached or narrower, ERROR for a malformed document', () => {
    const pol = (name: string, document: Record<string, unknown>, attachmentCount = 1) => ({ arn: `arn:aws:iam::111122223333:policy/${name}`, name, id: name, path: '/', awsManaged: false, attachmentCount, defaultVersionId: 'v1', document });
    const admin = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*:*', Resource: ['*'] }] };
    const rewritten = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['*'], Resource: '*' } };
    const narrow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
    const conditioned = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] };
    const acct = account({ iam: { policies: ok([pol('a', admin), pol('b', rewritten), pol('c', narrow), pol('d', admin, 0), pol('e', conditioned)]) } });
    // The CIS audit flags any Allow "*" on "*" statement, conditions or not; the conditions are reported.
    const fs = run('iam_no_custom_full_admin_policies', acct);
    expect(fs.map((f) => [f.resourceId, f.status])).toEqual([['a', 'FAIL'], ['b', 'FAIL'], ['c', 'PASS'], ['d', 'PASS'], ['e', 'FAIL']]);
    expect(fs[4]!.reason).toMatch(/aws:MultiFactorAuthPresent/);
    const bad = account({ iam: { policies: ok([pol('x', { Statement: 'nonsense' })]) } });
    expect(statuses(run('iam_no_custom_full_admin_policies', bad))).toEqual(['ERROR']);
    expect(statuses(run('iam_no_custom_full_admin_policies', account({ iam: { policies: denied() } })))).toEqual(['ERROR']);
  });

  it('AWS managed full-admin policies (CIS audit lists AWS managed attached policies too): FAIL for attached AdministratorAccess, PASS for narrower or unattached, ERROR when unread', () => {
    const admin = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    const ro = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 'ec2:Describe*'], Resource: '*' }] };
    const aws = (name: string, document: Record<string, unknown>, attachmentCount = 1) => ({ arn: `arn:aws:iam::aws:policy/${name}`, name, id: name, path: '/', awsManaged: true, attachmentCount, defaultVersionId: 'v1', document });
    const acct = account({ iam: { policies: ok([aws('AdministratorAccess', admin), aws('ReadOnlyAccess', ro), aws('Unused', admin, 0)]), roles: ok([role('ops', ['arn:aws:iam::aws:policy/AdministratorAccess'])]) } });
    const fs = run('iam_no_aws_managed_full_admin_policies', acct);
    expect(fs.map((f) => [f.resourceId, f.status])).toEqual([['AdministratorAccess', 'FAIL'], ['ReadOnlyAccess', 'PASS']]);
    expect(fs[0]!.reason).toMatch(/role ops/);
    // The customer-managed check does not judge AWS managed policies.
    expect(statuses(run('iam_no_custom_full_admin_policies', acct))).toEqual(['PASS']);
    // Attached but the document is not in the inventory (a template): AdministratorAccess FAILs as documented, others are ERROR.
    const template = account({ iam: { policies: ok([]), roles: ok([role('a', ['arn:aws:iam::aws:policy/AdministratorAccess']), role('b', ['arn:aws:iam::aws:policy/PowerUserAccess'])]) } });
    expect(run('iam_no_aws_managed_full_admin_policies', template).map((f) => [f.resourceId, f.status])).toEqual([['AdministratorAccess', 'FAIL'], ['PowerUserAccess', 'ERROR']]);
    expect(statuses(run('iam_no_aws_managed_full_admin_policies', account()))).toEqual(['PASS']);
    expect(statuses(run('iam_no_aws_managed_full_admin_policies', account({ iam: { policies: denied() } })))).toEqual(['ERROR']);
    expect(statuses(run('iam_no_aws_managed_full_admin_policies', account({ iam: { roles: denied() } })))).toEqual(['ERROR']);
  });

  it('EC2 instance profiles: PASS with a profile, FAIL without, terminated ignored, ERROR per unreadable region', () => {
    const inst = (id: string, state: string, profile?: string) => ({ id, arn: `arn:aws:ec2:us-east-1:111122223333:instance/${id}`, state, securityGroupIds: [], iamInstanceProfileArn: profile });
    const acct = account({}, { 'us-east-1': { ec2: { instances: ok([inst('i-1', 'running', 'arn:aws:iam::111122223333:instance-profile/app'), inst('i-2', 'stopped'), inst('i-3', 'terminated')]) } as never }, 'eu-west-1': { ec2: { instances: denied('ec2:DescribeInstances') } as never } });
    expect(run('iam_ec2_instance_profile_attached', acct).map((f) => [f.resourceId, f.status])).toEqual([['i-1', 'PASS'], ['i-2', 'FAIL'], ['111122223333', 'ERROR']]);
  });
});
