/**
 * `kenro baseline`: a CloudFormation template that keeps an account fixed. One template is
 * deployed in every chosen region (as stacks, or as a StackSet); account-wide resources (the trail,
 * the Config bucket, IAM roles, the password-policy rule, the CIS alarms) exist only where the
 * `IsHomeRegion` condition holds.
 */
import picomatch from 'picomatch';
import { ALL_CHECKS } from '../../checks/index.js';
import { MONITORING_CONTROLS } from '../../checks/cis-monitoring-controls.js';
import { KENRO_VERSION } from '../../version.js';
import { CIS_METRIC_NAMESPACE, filterNameOf, metricAlarmParams } from '../fixers/cis-alarms.js';
import { MANAGED_RULES, ruleNameOf, type RemediationSpec } from './rules.js';

export interface BaselineOptions {
  /** Regions the template is deployed to; the first is the home region of account-wide resources. */
  regions: string[];
  /** Check ids or globs whose controls to include (default: every check kenro can keep fixed). */
  checks?: string[];
  /** StackSet-ready: no names tied to one account, Config bucket account as a parameter. */
  stackset?: boolean;
}

export type CfnValue = unknown;
export interface CfnResource {
  Type: string;
  Condition?: string;
  DependsOn?: string | string[];
  DeletionPolicy?: 'Retain' | 'Delete' | 'Snapshot';
  UpdateReplacePolicy?: 'Retain' | 'Delete' | 'Snapshot';
  Metadata?: Record<string, unknown>;
  Properties?: Record<string, CfnValue>;
}
export interface CfnTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Metadata: Record<string, unknown>;
  Parameters: Record<string, Record<string, unknown>>;
  Conditions: Record<string, unknown>;
  Resources: Record<string, CfnResource>;
  Outputs: Record<string, Record<string, unknown>>;
}

/** Summary of what a generated template covers, for the CLI and docs. */
export interface BaselineSummary {
  configRules: string[];
  remediations: string[];
  omittedRules: { rule: string; reason: string }[];
  alarms: string[];
  services: string[];
}

const sub = (s: string) => ({ 'Fn::Sub': s });
const ref = (s: string) => ({ Ref: s });
const getAtt = (r: string, a: string) => ({ 'Fn::GetAtt': [r, a] });
const ifc = (c: string, a: unknown, b: unknown) => ({ 'Fn::If': [c, a, b] });

const CONFIG_BUCKET = 'kenro-config-${ConfigBucketAccount}-${HomeRegion}';
const TRAIL_BUCKET = 'kenro-cloudtrail-${AWS::AccountId}-${HomeRegion}';
const REMEDIATION_ROLE = 'kenro-config-remediation';
const CONFIG_SLR = 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig';

function tlsOnly(bucketRef: unknown): Record<string, unknown> {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [{ 'Fn::Sub': ['arn:${AWS::Partition}:s3:::${B}', { B: bucketRef }] }, { 'Fn::Sub': ['arn:${AWS::Partition}:s3:::${B}/*', { B: bucketRef }] }],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

const BLOCK_ALL = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

function wanted(checks: string[] | undefined): (id: string) => boolean {
  if (!checks?.length) return () => true;
  const ms = checks.map((p) => picomatch(p));
  return (id) => ms.some((m) => m(id));
}

function logicalId(prefix: string, s: string): string {
  return prefix + s.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()).join('');
}

