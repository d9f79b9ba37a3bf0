import { describe, expect, it } from 'vitest';
import { loadBuiltinRules } from '../../src/detect/loader.js';
import type { DetectionRule } from '../../src/detect/sigma/rule.js';
import type { CloudTrailEvent } from '../../src/detect/types.js';
import { at, ev, ROLE, ROOT, runEngine } from './helpers.js';

const set = loadBuiltinRules();
const byId = new Map(set.rules.map((r) => [r.ruleId, r]));

const iam = (eventName: string, over: Record<string, unknown> = {}) => ev({ eventSource: 'iam.amazonaws.com', eventName, readOnly: false, ...over });
const src = (eventSource: string, eventName: string, over: Record<string, unknown> = {}) => ev({ eventSource, eventName, readOnly: false, ...over });
const failed = { errorCode: 'AccessDenied', errorMessage: 'User is not authorized' };
const login = (over: Record<string, unknown>) =>
  ev({ eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', eventType: 'AwsConsoleSignIn', additionalEventData: { MFAUsed: 'No', LoginTo: 'https://console.aws.amazon.com/' }, responseElements: { ConsoleLogin: 'Success' }, ...over });
const ingress = (cidr: string, v6 = false) =>
  src('ec2.amazonaws.com', 'AuthorizeSecurityGroupIngress', {
    requestParameters: { groupId: 'sg-1', ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ...(v6 ? { ipv6Ranges: { items: [{ cidrIpv6: cidr }] } } : { ipRanges: { items: [{ cidrIp: cidr }] } }) }] } },
  });
const policy = (principal: unknown, extra: Record<string, unknown> = {}) =>
  src('s3.amazonaws.com', 'PutBucketPolicy', { requestParameters: { bucketName: 'b', bucketPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...extra }] } } });
const pab = (eventName: string, cfg: Record<string, boolean> | undefined) =>
  src('s3.amazonaws.com', eventName, { requestParameters: { bucketName: 'b', ...(cfg ? { PublicAccessBlockConfiguration: cfg } : {}) } });
const allOn = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

