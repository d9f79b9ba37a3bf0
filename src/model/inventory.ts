/**
 * The inventory: what kenro knows about one or more AWS accounts, from any source (live
 * collection, a saved snapshot, CloudFormation templates, the demo). It is the contract between
 * sources and checks. Field names are kenro's own (camelCase), close to AWS's API names so that a
 * reader of the AWS API reference recognises them. Anything that needed its own API call is a
 * `Collected<T>` so that a failed read is recorded instead of looking like "not configured".
 *
 * Conventions:
 * - `null` inside an ok Collected means "AWS says it is not configured" (e.g. NoSuchBucketPolicy).
 * - Policy documents are stored parsed (`PolicyDocument`, plain JSON), never as strings.
 * - Times are ISO-8601 strings (UTC).
 * - `origin` is set by static sources (CloudFormation) to locate the resource in a file.
 */
import type { Collected } from './collected.js';

export const SCHEMA_VERSION = 1 as const;

/** A parsed IAM policy document (identity, resource, trust, SCP...), exactly as JSON. */
export type PolicyDocument = Record<string, unknown>;

export type Tags = Record<string, string>;

/** Where a resource came from in a template (static sources only). */
export interface ResourceOrigin {
  file: string;
  logicalId: string;
  line: number;
  column: number;
  /** Location of model fields, keyed by field path as checks name it (e.g. `encryption`). */
  fields?: Record<string, { line: number; column: number }>;
}

export interface Inventory {
  schemaVersion: typeof SCHEMA_VERSION;
  kenroVersion: string;
  source: InventorySource;
  /** When collection started (ISO-8601). */
  collectedAt: string;
  accounts: AccountInventory[];
}

export interface InventorySource {
  kind: 'live' | 'demo' | 'template' | 'generated';
  description?: string;
}

export interface AccountInventory {
  accountId: string;
  partition: string;
  alias?: string;
  /** Regions the scan covered (every region the account has enabled, unless chosen). */
  regions: string[];
  /** The caller's identity (sts:GetCallerIdentity). */
  caller?: { arn: string; userId: string };
  organization: Collected<OrganizationInfo | null>;
  contacts: Collected<AccountContacts>;
  iam: IamInventory;
  s3: S3Inventory;
  budgets: Collected<Budget[]>;
  /** Per region, keyed by region name (e.g. `eu-west-1`). */
  regional: Record<string, RegionInventory>;
}

// ---------------------------------------------------------------- Organizations / Account

export interface OrganizationInfo {
  id: string;
  arn: string;
  managementAccountId: string;
  /** Whether this account is the management account. */
  isManagementAccount: boolean;
  /** Root id first, then OUs down to the account: the path SCPs/RCPs apply along. */
  path?: Collected<string[]>;
  /** SCPs attached at each level of `path` (same order), then the account itself last. */
  scps?: Collected<PolicyAttachmentLevel[]>;
  rcps?: Collected<PolicyAttachmentLevel[]>;
}

export interface PolicyAttachmentLevel {
  targetId: string;
  policies: { id: string; name: string; arn?: string; document: PolicyDocument }[];
}

export interface AccountContacts {
  /** Alternate contacts by type; null when not set. */
  security: AlternateContact | null;
  billing: AlternateContact | null;
  operations: AlternateContact | null;
}

export interface AlternateContact {
  name?: string;
  title?: string;
  emailAddress?: string;
  phoneNumber?: string;
}

export interface Budget {
  name: string;
  budgetType: string;
  limitAmount?: number;
  limitUnit?: string;
  timeUnit?: string;
  /** Notifications with their subscriber counts (DescribeNotificationsForBudget). */
  notifications: Collected<{ notificationType: string; threshold: number; subscribers: number }[]>;
}

// ---------------------------------------------------------------- IAM

