/**
 * Which inventory checks run on a template: those whose meta.resourceType is a type the template
 * contains, minus checks that need the rest of the account. Documented in docs/iac.md.
 */
import type { Builder } from '../../sources/cfn/builder.js';
import type { Check } from '../types.js';

/** Inventory list -> the CloudFormation type of its items (what check meta.resourceType names). */
export const LIST_TYPES: Record<string, string[]> = {
  users: ['AWS::IAM::User'],
  groups: ['AWS::IAM::Group'],
  roles: ['AWS::IAM::Role'],
  policies: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'],
  instanceProfiles: ['AWS::IAM::InstanceProfile'],
  buckets: ['AWS::S3::Bucket'],
  instances: ['AWS::EC2::Instance'],
  securityGroups: ['AWS::EC2::SecurityGroup'],
  networkAcls: ['AWS::EC2::NetworkAcl'],
  vpcs: ['AWS::EC2::VPC'],
  subnets: ['AWS::EC2::Subnet'],
  routeTables: ['AWS::EC2::RouteTable'],
  internetGateways: ['AWS::EC2::InternetGateway'],
  vpcEndpoints: ['AWS::EC2::VPCEndpoint'],
  flowLogs: ['AWS::EC2::FlowLog'],
  volumes: ['AWS::EC2::Volume'],
  trails: ['AWS::CloudTrail::Trail'],
  recorders: ['AWS::Config::ConfigurationRecorder'],
  alarms: ['AWS::CloudWatch::Alarm'],
  logGroups: ['AWS::Logs::LogGroup'],
  metricFilters: ['AWS::Logs::MetricFilter'],
  topics: ['AWS::SNS::Topic'],
  queues: ['AWS::SQS::Queue'],
  keys: ['AWS::KMS::Key'],
  detectors: ['AWS::GuardDuty::Detector'],
  analyzers: ['AWS::AccessAnalyzer::Analyzer'],
  rdsInstances: ['AWS::RDS::DBInstance'],
  rdsClusters: ['AWS::RDS::DBCluster'],
  fileSystems: ['AWS::EFS::FileSystem'],
  loadBalancers: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  functions: ['AWS::Lambda::Function'],
  repositories: ['AWS::ECR::Repository'],
  secrets: ['AWS::SecretsManager::Secret'],
};

/**
 * Inventory checks that judge a resource by the rest of the account (another stack may provide
 * it), so a template alone cannot answer them: not run on templates.
 */
export const ACCOUNT_CONTEXT_CHECKS: ReadonlySet<string> = new Set([
  'cloudtrail_s3_dataevents_write_enabled',
  'cloudtrail_s3_dataevents_read_enabled',
]);

/** Checks run only when the template also has this resource type. */
export const NEEDS_TYPE: Readonly<Record<string, string>> = {
  cloudtrail_bucket_access_logging_enabled: 'AWS::CloudTrail::Trail',
  cloudtrail_bucket_not_public: 'AWS::CloudTrail::Trail',
};

/**
 * Check resource types whose checks also judge other types: the IAM principal checks
 * (iam_principal_admin_rights, iam_no_privilege_escalation) are typed AWS::IAM::User but judge
 * roles too, so they run when a template has roles.
 */
export const ALSO_ABOUT: Readonly<Record<string, string[]>> = {
  'AWS::IAM::User': ['AWS::IAM::Role'],
};

/** The inventory checks that apply to a template with these resource types. */
export function applicableChecks(checks: readonly Check[], types: ReadonlySet<string>): Check[] {
  return checks.filter((c) => {
    const about = [c.meta.resourceType, ...(ALSO_ABOUT[c.meta.resourceType] ?? [])];
    if (!about.some((t) => types.has(t)) || ACCOUNT_CONTEXT_CHECKS.has(c.meta.id)) return false;
    const need = NEEDS_TYPE[c.meta.id];
    return !need || types.has(need);
  });
}

export function presentTypes(b: Builder): Set<string> {
  const out = new Set<string>();
  for (const [k, types] of Object.entries(LIST_TYPES)) {
    if ((b.lists as unknown as Record<string, unknown[]>)[k]?.length) for (const t of types) out.add(t);
  }
  return out;
}

