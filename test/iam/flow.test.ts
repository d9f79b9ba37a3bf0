// Known answers for the decision flow, transcribed from the IAM User Guide ("Policy evaluation
// logic", "Determining whether a request is allowed or denied within an account", "Cross-account
// policy evaluation logic", "Permissions boundaries for IAM entities", "Session policies") and the
// AWS Organizations guide ("SCP evaluation", "Resource control policies").
import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluationInput } from '../../src/iam/index.js';

const A = '111122223333';
const B = '444455556666';
const MGMT = '999988887777';
const USER = `arn:aws:iam::${A}:user/bob`;
const ROLE = `arn:aws:iam::${A}:role/app`;
const SESSION = `arn:aws:sts::${A}:assumed-role/app/s1`;
const FED = `arn:aws:sts::${A}:federated-user/carol`;
const OBJ = 'arn:aws:s3:::bucket/key';
const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });
const allowAll = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
const allowS3 = doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
const allowEc2 = doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' });
const bucketPolicy = (principal: unknown, effect = 'Allow') => doc({ Sid: 'BP', Effect: effect, Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' });
const get = (principal: string | Record<string, unknown>, rest: Partial<EvaluationInput> = {}, resourceAccount = A) =>
  evaluate({ ...rest, request: { principal, action: 's3:GetObject', resource: OBJ, resourceAccount, ...(rest.request ?? {}) } });

describe('identity policies, boundaries and session policies (single account)', () => {
  it('no policy: implicit deny; identity Allow: allow', () => {
    expect(get(USER).decision).toBe('ImplicitDeny');
    expect(get(USER, { identityPolicies: [allowS3] }).decision).toBe('Allow');
  });
  it('a permissions boundary limits identity permissions: both must allow', () => {
    expect(get(USER, { identityPolicies: [allowS3], permissionsBoundary: allowEc2 }).decision).toBe('ImplicitDeny');
    expect(get(USER, { identityPolicies: [allowEc2], permissionsBoundary: allowS3 }).decision).toBe('ImplicitDeny');
    expect(get(USER, { identityPolicies: [allowS3], permissionsBoundary: allowAll }).decision).toBe('Allow');
  });
  it('a boundary Deny is an explicit deny', () => {
    const r = get(USER, { identityPolicies: [allowAll], permissionsBoundary: doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'NoGet', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }) });
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.decidedBy).toMatchObject({ kind: 'boundary', statement: 'NoGet' });
  });
  it('role session: the session policy limits the role, absent session policy does not', () => {
    expect(get(SESSION, { identityPolicies: [allowS3] }).decision).toBe('Allow');
    expect(get(SESSION, { identityPolicies: [allowS3], sessionPolicy: allowEc2 }).decision).toBe('ImplicitDeny');
    expect(get(SESSION, { identityPolicies: [allowS3], sessionPolicy: allowS3 }).decision).toBe('Allow');
    expect(get(SESSION, { identityPolicies: [allowEc2], sessionPolicy: allowS3 }).decision).toBe('ImplicitDeny');
  });
  it('federated user (GetFederationToken) without a session policy has no permissions', () => {
    expect(get({ arn: FED, userArn: USER }, { identityPolicies: [allowS3] }).decision).toBe('ImplicitDeny');
    expect(get({ arn: FED, userArn: USER }, { identityPolicies: [allowS3], sessionPolicy: allowS3 }).decision).toBe('Allow');
  });
  it('a session policy does not apply to an IAM user', () => {
    const r = get(USER, { identityPolicies: [allowS3], sessionPolicy: allowEc2 });
    expect(r.decision).toBe('Allow');
    expect(r.policies.find((p) => p.kind === 'session')?.outcome).toBe('NotApplicable');
  });
});

