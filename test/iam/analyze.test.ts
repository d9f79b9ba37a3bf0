import { describe, expect, it } from 'vitest';
import { findEscalationPaths } from '../../src/iam/analyze/escalation.js';
import { lintPolicy } from '../../src/iam/analyze/lint.js';
import { accountModels } from '../../src/iam/analyze/account.js';
import { analyzeAccount, simulateInAccount, whoCan } from '../../src/iam/analyze/report.js';
import { loadSnapshot } from '../../src/model/snapshot.js';
import { dataPath } from '../../src/util/paths.js';

const A = '111122223333';
const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });
const ids = (policies: unknown[], arn = `arn:aws:iam::${A}:user/mallory`, extra = {}) => findEscalationPaths({ arn, identityPolicies: policies, ...extra }).map((p) => p.id);

describe('privilege escalation', () => {
  it('policy-version tricks', () => {
    expect(ids([doc({ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: '*' })])).toContain('CreatePolicyVersion');
    const p = findEscalationPaths({ arn: `arn:aws:iam::${A}:user/mallory`, identityPolicies: [doc({ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: `arn:aws:iam::${A}:policy/mine` })], attachedPolicyArns: [`arn:aws:iam::${A}:policy/mine`] });
    expect(p[0]).toMatchObject({ id: 'CreatePolicyVersion', steps: [{ action: 'iam:CreatePolicyVersion', resource: `arn:aws:iam::${A}:policy/mine` }], gains: 'administrator' });
    expect(p[0]?.grantedBy[0]).toMatchObject({ kind: 'identity', effect: 'Allow' });
  });
  it('attaching or putting policies on oneself, only on oneself', () => {
    const self = doc({ Effect: 'Allow', Action: ['iam:AttachUserPolicy', 'iam:PutUserPolicy'], Resource: `arn:aws:iam::${A}:user/\${aws:username}` });
    expect(ids([self])).toEqual(expect.arrayContaining(['AttachUserPolicy', 'PutUserPolicy']));
    expect(ids([self], `arn:aws:iam::${A}:user/other`)).toEqual(expect.arrayContaining(['AttachUserPolicy']));
    expect(ids([doc({ Effect: 'Allow', Action: 'iam:AttachUserPolicy', Resource: `arn:aws:iam::${A}:user/bob` })])).not.toContain('AttachUserPolicy');
    expect(ids([doc({ Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: '*' })], `arn:aws:iam::${A}:role/app`)).toContain('PutRolePolicy');
  });
  it('PassRole with compute services needs both steps, and honours iam:PassedToService', () => {
    const passToLambda = doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } });
    const lambda = doc({ Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction', 'ec2:RunInstances'], Resource: '*' });
    const found = ids([passToLambda, lambda]);
    expect(found).toContain('PassRole+Lambda');
    expect(found).not.toContain('PassRole+EC2');
    expect(ids([lambda])).not.toContain('PassRole+Lambda');
    const withSteps = findEscalationPaths({ arn: `arn:aws:iam::${A}:user/m`, identityPolicies: [passToLambda, lambda] }).find((p) => p.id === 'PassRole+Lambda');
    expect(withSteps?.steps.map((s) => s.action)).toEqual(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']);
  });
  it('trust-policy update and assume, credentials of others, groups', () => {
    const p = [doc({ Effect: 'Allow', Action: ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole', 'iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:AddUserToGroup'], Resource: '*' })];
    expect(ids(p)).toEqual(expect.arrayContaining(['UpdateAssumeRolePolicy', 'CreateAccessKey', 'CreateLoginProfile', 'AddUserToGroup']));
    expect(ids([doc({ Effect: 'Allow', Action: 'iam:UpdateAssumeRolePolicy', Resource: '*' })])).not.toContain('UpdateAssumeRolePolicy');
  });
  it('a permissions boundary or an SCP blocks the path', () => {
    const p = [doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })];
    expect(ids(p)).toContain('AttachUserPolicy');
    expect(ids(p, undefined, { permissionsBoundary: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) })).toEqual([]);
    expect(ids(p, undefined, { scps: [[doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:Attach*', Resource: '*' })]] })).not.toContain('AttachUserPolicy');
  });
  it('a read-only principal has no path', () => {
    expect(ids([doc({ Effect: 'Allow', Action: ['s3:Get*', 'ec2:Describe*', 'iam:Get*', 'iam:List*'], Resource: '*' })])).toEqual([]);
  });
});

describe('lint', () => {
  const codes = (d: unknown) => lintPolicy(d).map((f) => f.code);
  it('flags wildcards on sensitive services, NotAction/NotResource, write on *, missing MFA/IP, unknown actions', () => {
    expect(codes(doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }))).toEqual(expect.arrayContaining(['WILDCARD_ACTION_SENSITIVE_SERVICE', 'MISSING_MFA_OR_SOURCE_IP_CONDITION', 'PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE']));
    expect(codes(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }))).toContain('ALLOW_WITH_NOT_ACTION');
    expect(codes(doc({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }))).toContain('ALLOW_WITH_NOT_RESOURCE');
    expect(codes(doc({ Effect: 'Allow', Action: ['s3:PutObject', 's3:ListAllMyBuckets'], Resource: '*' }))).toContain('WRITE_ACTION_ON_ALL_RESOURCES');
    expect(codes(doc({ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }))).not.toContain('WRITE_ACTION_ON_ALL_RESOURCES');
    expect(codes(doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }))).not.toContain('MISSING_MFA_OR_SOURCE_IP_CONDITION');
    expect(codes(doc({ Effect: 'Allow', Action: 's3:GetObjekt', Resource: '*' }))).toContain('INVALID_ACTION');
  });
  it('SCP size quota', () => {
    const big = doc(...Array.from({ length: 60 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Deny', Action: ['ec2:RunInstances', 's3:DeleteBucket'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } })));
    expect(lintPolicy(big, 'scp').map((f) => f.code)).toContain('POLICY_SIZE_EXCEEDS_SCP_QUOTA');
    expect(lintPolicy(doc({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }), 'scp').map((f) => f.code)).toEqual([]);
  });
  it('Access Analyzer style checks', () => {
    expect(codes(doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:Get*'], Resource: '*' }))).toContain('REDUNDANT_ACTION');
    expect(codes(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/k'] }))).toContain('REDUNDANT_RESOURCE');
    expect(codes(doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }))).toContain('PASS_ROLE_WITH_STAR_IN_RESOURCE');
    expect(codes(doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }))).not.toContain('PASS_ROLE_WITH_STAR_IN_RESOURCE');
    expect(codes(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringLike: { 'aws:ResourceTag/x': '*' } } }))).toContain('EQUIVALENT_TO_NULL_FALSE');
    expect(codes(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:TagKeys': 'x' } } }))).toContain('MISSING_QUALIFIER');
    expect(codes(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringLike: { 'aws:SourceArn': 'arn:aws:sns:*' } } }))).toContain('STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS');
  });
});

