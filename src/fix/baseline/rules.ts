/**
 * AWS Config managed rules kenro's baseline deploys, with the parameters kenro sets, where they
 * are evaluated (every region, or only the home region for account-wide and IAM rules), and the
 * AWS-owned SSM Automation runbook that remediates them where AWS provides one.
 */

export interface RemediationSpec {
  /** AWS-owned Automation runbook (Systems Manager Automation runbook reference). */
  document: string;
  /** Runbook parameter that receives the noncompliant resource's id, when it takes one. */
  resourceParameter?: string;
  /** Static runbook parameters (CloudFormation values: strings, or { Ref } / { 'Fn::Sub' }). */
  staticParameters?: Record<string, unknown>;
  /** The IAM actions the runbook's steps need (its reference page, "Required IAM permissions"). */
  actions: string[];
  /** Config resource type the rule reports on (RemediationConfiguration.ResourceType). */
  resourceType?: string;
  docs: string;
}

export interface ManagedRuleSpec {
  /** Rule parameters (InputParameters). */
  parameters?: Record<string, string>;
  /** Evaluated once per account, in the home region (IAM and account-wide rules). */
  homeRegionOnly?: boolean;
  remediation?: RemediationSpec;
  /** Why kenro does not deploy a rule that a check names. */
  omit?: string;
}

const RUNBOOKS = 'https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide';

/** The CIS password policy the IAM_PASSWORD_POLICY rule asks for and its runbook sets. */
export const CIS_PASSWORD_POLICY_PARAMETERS: Record<string, string> = {
  MinimumPasswordLength: '14',
  PasswordReusePrevention: '24',
  RequireUppercaseCharacters: 'true',
  RequireLowercaseCharacters: 'true',
  RequireSymbols: 'true',
  RequireNumbers: 'true',
  MaxPasswordAge: '90',
};

export const MANAGED_RULES: Record<string, ManagedRuleSpec> = {
  IAM_PASSWORD_POLICY: {
    parameters: CIS_PASSWORD_POLICY_PARAMETERS,
    homeRegionOnly: true,
    remediation: {
      document: 'AWSConfigRemediation-SetIAMPasswordPolicy',
      staticParameters: {
        MinimumPasswordLength: '14',
        PasswordReusePrevention: '24',
        RequireUppercaseCharacters: 'true',
        RequireLowercaseCharacters: 'true',
        RequireSymbols: 'true',
        RequireNumbers: 'true',
        MaxPasswordAge: '90',
        AllowUsersToChangePassword: 'true',
      },
      actions: ['iam:UpdateAccountPasswordPolicy', 'iam:GetAccountPasswordPolicy'],
      docs: `${RUNBOOKS}/automation-aws-set-iam-policy.html`,
    },
  },
  VPC_DEFAULT_SECURITY_GROUP_CLOSED: {
    remediation: {
      document: 'AWSConfigRemediation-RemoveVPCDefaultSecurityGroupRules',
      resourceParameter: 'GroupId',
      resourceType: 'AWS::EC2::SecurityGroup',
      actions: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupEgress', 'ec2:RevokeSecurityGroupIngress'],
      docs: `${RUNBOOKS}/automation-aws-remove-default-secg-rules.html`,
    },
  },
  INCOMING_SSH_DISABLED: {
    remediation: {
      document: 'AWS-DisableIncomingSSHOnPort22',
      resourceParameter: 'SecurityGroupIds',
      resourceType: 'AWS::EC2::SecurityGroup',
      actions: ['ec2:DescribeSecurityGroups', 'ec2:RevokeSecurityGroupIngress'],
      docs: `${RUNBOOKS}/disable-incoming-ssh.html`,
    },
  },
  S3_BUCKET_SSL_REQUESTS_ONLY: {
    remediation: {
      document: 'AWSConfigRemediation-RestrictBucketSSLRequestsOnly',
      resourceParameter: 'BucketName',
      resourceType: 'AWS::S3::Bucket',
      actions: ['s3:GetBucketPolicy', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:PutEncryptionConfiguration'],
      docs: `${RUNBOOKS}/automation-aws-s3-deny-http.html`,
    },
  },
  S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC: {
    homeRegionOnly: true,
    remediation: {
      document: 'AWSConfigRemediation-ConfigureS3PublicAccessBlock',
      staticParameters: { AccountId: { Ref: 'AWS::AccountId' } },
      actions: ['s3:GetAccountPublicAccessBlock', 's3:PutAccountPublicAccessBlock'],
      docs: `${RUNBOOKS}/automation-aws-block-public-s3.html`,
    },
  },
  CMK_BACKING_KEY_ROTATION_ENABLED: {
    remediation: {
      document: 'AWSConfigRemediation-EnableKeyRotation',
      resourceParameter: 'KeyId',
      resourceType: 'AWS::KMS::Key',
      actions: ['kms:DescribeKey', 'kms:EnableKeyRotation', 'kms:GetKeyRotationStatus'],
      docs: `${RUNBOOKS}/automation-aws-enable-key-rotation.html`,
    },
  },
  ACCESS_KEYS_ROTATED: { parameters: { maxAccessKeyAge: '90' }, homeRegionOnly: true },
  IAM_USER_UNUSED_CREDENTIALS_CHECK: { parameters: { maxCredentialUsageAge: '45' }, homeRegionOnly: true },
  IAM_ROOT_ACCESS_KEY_CHECK: { homeRegionOnly: true },
  ROOT_ACCOUNT_MFA_ENABLED: { homeRegionOnly: true },
  ROOT_ACCOUNT_HARDWARE_MFA_ENABLED: { homeRegionOnly: true },
  MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS: { homeRegionOnly: true },
  IAM_USER_NO_POLICIES_CHECK: { homeRegionOnly: true },
  IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS: { homeRegionOnly: true },
  IAM_POLICY_IN_USE: { omit: 'needs the ARN of one policy (policyARN) to check; kenro\'s check is not about one policy' },
  MULTI_REGION_CLOUD_TRAIL_ENABLED: { homeRegionOnly: true },
  SECURITY_ACCOUNT_ATTRIBUTE_CHECK: { homeRegionOnly: true },
  LAMBDA_FUNCTION_SETTINGS_CHECK: { omit: 'needs the allowed runtimes as a parameter (runtime); kenro judges deprecated runtimes itself' },
};

/** The home-region-only rules and the rule's own name in the template. */
export function ruleNameOf(identifier: string): string {
  return `kenro-${identifier.toLowerCase().replace(/_/g, '-')}`;
}