describe('resource-based policies in the same account: who the Principal names', () => {
  it('IAM user ARN: final Allow, even without identity policy and with a boundary that does not allow', () => {
    expect(get(USER, { resourcePolicy: bucketPolicy({ AWS: USER }) }).decision).toBe('Allow');
    expect(get(USER, { resourcePolicy: bucketPolicy({ AWS: USER }), permissionsBoundary: allowEc2 }).decision).toBe('Allow');
  });
  it('role-session ARN: final Allow, not limited by identity, boundary or session policy implicit deny', () => {
    const r = get(SESSION, { resourcePolicy: bucketPolicy({ AWS: SESSION }), permissionsBoundary: allowEc2, sessionPolicy: allowEc2 });
    expect(r.decision).toBe('Allow');
    expect(r.decidedBy).toMatchObject({ kind: 'resource', statement: 'BP' });
  });
  it('role ARN: limited by an implicit deny in the boundary or the session policy, not by identity policies', () => {
    expect(get(SESSION, { resourcePolicy: bucketPolicy({ AWS: ROLE }) }).decision).toBe('Allow');
    expect(get(SESSION, { resourcePolicy: bucketPolicy({ AWS: ROLE }), permissionsBoundary: allowEc2 }).decision).toBe('ImplicitDeny');
    expect(get(SESSION, { resourcePolicy: bucketPolicy({ AWS: ROLE }), sessionPolicy: allowEc2 }).decision).toBe('ImplicitDeny');
    expect(get(SESSION, { resourcePolicy: bucketPolicy({ AWS: ROLE }), sessionPolicy: allowS3, permissionsBoundary: allowS3 }).decision).toBe('Allow');
  });
  it('Principal "*" with an aws:PrincipalArn condition: not limited by boundary or session policy', () => {
    const rp = doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*', Condition: { ArnEquals: { 'aws:PrincipalArn': ROLE } } });
    expect(get(SESSION, { resourcePolicy: rp, permissionsBoundary: allowEc2, sessionPolicy: allowEc2 }).decision).toBe('Allow');
    expect(get(`arn:aws:sts::${A}:assumed-role/other/s`, { resourcePolicy: rp }).decision).toBe('ImplicitDeny');
  });
  it('federated user: its own ARN is final; the ARN of the IAM user who federated is limited by boundary and session policy', () => {
    expect(get({ arn: FED, userArn: USER }, { resourcePolicy: bucketPolicy({ AWS: FED }) }).decision).toBe('Allow');
    expect(get({ arn: FED, userArn: USER }, { resourcePolicy: bucketPolicy({ AWS: USER }) }).decision).toBe('ImplicitDeny');
    expect(get({ arn: FED, userArn: USER }, { resourcePolicy: bucketPolicy({ AWS: USER }), sessionPolicy: allowS3 }).decision).toBe('Allow');
  });
  it('account principal: the identity side must allow', () => {
    expect(get(USER, { resourcePolicy: bucketPolicy({ AWS: `arn:aws:iam::${A}:root` }) }).decision).toBe('ImplicitDeny');
    expect(get(USER, { resourcePolicy: bucketPolicy({ AWS: A }), identityPolicies: [allowS3] }).decision).toBe('Allow');
    expect(get(USER, { resourcePolicy: bucketPolicy({ AWS: A }), identityPolicies: [allowS3], permissionsBoundary: allowEc2 }).decision).toBe('ImplicitDeny');
  });
  it('an explicit deny in the resource policy beats an identity Allow', () => {
    expect(get(USER, { resourcePolicy: bucketPolicy('*', 'Deny'), identityPolicies: [allowAll] }).decision).toBe('ExplicitDeny');
  });
});

