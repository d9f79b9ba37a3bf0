import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/iam-analysis.js';
import type { Check, Finding } from '../../src/checks/types.js';
import type { AccountInventory, IamGroup, IamRole, IamUser, ManagedPolicy, PolicyDocument } from '../../src/model/inventory.js';
import { account, ACCOUNT_ID, denied, inventory, NOW, ok } from '../helpers/inventory.js';

const byId = (id: string): Check => checks.find((c) => c.meta.id === id)!;
function run(id: string, acct: AccountInventory, others: AccountInventory[] = []): Finding[] {
  return byId(id).run(acct, { now: NOW, inventory: inventory([acct, ...others]) });
}
const statuses = (fs: Finding[]) => fs.map((f) => f.status);
const byResource = (fs: Finding[]) => Object.fromEntries(fs.map((f) => [f.resourceId, f.status]));

const doc = (...Statement: Record<string, unknown>[]): PolicyDocument => ({ Version: '2012-10-17', Statement });
const ADMIN = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
const READ_S3 = doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'] });
const AWS_ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';

function managed(name: string, document: PolicyDocument, awsManaged = false, attachmentCount = 1): ManagedPolicy {
  const arn = awsManaged ? `arn:aws:iam::aws:policy/${name}` : `arn:aws:iam::${ACCOUNT_ID}:policy/${name}`;
  return { arn, name, id: name, path: '/', awsManaged, attachmentCount, defaultVersionId: 'v1', document };
}
function user(name: string, o: Partial<IamUser> = {}): IamUser {
  return { arn: `arn:aws:iam::${ACCOUNT_ID}:user/${name}`, name, id: `AID${name}`, path: '/', createDate: '2025-01-01T00:00:00Z', inlinePolicies: [], attachedPolicies: [], groups: [], accessKeys: ok([]), mfaDevices: ok([]), ...o };
}
function group(name: string, o: Partial<IamGroup> = {}): IamGroup {
  return { arn: `arn:aws:iam::${ACCOUNT_ID}:group/${name}`, name, id: `AGP${name}`, path: '/', inlinePolicies: [], attachedPolicies: [], ...o };
}
const SAME_ACCOUNT_TRUST = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' });
function role(name: string, o: Partial<IamRole> = {}): IamRole {
  return { arn: `arn:aws:iam::${ACCOUNT_ID}:role/${name}`, name, id: `ARO${name}`, path: '/', createDate: '2025-01-01T00:00:00Z', trustPolicy: SAME_ACCOUNT_TRUST, inlinePolicies: [], attachedPolicies: [], ...o };
}
const attach = (p: ManagedPolicy) => ({ arn: p.arn, name: p.name });