/** Builds the baseline template and a summary of what it covers. */
export function buildBaseline(opts: BaselineOptions): { template: CfnTemplate; summary: BaselineSummary } {
  if (opts.regions.length === 0) throw new Error('baseline: at least one region is needed');
  const want = wanted(opts.checks);
  const summary: BaselineSummary = { configRules: [], remediations: [], omittedRules: [], alarms: [], services: [] };
  const R: Record<string, CfnResource> = {};
  const parameters: CfnTemplate['Parameters'] = {
    HomeRegion: {
      Type: 'String',
      Default: opts.regions[0],
      AllowedValues: opts.regions,
      Description: 'Region of the account-wide resources (trail, Config bucket, IAM roles, password-policy rule, CIS alarms). Deploy there first.',
    },
    NotificationEmail: {
      Type: 'String',
      Default: '',
      Description: 'E-mail subscribed to the kenro-security-alerts topic (CIS alarms). Empty: subscribe someone yourself; the alarms are not complete until then.',
    },
    CreateConfigServiceLinkedRole: {
      Type: 'String',
      Default: 'true',
      AllowedValues: ['true', 'false'],
      Description: 'false when the account already has AWSServiceRoleForConfig (creating it again fails).',
    },
    ConfigRetentionDays: { Type: 'Number', Default: 2557, MinValue: 90, Description: 'Days AWS Config history stays in the Config bucket (current versions).' },
  };
  if (opts.stackset) {
    parameters.ConfigBucketAccountId = {
      Type: 'String',
      Default: '',
      AllowedPattern: '^$|^[0-9]{12}$',
      Description: 'Account that owns the Config bucket (a log-archive account). Empty: each account keeps its own bucket.',
    };
    parameters.OrganizationId = {
      Type: 'String',
      Default: '',
      AllowedPattern: '^$|^o-[a-z0-9]{10,32}$',
      Description: 'Organization whose accounts may deliver to the central Config bucket (aws:SourceOrgID). Empty: only the bucket account itself.',
    };
  }
  const conditions: Record<string, unknown> = {
    IsHomeRegion: { 'Fn::Equals': [ref('AWS::Region'), ref('HomeRegion')] },
    HasNotificationEmail: { 'Fn::Not': [{ 'Fn::Equals': [ref('NotificationEmail'), ''] }] },
    CreateConfigSlr: { 'Fn::And': [{ Condition: 'IsHomeRegion' }, { 'Fn::Equals': [ref('CreateConfigServiceLinkedRole'), 'true'] }] },
    CreateConfigBucket: opts.stackset
      ? { 'Fn::And': [{ Condition: 'IsHomeRegion' }, { 'Fn::Or': [{ 'Fn::Equals': [ref('ConfigBucketAccountId'), ''] }, { 'Fn::Equals': [ref('ConfigBucketAccountId'), ref('AWS::AccountId')] }] }] }
      : { Condition: 'IsHomeRegion' },
  };
  const configBucketAccount = opts.stackset ? ifc('OwnConfigBucket', ref('AWS::AccountId'), ref('ConfigBucketAccountId')) : ref('AWS::AccountId');
  if (opts.stackset) {
    conditions.OwnConfigBucket = { 'Fn::Equals': [ref('ConfigBucketAccountId'), ''] };
    conditions.HasOrganizationId = { 'Fn::Not': [{ 'Fn::Equals': [ref('OrganizationId'), ''] }] };
  }
  const configBucketName = { 'Fn::Sub': [CONFIG_BUCKET, { ConfigBucketAccount: configBucketAccount }] };

  // ---------------------------------------------------------------- AWS Config
  summary.services.push('AWS Config recorder and delivery channel');
  R.ConfigServiceLinkedRole = { Type: 'AWS::IAM::ServiceLinkedRole', Condition: 'CreateConfigSlr', Properties: { AWSServiceName: 'config.amazonaws.com', Description: 'AWS Config (kenro baseline)' } };
  // A handle that depends on the conditional resources, so that the recorder and channel wait for them where they exist.
  R.ConfigPrerequisites = {
    Type: 'AWS::CloudFormation::WaitConditionHandle',
    Metadata: { ServiceLinkedRole: ifc('CreateConfigSlr', ref('ConfigServiceLinkedRole'), ''), BucketPolicy: ifc('CreateConfigBucket', ref('ConfigBucketPolicy'), '') },
  };
  R.ConfigBucket = {
    Type: 'AWS::S3::Bucket',
    Condition: 'CreateConfigBucket',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      BucketName: configBucketName,
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: BLOCK_ALL,
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LifecycleConfiguration: {
        Rules: [
          { Id: 'ExpireConfigHistory', Status: 'Enabled', ExpirationInDays: ref('ConfigRetentionDays'), NoncurrentVersionExpiration: { NoncurrentDays: 90 } },
        ],
      },
    },
  };
  const bucketArn = { 'Fn::Sub': ['arn:${AWS::Partition}:s3:::${B}', { B: ref('ConfigBucket') }] };
  // Who may deliver: this account, or (StackSet with a central bucket) the accounts of the organization.
  const who = (extra: Record<string, unknown> = {}) =>
    opts.stackset
      ? ifc('HasOrganizationId', { StringEquals: { ...extra, 'aws:SourceOrgID': ref('OrganizationId') } }, { StringEquals: { ...extra, 'aws:SourceAccount': ref('AWS::AccountId') } })
      : { StringEquals: { ...extra, 'aws:SourceAccount': ref('AWS::AccountId') } };
  R.ConfigBucketPolicy = {
    Type: 'AWS::S3::BucketPolicy',
    Condition: 'CreateConfigBucket',
    Properties: {
      Bucket: ref('ConfigBucket'),
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'AWSConfigBucketPermissionsCheck', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: bucketArn, Condition: who() },
          { Sid: 'AWSConfigBucketExistenceCheck', Effect: 'Allow', Principal: { Service: 'config.amazonaws.com' }, Action: 's3:ListBucket', Resource: bucketArn, Condition: who() },
          {
            Sid: 'AWSConfigBucketDelivery',
            Effect: 'Allow',
            Principal: { Service: 'config.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: opts.stackset
              ? { 'Fn::Sub': ['arn:${AWS::Partition}:s3:::${B}/AWSLogs/*/Config/*', { B: ref('ConfigBucket') }] }
              : { 'Fn::Sub': ['arn:${AWS::Partition}:s3:::${B}/AWSLogs/${AWS::AccountId}/Config/*', { B: ref('ConfigBucket') }] },
            Condition: who({ 's3:x-amz-acl': 'bucket-owner-full-control' }),
          },
          tlsOnly(ref('ConfigBucket')),
        ],
      },
    },
  };
  R.ConfigRecorder = {
    Type: 'AWS::Config::ConfigurationRecorder',
    DependsOn: 'ConfigPrerequisites',
    Properties: {
      Name: 'default',
      RoleARN: sub(CONFIG_SLR),
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: ifc('IsHomeRegion', true, false) },
    },
  };
  R.ConfigDeliveryChannel = {
    Type: 'AWS::Config::DeliveryChannel',
    DependsOn: 'ConfigPrerequisites',
    Properties: { Name: 'default', S3BucketName: configBucketName, ConfigSnapshotDeliveryProperties: { DeliveryFrequency: 'TwentyFour_Hours' } },
  };

  // ---------------------------------------------------------------- Config rules and remediation
  const rules = new Map<string, string[]>();
  for (const c of ALL_CHECKS) {
    if (!c.meta.configRule || !want(c.meta.id)) continue;
    rules.set(c.meta.configRule, [...(rules.get(c.meta.configRule) ?? []), c.meta.id]);
  }
  const remediationActions = new Set<string>();
  let anyHomeRemediation = false;
  for (const [identifier, checkIds] of [...rules].sort(([a], [b]) => a.localeCompare(b))) {
    const spec = MANAGED_RULES[identifier] ?? {};
    if (spec.omit) {
      summary.omittedRules.push({ rule: identifier, reason: spec.omit });
      continue;
    }
    const id = logicalId('Rule', identifier);
    R[id] = {
      Type: 'AWS::Config::ConfigRule',
      ...(spec.homeRegionOnly ? { Condition: 'IsHomeRegion' } : {}),
      DependsOn: 'ConfigRecorder',
      Properties: {
        ConfigRuleName: ruleNameOf(identifier),
        Description: `kenro: ${checkIds.join(', ')}`,
        Source: { Owner: 'AWS', SourceIdentifier: identifier },
        ...(spec.parameters ? { InputParameters: spec.parameters } : {}),
      },
    };
    summary.configRules.push(identifier);
    if (spec.remediation) {
      addRemediation(R, id, identifier, spec.remediation, !!spec.homeRegionOnly);
      spec.remediation.actions.forEach((a) => remediationActions.add(a));
      summary.remediations.push(`${identifier} -> ${spec.remediation.document}`);
      anyHomeRemediation = true;
    }
  }
  if (anyHomeRemediation) {
    R.RemediationRole = {
      Type: 'AWS::IAM::Role',
      Condition: 'IsHomeRegion',
      Properties: {
        RoleName: REMEDIATION_ROLE,
        Description: 'kenro baseline: assumed by Systems Manager Automation to run AWS Config remediations',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'ssm.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
            },
          ],
        },
        Policies: [
          {
            PolicyName: 'kenro-remediation-runbooks',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Sid: 'RunbookSteps', Effect: 'Allow', Action: [...remediationActions].sort(), Resource: '*' },
                {
                  Sid: 'ReadOwnExecution',
                  Effect: 'Allow',
                  Action: ['ssm:GetAutomationExecution'],
                  Resource: sub('arn:${AWS::Partition}:ssm:*:${AWS::AccountId}:automation-execution/*'),
                },
              ],
            },
          },
        ],
      },
    };
  }

  // ---------------------------------------------------------------- detective services
  if (want('guardduty_enabled_all_regions')) {
    R.GuardDutyDetector = { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true, FindingPublishingFrequency: 'FIFTEEN_MINUTES' } };
    summary.services.push('GuardDuty');
  }
  if (want('securityhub_enabled')) {
    R.SecurityHub = { Type: 'AWS::SecurityHub::Hub', Properties: { EnableDefaultStandards: false, ControlFindingGenerator: 'SECURITY_CONTROL' } };
    R.SecurityHubFsbp = {
      Type: 'AWS::SecurityHub::Standard',
      DependsOn: 'SecurityHub',
      Properties: { StandardsArn: sub('arn:${AWS::Partition}:securityhub:${AWS::Region}::standards/aws-foundational-security-best-practices/v/1.0.0') },
    };
    R.SecurityHubCis = {
      Type: 'AWS::SecurityHub::Standard',
      DependsOn: 'SecurityHub',
      Properties: { StandardsArn: sub('arn:${AWS::Partition}:securityhub:${AWS::Region}::standards/cis-aws-foundations-benchmark/v/3.0.0') },
    };
    summary.services.push('Security Hub (FSBP, CIS v3.0)');
  }
  if (want('accessanalyzer_enabled_all_regions')) {
    R.AccessAnalyzer = { Type: 'AWS::AccessAnalyzer::Analyzer', Properties: { AnalyzerName: 'kenro-account-analyzer', Type: 'ACCOUNT' } };
    summary.services.push('IAM Access Analyzer');
  }

  // ---------------------------------------------------------------- CloudTrail (+ its log group for the CIS alarms)
  const controls = MONITORING_CONTROLS.filter((c) => want(c.id));
  const wantTrail = ['cloudtrail_multi_region_enabled', 'cloudtrail_log_file_validation_enabled', 'cloudtrail_kms_encryption_enabled', 'cloudtrail_bucket_not_public'].some(want) || controls.length > 0;
  if (wantTrail) {
    addTrail(R, controls.length > 0);
    summary.services.push('CloudTrail (multi-region, validated, KMS, protected bucket)');
  }
  if (controls.length > 0) {
    R.AlarmTopic = {
      Type: 'AWS::SNS::Topic',
      Condition: 'IsHomeRegion',
      Properties: { TopicName: 'kenro-security-alerts', KmsMasterKeyId: ref('TrailKey') },
    };
    R.AlarmSubscription = {
      Type: 'AWS::SNS::Subscription',
      Condition: 'HasEmailInHome',
      Properties: { TopicArn: ref('AlarmTopic'), Protocol: 'email', Endpoint: ref('NotificationEmail') },
    };
    conditions.HasEmailInHome = { 'Fn::And': [{ Condition: 'IsHomeRegion' }, { Condition: 'HasNotificationEmail' }] };
    for (const c of controls) {
      const id = logicalId('Cis', c.id.replace(/^cloudwatch_alarm_/, ''));
      R[`${id}Filter`] = {
        Type: 'AWS::Logs::MetricFilter',
        Condition: 'IsHomeRegion',
        Properties: {
          FilterName: filterNameOf(c),
          LogGroupName: ref('TrailLogGroup'),
          FilterPattern: c.pattern,
          MetricTransformations: [{ MetricName: c.id, MetricNamespace: CIS_METRIC_NAMESPACE, MetricValue: '1' }],
        },
      };
      R[`${id}Alarm`] = {
        Type: 'AWS::CloudWatch::Alarm',
        Condition: 'IsHomeRegion',
        DependsOn: `${id}Filter`,
        // The same alarm the cis_monitoring_alarms_create fixer makes, pointed at the template's topic.
        Properties: { ...metricAlarmParams(c, ''), AlarmActions: [ref('AlarmTopic')] },
      };
      summary.alarms.push(c.id);
    }
  }

  const outputs: CfnTemplate['Outputs'] = {
    ConfigBucketName: { Value: configBucketName, Description: 'Bucket of the AWS Config delivery channel' },
  };
  if (wantTrail) outputs.TrailArn = { Condition: 'IsHomeRegion', Value: getAtt('Trail', 'Arn') };
  if (controls.length > 0) outputs.AlarmTopicArn = { Condition: 'IsHomeRegion', Value: ref('AlarmTopic') };

  const template: CfnTemplate = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `kenro ${KENRO_VERSION} baseline${opts.stackset ? ' (StackSet)' : ''}: AWS Config with managed rules and automatic remediation, GuardDuty, Security Hub, IAM Access Analyzer, CloudTrail and the CIS alarms. Deploy to ${opts.regions.join(', ')}; ${opts.regions[0]} first.`,
    Metadata: {
      'kenro:generator': { version: KENRO_VERSION, regions: opts.regions, checks: opts.checks ?? ['*'], stackset: !!opts.stackset },
      'kenro:passwordPolicy':
        'CloudFormation has no resource for the IAM account password policy: the IAM_PASSWORD_POLICY Config rule (CIS values) with automatic remediation by AWSConfigRemediation-SetIAMPasswordPolicy keeps it set.',
    },
    Parameters: parameters,
    Conditions: conditions,
    Resources: R,
    Outputs: outputs,
  };
  return { template, summary };
}