describe('role trust policies and KMS key policies must allow explicitly', () => {
  const assume = (trust: unknown, identity: unknown[] = [], principal = USER) =>
    evaluate({ resourcePolicy: trust, identityPolicies: identity, request: { principal, action: 'sts:AssumeRole', resource: `arn:aws:iam::${A}:role/target` } }).decision;
  const trustUser = doc({ Effect: 'Allow', Principal: { AWS: USER }, Action: 'sts:AssumeRole' });
  const trustAccount = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' });
  const allowAssume = doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' });
  it('identity Allow alone is not enough', () => {
    expect(assume(doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }), [allowAll])).toBe('ImplicitDeny');
    expect(evaluate({ identityPolicies: [allowAll], request: { principal: USER, action: 'sts:AssumeRole', resource: `arn:aws:iam::${A}:role/target` } }).decision).toBe('ImplicitDeny');
  });
  it('a trust policy naming the user allows it; naming the account delegates to identity policies', () => {
    expect(assume(trustUser)).toBe('Allow');
    expect(assume(trustAccount)).toBe('ImplicitDeny');
    expect(assume(trustAccount, [allowAssume])).toBe('Allow');
  });
  it('cross-account role assumption needs both the trust policy and the caller identity policy', () => {
    const caller = `arn:aws:iam::${B}:user/eve`;
    const trustB = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 'sts:AssumeRole' });
    expect(assume(trustB, [], caller)).toBe('ImplicitDeny');
    expect(assume(trustB, [allowAssume], caller)).toBe('Allow');
    expect(assume(trustUser, [allowAssume], caller)).toBe('ImplicitDeny');
  });
  it('KMS: the key policy must allow or trust the account so that IAM policies count', () => {
    const key = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const kms = (keyPolicy: unknown, identity: unknown[]) => evaluate({ resourcePolicy: keyPolicy, identityPolicies: identity, request: { principal: USER, action: 'kms:Decrypt', resource: key } }).decision;
    const defaultKeyPolicy = doc({ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*', Resource: '*' });
    const adminsOnly = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:role/KeyAdmin` }, Action: 'kms:*', Resource: '*' });
    expect(kms(defaultKeyPolicy, [allowAll])).toBe('Allow');
    expect(kms(defaultKeyPolicy, [])).toBe('ImplicitDeny');
    expect(kms(adminsOnly, [allowAll])).toBe('ImplicitDeny');
    expect(evaluate({ identityPolicies: [allowAll], request: { principal: USER, action: 'kms:Decrypt', resource: key } }).decision).toBe('ImplicitDeny');
  });
});

describe('cross-account access needs both sides', () => {
  const eve = `arn:aws:iam::${B}:user/eve`;
  it('identity Allow in B without a resource policy in A: deny', () => {
    expect(get(eve, { identityPolicies: [allowS3] }).decision).toBe('ImplicitDeny');
  });
  it('resource policy naming B without identity Allow in B: deny (no same-account shortcut)', () => {
    expect(get(eve, { resourcePolicy: bucketPolicy({ AWS: eve }) }).decision).toBe('ImplicitDeny');
    expect(get(eve, { resourcePolicy: bucketPolicy({ AWS: B }) }).decision).toBe('ImplicitDeny');
  });
  it('both sides allow: allow; boundary in B still applies', () => {
    const r = get(eve, { resourcePolicy: bucketPolicy({ AWS: B }), identityPolicies: [allowS3] });
    expect(r.decision).toBe('Allow');
    expect(r.request.crossAccount).toBe(true);
    expect(get(eve, { resourcePolicy: bucketPolicy({ AWS: eve }), identityPolicies: [allowS3], permissionsBoundary: allowEc2 }).decision).toBe('ImplicitDeny');
  });
  it('resource account is taken from the resource ARN when it carries one', () => {
    const q = `arn:aws:sqs:us-east-1:${A}:queue`;
    const r = evaluate({ identityPolicies: [allowAll], request: { principal: eve, action: 'sqs:SendMessage', resource: q } });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.request.crossAccount).toBe(true);
  });
});

describe('SCPs', () => {
  const fullAccess = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
  const denyS3 = doc({ Sid: 'DenyS3', Effect: 'Deny', Action: 's3:*', Resource: '*' });
  it('every level of the path must allow (an implicit deny at one level denies)', () => {
    expect(get(USER, { identityPolicies: [allowAll], scps: [[fullAccess], [fullAccess], [fullAccess]] }).decision).toBe('Allow');
    const r = get(USER, { identityPolicies: [allowAll], scps: [[fullAccess], [allowEc2], [fullAccess]] });
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.reason).toMatch(/level 1/);
  });
  it('an SCP Deny at any level is an explicit deny, even for the root user', () => {
    expect(get(USER, { identityPolicies: [allowAll], scps: [[fullAccess], [fullAccess, denyS3]] }).decision).toBe('ExplicitDeny');
    expect(get(A, { scps: [[fullAccess, denyS3]] }).decision).toBe('ExplicitDeny');
  });
  it('SCPs grant nothing by themselves', () => {
    expect(get(USER, { scps: [[fullAccess]] }).decision).toBe('ImplicitDeny');
  });
  it('SCPs do not apply to the management account or to service-linked roles', () => {
    const m = `arn:aws:iam::${MGMT}:user/admin`;
    expect(evaluate({ identityPolicies: [allowAll], scps: [[denyS3]], organization: { id: 'o-1', managementAccountId: MGMT }, request: { principal: m, action: 's3:GetObject', resource: OBJ, resourceAccount: MGMT } }).decision).toBe('Allow');
    const slr = { arn: `arn:aws:sts::${A}:assumed-role/AWSServiceRoleForConfig/s`, roleArn: `arn:aws:iam::${A}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig` };
    const r = get(slr, { identityPolicies: [allowAll], scps: [[denyS3]] });
    expect(r.decision).toBe('Allow');
    expect(r.policies.find((p) => p.kind === 'scp')?.why).toMatch(/service-linked/);
  });
  it('SCPs do not apply to service principals', () => {
    expect(get('cloudtrail.amazonaws.com', { resourcePolicy: bucketPolicy({ Service: 'cloudtrail.amazonaws.com' }), scps: [[denyS3]] }).decision).toBe('Allow');
  });
});

describe('RCPs', () => {
  const rcpFull = doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' });
  const perimeter = doc({ Sid: 'Perimeter', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-mine' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } });
  const eve = `arn:aws:iam::${B}:user/eve`;
  it('an RCP Deny stops cross-account access that both sides allow', () => {
    const base = { resourcePolicy: bucketPolicy({ AWS: B }), identityPolicies: [allowS3] };
    expect(get(eve, base).decision).toBe('Allow');
    const r = get(eve, { ...base, rcps: [[rcpFull, perimeter]], organization: { id: 'o-mine', accounts: [A] } });
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.decidedBy).toMatchObject({ kind: 'rcp', statement: 'Perimeter' });
  });
  it('without a member list, RCPs make the resource account (not an outside principal) part of the organization', () => {
    const base = { resourcePolicy: bucketPolicy({ AWS: B }), identityPolicies: [allowS3], rcps: [[rcpFull, perimeter]], organization: { id: 'o-mine' } };
    expect(get(eve, base).decision).toBe('ExplicitDeny');
    expect(get(USER, { identityPolicies: [allowS3], rcps: [[rcpFull, perimeter]], organization: { id: 'o-mine' } }).decision).toBe('Allow');
    // SCPs given for eve's side put her account in the organization
    expect(get(eve, { ...base, scps: [[doc({ Effect: 'Allow', Action: '*', Resource: '*' })]] }).decision).toBe('Allow');
  });
  it('principals of the organization pass the perimeter', () => {
    expect(get(USER, { identityPolicies: [allowS3], rcps: [[rcpFull, perimeter]], organization: { id: 'o-mine' } }).decision).toBe('Allow');
  });
  it('every level needs an Allow (RCPFullAWSAccess)', () => {
    expect(get(USER, { identityPolicies: [allowS3], rcps: [[rcpFull], []] }).decision).toBe('ImplicitDeny');
  });
  it('RCPs apply only to supported services, not to the management account nor AWS managed KMS keys', () => {
    const denyAll = doc({ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' });
    const ec2 = evaluate({ identityPolicies: [allowAll], rcps: [[rcpFull, denyAll]], request: { principal: USER, action: 'ec2:RunInstances', resource: '*' } });
    expect(ec2.decision).toBe('Allow');
    expect(ec2.policies.find((p) => p.kind === 'rcp')?.why).toMatch(/do not support the service ec2/);
    const m = `arn:aws:iam::${MGMT}:user/admin`;
    expect(evaluate({ identityPolicies: [allowAll], rcps: [[rcpFull, denyAll]], organization: { managementAccountId: MGMT }, request: { principal: m, action: 's3:GetObject', resource: OBJ, resourceAccount: MGMT } }).decision).toBe('Allow');
    const key = `arn:aws:kms:us-east-1:${A}:key/k`;
    const kp = doc({ Effect: 'Allow', Principal: { AWS: A }, Action: 'kms:*', Resource: '*' });
    expect(evaluate({ identityPolicies: [allowAll], resourcePolicy: kp, rcps: [[rcpFull, denyAll]], request: { principal: USER, action: 'kms:Decrypt', resource: key, awsManagedKey: true } }).decision).toBe('Allow');
    expect(evaluate({ identityPolicies: [allowAll], resourcePolicy: kp, rcps: [[rcpFull, denyAll]], request: { principal: USER, action: 'kms:Decrypt', resource: key } }).decision).toBe('ExplicitDeny');
  });
});

describe('the account root user', () => {
  it('has full access to its own account without identity policies', () => {
    const r = get(A);
    expect(r.decision).toBe('Allow');
    expect(get(`arn:aws:iam::${A}:root`).decision).toBe('Allow');
  });
  it('is still subject to explicit denies in resource policies and to SCPs', () => {
    expect(get(A, { resourcePolicy: bucketPolicy('*', 'Deny') }).decision).toBe('ExplicitDeny');
    expect(get(A, { scps: [[allowEc2]] }).decision).toBe('ImplicitDeny');
  });
  it('cross-account the resource policy must name its account', () => {
    expect(get(B, {}, A).decision).toBe('ImplicitDeny');
    expect(get(B, { resourcePolicy: bucketPolicy({ AWS: B }) }, A).decision).toBe('Allow');
  });
});

describe('explanations', () => {
  it('every policy says why it did or did not apply; full mode explains each statement', () => {
    const r = evaluate({
      identityPolicies: [{ name: 'ReadOnly', document: doc({ Sid: 'Ec2', Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }) }],
      permissionsBoundary: allowAll,
      request: { principal: USER, action: 's3:GetObject', resource: OBJ },
      explain: 'full',
    });
    expect(r.decision).toBe('ImplicitDeny');
    const ro = r.policies.find((p) => p.policy === 'ReadOnly');
    expect(ro?.outcome).toBe('NoMatch');
    expect(ro?.statements?.[0]?.why).toMatch(/Action does not match/);
    expect(r.policies.find((p) => p.kind === 'boundary')?.outcome).toBe('Allow');
  });
  it('full mode names the failing condition with the request values', () => {
    const r = evaluate({
      identityPolicies: [doc({ Sid: 'OnlyFromOffice', Effect: 'Allow', Action: 's3:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } })],
      request: { principal: USER, action: 's3:GetObject', resource: OBJ, context: { 'aws:SourceIp': '198.51.100.7' } },
      explain: 'full',
    });
    expect(r.policies[0]?.statements?.[0]?.why).toBe('Condition IpAddress aws:SourceIp is false (request ["198.51.100.7"]; policy ["203.0.113.0/24"])');
    expect(r.context?.['aws:username']).toEqual(['bob']);
  });
  it('without explanation the result still carries decision, reason and deciding statement', () => {
    const r = evaluate({ identityPolicies: [allowS3], request: { principal: USER, action: 's3:GetObject', resource: OBJ }, explain: false });
    expect(r).toMatchObject({ decision: 'Allow', decidedBy: { kind: 'identity', statement: 0 } });
    expect(r.policies).toEqual([]);
  });
});