describe('iam_principal_admin_rights', () => {
  const awsAdmin = managed('AdministratorAccess', ADMIN, true);
  const reader = managed('Reader', READ_S3);

  it('FAIL for admin through an attached policy, a group or NotAction; PASS for a narrow principal; evidence names policy and statement', () => {
    const notAction = doc({ Sid: 'AllButBilling', Effect: 'Allow', NotAction: 'aws-portal:*', Resource: '*' });
    const acct = account({ iam: {
      policies: ok([awsAdmin, reader]),
      groups: ok([group('admins', { attachedPolicies: [attach(awsAdmin)] })]),
      users: ok([user('alice', { groups: ['admins'] }), user('bob', { attachedPolicies: [attach(reader)] }), user('carol', { inlinePolicies: [{ name: 'most', document: notAction }] })]),
      roles: ok([role('deploy', { attachedPolicies: [attach(awsAdmin)] })]),
    } });
    const fs = run('iam_principal_admin_rights', acct);
    expect(byResource(fs)).toEqual({ alice: 'FAIL', bob: 'PASS', carol: 'FAIL', deploy: 'FAIL' });
    const alice = fs.find((f) => f.resourceId === 'alice')!;
    expect(alice.reason).toMatch(/AdministratorAccess attached to group admins/);
    expect((alice.evidence as { grantedBy: { policy: string; statement: unknown }[] }).grantedBy[0]).toMatchObject({ policy: AWS_ADMIN_ARN, statement: 0 });
    expect(fs.find((f) => f.resourceId === 'carol')!.reason).toMatch(/inline policy carol\/most, statement AllButBilling/);
    expect(fs.find((f) => f.resourceId === 'deploy')!.resourceType).toBe('AWS::IAM::Role');
  });

  it('a permissions boundary that withholds IAM removes administrator rights', () => {
    const boundary = managed('NoIam', doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }));
    const acct = account({ iam: { policies: ok([awsAdmin, boundary]), roles: ok([role('bounded', { attachedPolicies: [attach(awsAdmin)], permissionsBoundary: boundary.arn })]) } });
    expect(statuses(run('iam_principal_admin_rights', acct))).toEqual(['PASS']);
  });

  it('roles that AWS creates to be administrators still FAIL, with a note saying so', () => {
    const acct = account({ iam: { policies: ok([awsAdmin]), roles: ok([role('OrganizationAccountAccessRole', { attachedPolicies: [attach(awsAdmin)] })]) } });
    const [f] = run('iam_principal_admin_rights', acct);
    expect(f!.status).toBe('FAIL');
    expect(f!.reason).toMatch(/expected: this role is created by AWS Organizations/);
    expect(f!.evidence).toHaveProperty('adminByDesign');
  });

  it('service-linked roles are not judged', () => {
    const acct = account({ iam: { policies: ok([awsAdmin]), roles: ok([role('AWSServiceRoleForSupport', { path: '/aws-service-role/support.amazonaws.com/', attachedPolicies: [attach(awsAdmin)] })]) } });
    expect(statuses(run('iam_principal_admin_rights', acct))).toEqual(['PASS']);
    expect(run('iam_principal_admin_rights', acct)[0]!.resourceType).toBe('AWS::::Account');
  });

  it('ERROR when users/roles are unread, or a principal\'s attached policy, group or boundary was not read', () => {
    expect(statuses(run('iam_principal_admin_rights', account({ iam: { users: denied('iam:GetAccountAuthorizationDetails'), roles: denied() } })))).toEqual(['ERROR', 'ERROR']);
    const missingDoc = account({ iam: { policies: ok([]), roles: ok([role('r', { attachedPolicies: [{ arn: `arn:aws:iam::${ACCOUNT_ID}:policy/Gone`, name: 'Gone' }] })]) } });
    const [e] = run('iam_principal_admin_rights', missingDoc);
    expect(e!.status).toBe('ERROR');
    expect(e!.reason).toMatch(/policy\/Gone/);
    const groupsUnread = account({ iam: { groups: denied(), users: ok([user('dave', { groups: ['admins'] })]) } });
    expect(statuses(run('iam_principal_admin_rights', groupsUnread))).toEqual(['ERROR']);
    const boundaryUnread = account({ iam: { policies: denied(), roles: ok([role('b', { inlinePolicies: [{ name: 'p', document: READ_S3 }], permissionsBoundary: 'arn:aws:iam::111122223333:policy/B' })]) } });
    expect(statuses(run('iam_principal_admin_rights', boundaryUnread))).toEqual(['ERROR']);
  });

  it('admin proved by what was read is FAIL even when another attached policy was not read', () => {
    const acct = account({ iam: { policies: ok([]), users: ok([user('eve', { inlinePolicies: [{ name: 'all', document: ADMIN }], attachedPolicies: [{ arn: `arn:aws:iam::${ACCOUNT_ID}:policy/Gone`, name: 'Gone' }] })]) } });
    const [f] = run('iam_principal_admin_rights', acct);
    expect(f!.status).toBe('FAIL');
    expect(f!.evidence).toHaveProperty('notRead');
  });
});

