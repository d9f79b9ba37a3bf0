import { describe, expect, it } from 'vitest';
import { evaluate, isAdministrator, parsePolicy, policyGrantsFullAdmin, resourcePolicyExposure } from '../../src/iam/index.js';

const ADMIN = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const ACCT = '111122223333';
const OTHER = '444455556666';

describe('parsePolicy', () => {
  it('accepts a JSON string, Statement as object, Action/Resource as string', () => {
    const p = parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' } }), 'identity');
    expect(p.errors).toEqual([]);
    expect(p.valid).toBe(true);
    expect(p.compiled.statements).toHaveLength(1);
  });
  it('names the statement (Sid or index) and the field of an error', () => {
    const p = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Sid: 'Bad', Effect: 'Permit', Action: 's3:GetObject', Resource: '*' }, { Effect: 'Allow', Resource: '*' }] }, 'identity');
    expect(p.errors).toContainEqual(expect.objectContaining({ statement: 'Bad', field: 'Effect', code: 'INVALID_EFFECT' }));
    expect(p.errors).toContainEqual(expect.objectContaining({ statement: 2, field: 'Action', code: 'MISSING_ACTION' }));
    expect(p.valid).toBe(false);
  });
  it('flags unknown actions, services and condition keys from AWS data', () => {
    const p = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObjekt', 'nosuchsvc:Do', 's3:Get*'], Resource: '*', Condition: { StringEquals: { 's3:NoSuchKey': 'x', 'aws:NoSuchKey': 'y', 's3:prefix': 'p' } } }] }, 'identity');
    const codes = p.warnings.map((w) => w.code);
    expect(codes).toContain('INVALID_ACTION');
    expect(codes).toContain('INVALID_SERVICE_IN_ACTION');
    expect(codes).toContain('INVALID_SERVICE_CONDITION_KEY');
    expect(codes).toContain('INVALID_GLOBAL_CONDITION_KEY');
    expect(p.warnings.filter((w) => w.field === 'Action[2]')).toEqual([]);
  });
  it('enforces Principal rules per kind', () => {
    expect(parsePolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*' } }, 'resource').errors.map((e) => e.code)).toContain('MISSING_PRINCIPAL');
    expect(parsePolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' } }, 'identity').errors.map((e) => e.code)).toContain('PRINCIPAL_NOT_SUPPORTED');
    expect(parsePolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' } }, 'trust').errors).toEqual([]);
  });
  it('rejects malformed JSON and wrong condition values', () => {
    expect(parsePolicy('{not json', 'identity').errors[0]?.code).toBe('INVALID_JSON');
    const p = parsePolicy({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': 'nope' }, Bool: { 'aws:SecureTransport': 'yes' } } } }, 'identity');
    expect(p.errors.filter((e) => e.code === 'INVALID_CONDITION_VALUE')).toHaveLength(2);
  });
  it('warns when policy variables are used without Version 2012-10-17', () => {
    const p = parsePolicy({ Statement: { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/${aws:username}/*' } }, 'identity');
    expect(p.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['MISSING_VERSION', 'POLICY_VARIABLES_NEED_VERSION_2012']));
  });
  it('caches the compiled policy by document identity', () => {
    expect(parsePolicy(ADMIN, 'identity')).toBe(parsePolicy(ADMIN, 'identity'));
  });
});

describe('evaluate (basics)', () => {
  const user = `arn:aws:iam::${ACCT}:user/alice`;
  it('denies by default', () => {
    const r = evaluate({ request: { principal: user, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: ACCT } });
    expect(r.decision).toBe('ImplicitDeny');
  });
  it('allows with an identity policy and says which statement', () => {
    const r = evaluate({ identityPolicies: [ADMIN], request: { principal: user, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: ACCT } });
    expect(r.decision).toBe('Allow');
    expect(r.decidedBy).toMatchObject({ kind: 'identity', statement: 0 });
  });
  it('an explicit deny overrides every allow', () => {
    const deny = { Version: '2012-10-17', Statement: [{ Sid: 'NoS3', Effect: 'Deny', Action: 's3:*', Resource: '*' }] };
    const r = evaluate({ identityPolicies: [ADMIN, deny], request: { principal: user, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: ACCT } });
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.decidedBy).toMatchObject({ statement: 'NoS3', effect: 'Deny' });
    expect(r.policies.find((p) => p.policy === 'identity[0]')?.outcome).toBe('Allow');
  });
});

describe('policyGrantsFullAdmin / isAdministrator', () => {
  it('detects *:* without conditions', () => {
    expect(policyGrantsFullAdmin(ADMIN)).toEqual({ admin: true, statement: 0 });
    expect(policyGrantsFullAdmin({ Version: '2012-10-17', Statement: [{ Sid: 'X', Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] }).admin).toBe(false);
    expect(policyGrantsFullAdmin({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }).admin).toBe(false);
    expect(policyGrantsFullAdmin('{"Version":"2012-10-17","Statement":{"Sid":"All","Effect":"Allow","Action":["*"],"Resource":["*"]}}')).toEqual({ admin: true, statement: 'All' });
  });
  it('isAdministrator honours the permissions boundary', () => {
    expect(isAdministrator([ADMIN])).toBe(true);
    expect(isAdministrator([ADMIN], { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })).toBe(false);
    expect(isAdministrator([{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] }])).toBe(false);
    expect(isAdministrator([{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: 'account:CloseAccount', Resource: '*' }] }])).toBe(true);
  });
});

describe('resourcePolicyExposure', () => {
  const opts = { resourceArn: 'arn:aws:s3:::bucket', resourceAccount: ACCT, service: 's3' };
  const stmt = (extra: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Sid: 'S', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*', ...extra }] });
  it('public without restricting conditions', () => {
    const e = resourcePolicyExposure(stmt({ Principal: '*' }), opts);
    expect(e.public).toBe(true);
    expect(e.publicStatements[0]?.index).toBe('S');
    expect(resourcePolicyExposure(stmt({ Principal: { AWS: '*' }, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), opts).public).toBe(true);
    expect(resourcePolicyExposure(stmt({ Principal: '*', Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } } }), opts).public).toBe(true);
    expect(resourcePolicyExposure(stmt({ Principal: '*', Condition: { StringLike: { 'aws:PrincipalOrgID': '*' } } }), opts).public).toBe(true);
    expect(resourcePolicyExposure(stmt({ Principal: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }), opts).public).toBe(true);
  });
  it('not public when a condition really restricts the caller', () => {
    expect(resourcePolicyExposure(stmt({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }), { ...opts, orgId: 'o-abc' })).toMatchObject({ public: false, crossAccount: [] });
    expect(resourcePolicyExposure(stmt({ Principal: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }), opts).public).toBe(false);
    expect(resourcePolicyExposure(stmt({ Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }), opts).public).toBe(false);
    expect(resourcePolicyExposure(stmt({ Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }), opts).public).toBe(true);
    const e = resourcePolicyExposure(stmt({ Principal: '*', Condition: { StringEquals: { 'aws:SourceAccount': OTHER } } }), opts);
    expect(e).toMatchObject({ public: false, crossAccount: [OTHER] });
  });
  it('a service principal pinned to another account by aws:SourceArn is cross-account; to this account it is not', () => {
    const q = (src: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:us-east-1:${ACCT}:q`, Condition: { ArnEquals: { 'aws:SourceArn': src } } }] });
    const o = { resourceArn: `arn:aws:sqs:us-east-1:${ACCT}:q`, resourceAccount: ACCT, service: 'sqs' };
    expect(resourcePolicyExposure(q(`arn:aws:sns:us-east-1:${OTHER}:t`), o)).toMatchObject({ public: false, crossAccount: [OTHER] });
    expect(resourcePolicyExposure(q(`arn:aws:sns:us-east-1:${ACCT}:t`), o)).toMatchObject({ public: false, crossAccount: [] });
  });
  it('lists cross-account principals, except trusted accounts', () => {
    const doc = stmt({ Principal: { AWS: [`arn:aws:iam::${OTHER}:root`, `arn:aws:iam::${ACCT}:role/r`, '777788889999'] } });
    expect(resourcePolicyExposure(doc, opts).crossAccount).toEqual([OTHER, '777788889999']);
    expect(resourcePolicyExposure(doc, { ...opts, trustedAccounts: [OTHER] }).crossAccount).toEqual(['777788889999']);
  });
  it('trust policies: an OIDC provider without a sub condition is public', () => {
    const gh = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
    const trust = (cond?: unknown) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: gh }, Action: 'sts:AssumeRoleWithWebIdentity', ...(cond ? { Condition: cond } : {}) }] });
    const o = { resourceArn: `arn:aws:iam::${ACCT}:role/deploy`, resourceAccount: ACCT, service: 'iam' };
    expect(resourcePolicyExposure(trust({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }), o).public).toBe(true);
    expect(resourcePolicyExposure(trust({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' } }), o).public).toBe(false);
    expect(resourcePolicyExposure(trust({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } }), o).public).toBe(true);
    const saml = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCT}:saml-provider/Okta` }, Action: 'sts:AssumeRoleWithSAML', Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }] };
    expect(resourcePolicyExposure(saml, o)).toMatchObject({ public: false, crossAccount: [] });
  });
});