export interface IamInventory {
  /** Parsed credential report rows (GenerateCredentialReport + GetCredentialReport). */
  credentialReport: Collected<CredentialReportRow[]>;
  /**
   * When AWS generated the credential report that was read (GetCredentialReport GeneratedTime,
   * ISO-8601). A fresh report is generated at scan time when iam:GenerateCredentialReport is
   * allowed; otherwise an existing report (AWS keeps one for 4 hours) may be read, and this says
   * how old its data is. Absent when no report was read, and in snapshots from older versions.
   */
  credentialReportGeneratedAt?: string;
  /** GetAccountSummary SummaryMap (AccountMFAEnabled, AccountAccessKeysPresent, ...). */
  accountSummary: Collected<Record<string, number>>;
  passwordPolicy: Collected<PasswordPolicy | null>;
  users: Collected<IamUser[]>;
  groups: Collected<IamGroup[]>;
  roles: Collected<IamRole[]>;
  /** Customer managed policies, plus AWS managed policies that are attached to something. */
  policies: Collected<ManagedPolicy[]>;
  virtualMfaDevices: Collected<VirtualMfaDevice[]>;
  serverCertificates: Collected<ServerCertificate[]>;
  samlProviders: Collected<{ arn: string; validUntil?: string }[]>;
  oidcProviders: Collected<{ arn: string; url?: string; clientIds?: string[] }[]>;
  instanceProfiles: Collected<{ arn: string; name: string; roleNames: string[] }[]>;
}

/** One row of the credential report. Values are kept as AWS writes them. */
export interface CredentialReportRow {
  user: string;
  arn: string;
  /** ISO time, or the special values AWS uses. */
  user_creation_time: string;
  password_enabled: 'true' | 'false' | 'not_supported';
  /** ISO time, `N/A` or `no_information`. */
  password_last_used: string;
  password_last_changed: string;
  password_next_rotation: string;
  mfa_active: 'true' | 'false';
  access_key_1_active: 'true' | 'false';
  access_key_1_last_rotated: string;
  access_key_1_last_used_date: string;
  access_key_1_last_used_region: string;
  access_key_1_last_used_service: string;
  access_key_2_active: 'true' | 'false';
  access_key_2_last_rotated: string;
  access_key_2_last_used_date: string;
  access_key_2_last_used_region: string;
  access_key_2_last_used_service: string;
  cert_1_active: 'true' | 'false';
  cert_1_last_rotated: string;
  cert_2_active: 'true' | 'false';
  cert_2_last_rotated: string;
}

export interface PasswordPolicy {
  minimumPasswordLength?: number;
  requireSymbols?: boolean;
  requireNumbers?: boolean;
  requireUppercaseCharacters?: boolean;
  requireLowercaseCharacters?: boolean;
  allowUsersToChangePassword?: boolean;
  expirePasswords?: boolean;
  maxPasswordAge?: number;
  passwordReusePrevention?: number;
  hardExpiry?: boolean;
}

export interface InlinePolicy {
  name: string;
  document: PolicyDocument;
}

export interface AttachedPolicyRef {
  arn: string;
  name: string;
}

export interface IamUser {
  arn: string;
  name: string;
  id: string;
  path: string;
  createDate: string;
  passwordLastUsed?: string;
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicyRef[];
  groups: string[];
  permissionsBoundary?: string;
  tags?: Tags;
  accessKeys: Collected<AccessKey[]>;
  mfaDevices: Collected<{ serialNumber: string; enableDate?: string }[]>;
  /** Console password (GetLoginProfile); null when the user has none. */
  loginProfile?: Collected<{ createDate: string; passwordResetRequired?: boolean } | null>;
  origin?: ResourceOrigin;
}

export interface AccessKey {
  id: string;
  status: 'Active' | 'Inactive';
  createDate: string;
  lastUsed: Collected<{ date?: string; service?: string; region?: string }>;
}

export interface IamGroup {
  arn: string;
  name: string;
  id: string;
  path: string;
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicyRef[];
  origin?: ResourceOrigin;
}