/** Per detection rule: events it must fire on, and events it must not. */
const CASES: Record<string, { pos: CloudTrailEvent[]; neg: CloudTrailEvent[] }> = {
  'kenro.cis.unauthorized_api_calls': {
    pos: [ev({ errorCode: 'AccessDenied' }), ev({ errorCode: 'Client.UnauthorizedOperation' }), ev({ errorCode: 'AccessDeniedException' })],
    neg: [ev(), ev({ errorCode: 'AccessDenied', eventName: 'HeadBucket' }), ev({ errorCode: 'AccessDenied', sourceIPAddress: 'delivery.logs.amazonaws.com' }), ev({ errorCode: 'ThrottlingException' })],
  },
  'kenro.console_login_without_mfa': {
    pos: [login({}), login({ userIdentity: ROOT })],
    neg: [
      login({ additionalEventData: { MFAUsed: 'Yes' } }),
      login({ responseElements: { ConsoleLogin: 'Failure' }, errorMessage: 'Failed authentication' }),
      login({ userIdentity: ROLE }),
      login({ additionalEventData: { MFAUsed: 'No', SamlProviderArn: 'arn:aws:iam::1:saml-provider/Okta' } }),
    ],
  },
  'kenro.root_account_use': {
    pos: [ev({ userIdentity: ROOT }), login({ userIdentity: ROOT, additionalEventData: { MFAUsed: 'Yes' } })],
    neg: [ev(), ev({ userIdentity: { ...ROOT, invokedBy: 'support.amazonaws.com' } }), ev({ userIdentity: ROOT, eventType: 'AwsServiceEvent' })],
  },
  'kenro.console_login_failure': {
    pos: [login({ responseElements: { ConsoleLogin: 'Failure' }, errorMessage: 'Failed authentication' }), login({ errorMessage: 'Failed authentication', responseElements: null })],
    neg: [login({}), ev({ errorMessage: 'Failed authentication' })],
  },
  'kenro.kms_key_disabled_or_deleted': {
    pos: [src('kms.amazonaws.com', 'DisableKey'), src('kms.amazonaws.com', 'ScheduleKeyDeletion', { requestParameters: { keyId: 'k', pendingWindowInDays: 7 } })],
    neg: [src('kms.amazonaws.com', 'EnableKey'), src('kms.amazonaws.com', 'DisableKey', failed), src('ec2.amazonaws.com', 'DisableKey')],
  },
  'kenro.cis.iam_policy_changes': { pos: [iam('PutRolePolicy'), iam('DetachUserPolicy'), iam('CreatePolicyVersion')], neg: [iam('GetPolicy'), iam('PutRolePolicy', failed)] },
  'kenro.cis.cloudtrail_config_changes': {
    pos: [src('cloudtrail.amazonaws.com', 'CreateTrail'), src('cloudtrail.amazonaws.com', 'StopLogging')],
    neg: [src('cloudtrail.amazonaws.com', 'DescribeTrails'), src('cloudtrail.amazonaws.com', 'DeleteTrail', failed)],
  },
  'kenro.cis.s3_bucket_policy_changes': {
    pos: [src('s3.amazonaws.com', 'PutBucketPolicy'), src('s3.amazonaws.com', 'DeleteBucketCors')],
    neg: [src('s3.amazonaws.com', 'GetBucketPolicy'), src('s3.amazonaws.com', 'PutBucketAcl', failed), src('s3control.amazonaws.com', 'PutBucketPolicy')],
  },
  'kenro.cis.config_changes': {
    pos: [src('config.amazonaws.com', 'PutConfigurationRecorder'), src('config.amazonaws.com', 'StopConfigurationRecorder')],
    neg: [src('config.amazonaws.com', 'DescribeConfigurationRecorders')],
  },
  'kenro.cis.security_group_changes': {
    pos: [src('ec2.amazonaws.com', 'CreateSecurityGroup'), src('ec2.amazonaws.com', 'ModifySecurityGroupRules')],
    neg: [src('ec2.amazonaws.com', 'DescribeSecurityGroups'), src('ec2.amazonaws.com', 'CreateSecurityGroup', failed)],
  },
  'kenro.cis.nacl_changes': { pos: [src('ec2.amazonaws.com', 'ReplaceNetworkAclEntry')], neg: [src('ec2.amazonaws.com', 'DescribeNetworkAcls')] },
  'kenro.cis.network_gateway_changes': { pos: [src('ec2.amazonaws.com', 'AttachInternetGateway')], neg: [src('ec2.amazonaws.com', 'DescribeInternetGateways')] },
  'kenro.cis.route_table_changes': {
    pos: [src('ec2.amazonaws.com', 'CreateRoute'), src('ec2.amazonaws.com', 'DisassociateRouteTable')],
    neg: [src('ec2.amazonaws.com', 'DescribeRouteTables'), src('apigateway.amazonaws.com', 'CreateRoute')],
  },
  'kenro.cis.vpc_changes': { pos: [src('ec2.amazonaws.com', 'CreateVpcPeeringConnection')], neg: [src('ec2.amazonaws.com', 'DescribeVpcs')] },
  'kenro.cis.organizations_changes': {
    pos: [src('organizations.amazonaws.com', 'LeaveOrganization'), src('organizations.amazonaws.com', 'AttachPolicy')],
    neg: [src('organizations.amazonaws.com', 'ListAccounts'), src('iam.amazonaws.com', 'AttachPolicy')],
  },
  'kenro.access_key_created_for_other_user': {
    pos: [iam('CreateAccessKey', { requestParameters: { userName: 'bob' } }), iam('CreateAccessKey', { userIdentity: ROLE, requestParameters: { userName: 'bob' } })],
    neg: [iam('CreateAccessKey', { requestParameters: { userName: 'alice' } }), iam('CreateAccessKey'), iam('CreateAccessKey', { requestParameters: { userName: 'bob' }, ...failed })],
  },
  'kenro.root_access_key_created': {
    pos: [iam('CreateAccessKey', { userIdentity: ROOT })],
    neg: [iam('CreateAccessKey', { userIdentity: ROOT, requestParameters: { userName: 'bob' } }), iam('CreateAccessKey'), iam('CreateAccessKey', { userIdentity: ROOT, ...failed })],
  },
  'kenro.admin_policy_attached': {
    pos: [
      iam('AttachUserPolicy', { requestParameters: { userName: 'bob', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } }),
      iam('AttachRolePolicy', { requestParameters: { roleName: 'r', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' } }),
      iam('PutUserPolicy', { requestParameters: { userName: 'bob', policyName: 'p', policyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' } }),
    ],
    neg: [
      iam('AttachUserPolicy', { requestParameters: { userName: 'bob', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } }),
      iam('AttachUserPolicy', { requestParameters: { userName: 'bob', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }, ...failed }),
      iam('PutUserPolicy', { requestParameters: { userName: 'bob', policyName: 'p', policyDocument: '{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}' } }),
    ],
  },
  'kenro.cloudtrail_tampering': {
    pos: [
      src('cloudtrail.amazonaws.com', 'StopLogging', { requestParameters: { name: 'main' } }),
      src('cloudtrail.amazonaws.com', 'DeleteTrail'),
      src('cloudtrail.amazonaws.com', 'UpdateTrail'),
      src('cloudtrail.amazonaws.com', 'PutEventSelectors', { requestParameters: { trailName: 't', eventSelectors: [{ includeManagementEvents: false, readWriteType: 'All' }] } }),
    ],
    neg: [
      src('cloudtrail.amazonaws.com', 'StartLogging'),
      src('cloudtrail.amazonaws.com', 'StopLogging', { errorCode: 'TrailNotFoundException' }),
      src('cloudtrail.amazonaws.com', 'PutEventSelectors', { requestParameters: { trailName: 't', eventSelectors: [{ includeManagementEvents: true, readWriteType: 'All' }] } }),
    ],
  },
  'kenro.guardduty_disabled': {
    pos: [src('guardduty.amazonaws.com', 'DeleteDetector'), src('guardduty.amazonaws.com', 'UpdateDetector', { requestParameters: { detectorId: 'd', enable: false } })],
    neg: [src('guardduty.amazonaws.com', 'UpdateDetector', { requestParameters: { detectorId: 'd', enable: true } }), src('guardduty.amazonaws.com', 'DeleteDetector', failed)],
  },
  'kenro.config_disabled': {
    pos: [src('config.amazonaws.com', 'StopConfigurationRecorder'), src('config.amazonaws.com', 'DeleteDeliveryChannel')],
    neg: [src('config.amazonaws.com', 'StartConfigurationRecorder'), src('config.amazonaws.com', 'PutDeliveryChannel')],
  },
  'kenro.securityhub_disabled': {
    pos: [src('securityhub.amazonaws.com', 'DisableSecurityHub'), src('securityhub.amazonaws.com', 'BatchDisableStandards')],
    neg: [src('securityhub.amazonaws.com', 'EnableSecurityHub'), src('securityhub.amazonaws.com', 'DisableSecurityHub', failed)],
  },
  'kenro.access_analyzer_disabled': {
    pos: [src('access-analyzer.amazonaws.com', 'DeleteAnalyzer'), src('access-analyzer.amazonaws.com', 'CreateArchiveRule')],
    neg: [src('access-analyzer.amazonaws.com', 'CreateAnalyzer'), src('access-analyzer.amazonaws.com', 'DeleteAnalyzer', failed)],
  },
  'kenro.s3_bucket_policy_public': {
    pos: [policy('*'), policy({ AWS: '*' }), policy({ AWS: ['*'] })],
    neg: [policy({ AWS: 'arn:aws:iam::444455556666:root' }), policy('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } }), policy({ Service: 'cloudtrail.amazonaws.com' }), src('s3.amazonaws.com', 'PutBucketPolicy', { ...failed, requestParameters: { bucketName: 'b', bucketPolicy: { Statement: [{ Effect: 'Allow', Principal: '*' }] } } })],
  },
  'kenro.s3_bucket_acl_public': {
    pos: [
      src('s3.amazonaws.com', 'PutBucketAcl', { requestParameters: { bucketName: 'b', AccessControlPolicy: { AccessControlList: { Grant: [{ Grantee: { xsiType: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' }] } } } }),
      src('s3.amazonaws.com', 'PutBucketAcl', { requestParameters: { bucketName: 'b', 'x-amz-acl': ['public-read'] } }),
      src('s3.amazonaws.com', 'CreateBucket', { requestParameters: { bucketName: 'b', 'x-amz-acl': ['public-read-write'] } }),
    ],
    neg: [
      src('s3.amazonaws.com', 'PutBucketAcl', { requestParameters: { bucketName: 'b', 'x-amz-acl': ['private'] } }),
      src('s3.amazonaws.com', 'PutBucketAcl', { requestParameters: { bucketName: 'b', AccessControlPolicy: { AccessControlList: { Grant: { Grantee: { ID: 'abc' }, Permission: 'FULL_CONTROL' } } } } }),
    ],
  },
  'kenro.s3_public_access_block_disabled': {
    pos: [pab('DeleteBucketPublicAccessBlock', undefined), pab('PutBucketPublicAccessBlock', { ...allOn, BlockPublicPolicy: false }), pab('PutAccountPublicAccessBlock', { ...allOn, RestrictPublicBuckets: false })],
    neg: [pab('PutBucketPublicAccessBlock', allOn), src('s3.amazonaws.com', 'DeleteBucketPublicAccessBlock', failed), pab('GetBucketPublicAccessBlock', undefined)],
  },
  'kenro.security_group_open_to_internet': {
    pos: [
      ingress('0.0.0.0/0'),
      ingress('::/0', true),
      src('ec2.amazonaws.com', 'ModifySecurityGroupRules', { requestParameters: { ModifySecurityGroupRulesRequest: { GroupId: 'sg-1', SecurityGroupRule: { SecurityGroupRuleId: 'sgr-1', SecurityGroupRule: { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '0.0.0.0/0' } } } } }),
    ],
    neg: [ingress('10.0.0.0/8'), ingress('2001:db8::/32', true), { ...ingress('0.0.0.0/0'), ...failed }, src('ec2.amazonaws.com', 'AuthorizeSecurityGroupEgress', { requestParameters: { ipPermissions: { items: [{ ipRanges: { items: [{ cidrIp: '0.0.0.0/0' }] } }] } } })],
  },
  'kenro.credential_change': {
    pos: [iam('CreateAccessKey'), iam('UpdateLoginProfile', { requestParameters: { userName: 'bob' } }), src('signin.amazonaws.com', 'PasswordUpdated', { userIdentity: ROOT })],
    neg: [iam('ListAccessKeys'), iam('CreateAccessKey', failed)],
  },
  'kenro.resource_creation': { pos: [src('ec2.amazonaws.com', 'RunInstances'), src('lambda.amazonaws.com', 'CreateFunction20150331')], neg: [src('ec2.amazonaws.com', 'TerminateInstances'), src('ec2.amazonaws.com', 'RunInstances', failed)] },
  'kenro.s3_get_object': {
    pos: [src('s3.amazonaws.com', 'GetObject', { readOnly: true })],
    neg: [src('s3.amazonaws.com', 'PutObject'), src('s3.amazonaws.com', 'GetObject', failed), src('s3.amazonaws.com', 'GetObject', { userIdentity: { type: 'AWSService', invokedBy: 'cloudfront.amazonaws.com' } })],
  },
  'kenro.principal_call': {
    pos: [ev(), ev({ userIdentity: ROLE }), ev({ userIdentity: ROOT })],
    neg: [ev({ sourceIPAddress: 'cloudformation.amazonaws.com' }), ev({ sourceIPAddress: 'AWS Internal' }), ev({ userIdentity: { type: 'AWSService', invokedBy: 'ec2.amazonaws.com' } }), ev({ userIdentity: { ...ROLE, invokedBy: 'ecs-tasks.amazonaws.com' } })],
  },
};

describe("kenro's own rules", () => {
  it('all load, with no notes', () => {
    expect(set.issues).toEqual([]);
    expect(set.rules.filter((r) => r.warnings.length)).toEqual([]);
  });

  it('every detection rule has positive and negative cases', () => {
    const detections = set.rules.filter((r) => r.kind === 'detection').map((r) => r.ruleId).sort();
    expect(detections).toEqual(Object.keys(CASES).sort());
  });

  for (const [id, c] of Object.entries(CASES)) {
    it(`${id} fires on its positives and not on its negatives`, () => {
      const r = byId.get(id) as DetectionRule;
      expect(r, id).toBeDefined();
      c.pos.forEach((e, i) => expect(r.match(e), `positive #${i}`).toBe(true));
      c.neg.forEach((e, i) => expect(r.match(e), `negative #${i}`).toBe(false));
    });
  }

  it('carries ATT&CK tags and a level on every alerting rule', () => {
    for (const r of set.rules) {
      expect(r.author, r.ruleId).toBe('kenro');
      if (['informational'].includes(r.level)) continue;
      expect(r.mitre.techniques.length, r.ruleId).toBeGreaterThan(0);
    }
  });
});

describe("kenro's correlation rules", () => {
  const failure = (ip: string, minute: number, user = 'alice') =>
    login({ eventTime: at(minute), sourceIPAddress: ip, responseElements: { ConsoleLogin: 'Failure' }, errorMessage: 'Failed authentication', userIdentity: { type: 'IAMUser', userName: user, arn: `arn:aws:iam::111122223333:user/${user}`, accountId: '111122223333' } });
  const ids = (alerts: { ruleId: string }[], id: string) => alerts.filter((a) => a.ruleId === id).length;

  it('console sign-in failure burst: 5 from one address within 10 minutes', () => {
    const { alerts } = runEngine(set.rules, [0, 1, 2, 3, 4].map((m) => failure('203.0.113.9', m)));
    expect(ids(alerts, 'kenro.console_login_failure_burst')).toBe(1);
    expect(ids(alerts, 'kenro.console_login_failure')).toBe(5); // generate: true keeps the base alerts
    const burst = alerts.find((a) => a.ruleId === 'kenro.console_login_failure_burst')!;
    expect(burst.correlation?.count).toBe(5);
    expect(burst.events).toHaveLength(2);
  });

  it('no burst when spread out or from different addresses', () => {
    expect(ids(runEngine(set.rules, [0, 5, 10, 15, 20].map((m) => failure('203.0.113.9', m))).alerts, 'kenro.console_login_failure_burst')).toBe(0);
    expect(ids(runEngine(set.rules, [0, 1, 2, 3, 4].map((m) => failure(`203.0.113.${m}`, m))).alerts, 'kenro.console_login_failure_burst')).toBe(0);
  });

  it('password spraying: 10 different users from one address within an hour', () => {
    const evs = Array.from({ length: 10 }, (_, i) => failure('203.0.113.50', i * 5, `user${i}`));
    expect(ids(runEngine(set.rules, evs).alerts, 'kenro.console_password_spraying')).toBe(1);
    const same = Array.from({ length: 10 }, (_, i) => failure('203.0.113.50', i * 5, 'alice'));
    expect(ids(runEngine(set.rules, same).alerts, 'kenro.console_password_spraying')).toBe(0);
  });

  const run = (minute: number, i: number) => src('ec2.amazonaws.com', 'RunInstances', { eventTime: at(minute), requestParameters: { instanceType: 'p4d.24xlarge' }, eventID: `run-${i}` });
  it('resource burst after a credential change', () => {
    const evs = [iam('CreateAccessKey', { eventTime: at(0), requestParameters: { userName: 'bob' } }), ...Array.from({ length: 10 }, (_, i) => run(30 + i, i))];
    const { alerts } = runEngine(set.rules, evs);
    expect(ids(alerts, 'kenro.resource_burst_after_credential_change')).toBe(1);
    expect(ids(alerts, 'kenro.resource_creation_burst')).toBe(0); // building block only
    expect(ids(alerts, 'kenro.credential_change')).toBe(0);
  });

  it('no alert for a burst without a credential change before it, or one too long after', () => {
    expect(ids(runEngine(set.rules, Array.from({ length: 12 }, (_, i) => run(i, i))).alerts, 'kenro.resource_burst_after_credential_change')).toBe(0);
    const late = [iam('CreateAccessKey', { eventTime: at(0) }), ...Array.from({ length: 10 }, (_, i) => run(7 * 60 + i, i))];
    expect(ids(runEngine(set.rules, late).alerts, 'kenro.resource_burst_after_credential_change')).toBe(0);
    const few = [iam('CreateAccessKey', { eventTime: at(0) }), ...Array.from({ length: 9 }, (_, i) => run(10 + i, i))];
    expect(ids(runEngine(set.rules, few).alerts, 'kenro.resource_burst_after_credential_change')).toBe(0);
  });

  const get = (sec: number, who = ROLE) => src('s3.amazonaws.com', 'GetObject', { readOnly: true, userIdentity: who, eventTime: new Date(Date.UTC(2026, 0, 1) + sec * 100).toISOString().replace(/\.\d{3}Z$/, 'Z') });
  it('many GetObject calls by one principal in ten minutes', () => {
    const { alerts } = runEngine(set.rules, Array.from({ length: 1000 }, (_, i) => get(i)));
    const a = alerts.filter((x) => x.ruleId === 'kenro.s3_mass_download');
    expect(a).toHaveLength(1);
    expect(a[0]!.principal).toBe('arn:aws:iam::111122223333:role/Deploy');
    expect(a[0]!.correlation?.group).toEqual({ 'kenro.principal': 'arn:aws:iam::111122223333:role/Deploy' });
  });

  it('no mass-download alert below the threshold or spread over time', () => {
    expect(ids(runEngine(set.rules, Array.from({ length: 999 }, (_, i) => get(i))).alerts, 'kenro.s3_mass_download')).toBe(0);
    expect(ids(runEngine(set.rules, Array.from({ length: 1000 }, (_, i) => get(i * 10))).alerts, 'kenro.s3_mass_download')).toBe(0);
  });

  const call = (minute: number, ip: string, region = 'us-east-1') => ev({ eventTime: at(minute), sourceIPAddress: ip, awsRegion: region });
  it('a principal acting from a new source address or region, after its history is known', () => {
    const history = Array.from({ length: 25 }, (_, i) => call(i, i % 2 ? '198.51.100.7' : '198.51.100.8'));
    const { alerts } = runEngine(set.rules, [...history, call(30, '203.0.113.66', 'ap-southeast-3')]);
    const ip = alerts.filter((a) => a.ruleId === 'kenro.new_source_ip');
    const region = alerts.filter((a) => a.ruleId === 'kenro.new_region');
    expect(ip).toHaveLength(1);
    expect(ip[0]!.correlation?.newValue).toBe('203.0.113.66');
    expect(ip[0]!.reason).toMatch(/first time/);
    expect(region).toHaveLength(1);
    expect(region[0]!.region).toBe('ap-southeast-3');
  });

  it('no first-seen alert while the principal has too little history, or for known values', () => {
    const few = [call(0, '198.51.100.7'), call(1, '203.0.113.66', 'eu-west-1')];
    expect(runEngine(set.rules, few).alerts.filter((a) => a.ruleId.startsWith('kenro.new_'))).toEqual([]);
    const known = Array.from({ length: 30 }, (_, i) => call(i, '198.51.100.7'));
    expect(runEngine(set.rules, known).alerts.filter((a) => a.ruleId.startsWith('kenro.new_'))).toEqual([]);
  });
});
