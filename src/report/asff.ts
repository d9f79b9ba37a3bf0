/**
 * AWS Security Finding Format (ASFF, SchemaVersion 2018-10-08): a JSON array of findings that
 * `aws securityhub batch-import-findings --findings file://...` accepts (in batches of 100).
 * Every result becomes a finding with Compliance.Status (FAIL => FAILED, PASS => PASSED,
 * MANUAL => WARNING, ERROR => NOT_AVAILABLE; MUTED keeps its original status and is
 * Workflow SUPPRESSED with the reason in Note). Ids are stable per check and resource, so a
 * re-import updates the finding (and a fixed resource's PASS resolves it).
 */
import type { AwsSecurityFinding, Partition, Resource } from '@aws-sdk/client-securityhub';
import type { CheckResult, Severity, Status } from '../model/result.js';
import { controlPairs, effectiveStatus, evidenceJson, partitionOf, resourceRef, sortWorstFirst, stableResultId, truncate } from './common.js';
import type { ReportFormat, ScanReport } from './types.js';

export const ASFF_LIMITS = { title: 256, description: 1024, id: 512, recommendation: 512, note: 512, productField: 2048 } as const;

const SEVERITY_LABEL: Record<Severity, 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL'> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  informational: 'INFORMATIONAL',
};

const COMPLIANCE: Record<Exclude<Status, 'MUTED'>, 'PASSED' | 'WARNING' | 'FAILED' | 'NOT_AVAILABLE'> = {
  FAIL: 'FAILED',
  PASS: 'PASSED',
  MANUAL: 'WARNING',
  ERROR: 'NOT_AVAILABLE',
};

/** CloudFormation resource type => ASFF resource type; anything else is `Other`. */
const ASFF_TYPES: Record<string, string> = {
  'AWS::::Account': 'AwsAccount',
  'AWS::S3::Bucket': 'AwsS3Bucket',
  'AWS::S3::AccountPublicAccessBlock': 'AwsS3AccountPublicAccessBlock',
  'AWS::IAM::User': 'AwsIamUser',
  'AWS::IAM::Role': 'AwsIamRole',
  'AWS::IAM::Group': 'AwsIamGroup',
  'AWS::IAM::Policy': 'AwsIamPolicy',
  'AWS::IAM::ManagedPolicy': 'AwsIamPolicy',
  'AWS::IAM::AccessKey': 'AwsIamAccessKey',
  'AWS::EC2::Instance': 'AwsEc2Instance',
  'AWS::EC2::SecurityGroup': 'AwsEc2SecurityGroup',
  'AWS::EC2::Volume': 'AwsEc2Volume',
  'AWS::EC2::VPC': 'AwsEc2Vpc',
  'AWS::EC2::Subnet': 'AwsEc2Subnet',
  'AWS::EC2::NetworkAcl': 'AwsEc2NetworkAcl',
  'AWS::EC2::NetworkInterface': 'AwsEc2NetworkInterface',
  'AWS::EC2::EIP': 'AwsEc2Eip',
  'AWS::EC2::LaunchTemplate': 'AwsEc2LaunchTemplate',
  'AWS::KMS::Key': 'AwsKmsKey',
  'AWS::CloudTrail::Trail': 'AwsCloudTrailTrail',
  'AWS::RDS::DBInstance': 'AwsRdsDbInstance',
  'AWS::RDS::DBCluster': 'AwsRdsDbCluster',
  'AWS::RDS::DBSnapshot': 'AwsRdsDbSnapshot',
  'AWS::Lambda::Function': 'AwsLambdaFunction',
  'AWS::SNS::Topic': 'AwsSnsTopic',
  'AWS::SQS::Queue': 'AwsSqsQueue',
  'AWS::ECR::Repository': 'AwsEcrRepository',
  'AWS::EFS::FileSystem': 'AwsEfsFileSystem',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'AwsElbv2LoadBalancer',
  'AWS::SecretsManager::Secret': 'AwsSecretsManagerSecret',
  'AWS::GuardDuty::Detector': 'AwsGuardDutyDetector',
  'AWS::Config::ConfigurationRecorder': 'Other',
  'AWS::DynamoDB::Table': 'AwsDynamoDbTable',
  'AWS::CloudFront::Distribution': 'AwsCloudFrontDistribution',
  'AWS::Logs::LogGroup': 'Other',
};

export function asffResourceType(cfnType: string): string {
  return ASFF_TYPES[cfnType] ?? 'Other';
}

const TYPE_BY_FRAMEWORK: [RegExp, string][] = [
  [/^cis-/, 'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark'],
  [/^pci-/, 'Software and Configuration Checks/Industry and Regulatory Standards/PCI-DSS'],
  [/^fsbp$/, 'Software and Configuration Checks/Industry and Regulatory Standards/AWS-Foundational-Security-Best-Practices'],
];