describe('iam_no_privilege_escalation', () => {
  it('FAIL with the steps for iam:AttachUserPolicy on oneself and for PassRole to an admin role; PASS for a reader; admins PASS as nothing to gain', () => {
    const awsAdmin = managed('AdministratorAccess', ADMIN, true);
    const selfAttach = doc({ Effect: 'Allow', Action: 'iam:AttachUserPolicy', Resource: `arn:aws:iam::${ACCOUNT_ID}:user/\${aws:username}` });
    const passRole = doc({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' });
    const lambdaTrust = doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
    const acct = account({ iam: {
      policies: ok([awsAdmin]),
      users: ok([user('mallory', { inlinePolicies: [{ name: 'self', document: selfAttach }] }), user('reader', { inlinePolicies: [{ name: 'r', document: READ_S3 }] }), user('root-ish', { attachedPolicies: [attach(awsAdmin)] })]),
      roles: ok([role('ci', { inlinePolicies: [{ name: 'deploy', document: passRole }] }), role('fn-admin', { trustPolicy: lambdaTrust, attachedPolicies: [attach(awsAdmin)] })]),
    } });
    const fs = run('iam_no_privilege_escalation', acct);
    expect(byResource(fs)).toEqual({ mallory: 'FAIL', reader: 'PASS', 'root-ish': 'PASS', ci: 'FAIL', 'fn-admin': 'PASS' });
    const m = fs.find((f) => f.resourceId === 'mallory')!;
    const paths = (m.evidence as { paths: { id: string; steps: { action: string }[] }[] }).paths;
    expect(paths.map((p) => p.id)).toContain('AttachUserPolicy');
    expect(paths.find((p) => p.id === 'AttachUserPolicy')!.steps[0]!.action).toBe('iam:AttachUserPolicy');
    const ci = (fs.find((f) => f.resourceId === 'ci')!.evidence as { paths: { id: string; gains: string }[] }).paths;
    expect(ci.find((p) => p.id === 'PassRole+Lambda')!.gains).toMatch(/fn-admin/);
    expect(fs.find((f) => f.resourceId === 'root-ish')!.reason).toMatch(/already an administrator/);
  });

  it('medium-confidence paths (taking over compute whose role rights are unknown) FAIL and say so; high-confidence ones come first', () => {
    const ops = user('ops', { inlinePolicies: [{ name: 'ssm', document: doc({ Effect: 'Allow', Action: 'ssm:SendCommand', Resource: '*' }) }] });
    // with no instance to take over, SSM gives nothing: no path
    expect(statuses(run('iam_no_privilege_escalation', account({ iam: { users: ok([ops]) } })))).toEqual(['PASS']);
    const appRole = role('app', { inlinePolicies: [{ name: 'read', document: READ_S3 }] });
    const acct = account(
      { iam: { users: ok([ops]), roles: ok([appRole]), instanceProfiles: ok([{ arn: `arn:aws:iam::${ACCOUNT_ID}:instance-profile/app`, name: 'app', roleNames: ['app'] }]) } },
      { 'us-east-1': { ec2: { instances: ok([{ id: 'i-1', arn: `arn:aws:ec2:us-east-1:${ACCOUNT_ID}:instance/i-1`, state: 'running', securityGroupIds: [], iamInstanceProfileArn: `arn:aws:iam::${ACCOUNT_ID}:instance-profile/app` }]) } } },
    );
    const f = run('iam_no_privilege_escalation', acct).find((x) => x.resourceId === 'ops');
    expect(f!.status).toBe('FAIL');
    expect(f!.reason).toMatch(/medium confidence/);
    const both = { ...acct, iam: { ...acct.iam, users: ok([user('m', { inlinePolicies: [{ name: 'x', document: doc({ Effect: 'Allow', Action: ['ssm:SendCommand', 'iam:PutUserPolicy'], Resource: '*' }) }] })]) } };
    const g = run('iam_no_privilege_escalation', both).find((x) => x.resourceId === 'm');
    expect(g!.reason).toMatch(/^1 privilege-escalation path\(s\) of high confidence and 1 of medium/);
    expect((g!.evidence as { paths: { id: string }[] }).paths[0]!.id).toBe('PutUserPolicy');
  });

  it('removing a boundary that does not exist is not an escalation', () => {
    const acct = account({ iam: { users: ok([user('u', { inlinePolicies: [{ name: 'b', document: doc({ Effect: 'Allow', Action: 'iam:DeleteUserPermissionsBoundary', Resource: '*' }) }] })]) } });
    expect(statuses(run('iam_no_privilege_escalation', acct))).toEqual(['PASS']);
  });

  it('ERROR when roles are unread, or when a principal\'s attached policy was not read and no path was found', () => {
    expect(statuses(run('iam_no_privilege_escalation', account({ iam: { roles: denied('iam:GetAccountAuthorizationDetails') } })))).toEqual(['ERROR']);
    const acct = account({ iam: { policies: denied(), users: ok([user('u', { attachedPolicies: [{ arn: `arn:aws:iam::${ACCOUNT_ID}:policy/X`, name: 'X' }] })]) } });
    expect(statuses(run('iam_no_privilege_escalation', acct))).toEqual(['ERROR']);
  });
});

describe('iam_role_trust_not_public', () => {
  it('FAIL for Principal "*" or {"AWS": "*"} without a restricting condition, and for a GitHub OIDC trust without a sub condition', () => {
    const anyone = doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' });
    const anyAws = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } });
    const github = doc({ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } });
    const acct = account({ iam: { roles: ok([role('a', { trustPolicy: anyone }), role('b', { trustPolicy: anyAws }), role('c', { trustPolicy: github })]) } });
    expect(byResource(run('iam_role_trust_not_public', acct))).toEqual({ a: 'FAIL', b: 'FAIL', c: 'FAIL' });
  });

  it('PASS for "*" pinned to the organization, a named account, an EC2 service trust, and GitHub with a repo sub', () => {
    const org = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } });
    const named = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole' });
    const ec2 = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
    const github = doc({ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' } } });
    const acct = account({ iam: { roles: ok([role('a', { trustPolicy: org }), role('b', { trustPolicy: named }), role('c', { trustPolicy: ec2 }), role('d', { trustPolicy: github })]) } });
    expect(byResource(run('iam_role_trust_not_public', acct))).toEqual({ a: 'PASS', b: 'PASS', c: 'PASS', d: 'PASS' });
  });

  it('ERROR when roles are unread or the trust policy is malformed', () => {
    expect(statuses(run('iam_role_trust_not_public', account({ iam: { roles: denied() } })))).toEqual(['ERROR']);
    expect(statuses(run('iam_role_trust_not_public', account({ iam: { roles: ok([role('x', { trustPolicy: { Statement: 'nonsense' } })]) } })))).toEqual(['ERROR']);
  });
});