function addRemediation(R: Record<string, CfnResource>, ruleId: string, identifier: string, spec: RemediationSpec, homeOnly: boolean): void {
  const params: Record<string, unknown> = {
    AutomationAssumeRole: { StaticValue: { Values: [sub(`arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${REMEDIATION_ROLE}`)] } },
  };
  if (spec.resourceParameter) params[spec.resourceParameter] = { ResourceValue: { Value: 'RESOURCE_ID' } };
  for (const [k, v] of Object.entries(spec.staticParameters ?? {})) params[k] = { StaticValue: { Values: [v] } };
  R[`${ruleId}Remediation`] = {
    Type: 'AWS::Config::RemediationConfiguration',
    ...(homeOnly ? { Condition: 'IsHomeRegion' } : {}),
    Properties: {
      ConfigRuleName: ref(ruleId),
      TargetType: 'SSM_DOCUMENT',
      TargetId: spec.document,
      ...(spec.resourceType ? { ResourceType: spec.resourceType } : {}),
      Parameters: params,
      Automatic: true,
      MaximumAutomaticAttempts: 5,
      RetryAttemptSeconds: 60,
      ExecutionControls: { SsmControls: { ConcurrentExecutionRatePercentage: 10, ErrorPercentage: 10 } },
    },
  };
  void identifier;
}