export interface IamRole {
  arn: string;
  name: string;
  id: string;
  path: string;
  createDate: string;
  trustPolicy: PolicyDocument;
  inlinePolicies: InlinePolicy[];
  attachedPolicies: AttachedPolicyRef[];
  permissionsBoundary?: string;
  maxSessionDuration?: number;
  lastUsed?: { date?: string; region?: string };
  tags?: Tags;
  origin?: ResourceOrigin;
}

export interface ManagedPolicy {
  arn: string;
  name: string;
  id: string;
  path: string;
  /** True for AWS managed policies (arn:aws:iam::aws:policy/...). */
  awsManaged: boolean;
  attachmentCount: number;
  permissionsBoundaryUsageCount?: number;
  defaultVersionId: string;
  /** The default version's document. */
  document: PolicyDocument;
  origin?: ResourceOrigin;
}

export interface VirtualMfaDevice {
  serialNumber: string;
  /** ARN of the user it is assigned to; root's is `arn:aws:iam::ACCOUNT:root`. */
  userArn?: string;
  enableDate?: string;
}

export interface ServerCertificate {
  arn: string;
  name: string;
  expiration?: string;
  uploadDate?: string;
}

// ---------------------------------------------------------------- S3

export interface PublicAccessBlock {
  blockPublicAcls: boolean;
  ignorePublicAcls: boolean;
  blockPublicPolicy: boolean;
  restrictPublicBuckets: boolean;
}

export interface S3Inventory {
  /** S3 Control GetPublicAccessBlock for the account; null when not configured. */
  accountPublicAccessBlock: Collected<PublicAccessBlock | null>;
  buckets: Collected<S3Bucket[]>;
}

export interface S3Grant {
  granteeType: 'CanonicalUser' | 'Group' | 'AmazonCustomerByEmail';
  /** Canonical id, group URI or email. */
  grantee: string;
  permission: 'FULL_CONTROL' | 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP';
}

export interface S3Bucket {
  name: string;
  arn: string;
  /** The bucket's region (GetBucketLocation; `us-east-1` for an empty LocationConstraint). */
  region: string;
  creationDate?: string;
  policy: Collected<PolicyDocument | null>;
  /** GetBucketPolicyStatus: AWS's own judgement of the policy. */
  policyStatus: Collected<{ isPublic: boolean } | null>;
  acl: Collected<{ ownerId?: string; grants: S3Grant[] }>;
  publicAccessBlock: Collected<PublicAccessBlock | null>;
  encryption: Collected<{
    rules: { sseAlgorithm: string; kmsMasterKeyId?: string; bucketKeyEnabled?: boolean }[];
  } | null>;
  versioning: Collected<{ status: 'Enabled' | 'Suspended' | 'Never'; mfaDelete: boolean }>;
  logging: Collected<{ targetBucket: string; targetPrefix?: string } | null>;
  lifecycle: Collected<{ id?: string; status: string; expirationDays?: number }[] | null>;
  objectLock: Collected<{ enabled: boolean; mode?: string; days?: number; years?: number } | null>;
  ownershipControls: Collected<'BucketOwnerEnforced' | 'BucketOwnerPreferred' | 'ObjectWriter' | null>;
  tags?: Tags;
  origin?: ResourceOrigin;
}

// ---------------------------------------------------------------- Regional

export interface RegionInventory {
  region: string;
  ec2: Ec2Inventory;
  cloudtrail: { trails: Collected<Trail[]> };
  config: ConfigInventory;
  cloudwatch: { alarms: Collected<MetricAlarm[]> };
  logs: { logGroups: Collected<LogGroup[]>; metricFilters: Collected<MetricFilter[]> };
  sns: { topics: Collected<SnsTopic[]> };
  sqs: { queues: Collected<SqsQueue[]> };
  kms: { keys: Collected<KmsKey[]> };
  guardduty: { detectors: Collected<GuardDutyDetector[]> };
  securityhub: SecurityHubInventory;
  accessanalyzer: { analyzers: Collected<AccessAnalyzer[]> };
  rds: RdsInventory;
  efs: { fileSystems: Collected<EfsFileSystem[]> };
  elbv2: { loadBalancers: Collected<LoadBalancer[]> };
  lambda: { functions: Collected<LambdaFunction[]> };
  ecr: {
    repositories: Collected<EcrRepository[]>;
    /** GetRegistryScanningConfiguration; null when the registry has none. Absent = not collected. */
    registryScanning?: Collected<EcrRegistryScanning | null>;
  };
  secretsmanager: { secrets: Collected<Secret[]> };
}

