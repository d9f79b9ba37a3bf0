/**
 * The CIS AWS Foundations monitoring controls (v3.0–v5.0 numbering 4.1–4.15, v6.0/v7.0 5.1–5.15):
 * the CloudWatch Logs filter pattern each asks for (the latest benchmark's wording, which v5.0,
 * v6.0 and v7.0 share) and the event source those events come from.
 */
export interface MonitoringControl {
  /** kenro check id. */
  id: string;
  /** What is monitored, for titles and reasons. */
  subject: string;
  /** The CIS reference filter pattern (v5.0+). */
  pattern: string;
  /**
   * Narrower patterns the benchmark itself offers as acceptable alternatives (e.g. the variant
   * for accounts that sign in through SSO). A filter covering one of them also meets the control.
   */
  alternatives?: string[];
  /**
   * The AWS service whose events the control is about. A customer filter that also requires
   * `$.eventSource = <source>` narrows nothing the control cares about, so it still counts.
   */
  eventSource?: string;
  severity: 'high' | 'medium' | 'low';
  why: string;
}

const ev = (names: string[]) => names.map((n) => `($.eventName = ${n})`).join(' || ');

export const MONITORING_CONTROLS: MonitoringControl[] = [
  {
    id: 'cloudwatch_alarm_unauthorized_api_calls',
    subject: 'unauthorized API calls',
    pattern:
      '{ ($.errorCode =*UnauthorizedOperation) || ($.errorCode =AccessDenied*) && ($.sourceIPAddress!=delivery.logs.amazonaws.com) && ($.eventName!=HeadBucket) }',
    severity: 'medium',
    why: 'Bursts of denied calls are how probing with stolen or over-narrow credentials shows itself.',
  },
  {
    id: 'cloudwatch_alarm_console_signin_without_mfa',
    subject: 'console sign-in without MFA',
    pattern: '{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) }',
    // CIS: "to reduce false positives in case Single Sign-On (SSO) is used in the organization"
    alternatives: [
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    ],
    eventSource: 'signin.amazonaws.com',
    severity: 'medium',
    why: 'A console sign-in without MFA means a password alone opened the console.',
  },
  {
    id: 'cloudwatch_alarm_root_usage',
    subject: 'root user activity',
    pattern: '{ $.userIdentity.type = Root && $.userIdentity.invokedBy NOT EXISTS && $.eventType != AwsServiceEvent }',
    severity: 'high',
    why: 'Root should almost never act; each use deserves a look.',
  },
  {
    id: 'cloudwatch_alarm_iam_policy_changes',
    subject: 'IAM policy changes',
    pattern: `{${ev([
      'DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy',
      'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy',
      'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy',
    ])}}`,
    eventSource: 'iam.amazonaws.com',
    severity: 'medium',
    why: 'Permission changes are the usual step from a foothold to full control.',
  },
  {
    id: 'cloudwatch_alarm_cloudtrail_changes',
    subject: 'CloudTrail configuration changes',
    pattern: `{ ${ev(['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'])} }`,
    eventSource: 'cloudtrail.amazonaws.com',
    severity: 'high',
    why: 'Stopping or redirecting the trail is how an intruder hides what follows.',
  },
  {
    id: 'cloudwatch_alarm_console_auth_failures',
    subject: 'console authentication failures',
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = Failed authentication) }',
    eventSource: 'signin.amazonaws.com',
    severity: 'low',
    why: 'Repeated failed sign-ins point to password guessing.',
  },
  {
    id: 'cloudwatch_alarm_kms_key_disable_or_deletion',
    subject: 'disabling or scheduled deletion of customer managed KMS keys',
    pattern: '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }',
    eventSource: 'kms.amazonaws.com',
    severity: 'medium',
    why: 'A disabled or deleted key makes the data it protects unreadable — a ransom or sabotage lever.',
  },
  {
    id: 'cloudwatch_alarm_s3_bucket_policy_changes',
    subject: 'S3 bucket policy changes',
    pattern: `{ ($.eventSource = s3.amazonaws.com) && (${ev([
      'PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication',
      'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication',
    ])}) }`,
    eventSource: 's3.amazonaws.com',
    severity: 'medium',
    why: 'Bucket policy and ACL changes are how data gets exposed.',
  },
  {
    id: 'cloudwatch_alarm_config_changes',
    subject: 'AWS Config configuration changes',
    pattern:
      '{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }',
    eventSource: 'config.amazonaws.com',
    severity: 'medium',
    why: 'Stopping Config removes the configuration history needed to investigate.',
  },
  {
    id: 'cloudwatch_alarm_security_group_changes',
    subject: 'security group changes',
    pattern: `{ ${ev([
      'AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress',
      'CreateSecurityGroup', 'DeleteSecurityGroup', 'ModifySecurityGroupRules',
    ])} }`,
    eventSource: 'ec2.amazonaws.com',
    severity: 'medium',
    why: 'Opening a security group is the quickest way to expose an instance.',
  },
  {
    id: 'cloudwatch_alarm_nacl_changes',
    subject: 'network ACL changes',
    pattern: `{ ${ev(['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation'])} }`,
    eventSource: 'ec2.amazonaws.com',
    severity: 'low',
    why: 'NACL changes can silently open subnets to the internet.',
  },
  {
    id: 'cloudwatch_alarm_network_gateway_changes',
    subject: 'network gateway changes',
    pattern: `{ ${ev(['CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway'])} }`,
    eventSource: 'ec2.amazonaws.com',
    severity: 'low',
    why: 'A new gateway is a new path in or out of the network.',
  },
  {
    id: 'cloudwatch_alarm_route_table_changes',
    subject: 'route table changes',
    pattern: `{($.eventSource = ec2.amazonaws.com) && ${ev(['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable'])} }`,
    eventSource: 'ec2.amazonaws.com',
    severity: 'low',
    why: 'Route changes can send traffic through an attacker-controlled path.',
  },
  {
    id: 'cloudwatch_alarm_vpc_changes',
    subject: 'VPC changes',
    pattern: `{ ${ev([
      'CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection',
      'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection', 'AttachClassicLinkVpc', 'DetachClassicLinkVpc',
      'DisableVpcClassicLink', 'EnableVpcClassicLink',
    ])} }`,
    eventSource: 'ec2.amazonaws.com',
    severity: 'low',
    why: 'Peering and VPC changes can join networks that should stay apart.',
  },
  {
    id: 'cloudwatch_alarm_organizations_changes',
    subject: 'AWS Organizations changes',
    pattern: `{ ($.eventSource = organizations.amazonaws.com) && (${ev([
      'AcceptHandshake', 'AttachPolicy', 'CreateAccount', 'CreateOrganizationalUnit', 'CreatePolicy', 'DeclineHandshake',
      'DeleteOrganization', 'DeleteOrganizationalUnit', 'DeletePolicy', 'DetachPolicy', 'DisablePolicyType', 'EnablePolicyType',
      'InviteAccountToOrganization', 'LeaveOrganization', 'MoveAccount', 'RemoveAccountFromOrganization', 'UpdatePolicy',
      'UpdateOrganizationalUnit',
    ])}) }`,
    eventSource: 'organizations.amazonaws.com',
    severity: 'medium',
    why: 'Organization changes can remove guardrails from whole groups of accounts.',
  },
];