function addTrail(R: Record<string, CfnResource>, withLogs: boolean): void {
  const trailArn = sub('arn:${AWS::Partition}:cloudtrail:${AWS::Region}:${AWS::AccountId}:trail/kenro-trail');
  const trailPattern = sub('arn:${AWS::Partition}:cloudtrail:*:${AWS::AccountId}:trail/*');
  R.TrailKey = {
    Type: 'AWS::KMS::Key',
    Condition: 'IsHomeRegion',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      Description: 'kenro baseline: encrypts CloudTrail log files and the security alert topic',
      EnableKeyRotation: true,
      KeyPolicy: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'EnableIAMUserPermissions', Effect: 'Allow', Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') }, Action: 'kms:*', Resource: '*' },
          {
            Sid: 'AllowCloudTrailToEncryptLogs',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 'kms:GenerateDataKey*',
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceArn': trailArn }, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailPattern } },
          },
          { Sid: 'AllowCloudTrailToDescribeKey', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:DescribeKey', Resource: '*', Condition: { StringEquals: { 'aws:SourceArn': trailArn } } },
          {
            Sid: 'AllowAccountPrincipalsToDecryptLogFiles',
            Effect: 'Allow',
            Principal: { AWS: sub('arn:${AWS::Partition}:iam::${AWS::AccountId}:root') },
            Action: ['kms:Decrypt', 'kms:ReEncryptFrom'],
            Resource: '*',
            Condition: { StringEquals: { 'kms:CallerAccount': ref('AWS::AccountId') }, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': trailPattern } },
          },
          {
            Sid: 'AllowCloudWatchAlarmsToPublishToTheEncryptedTopic',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: { StringEquals: { 'aws:SourceAccount': ref('AWS::AccountId') } },
          },
        ],
      },
    },
  };
  R.TrailKeyAlias = { Type: 'AWS::KMS::Alias', Condition: 'IsHomeRegion', Properties: { AliasName: 'alias/kenro-cloudtrail', TargetKeyId: ref('TrailKey') } };
  R.TrailBucket = {
    Type: 'AWS::S3::Bucket',
    Condition: 'IsHomeRegion',
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
    Properties: {
      BucketName: sub(TRAIL_BUCKET),
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: getAtt('TrailKey', 'Arn') }, BucketKeyEnabled: true }] },
      PublicAccessBlockConfiguration: BLOCK_ALL,
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    },
  };
  const bucketArn = sub('arn:${AWS::Partition}:s3:::${TrailBucket}');
  R.TrailBucketPolicy = {
    Type: 'AWS::S3::BucketPolicy',
    Condition: 'IsHomeRegion',
    Properties: {
      Bucket: ref('TrailBucket'),
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'AWSCloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: bucketArn, Condition: { StringEquals: { 'aws:SourceArn': trailArn } } },
          {
            Sid: 'AWSCloudTrailWrite',
            Effect: 'Allow',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: sub('arn:${AWS::Partition}:s3:::${TrailBucket}/AWSLogs/${AWS::AccountId}/*'),
            Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
          },
          tlsOnly(ref('TrailBucket')),
        ],
      },
    },
  };
  if (withLogs) {
    R.TrailLogGroup = {
      Type: 'AWS::Logs::LogGroup',
      Condition: 'IsHomeRegion',
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { LogGroupName: 'kenro-cloudtrail', RetentionInDays: 365 },
    };
    R.TrailLogsRole = {
      Type: 'AWS::IAM::Role',
      Condition: 'IsHomeRegion',
      Properties: {
        Description: 'kenro baseline: lets CloudTrail deliver events to its log group',
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceArn': trailArn } } },
          ],
        },
        Policies: [
          {
            PolicyName: 'kenro-cloudtrail-to-logs',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                  Resource: sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${TrailLogGroup}:log-stream:*'),
                },
              ],
            },
          },
        ],
      },
    };
  }
  R.Trail = {
    Type: 'AWS::CloudTrail::Trail',
    Condition: 'IsHomeRegion',
    DependsOn: ['TrailBucketPolicy'],
    Properties: {
      TrailName: 'kenro-trail',
      S3BucketName: ref('TrailBucket'),
      IsLogging: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      KMSKeyId: getAtt('TrailKey', 'Arn'),
      ...(withLogs ? { CloudWatchLogsLogGroupArn: getAtt('TrailLogGroup', 'Arn'), CloudWatchLogsRoleArn: getAtt('TrailLogsRole', 'Arn') } : {}),
      EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }],
    },
  };
}
