// Examples transcribed from the AWS documentation (IAM User Guide example policies and condition
// pages), each with the answer the documentation gives.
import { describe, expect, it } from 'vitest';
import { evaluate, resourcePolicyExposure } from '../../src/iam/index.js';

const A = '111122223333';
const doc = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });
const allowAll = doc({ Effect: 'Allow', Action: '*', Resource: '*' });

describe('IAM User Guide example policies', () => {
  it('"Denies access to AWS based on the source IP": Deny NotIpAddress aws:SourceIp with aws:ViaAWSService false', () => {
    const p = doc({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] }, Bool: { 'aws:ViaAWSService': 'false' } } });
    const run = (ip: string, via = 'false') => evaluate({ identityPolicies: [allowAll, p], request: { principal: `arn:aws:iam::${A}:user/u`, action: 'ec2:StopInstances', resource: '*', context: { 'aws:SourceIp': ip, 'aws:ViaAWSService': via } } }).decision;
    expect(run('203.0.113.9')).toBe('Allow');
    expect(run('198.51.100.1')).toBe('ExplicitDeny');
    expect(run('198.51.100.1', 'true')).toBe('Allow'); // a service calling on the user's behalf
  });
  it('"Denies access to AWS based on MFA": BoolIfExists aws:MultiFactorAuthPresent false denies long-term keys too', () => {
    const p = doc({ Sid: 'DenyAllExceptListedIfNoMFA', Effect: 'Deny', NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ListVirtualMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } });
    const run = (action: string, ctx: Record<string, string>) => evaluate({ identityPolicies: [allowAll, p], request: { principal: `arn:aws:iam::${A}:user/u`, action, resource: '*', context: ctx } }).decision;
    expect(run('ec2:RunInstances', {})).toBe('ExplicitDeny'); // long-term access key: key absent
    expect(run('ec2:RunInstances', { 'aws:MultiFactorAuthPresent': 'false' })).toBe('ExplicitDeny');
    expect(run('ec2:RunInstances', { 'aws:MultiFactorAuthPresent': 'true' })).toBe('Allow');
    expect(run('iam:EnableMFADevice', {})).toBe('Allow');
  });
  it('"Allows access within specific dates": DateGreaterThan and DateLessThan on aws:CurrentTime', () => {
    const p = doc({ Effect: 'Allow', Action: 'ec2:*', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-04-01T00:00:00Z' }, DateLessThan: { 'aws:CurrentTime': '2020-06-30T23:59:59Z' } } });
    const at = (iso: string) => evaluate({ identityPolicies: [p], now: new Date(iso), request: { principal: `arn:aws:iam::${A}:user/u`, action: 'ec2:RunInstances' } }).decision;
    expect(at('2020-05-01T00:00:00Z')).toBe('Allow');
    expect(at('2020-07-01T00:00:00Z')).toBe('ImplicitDeny');
  });
  it('"Allows IAM users to manage their own credentials": ${aws:username} in Resource', () => {
    const p = doc({ Sid: 'AllowManageOwnAccessKeys', Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys', 'iam:UpdateAccessKey'], Resource: 'arn:aws:iam::*:user/${aws:username}' });
    const run = (target: string) => evaluate({ identityPolicies: [p], request: { principal: `arn:aws:iam::${A}:user/Bob`, action: 'iam:CreateAccessKey', resource: `arn:aws:iam::${A}:user/${target}` } }).decision;
    expect(run('Bob')).toBe('Allow');
    expect(run('Alice')).toBe('ImplicitDeny');
  });
  it('"ABAC": aws:ResourceTag matched against ${aws:PrincipalTag/...}', () => {
    const p = doc({ Effect: 'Allow', Action: ['ec2:StartInstances', 'ec2:StopInstances'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/Project': '${aws:PrincipalTag/Project}' } } });
    const run = (tag: string) => evaluate({ identityPolicies: [p], request: { principal: { arn: `arn:aws:sts::${A}:assumed-role/dev/s`, tags: { Project: 'Unicorn' } }, action: 'ec2:StartInstances', resource: `arn:aws:ec2:us-east-1:${A}:instance/i-1`, context: { 'aws:ResourceTag/Project': tag } } }).decision;
    expect(run('Unicorn')).toBe('Allow');
    expect(run('Pegasus')).toBe('ImplicitDeny');
  });
  it('"Restricts tag keys": ForAllValues:StringEquals aws:TagKeys and the empty-request caveat', () => {
    const p = doc({ Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } } });
    const run = (keys?: string[]) => evaluate({ identityPolicies: [p], request: { principal: `arn:aws:iam::${A}:user/u`, action: 'ec2:CreateTags', resource: '*', context: keys ? { 'aws:TagKeys': keys } : {} } }).decision;
    expect(run(['environment'])).toBe('Allow');
    expect(run(['environment', 'owner'])).toBe('ImplicitDeny');
    expect(run()).toBe('Allow'); // AWS warns: ForAllValues with Allow is true when the key is absent
  });
  it('S3 "grant cross-account permissions": bucket policy to another account plus its identity policy', () => {
    const bucket = doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::DOC-EXAMPLE-BUCKET/*' });
    const run = (identity: unknown[]) => evaluate({ resourcePolicy: bucket, identityPolicies: identity, request: { principal: 'arn:aws:iam::444455556666:user/Dave', action: 's3:PutObject', resource: 'arn:aws:s3:::DOC-EXAMPLE-BUCKET/k', resourceAccount: A } }).decision;
    expect(run([])).toBe('ImplicitDeny');
    expect(run([doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::DOC-EXAMPLE-BUCKET/*' })])).toBe('Allow');
  });
  it('S3 "restrict to an organization": aws:PrincipalOrgID in a bucket policy', () => {
    const bucket = doc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-xxxxxxxxxxx' } } });
    const run = (principal: string, org?: string) => evaluate({ resourcePolicy: bucket, identityPolicies: [allowAll], ...(org ? { organization: { id: org } } : {}), request: { principal, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: A } }).decision;
    expect(run('arn:aws:iam::444455556666:user/u', 'o-xxxxxxxxxxx')).toBe('Allow');
    expect(run('arn:aws:iam::444455556666:user/u')).toBe('ImplicitDeny');
    expect(resourcePolicyExposure(bucket, { resourceArn: 'arn:aws:s3:::b', resourceAccount: A, service: 's3', orgId: 'o-xxxxxxxxxxx' }).public).toBe(false);
  });
  it('SNS confused deputy: a service principal limited by aws:SourceArn / aws:SourceAccount', () => {
    const topic = doc({ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'SNS:Publish', Resource: `arn:aws:sns:us-east-1:${A}:t`, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::my-bucket' }, StringEquals: { 'aws:SourceAccount': A } } });
    const run = (ctx: Record<string, string>) => evaluate({ resourcePolicy: topic, request: { principal: 's3.amazonaws.com', action: 'sns:Publish', resource: `arn:aws:sns:us-east-1:${A}:t`, context: ctx } }).decision;
    expect(run({ 'aws:SourceArn': 'arn:aws:s3:::my-bucket', 'aws:SourceAccount': A })).toBe('Allow');
    expect(run({ 'aws:SourceArn': 'arn:aws:s3:::other-bucket', 'aws:SourceAccount': '999999999999' })).toBe('ImplicitDeny');
    const e = resourcePolicyExposure(topic, { resourceArn: `arn:aws:sns:us-east-1:${A}:t`, resourceAccount: A, service: 'sns' });
    expect(e.public).toBe(false);
    expect(e.crossAccount).toEqual([]);
  });
  it('role trust policy with sts:ExternalId (third-party access)', () => {
    const trust = doc({ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'Unique ID Assigned by Example Corp' } } });
    const assume = (ext?: string) => evaluate({ resourcePolicy: trust, identityPolicies: [allowAll], request: { principal: 'arn:aws:iam::444455556666:role/ExampleCorp', action: 'sts:AssumeRole', resource: `arn:aws:iam::${A}:role/ThirdParty`, context: ext ? { 'sts:ExternalId': ext } : {} } }).decision;
    expect(assume('Unique ID Assigned by Example Corp')).toBe('Allow');
    expect(assume()).toBe('ImplicitDeny');
  });
});