// ---- EC2 / VPC / EBS

export interface Ec2Inventory {
  instances: Collected<Ec2Instance[]>;
  securityGroups: Collected<SecurityGroup[]>;
  networkAcls: Collected<NetworkAcl[]>;
  vpcs: Collected<Vpc[]>;
  subnets: Collected<Subnet[]>;
  routeTables: Collected<RouteTable[]>;
  internetGateways: Collected<{ id: string; vpcIds: string[] }[]>;
  flowLogs: Collected<FlowLog[]>;
  vpcEndpoints: Collected<VpcEndpoint[]>;
  volumes: Collected<EbsVolume[]>;
  /** Snapshots owned by the account, with whether createVolumePermission includes `all`. */
  snapshots: Collected<EbsSnapshot[]>;
  /** AMIs owned by the account. */
  images: Collected<{ id: string; name?: string; public: boolean; arn: string }[]>;
  ebsEncryptionByDefault: Collected<boolean>;
  ebsDefaultKmsKeyId?: Collected<string | null>;
  keyPairs: Collected<{ name: string; id: string; type?: string; createTime?: string }[]>;
  /** Account-level IMDS defaults (GetInstanceMetadataDefaults); null when none set. */
  instanceMetadataDefaults?: Collected<{ httpTokens?: string; httpPutResponseHopLimit?: number } | null>;
}

export interface VpcEndpoint {
  id: string;
  vpcId: string;
  serviceName: string;
  type: string;
  /**
   * The endpoint policy when it was read and parsed. Absent both when the endpoint has no policy
   * and when its policy could not be parsed: checks must read `policyCollected` instead.
   */
  policy?: PolicyDocument;
  /**
   * The endpoint policy as collected: ok(document), ok(null) when DescribeVpcEndpoints returns
   * no PolicyDocument for the endpoint, failed (code `MalformedPolicy`) when the document could
   * not be parsed. Absent only in snapshots written before kenro recorded it (treat as unread).
   */
  policyCollected?: Collected<PolicyDocument | null>;
}

export interface Ec2Instance {
  id: string;
  arn: string;
  state: string;
  vpcId?: string;
  subnetId?: string;
  publicIp?: string;
  imageId?: string;
  iamInstanceProfileArn?: string;
  securityGroupIds: string[];
  metadataOptions?: { httpTokens?: 'optional' | 'required'; httpEndpoint?: 'enabled' | 'disabled'; httpPutResponseHopLimit?: number };
  launchTime?: string;
  tags?: Tags;
  origin?: ResourceOrigin;
}

export interface IpPermission {
  /** `-1` for all protocols, else `tcp`, `udp`, `icmp`, `icmpv6` or a number. */
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  ipv4Ranges: string[];
  ipv6Ranges: string[];
  prefixListIds: string[];
  /** Referenced security groups (`sg-...` or `account/sg-...`). */
  groupRefs: string[];
}

export interface SecurityGroup {
  id: string;
  arn: string;
  name: string;
  vpcId?: string;
  description?: string;
  ingress: IpPermission[];
  egress: IpPermission[];
  tags?: Tags;
  origin?: ResourceOrigin;
}

export interface NetworkAclEntry {
  ruleNumber: number;
  egress: boolean;
  ruleAction: 'allow' | 'deny';
  /** Protocol number as a string; `-1` for all. */
  protocol: string;
  cidrBlock?: string;
  ipv6CidrBlock?: string;
  portRange?: { from: number; to: number };
}

