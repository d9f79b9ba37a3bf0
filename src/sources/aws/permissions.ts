/**
 * The IAM actions kenro's collectors call: the single source of the read-only policy in
 * docs/permissions.md (`minimalPolicy()`), and of the permission strings collectors pass to
 * `ctx.call` / `ctx.list` (typed as `Permission`, so an action missing here does not compile).
 *
 * Append-friendly: one action per line, each block owned by one collector group.
 */

// ---- collectors A: framework, STS, EC2 (regions), IAM, S3, S3 Control, Organizations, Account, Budgets
export const PERMISSIONS_A = [
  'sts:GetCallerIdentity',
  'ec2:DescribeRegions',
  // EC2 / VPC / EBS
  'ec2:DescribeInstances',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeNetworkAcls',
  'ec2:DescribeVpcs',
  'ec2:DescribeSubnets',
  'ec2:DescribeRouteTables',
  'ec2:DescribeInternetGateways',
  'ec2:DescribeFlowLogs',
  'ec2:DescribeVpcEndpoints',
  'ec2:DescribeVolumes',
  'ec2:DescribeSnapshots',
  'ec2:DescribeSnapshotAttribute',
  'ec2:DescribeImages',
  'ec2:GetEbsEncryptionByDefault',
  'ec2:GetEbsDefaultKmsKeyId',
  'ec2:DescribeKeyPairs',
  'ec2:GetInstanceMetadataDefaults',
  // IAM
  'iam:GetAccountAuthorizationDetails',
  'iam:ListAccessKeys',
  'iam:GetAccessKeyLastUsed',
  'iam:ListMFADevices',
  'iam:GetLoginProfile',
  'iam:GenerateCredentialReport',
  'iam:GetCredentialReport',
  'iam:GetAccountSummary',
  'iam:GetAccountPasswordPolicy',
  'iam:ListVirtualMFADevices',
  'iam:ListServerCertificates',
  'iam:ListSAMLProviders',
  'iam:ListOpenIDConnectProviders',
  'iam:GetOpenIDConnectProvider',
  'iam:ListInstanceProfiles',
  'iam:ListAccountAliases',
  // S3 (ListBuckets is s3:ListAllMyBuckets; the Get* calls map to s3:GetBucket* actions)
  's3:ListAllMyBuckets',
  's3:GetBucketLocation',
  's3:GetBucketPolicy',
  's3:GetBucketPolicyStatus',
  's3:GetBucketAcl',
  's3:GetBucketPublicAccessBlock',
  's3:GetEncryptionConfiguration',
  's3:GetBucketVersioning',
  's3:GetBucketLogging',
  's3:GetLifecycleConfiguration',
  's3:GetBucketObjectLockConfiguration',
  's3:GetBucketOwnershipControls',
  's3:GetBucketTagging',
  // S3 Control (account-level Block Public Access)
  's3:GetAccountPublicAccessBlock',
  // Organizations
  'organizations:DescribeOrganization',
  'organizations:ListParents',
  'organizations:ListPoliciesForTarget',
  'organizations:DescribePolicy',
  // Account
  'account:GetAlternateContact',
  // Budgets (DescribeBudgets / DescribeNotificationsForBudget / DescribeSubscribersForNotification)
  'budgets:ViewBudget',
] as const;

// ---- collectors B: regional services (CloudTrail, Config, CloudWatch, Logs, SNS, SQS, KMS,
// GuardDuty, Security Hub, Access Analyzer, RDS, EFS, ELBv2, Lambda, ECR, Secrets Manager).
// Every action the regional collectors in services/ call; docs/collection-services.md says which call needs which.
export const PERMISSIONS_B = [
  'cloudtrail:DescribeTrails',
  'cloudtrail:GetTrailStatus',
  'cloudtrail:GetEventSelectors',
  'config:DescribeConfigurationRecorders',
  'config:DescribeConfigurationRecorderStatus',
  'config:DescribeDeliveryChannels',
  'config:DescribeConfigRules',
  'cloudwatch:DescribeAlarms',
  'logs:DescribeLogGroups',
  'logs:DescribeMetricFilters',
  'sns:ListTopics',
  'sns:GetTopicAttributes',
  'sns:ListSubscriptionsByTopic',
  'sqs:ListQueues',
  'sqs:GetQueueAttributes',
  'kms:ListKeys',
  'kms:DescribeKey',
  'kms:GetKeyRotationStatus',
  'kms:GetKeyPolicy',
  'kms:ListAliases',
  'guardduty:ListDetectors',
  'guardduty:GetDetector',
  'securityhub:DescribeHub',
  'securityhub:GetEnabledStandards',
  'access-analyzer:ListAnalyzers',
  'rds:DescribeDBInstances',
  'rds:DescribeDBClusters',
  'rds:DescribeDBSnapshots',
  'rds:DescribeDBClusterSnapshots',
  'rds:DescribeDBSnapshotAttributes',
  'rds:DescribeDBClusterSnapshotAttributes',
  'elasticfilesystem:DescribeFileSystems',
  'elasticfilesystem:DescribeFileSystemPolicy',
  'elasticfilesystem:DescribeBackupPolicy',
  'elasticloadbalancing:DescribeLoadBalancers',
  'elasticloadbalancing:DescribeListeners',
  'elasticloadbalancing:DescribeLoadBalancerAttributes',
  'lambda:ListFunctions',
  'lambda:GetPolicy',
  // ListFunctionUrlConfigs, not GetFunctionUrlConfig: it also sees URLs on aliases.
  'lambda:ListFunctionUrlConfigs',
  'ecr:DescribeRepositories',
  'ecr:GetRepositoryPolicy',
  'secretsmanager:ListSecrets',
  'secretsmanager:GetResourcePolicy',
] as const;

export const ALL_PERMISSIONS: readonly string[] = [...new Set<string>([...PERMISSIONS_A, ...PERMISSIONS_B])].sort();

/** An IAM action kenro's collectors may call. */
export type Permission = (typeof PERMISSIONS_A)[number] | (typeof PERMISSIONS_B)[number];

export function isKnownPermission(p: string): p is Permission {
  return ALL_PERMISSIONS.includes(p);
}

/** The minimal read-only policy: every action the collectors call, on every resource. */
export function minimalPolicy(): { Version: '2012-10-17'; Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }[] } {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'KenroReadOnlyCollection', Effect: 'Allow', Action: [...ALL_PERMISSIONS], Resource: '*' }],
  };
}
