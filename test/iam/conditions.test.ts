// Known answers for condition operators (IAM User Guide: "IAM JSON policy elements: Condition
// operators", "Condition keys with multiple values", "...IfExists condition operators",
// "Condition operator to check existence of condition keys").
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/iam/index.js';

const USER = 'arn:aws:iam::111122223333:user/bob';
type Ctx = Record<string, string | string[] | number | boolean>;
function cond(condition: Record<string, unknown>, context: Ctx = {}): boolean {
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }] };
  return evaluate({ identityPolicies: [policy], request: { principal: USER, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', context }, explain: false }).decision === 'Allow';
}

describe('String operators', () => {
  it('StringEquals is case-sensitive; values are OR-ed; keys are case-insensitive', () => {
    expect(cond({ StringEquals: { 'aws:PrincipalTag/dept': ['eng', 'ops'] } }, { 'aws:PrincipalTag/dept': 'ops' })).toBe(true);
    expect(cond({ StringEquals: { 'aws:PrincipalTag/dept': 'eng' } }, { 'aws:principaltag/dept': 'eng' })).toBe(true);
    expect(cond({ StringEquals: { 'aws:PrincipalTag/dept': 'eng' } }, { 'aws:PrincipalTag/dept': 'ENG' })).toBe(false);
    expect(cond({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/dept': 'eng' } }, { 'aws:PrincipalTag/dept': 'ENG' })).toBe(true);
  });
  it('StringNotEquals: true when no value matches, and when the key is missing', () => {
    expect(cond({ StringNotEquals: { 'aws:PrincipalTag/dept': ['eng', 'ops'] } }, { 'aws:PrincipalTag/dept': 'hr' })).toBe(true);
    expect(cond({ StringNotEquals: { 'aws:PrincipalTag/dept': ['eng', 'ops'] } }, { 'aws:PrincipalTag/dept': 'eng' })).toBe(false);
    expect(cond({ StringNotEquals: { 'aws:PrincipalTag/dept': 'eng' } })).toBe(true);
    expect(cond({ StringNotEqualsIgnoreCase: { 'aws:PrincipalTag/dept': 'eng' } }, { 'aws:PrincipalTag/dept': 'ENG' })).toBe(false);
  });
  it('StringLike / StringNotLike with * and ?', () => {
    expect(cond({ StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/a/b' })).toBe(true);
    expect(cond({ StringLike: { 's3:prefix': 'home/?' } }, { 's3:prefix': 'home/ab' })).toBe(false);
    expect(cond({ StringNotLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'tmp/x' })).toBe(true);
  });
  it('a missing key makes a positive operator false', () => {
    expect(cond({ StringEquals: { 'aws:PrincipalTag/dept': 'eng' } })).toBe(false);
  });
});

describe('Numeric, Date, Bool, Binary', () => {
  it('Numeric operators', () => {
    expect(cond({ NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' })).toBe(true);
    expect(cond({ NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': 10 })).toBe(false);
    expect(cond({ NumericGreaterThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '11' })).toBe(true);
    expect(cond({ NumericNotEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '11' })).toBe(true);
    expect(cond({ NumericEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': 'abc' })).toBe(false);
    expect(cond({ NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': '3600' })).toBe(true);
  });
  it('Date operators accept ISO 8601 and epoch seconds', () => {
    expect(cond({ DateGreaterThan: { 'aws:CurrentTime': '2020-04-01T00:00:00Z' } }, { 'aws:CurrentTime': '2021-01-01T00:00:00Z' })).toBe(true);
    expect(cond({ DateLessThan: { 'aws:CurrentTime': '2020-04-01T00:00:00Z' } }, { 'aws:CurrentTime': '2021-01-01T00:00:00Z' })).toBe(false);
    expect(cond({ DateLessThan: { 'aws:TokenIssueTime': '1600000000' } }, { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' })).toBe(true);
    expect(cond({ DateEquals: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } }, { 'aws:CurrentTime': '1577836800' })).toBe(true);
  });
  it('Bool and BinaryEquals', () => {
    expect(cond({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': true })).toBe(true);
    expect(cond({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'false' })).toBe(false);
    expect(cond({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } })).toBe(false);
    expect(cond({ BinaryEquals: { 'aws:PrincipalTag/k': 'QmluYXJ5VmFsdWU=' } }, { 'aws:PrincipalTag/k': 'QmluYXJ5VmFsdWU=' })).toBe(true);
  });
  it('aws:CurrentTime and aws:EpochTime are filled in when not given', () => {
    expect(cond({ DateGreaterThan: { 'aws:CurrentTime': '2001-01-01T00:00:00Z' } })).toBe(true);
    expect(cond({ DateGreaterThan: { 'aws:EpochTime': '978307200' } })).toBe(true);
  });
});

describe('IpAddress / NotIpAddress', () => {
  it('IPv4 CIDR', () => {
    expect(cond({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.7' })).toBe(true);
    expect(cond({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.114.7' })).toBe(false);
    expect(cond({ IpAddress: { 'aws:SourceIp': '203.0.113.5' } }, { 'aws:SourceIp': '203.0.113.5' })).toBe(true);
    expect(cond({ NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24'] } }, { 'aws:SourceIp': '198.51.100.1' })).toBe(true);
  });
  it('IPv6 CIDR, with :: compression and mixed notation', () => {
    expect(cond({ IpAddress: { 'aws:SourceIp': '2001:DB8:1234:5678::/64' } }, { 'aws:SourceIp': '2001:db8:1234:5678::1' })).toBe(true);
    expect(cond({ IpAddress: { 'aws:SourceIp': '2001:DB8:1234:5678::/64' } }, { 'aws:SourceIp': '2001:db8:1234:5679::1' })).toBe(false);
    expect(cond({ IpAddress: { 'aws:SourceIp': '::ffff:203.0.113.0/120' } }, { 'aws:SourceIp': '::ffff:203.0.113.9' })).toBe(true);
    expect(cond({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '2001:db8::1' })).toBe(false);
  });
});

describe('Arn operators', () => {
  it('ArnLike / ArnEquals compare the six segments, wildcards per segment', () => {
    expect(cond({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:topic-*' } }, { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:topic-a' })).toBe(true);
    expect(cond({ ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:t' } }, { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:t' })).toBe(true);
    expect(cond({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' } }, { 'aws:SourceArn': 'arn:aws:sns:us-east-1:999999999999:t' })).toBe(false);
    // the principal is user/bob: aws:PrincipalArn is its ARN
    expect(cond({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/admin' } })).toBe(true);
    expect(cond({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/b?b' } })).toBe(false);
  });
  it('a non-ARN request value does not match', () => {
    expect(cond({ ArnLike: { 'aws:SourceArn': '*' } }, { 'aws:SourceArn': 'not-an-arn' })).toBe(false);
  });
});

describe('Null and IfExists', () => {
  it('Null true = key absent, false = key present', () => {
    expect(cond({ Null: { 'aws:TokenIssueTime': 'true' } })).toBe(true);
    expect(cond({ Null: { 'aws:TokenIssueTime': 'false' } })).toBe(false);
    expect(cond({ Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': '2020-01-01T00:00:00Z' })).toBe(true);
  });
  it('...IfExists is true when the key is missing, and the operator otherwise', () => {
    expect(cond({ StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } })).toBe(true);
    expect(cond({ StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, { 'ec2:InstanceType': 'm5.large' })).toBe(false);
    expect(cond({ StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, { 'ec2:InstanceType': 't3.micro' })).toBe(true);
    expect(cond({ NumericLessThanIfExists: { 's3:max-keys': '5' } })).toBe(true);
  });
  it('all operators and keys in a block are AND-ed', () => {
    const c = { StringEquals: { 'aws:PrincipalTag/a': 'x', 'aws:PrincipalTag/b': 'y' }, Bool: { 'aws:SecureTransport': 'true' } };
    expect(cond(c, { 'aws:PrincipalTag/a': 'x', 'aws:PrincipalTag/b': 'y', 'aws:SecureTransport': 'true' })).toBe(true);
    expect(cond(c, { 'aws:PrincipalTag/a': 'x', 'aws:PrincipalTag/b': 'y', 'aws:SecureTransport': 'false' })).toBe(false);
    expect(cond(c, { 'aws:PrincipalTag/a': 'x', 'aws:SecureTransport': 'true' })).toBe(false);
  });
});

describe('ForAllValues / ForAnyValue', () => {
  it('ForAllValues: every request value must be in the policy set; true when missing or empty', () => {
    const c = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } };
    expect(cond(c, { 'aws:TagKeys': ['environment'] })).toBe(true);
    expect(cond(c, { 'aws:TagKeys': ['environment', 'owner'] })).toBe(false);
    expect(cond(c)).toBe(true);
    expect(cond(c, { 'aws:TagKeys': [] })).toBe(true);
  });
  it('ForAnyValue: at least one request value must match; false when missing or empty', () => {
    const c = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['environment', 'cost-center'] } };
    expect(cond(c, { 'aws:TagKeys': ['owner', 'environment'] })).toBe(true);
    expect(cond(c, { 'aws:TagKeys': ['owner'] })).toBe(false);
    expect(cond(c)).toBe(false);
    expect(cond(c, { 'aws:TagKeys': [] })).toBe(false);
  });
  it('negated set operators', () => {
    // ForAllValues:StringNotLike - none of the request values may match
    expect(cond({ 'ForAllValues:StringNotLike': { 'aws:TagKeys': ['aws:*'] } }, { 'aws:TagKeys': ['a', 'b'] })).toBe(true);
    expect(cond({ 'ForAllValues:StringNotLike': { 'aws:TagKeys': ['aws:*'] } }, { 'aws:TagKeys': ['a', 'aws:x'] })).toBe(false);
    // ForAnyValue:StringNotEquals - at least one request value outside the set
    expect(cond({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['a', 'b'] } }, { 'aws:TagKeys': ['a', 'c'] })).toBe(true);
    expect(cond({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['a', 'b'] } }, { 'aws:TagKeys': ['a', 'b'] })).toBe(false);
  });
  it('ForAllValues with IfExists and ForAnyValue with IfExists on a missing key', () => {
    expect(cond({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['a'] } })).toBe(true);
    expect(cond({ 'ForAllValues:StringLikeIfExists': { 'aws:TagKeys': ['a*'] } }, { 'aws:TagKeys': ['ab', 'b'] })).toBe(false);
  });
});

describe('request context filled from the principal', () => {
  const check = (key: string, value: string, principal: string | Record<string, unknown>, extra: Record<string, unknown> = {}) => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { [key]: value } } }] };
    return evaluate({ identityPolicies: [policy], request: { principal, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: '111122223333' }, explain: false, ...extra }).decision;
  };
  const session = 'arn:aws:sts::111122223333:assumed-role/app/i-123';
  it('aws:PrincipalArn is the role ARN for a role session', () => {
    expect(check('aws:PrincipalArn', 'arn:aws:iam::111122223333:role/app', session)).toBe('Allow');
    expect(check('aws:PrincipalArn', USER, USER)).toBe('Allow');
  });
  it('aws:PrincipalAccount, aws:PrincipalType, aws:username, aws:userid', () => {
    expect(check('aws:PrincipalAccount', '111122223333', session)).toBe('Allow');
    expect(check('aws:PrincipalType', 'AssumedRole', session)).toBe('Allow');
    expect(check('aws:PrincipalType', 'User', USER)).toBe('Allow');
    expect(check('aws:username', 'bob', USER)).toBe('Allow');
    expect(check('aws:userid', 'AROAEXAMPLE:i-123', { arn: session, userId: 'AROAEXAMPLE' })).toBe('Allow');
  });
  it('aws:PrincipalOrgID when the organization is known', () => {
    expect(check('aws:PrincipalOrgID', 'o-abc', USER)).toBe('ImplicitDeny');
    expect(check('aws:PrincipalOrgID', 'o-abc', USER, { organization: { id: 'o-abc' } })).toBe('Allow');
  });
  it('the caller can override a filled-in key', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalType': 'Custom' } } }] };
    expect(evaluate({ identityPolicies: [policy], request: { principal: USER, action: 's3:GetObject', resource: '*', context: { 'aws:PrincipalType': 'Custom' } } }).decision).toBe('Allow');
  });
});