export interface NetworkAcl {
  id: string;
  arn: string;
  vpcId: string;
  isDefault: boolean;
  entries: NetworkAclEntry[];
  subnetIds: string[];
  origin?: ResourceOrigin;
}

export interface Vpc {
  id: string;
  arn: string;
  cidrBlock?: string;
  isDefault: boolean;
  tags?: Tags;
  origin?: ResourceOrigin;
}

export interface Subnet {
  id: string;
  arn: string;
  vpcId: string;
  cidrBlock?: string;
  mapPublicIpOnLaunch: boolean;
  availabilityZone?: string;
}

export interface RouteTable {
  id: string;
  vpcId: string;
  routes: { destination: string; target?: string }[];
  subnetIds: string[];
  main: boolean;
}

export interface FlowLog {
  id: string;
  resourceId: string;
  trafficType: 'ACCEPT' | 'REJECT' | 'ALL';
  status?: string;
  destinationType: 'cloud-watch-logs' | 's3' | 'kinesis-data-firehose';
  destination?: string;
  origin?: ResourceOrigin;
}

export interface EbsVolume {
  id: string;
  arn: string;
  encrypted: boolean;
  kmsKeyId?: string;
  state: string;
  attachedInstanceIds: string[];
  sizeGiB?: number;
  origin?: ResourceOrigin;
}

export interface EbsSnapshot {
  id: string;
  arn: string;
  encrypted: boolean;
  volumeId?: string;
  /** From DescribeSnapshotAttribute createVolumePermission: true when group `all` is present. */
  public: Collected<boolean>;
}

// ---- CloudTrail

export interface Trail {
  name: string;
  arn: string;
  /** Region where the trail was created (shadow trails appear in other regions too). */
  homeRegion: string;
  isMultiRegion: boolean;
  isOrganizationTrail: boolean;
  /** True when the trail belongs to another account (an organization trail seen from a member). */
  ownedByOtherAccount?: boolean;
  s3BucketName?: string;
  s3KeyPrefix?: string;
  kmsKeyId?: string;
  logFileValidationEnabled: boolean;
  includeGlobalServiceEvents: boolean;
  cloudWatchLogsLogGroupArn?: string;
  cloudWatchLogsRoleArn?: string;
  snsTopicArn?: string;
  status: Collected<{ isLogging: boolean; latestDeliveryTime?: string; latestDeliveryError?: string }>;
  /** Basic or advanced event selectors (GetEventSelectors). */
  eventSelectors: Collected<TrailEventSelectors>;
  origin?: ResourceOrigin;
}

export interface TrailEventSelectors {
  basic?: {
    readWriteType: 'ReadOnly' | 'WriteOnly' | 'All';
    includeManagementEvents: boolean;
    dataResources: { type: string; values: string[] }[];
    excludeManagementEventSources?: string[];
  }[];
  advanced?: {
    name?: string;
    fieldSelectors: {
      field: string;
      equals?: string[];
      startsWith?: string[];
      endsWith?: string[];
      notEquals?: string[];
      notStartsWith?: string[];
      notEndsWith?: string[];
    }[];
  }[];
}

// ---- Config

export interface ConfigInventory {
  recorders: Collected<ConfigRecorder[]>;
  deliveryChannels: Collected<{ name: string; s3BucketName?: string; snsTopicArn?: string }[]>;
  rules: Collected<{ name: string; arn?: string; sourceIdentifier?: string; owner: string; state?: string }[]>;
}