function findingTypes(r: CheckResult): string[] {
  const types = new Set(['Software and Configuration Checks/AWS Security Best Practices']);
  for (const fw of Object.keys(r.controls)) {
    if (!r.controls[fw]?.length) continue;
    for (const [re, t] of TYPE_BY_FRAMEWORK) if (re.test(fw)) types.add(t);
  }
  return [...types];
}

const ACCOUNT = /^\d{12}$/;

function homeRegion(report: ScanReport, r: CheckResult): string {
  if (r.region && r.region !== 'global') return r.region;
  return report.regions.find((x) => x !== 'global') ?? 'us-east-1';
}

function resourceId(r: CheckResult): string {
  if (r.resourceArn) return r.resourceArn;
  if (r.resourceType === 'AWS::::Account') return `AWS::::Account:${r.account}`;
  if (r.file) return `${r.file}#${r.resourceId}`;
  return r.resourceId;
}

export function toAsffFinding(report: ScanReport, r: CheckResult): AwsSecurityFinding {
  if (!ACCOUNT.test(r.account)) {
    throw new Error(`asff: result ${r.checkId} on ${resourceRef(r)} has no 12-digit AWS account id ("${r.account}"); Security Hub cannot import it`);
  }
  const meta = report.checks[r.checkId];
  const partition = partitionOf(r.resourceArn);
  const region = homeRegion(report, r);
  const status = effectiveStatus(r);
  const compliance = COMPLIANCE[status === 'MUTED' ? 'FAIL' : status];
  const title = meta?.title ?? r.checkId;
  const descParts = [r.reason, meta?.description].filter(Boolean);
  const resource: Resource = {
    Type: asffResourceType(r.resourceType),
    Id: truncate(resourceId(r), ASFF_LIMITS.id),
    Partition: partition as Partition,
    ...(r.region !== 'global' ? { Region: r.region } : {}),
  };
  const rem = meta?.remediation;
  const recommendation = rem?.cli ? `Fix with the AWS CLI: ${rem.cli}` : (rem?.console ?? '');
  const productFields: Record<string, string> = {
    ProviderName: 'kenro',
    ProviderVersion: report.tool.version,
    'kenro/CheckId': r.checkId,
    'kenro/Status': r.status,
    'kenro/ResourceType': r.resourceType,
    'kenro/ScanId': report.scanId,
  };
  const ev = evidenceJson(r.evidence, 0);
  if (ev) productFields['kenro/Evidence'] = truncate(ev, ASFF_LIMITS.productField);
  if (r.file) productFields['kenro/Location'] = `${r.file}${r.line ? `:${r.line}` : ''}`;
  const requirements = controlPairs(r).slice(0, 32);

  return {
    SchemaVersion: '2018-10-08',
    Id: truncate(`kenro/${r.checkId}/${stableResultId(r)}`, ASFF_LIMITS.id),
    ProductArn: `arn:${partition}:securityhub:${region}:${r.account}:product/${r.account}/default`,
    ProductName: 'kenro',
    CompanyName: 'kenro',
    GeneratorId: `kenro/${r.checkId}`,
    AwsAccountId: r.account,
    Region: region,
    Types: findingTypes(r),
    CreatedAt: report.startedAt,
    UpdatedAt: report.finishedAt,
    Severity: { Label: SEVERITY_LABEL[r.severity], Original: r.severity },
    Title: truncate(title, ASFF_LIMITS.title),
    Description: truncate(descParts.join(' — ') || r.checkId, ASFF_LIMITS.description),
    ...(recommendation || rem?.docs
      ? {
          Remediation: {
            Recommendation: {
              ...(recommendation ? { Text: truncate(recommendation, ASFF_LIMITS.recommendation) } : {}),
              ...(rem?.docs && /^https?:\/\//.test(rem.docs) ? { Url: rem.docs } : {}),
            },
          },
        }
      : {}),
    ProductFields: productFields,
    Resources: [resource],
    Compliance: {
      Status: compliance,
      ...(requirements.length ? { RelatedRequirements: requirements } : {}),
    },
    Workflow: { Status: r.status === 'MUTED' ? 'SUPPRESSED' : r.status === 'PASS' ? 'RESOLVED' : 'NEW' },
    RecordState: 'ACTIVE',
    ...(r.muted
      ? {
          Note: {
            Text: truncate(`Suppressed by kenro (${r.muted.suppressionId}, until ${r.muted.expires}): ${r.muted.reason}`, ASFF_LIMITS.note),
            UpdatedBy: 'kenro',
            UpdatedAt: report.finishedAt,
          },
        }
      : {}),
  };
}

export function toAsff(report: ScanReport): AwsSecurityFinding[] {
  return sortWorstFirst(report.results).map((r) => toAsffFinding(report, r));
}

export const asffFormat: ReportFormat = {
  id: 'asff',
  extension: 'asff.json',
  render: (report) => JSON.stringify(toAsff(report), null, 2) + '\n',
};