describe('iam_role_trust_cross_account_external_id', () => {
  const third = (Condition?: Record<string, unknown>) => doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole', ...(Condition ? { Condition } : {}) });

  it('FAIL without sts:ExternalId (or with only IfExists / a wildcard), PASS with StringEquals sts:ExternalId or same-account trust', () => {
    const acct = account({ iam: { roles: ok([
      role('none', { trustPolicy: third() }),
      role('ifexists', { trustPolicy: third({ StringEqualsIfExists: { 'sts:ExternalId': 'x' } }) }),
      role('wild', { trustPolicy: third({ StringLike: { 'sts:ExternalId': '*' } }) }),
      role('good', { trustPolicy: third({ StringEquals: { 'sts:ExternalId': 'Unique-1234' } }) }),
      role('local', { trustPolicy: SAME_ACCOUNT_TRUST }),
    ]) } });
    expect(byResource(run('iam_role_trust_cross_account_external_id', acct))).toEqual({ none: 'FAIL', ifexists: 'FAIL', wild: 'FAIL', good: 'PASS', local: 'PASS' });
    expect(run('iam_role_trust_cross_account_external_id', acct)[0]!.reason).toMatch(/999988887777/);
  });

  it('an account scanned together with this one is treated as your own', () => {
    const acct = account({ iam: { roles: ok([role('none', { trustPolicy: third() })]) } });
    const other = account();
    other.accountId = '999988887777';
    expect(statuses(run('iam_role_trust_cross_account_external_id', acct, [other]))).toEqual(['PASS']);
  });

  it('the organization\'s management account is not a third party (OrganizationAccountAccessRole)', () => {
    const acct = account({ organization: ok({ id: 'o-abc123', arn: 'arn:aws:organizations::999988887777:organization/o-abc123', managementAccountId: '999988887777', isManagementAccount: false }), iam: { roles: ok([role('OrganizationAccountAccessRole', { trustPolicy: third() })]) } });
    expect(statuses(run('iam_role_trust_cross_account_external_id', acct))).toEqual(['PASS']);
  });

  it('ERROR when roles are unread', () => {
    expect(statuses(run('iam_role_trust_cross_account_external_id', account({ iam: { roles: denied() } })))).toEqual(['ERROR']);
  });
});

describe('iam_policy_no_wildcard_sensitive', () => {
  it('FAIL for NotAction, iam:*, iam:PassRole on "*" and "*:*"; PASS for a scoped policy; AWS managed policies are not judged', () => {
    const acct = account({ iam: {
      policies: ok([
        managed('not-action', doc({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' })),
        managed('iam-star', doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }), false, 0),
        managed('pass-role', doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })),
        managed('scoped-pass', doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } })),
        managed('reader', READ_S3),
        managed('AdministratorAccess', ADMIN, true),
      ]),
      roles: ok([role('app', { inlinePolicies: [{ name: 'everything', document: doc({ Effect: 'Allow', Action: '*:*', Resource: '*' }) }] })]),
    } });
    const fs = run('iam_policy_no_wildcard_sensitive', acct);
    expect(byResource(fs)).toEqual({ 'not-action': 'FAIL', 'iam-star': 'FAIL', 'pass-role': 'FAIL', 'scoped-pass': 'PASS', reader: 'PASS', 'role/app/everything': 'FAIL' });
    expect(fs.find((f) => f.resourceId === 'iam-star')!.reason).toMatch(/not attached/);
    expect(fs.find((f) => f.resourceId === 'pass-role')!.reason).toMatch(/PassRole/);
    expect(fs.find((f) => f.resourceId === 'role/app/everything')!.field).toBe('inlinePolicies');
    expect(fs.find((f) => f.resourceId === 'not-action')!.field).toBe('document');
  });

  it('ERROR when managed policies or a principal list is unread, or a document is malformed', () => {
    expect(statuses(run('iam_policy_no_wildcard_sensitive', account({ iam: { policies: denied('iam:GetAccountAuthorizationDetails') } })))).toEqual(['ERROR']);
    expect(statuses(run('iam_policy_no_wildcard_sensitive', account({ iam: { groups: denied() } })))).toEqual(['ERROR']);
    expect(statuses(run('iam_policy_no_wildcard_sensitive', account({ iam: { policies: ok([managed('bad', { Statement: 'nonsense' })]) } })))).toEqual(['ERROR']);
  });

  it('PASS for an account with no customer policies', () => {
    expect(statuses(run('iam_policy_no_wildcard_sensitive', account()))).toEqual(['PASS']);
  });
});