export interface ConfigRecorder {
  name: string;
  roleArn?: string;
  allSupported: boolean;
  includeGlobalResourceTypes: boolean;
  /** Recording strategy (ALL_SUPPORTED_RESOURCE_TYPES, INCLUSION_BY_RESOURCE_TYPES, EXCLUSION_BY_RESOURCE_TYPES). */
  recordingStrategy?: string;
  resourceTypes?: string[];
  /**
   * Set for service-linked recorders (owned by another AWS service, e.g. `config-conforms.amazonaws.com`);
   * absent for the customer managed recorder that CIS/FSBP ask for.
   */
  servicePrincipal?: string;
  /** `INTERNAL` (free, service-linked) or `PAID`, as DescribeConfigurationRecorders reports it. */
  recordingScope?: string;
  status: Collected<{ recording: boolean; lastStatus?: string; lastErrorCode?: string }>;
  origin?: ResourceOrigin;
}

// ---- CloudWatch / Logs / SNS / SQS

export interface MetricAlarm {
  name: string;
  arn: string;
  metricName?: string;
  namespace?: string;
  statistic?: string;
  threshold?: number;
  comparisonOperator?: string;
  alarmActions: string[];
  actionsEnabled: boolean;
  dimensions?: { name: string; value: string }[];
  origin?: ResourceOrigin;
}

export interface LogGroup {
  name: string;
  arn: string;
  retentionInDays?: number;
  kmsKeyId?: string;
  origin?: ResourceOrigin;
}

export interface MetricFilter {
  name: string;
  logGroupName: string;
  filterPattern: string;
  metricTransformations: { metricName: string; metricNamespace: string; metricValue: string }[];
  origin?: ResourceOrigin;
}

export interface SnsTopic {
  arn: string;
  name: string;
  policy: Collected<PolicyDocument | null>;
  kmsMasterKeyId?: string;
  /**
   * Server-side encryption as GetTopicAttributes reports it; not ok when that call failed (then
   * `kmsMasterKeyId` is absent and says nothing). Optional: older snapshots and templates lack it.
   */
  encryption?: Collected<{ kmsMasterKeyId?: string }>;
  subscriptions: Collected<{ arn: string; protocol: string; endpoint: string; pending: boolean }[]>;
  origin?: ResourceOrigin;
}

export interface SqsQueue {
  url: string;
  arn: string;
  name: string;
  policy: Collected<PolicyDocument | null>;
  kmsMasterKeyId?: string;
  sqsManagedSseEnabled?: boolean;
  /**
   * Server-side encryption as GetQueueAttributes reports it; not ok when that call failed (then
   * `kmsMasterKeyId` / `sqsManagedSseEnabled` are absent and say nothing). Optional: older
   * snapshots and templates lack it.
   */
  encryption?: Collected<{ kmsMasterKeyId?: string; sqsManagedSseEnabled?: boolean }>;
  origin?: ResourceOrigin;
}

// ---- KMS

export interface KmsKey {
  id: string;
  arn: string;
  /** `UNKNOWN` only when DescribeKey could not be read (see `details`). */
  keyManager: 'AWS' | 'CUSTOMER' | 'UNKNOWN';
  keyState: string;
  keySpec: string;
  keyUsage: string;
  keyOrigin: 'AWS_KMS' | 'EXTERNAL' | 'AWS_CLOUDHSM' | 'EXTERNAL_KEY_STORE' | string;
  multiRegion?: boolean;
  rotationEnabled: Collected<boolean>;
  policy: Collected<PolicyDocument>;
  aliases?: string[];
  /**
   * Whether DescribeKey (manager, state, spec, usage, origin, multi-Region) was read: ok(true), or
   * the failure (a key policy can lock the scanner out of one key). When not ok, keyManager is
   * `UNKNOWN`, keyState/keySpec/keyUsage/keyOrigin are `Unknown`, rotationEnabled carries the same
   * failure, and checks must report ERROR for this key. Absent (older snapshots, templates): read.
   */
  details?: Collected<true>;
  origin?: ResourceOrigin;
}

// ---- GuardDuty / Security Hub / Access Analyzer

export interface GuardDutyDetector {
  id: string;
  status: 'ENABLED' | 'DISABLED';
  findingPublishingFrequency?: string;
  features?: { name: string; status: string }[];
}

