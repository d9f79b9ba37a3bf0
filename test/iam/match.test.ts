// Known answers for the matching rules, from the IAM User Guide: "IAM JSON policy elements:
// Action / NotAction / Resource / NotResource / Principal / NotPrincipal" and "Policy variables".
import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluationInput } from '../../src/iam/index.js';

const ACCT = '111122223333';
const USER = `arn:aws:iam::${ACCT}:user/bob`;
const allow = (stmt: Record<string, unknown>, version = '2012-10-17') => ({ Version: version, Statement: [{ Effect: 'Allow', ...stmt }] });
function decide(policy: unknown, action: string, resource = '*', context: Record<string, string | string[]> = {}, extra: Partial<EvaluationInput> = {}) {
  return evaluate({ identityPolicies: [policy], request: { principal: USER, action, resource, resourceAccount: ACCT, context }, explain: false, ...extra }).decision;
}

describe('Action / NotAction', () => {
  it('is case-insensitive in service and action name', () => {
    expect(decide(allow({ Action: 'S3:getobject', Resource: '*' }), 's3:GetObject')).toBe('Allow');
    expect(decide(allow({ Action: 's3:GetObject', Resource: '*' }), 'S3:GETOBJECT')).toBe('Allow');
  });
  it('supports * and ? wildcards', () => {
    const p = allow({ Action: ['iam:*AccessKey*', 'ec2:Describe?nstances'], Resource: '*' });
    expect(decide(p, 'iam:CreateAccessKey')).toBe('Allow');
    expect(decide(p, 'iam:ListAccessKeys')).toBe('Allow');
    expect(decide(p, 'iam:CreateUser')).toBe('ImplicitDeny');
    expect(decide(p, 'ec2:DescribeInstances')).toBe('Allow');
    expect(decide(p, 'ec2:DescribeXXnstances')).toBe('ImplicitDeny');
  });
  it('Allow with NotAction allows everything else, including other services', () => {
    const p = allow({ NotAction: 'iam:*', Resource: '*' });
    expect(decide(p, 'iam:CreateUser')).toBe('ImplicitDeny');
    expect(decide(p, 's3:DeleteBucket')).toBe('Allow');
    expect(decide(p, 'sqs:SendMessage')).toBe('Allow');
  });
  it('Deny with NotAction denies everything not listed', () => {
    const deny = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' }] };
    const r = evaluate({ identityPolicies: [allow({ Action: '*', Resource: '*' }), deny], request: { principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' } });
    expect(r.decision).toBe('ExplicitDeny');
    expect(evaluate({ identityPolicies: [allow({ Action: '*', Resource: '*' }), deny], request: { principal: USER, action: 'iam:GetUser' } }).decision).toBe('Allow');
  });
});

describe('Resource / NotResource', () => {
  it('matches ARN segments with wildcards; * in the resource part spans / and :', () => {
    const p = allow({ Action: '*', Resource: ['arn:aws:s3:::bucket/*', 'arn:aws:logs:*:111122223333:log-group:app*'] });
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::bucket/a/b/c')).toBe('Allow');
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::bucket2/a')).toBe('ImplicitDeny');
    expect(decide(p, 'logs:PutLogEvents', 'arn:aws:logs:us-east-1:111122223333:log-group:app1:log-stream:x')).toBe('Allow');
    expect(decide(p, 'logs:PutLogEvents', 'arn:aws:logs:us-east-1:999999999999:log-group:app1')).toBe('ImplicitDeny');
  });
  it('a * that ends a segment may expand beyond the colon; other wildcards stay within their segment', () => {
    // IAM User Guide: "If the * wildcard is the last character of a resource ARN segment, it can
    // expand to match beyond the colon boundaries."
    const p = allow({ Action: '*', Resource: 'arn:aws:ec2:*:111122223333:instance/*' });
    expect(decide(p, 'ec2:StopInstances', 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1')).toBe('Allow');
    expect(decide(p, 'ec2:StopInstances', 'arn:aws:ec2:eu-west-1:x:111122223333:instance/i-1')).toBe('Allow');
    expect(decide(p, 'ec2:StopInstances', 'arn:aws:ec2:eu-west-1:999999999999:instance/i-1')).toBe('ImplicitDeny');
    const mid = allow({ Action: '*', Resource: 'arn:aws:ec2:eu-*-1:111122223333:instance/*' });
    expect(decide(mid, 'ec2:StopInstances', 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1')).toBe('Allow');
    expect(decide(mid, 'ec2:StopInstances', 'arn:aws:ec2:eu-x:y-1:111122223333:instance/i-1')).toBe('ImplicitDeny');
    const q = allow({ Action: '*', Resource: 'arn:aws:ec2:eu-west-?:111122223333:instance/*' });
    expect(decide(q, 'ec2:StopInstances', 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1')).toBe('Allow');
    expect(decide(q, 'ec2:StopInstances', 'arn:aws:ec2:eu-west-:1:111122223333:instance/i-1')).toBe('ImplicitDeny');
  });
  it('? matches exactly one character; names are case-sensitive', () => {
    const p = allow({ Action: '*', Resource: 'arn:aws:iam::111122223333:user/Bo?' });
    expect(decide(p, 'iam:GetUser', 'arn:aws:iam::111122223333:user/Bob')).toBe('Allow');
    expect(decide(p, 'iam:GetUser', 'arn:aws:iam::111122223333:user/bob')).toBe('ImplicitDeny');
    expect(decide(p, 'iam:GetUser', 'arn:aws:iam::111122223333:user/Bobby')).toBe('ImplicitDeny');
  });
  it('Resource "*" matches everything, a specific ARN does not match a request for "*"', () => {
    expect(decide(allow({ Action: '*', Resource: '*' }), 's3:ListAllMyBuckets', '*')).toBe('Allow');
    expect(decide(allow({ Action: '*', Resource: 'arn:aws:s3:::b' }), 's3:ListAllMyBuckets', '*')).toBe('ImplicitDeny');
  });
  it('NotResource: Allow everything except the listed resources', () => {
    const p = allow({ Action: 's3:*', NotResource: ['arn:aws:s3:::secret', 'arn:aws:s3:::secret/*'] });
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::public/x')).toBe('Allow');
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::secret/x')).toBe('ImplicitDeny');
  });
});

describe('policy variables', () => {
  it('${aws:username} resolves from the principal (IAM User Guide example: home folder)', () => {
    const p = allow({ Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:username}/*' });
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::home/bob/notes.txt')).toBe('Allow');
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::home/alice/notes.txt')).toBe('ImplicitDeny');
  });
  it('variables are literal text in Version 2008-10-17 / without Version', () => {
    const p = allow({ Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:username}/*' }, '2008-10-17');
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::home/bob/x')).toBe('ImplicitDeny');
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::home/${aws:username}/x')).toBe('Allow');
  });
  it('an unresolved variable matches nothing; a default value is used when the key is missing', () => {
    const p = allow({ Action: 's3:*', Resource: 'arn:aws:s3:::b/${aws:PrincipalTag/team}/*' });
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::b/x/y')).toBe('ImplicitDeny');
    const d = allow({ Action: 's3:*', Resource: "arn:aws:s3:::b/${aws:PrincipalTag/team, 'shared'}/*" });
    expect(decide(d, 's3:GetObject', 'arn:aws:s3:::b/shared/y')).toBe('Allow');
    expect(decide(d, 's3:GetObject', 'arn:aws:s3:::b/red/y', { 'aws:PrincipalTag/team': 'red' })).toBe('Allow');
    expect(decide(d, 's3:GetObject', 'arn:aws:s3:::b/shared/y', { 'aws:PrincipalTag/team': 'red' })).toBe('ImplicitDeny');
  });
  it("a default value may contain '' for a quote and is used literally; key names ignore case and spaces", () => {
    const p = allow({ Action: 's3:*', Resource: "arn:aws:s3:::b/${ AWS:PrincipalTag/Team , 'it''s' }/*" });
    expect(decide(p, 's3:GetObject', "arn:aws:s3:::b/it's/x")).toBe('Allow');
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::b/red/x', { 'aws:PrincipalTag/team': 'red' })).toBe('Allow');
  });
  it('${*}, ${?} and ${$} are the literal characters, not wildcards', () => {
    const p = allow({ Action: 's3:*', Resource: 'arn:aws:s3:::b/${*}${?}${$}' });
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::b/*?$')).toBe('Allow');
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::b/ab$')).toBe('ImplicitDeny');
  });
  it('a multivalued key cannot be used as a variable', () => {
    const p = allow({ Action: 's3:*', Resource: 'arn:aws:s3:::b/${aws:TagKeys}' });
    expect(decide(p, 's3:GetObject', 'arn:aws:s3:::b/a', { 'aws:TagKeys': ['a', 'b'] })).toBe('ImplicitDeny');
  });
  it('variables in condition values', () => {
    const p = allow({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } } });
    expect(decide(p, 's3:ListBucket', 'arn:aws:s3:::b', { 's3:prefix': 'home/bob/docs' })).toBe('Allow');
    expect(decide(p, 's3:ListBucket', 'arn:aws:s3:::b', { 's3:prefix': 'home/eve/docs' })).toBe('ImplicitDeny');
  });
});

describe('Principal / NotPrincipal (same-account resource policy)', () => {
  const bucket = 'arn:aws:s3:::b/k';
  const rp = (principal: unknown, not = false) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', [not ? 'NotPrincipal' : 'Principal']: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
  const run = (policy: unknown, principal: string | Record<string, unknown>) => evaluate({ resourcePolicy: policy, request: { principal, action: 's3:GetObject', resource: bucket, resourceAccount: ACCT }, explain: false }).decision;
  it('"*" and {"AWS": "*"} match everyone, including anonymous callers', () => {
    expect(run(rp('*'), USER)).toBe('Allow');
    expect(run(rp({ AWS: '*' }), 'anonymous')).toBe('Allow');
  });
  it('a user ARN matches only that user', () => {
    expect(run(rp({ AWS: USER }), USER)).toBe('Allow');
    expect(run(rp({ AWS: `arn:aws:iam::${ACCT}:user/alice` }), USER)).toBe('ImplicitDeny');
  });
  it('a role ARN matches every session of the role; a session ARN only that session', () => {
    const s1 = `arn:aws:sts::${ACCT}:assumed-role/app/s1`;
    expect(run(rp({ AWS: `arn:aws:iam::${ACCT}:role/app` }), s1)).toBe('Allow');
    expect(run(rp({ AWS: s1 }), s1)).toBe('Allow');
    expect(run(rp({ AWS: s1 }), `arn:aws:sts::${ACCT}:assumed-role/app/s2`)).toBe('ImplicitDeny');
    expect(run(rp({ AWS: `arn:aws:iam::${ACCT}:role/path/app` }), { arn: s1, roleArn: `arn:aws:iam::${ACCT}:role/path/app` })).toBe('Allow');
  });
  it('service, federated and canonical-user principals', () => {
    expect(run(rp({ Service: 'cloudtrail.amazonaws.com' }), 'cloudtrail.amazonaws.com')).toBe('Allow');
    expect(run(rp({ Service: 'cloudtrail.amazonaws.com' }), 'config.amazonaws.com')).toBe('ImplicitDeny');
    expect(run(rp({ Federated: 'cognito-identity.amazonaws.com' }), { federated: 'cognito-identity.amazonaws.com' })).toBe('Allow');
    expect(run(rp({ CanonicalUser: 'abc123' }), { canonicalUser: 'abc123' })).toBe('Allow');
  });
  it('partial wildcards in principal ARNs match nothing', () => {
    expect(run(rp({ AWS: `arn:aws:iam::${ACCT}:user/*` }), USER)).toBe('ImplicitDeny');
  });
  it('an account principal delegates to the account: identity policies must allow', () => {
    expect(run(rp({ AWS: ACCT }), USER)).toBe('ImplicitDeny');
    expect(evaluate({ resourcePolicy: rp({ AWS: `arn:aws:iam::${ACCT}:root` }), identityPolicies: [allow({ Action: 's3:GetObject', Resource: '*' })], request: { principal: USER, action: 's3:GetObject', resource: bucket, resourceAccount: ACCT } }).decision).toBe('Allow');
  });
  it('Deny with NotPrincipal: exempt only when the account and the principal are listed', () => {
    const deny = (np: unknown) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }, { Effect: 'Deny', NotPrincipal: np, Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] });
    expect(run(deny({ AWS: [USER] }), USER)).toBe('ExplicitDeny');
    expect(run(deny({ AWS: [USER, `arn:aws:iam::${ACCT}:root`] }), USER)).toBe('Allow');
    expect(run(deny({ AWS: [USER, `arn:aws:iam::${ACCT}:root`] }), `arn:aws:iam::${ACCT}:user/alice`)).toBe('ExplicitDeny');
  });
  it('Deny with NotPrincipal and a role session: account, role and session must all be listed (IAM User Guide example)', () => {
    const session = `arn:aws:sts::${ACCT}:assumed-role/cross-account-read-only-role/cross-account-audit-app`;
    const role = `arn:aws:iam::${ACCT}:role/cross-account-read-only-role`;
    const deny = (np: string[]) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }, { Effect: 'Deny', NotPrincipal: { AWS: np }, Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] });
    expect(run(deny([session, role, `arn:aws:iam::${ACCT}:root`]), session)).toBe('Allow');
    expect(run(deny([session, `arn:aws:iam::${ACCT}:root`]), session)).toBe('ExplicitDeny');
    expect(run(deny([role, `arn:aws:iam::${ACCT}:root`]), session)).toBe('ExplicitDeny');
    expect(run(deny([session, role]), session)).toBe('ExplicitDeny');
  });
  it('Deny with NotPrincipal always denies a principal with a permissions boundary', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: [USER, `arn:aws:iam::${ACCT}:root`] }, Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }] };
    const r = evaluate({ resourcePolicy: doc, identityPolicies: [allow({ Action: '*', Resource: '*' })], permissionsBoundary: allow({ Action: '*', Resource: '*' }), request: { principal: USER, action: 's3:GetObject', resource: bucket, resourceAccount: ACCT } });
    expect(r.decision).toBe('ExplicitDeny');
  });
});