describe('iam analyze on the demo snapshot', () => {
  const models = accountModels(loadSnapshot(dataPath('demo', 'snapshot.json')));
  const a = analyzeAccount(models[0] as (typeof models)[0]);
  it('finds the public resources and the cross-account trusts', () => {
    expect(a.exposure.filter((e) => e.public).map((e) => e.resource)).toEqual(expect.arrayContaining(['arn:aws:s3:::kumo-public-website']));
    expect(a.exposure.some((e) => e.crossAccount.length > 0)).toBe(true);
  });
  it('names the administrators and the policy that makes them so', () => {
    const aiko = a.administrators.find((x) => x.principal.endsWith(':user/aiko.tanaka'));
    expect(aiko?.grantedBy[0]?.policy).toBe('arn:aws:iam::aws:policy/AdministratorAccess');
  });
  it('escalation through existing compute: SSM into an instance whose profile is an administrator', () => {
    const ben = a.escalation.find((e) => e.principal.endsWith(':user/ben.ortiz'));
    const ssm = ben?.paths.find((p) => p.id === 'SSMSendCommand');
    expect(ssm).toMatchObject({ confidence: 'high', steps: [{ action: 'ssm:SendCommand' }] });
    expect(ssm?.gains).toMatch(/administrator/);
    expect(ssm?.steps[0]?.resource).toMatch(/^arn:aws:ec2:/);
  });
  it('lists escalation paths step by step and lints the customer policies', () => {
    expect(a.escalation.length).toBeGreaterThan(0);
    for (const e of a.escalation) for (const p of e.paths) expect(p.steps.length).toBeGreaterThan(0);
    expect(a.lint.some((l) => l.findings.some((f) => f.code === 'FULL_ADMIN'))).toBe(true);
  });
  it('simulates a request with the real policies of the principal', () => {
    const r = simulateInAccount(models, { principal: 'arn:aws:iam::111122223333:user/aiko.tanaka', action: 'iam:CreateUser', resource: 'arn:aws:iam::111122223333:user/x' });
    expect(r.principalFound).toBe(true);
    expect(r.decision).toBe('Allow');
    const pub = simulateInAccount(models, { principal: 'anonymous', action: 's3:GetObject', resource: 'arn:aws:s3:::kumo-public-website/index.html' });
    expect(pub.resourcePolicyFound).toBe(true);
    expect(pub.decision).toBe('Allow');
  });
  it('simulate maps an assumed-role session to its role and keeps the session ARN', () => {
    const r = simulateInAccount(models, { principal: 'arn:aws:sts::111122223333:assumed-role/kumo-web-instance/i-0abc', action: 'ec2:RunInstances', resource: '*' });
    expect(r.principalFound).toBe(true);
    expect(r.request.principal).toBe('arn:aws:sts::111122223333:assumed-role/kumo-web-instance/i-0abc');
    expect(r.context?.['aws:principalarn']?.[0]).toMatch(/:role\/(.*\/)?kumo-web-instance$/);
  });
  it('who can: lists every principal with its decision', () => {
    const list = whoCan(models, 'iam:CreateUser', 'arn:aws:iam::111122223333:user/x');
    const allowed = list.filter((e) => e.decision === 'Allow').map((e) => e.principal);
    expect(allowed).toContain('arn:aws:iam::111122223333:user/aiko.tanaka');
    expect(allowed).not.toContain('arn:aws:iam::111122223333:user/ben.ortiz');
  });
});