export interface SecurityHubInventory {
  /** DescribeHub; null when Security Hub is not enabled (InvalidAccessException). */
  hub: Collected<{ arn: string; subscribedAt?: string; autoEnableControls?: boolean } | null>;
  standards: Collected<{ arn: string; standardsArn: string; status: string }[]>;
}

export interface AccessAnalyzer {
  arn: string;
  name: string;
  type: 'ACCOUNT' | 'ORGANIZATION' | string;
  status: 'ACTIVE' | 'CREATING' | 'DISABLED' | 'FAILED' | string;
}

// ---- RDS / EFS / ELB / Lambda / ECR / Secrets Manager

export interface RdsInventory {
  instances: Collected<RdsInstance[]>;
  clusters: Collected<RdsCluster[]>;
  snapshots: Collected<RdsSnapshot[]>;
}

export interface RdsInstance {
  id: string;
  arn: string;
  engine: string;
  publiclyAccessible: boolean;
  storageEncrypted: boolean;
  kmsKeyId?: string;
  multiAz: boolean;
  autoMinorVersionUpgrade: boolean;
  backupRetentionPeriod: number;
  deletionProtection: boolean;
  iamDatabaseAuthenticationEnabled?: boolean;
  clusterId?: string;
  vpcSecurityGroupIds: string[];
  origin?: ResourceOrigin;
}

export interface RdsCluster {
  id: string;
  arn: string;
  engine: string;
  storageEncrypted: boolean;
  deletionProtection: boolean;
  backupRetentionPeriod: number;
  multiAz?: boolean;
  /** Aurora: IAM database authentication is a cluster setting that its instances share. */
  iamDatabaseAuthenticationEnabled?: boolean;
  origin?: ResourceOrigin;
}

export interface RdsSnapshot {
  id: string;
  arn: string;
  kind: 'instance' | 'cluster';
  encrypted: boolean;
  /** DescribeDB(Cluster)SnapshotAttributes: `restore` includes `all`. */
  public: Collected<boolean>;
}

export interface EfsFileSystem {
  id: string;
  arn: string;
  encrypted: boolean;
  kmsKeyId?: string;
  policy?: Collected<PolicyDocument | null>;
  backupPolicyEnabled?: Collected<boolean>;
  origin?: ResourceOrigin;
}

export interface LoadBalancer {
  arn: string;
  name: string;
  type: 'application' | 'network' | 'gateway' | string;
  scheme: 'internet-facing' | 'internal' | string;
  listeners: Collected<{ arn: string; port: number; protocol: string; sslPolicy?: string; defaultActions?: { type: string; redirectProtocol?: string }[] }[]>;
  attributes: Collected<Record<string, string>>;
  origin?: ResourceOrigin;
}

export interface LambdaFunction {
  name: string;
  arn: string;
  runtime?: string;
  role?: string;
  /** Resource-based policy (GetPolicy); null when none. */
  policy: Collected<PolicyDocument | null>;
  url?: Collected<{ authType: 'NONE' | 'AWS_IAM' } | null>;
  environmentVariableNames?: string[];
  vpcId?: string;
  origin?: ResourceOrigin;
}

/** Registry-level image scanning (basic or enhanced) with its repository filter rules. */
export interface EcrRegistryScanning {
  scanType: 'BASIC' | 'ENHANCED' | string;
  rules: {
    /** SCAN_ON_PUSH, CONTINUOUS_SCAN or MANUAL. */
    scanFrequency: string;
    /** Wildcard filters on repository names (filterType WILDCARD). */
    repositoryFilters: { filter: string; filterType: string }[];
  }[];
}

export interface EcrRepository {
  name: string;
  arn: string;
  imageScanOnPush?: boolean;
  imageTagMutability?: string;
  policy: Collected<PolicyDocument | null>;
  origin?: ResourceOrigin;
}

export interface Secret {
  name: string;
  arn: string;
  kmsKeyId?: string;
  rotationEnabled: boolean;
  policy: Collected<PolicyDocument | null>;
  origin?: ResourceOrigin;
}
