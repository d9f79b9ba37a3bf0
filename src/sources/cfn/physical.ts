/**
 * Stand-in physical names and ARNs for template resources, as `Ref` and `Fn::GetAtt` return them
 * after deployment (per the "Return values" section of each resource's CloudFormation reference).
 * When the template names the resource (BucketName, RoleName...) that name is used; otherwise a
 * synthetic `<stack>-<logicalid>` name. They are always specific strings, never wildcards.
 */
export interface Pseudo {
  accountId: string;
  region: string;
  partition: string;
  stackName: string;
  urlSuffix: string;
}

interface TypeInfo {
  /** Property holding the resource's name, if the type has one. */
  nameProp?: string;
  /** What Ref returns, given the name. */
  ref: (name: string, p: Pseudo) => string;
  /** What GetAtt returns for an attribute, given the name. */
  attrs?: Record<string, (name: string, p: Pseudo) => string>;
  /** Lower-case synthetic names (S3 bucket names must be). */
  lower?: boolean;
}

const arn = (p: Pseudo, service: string, rest: string, regional = true, account = true) =>
  `arn:${p.partition}:${service}:${regional ? p.region : ''}:${account ? p.accountId : ''}:${rest}`;

const TYPES: Record<string, TypeInfo> = {
  'AWS::S3::Bucket': {
    nameProp: 'BucketName',
    lower: true,
    ref: (n) => n,
    attrs: {
      Arn: (n, p) => `arn:${p.partition}:s3:::${n}`,
      DomainName: (n) => `${n}.s3.amazonaws.com`,
      RegionalDomainName: (n, p) => `${n}.s3.${p.region}.amazonaws.com`,
      WebsiteURL: (n, p) => `http://${n}.s3-website-${p.region}.amazonaws.com`,
    },
  },
  'AWS::IAM::Role': {
    nameProp: 'RoleName',
    ref: (n) => n,
    attrs: { Arn: (n, p) => arn(p, 'iam', `role/${n}`, false), RoleId: (n) => `AROA${n.toUpperCase()}` },
  },
  'AWS::IAM::User': {
    nameProp: 'UserName',
    ref: (n) => n,
    attrs: { Arn: (n, p) => arn(p, 'iam', `user/${n}`, false) },
  },
  'AWS::IAM::Group': {
    nameProp: 'GroupName',
    ref: (n) => n,
    attrs: { Arn: (n, p) => arn(p, 'iam', `group/${n}`, false) },
  },
  'AWS::IAM::ManagedPolicy': {
    nameProp: 'ManagedPolicyName',
    ref: (n, p) => arn(p, 'iam', `policy/${n}`, false),
    attrs: { PolicyArn: (n, p) => arn(p, 'iam', `policy/${n}`, false) },
  },
  'AWS::IAM::InstanceProfile': {
    nameProp: 'InstanceProfileName',
    ref: (n) => n,
    attrs: { Arn: (n, p) => arn(p, 'iam', `instance-profile/${n}`, false) },
  },
  'AWS::KMS::Key': {
    ref: (n) => n,
    attrs: { Arn: (n, p) => arn(p, 'kms', `key/${n}`), KeyId: (n) => n },
  },
  'AWS::KMS::Alias': { nameProp: 'AliasName', ref: (n) => n },
  'AWS::SNS::Topic': {
    nameProp: 'TopicName',
    ref: (n, p) => arn(p, 'sns', n),
    attrs: { TopicArn: (n, p) => arn(p, 'sns', n), TopicName: (n) => n },
  },
  'AWS::SQS::Queue': {
    nameProp: 'QueueName',
    ref: (n, p) => `https://sqs.${p.region}.${p.urlSuffix}/${p.accountId}/${n}`,
    attrs: { Arn: (n, p) => arn(p, 'sqs', n), QueueName: (n) => n, QueueUrl: (n, p) => `https://sqs.${p.region}.${p.urlSuffix}/${p.accountId}/${n}` },
  },
  'AWS::Lambda::Function': {
    nameProp: 'FunctionName',
    ref: (n) => n,
    attrs: { Arn: (n, p) => arn(p, 'lambda', `function:${n}`) },
  },
  'AWS::EC2::SecurityGroup': {
    ref: (n) => `sg-${n}`,
    attrs: { GroupId: (n) => `sg-${n}` },
  },
  'AWS::EC2::VPC': { ref: (n) => `vpc-${n}` },
  'AWS::EC2::Subnet': { ref: (n) => `subnet-${n}` },
  'AWS::EC2::Instance': { ref: (n) => `i-${n}` },
  'AWS::EC2::Volume': { ref: (n) => `vol-${n}` },
  'AWS::EC2::NetworkAcl': { ref: (n) => `acl-${n}` },
  'AWS::EC2::InternetGateway': { ref: (n) => `igw-${n}` },
  'AWS::EC2::RouteTable': { ref: (n) => `rtb-${n}` },
  'AWS::EC2::VPCEndpoint': { ref: (n) => `vpce-${n}` },
  'AWS::EC2::FlowLog': { ref: (n) => `fl-${n}` },
  'AWS::Logs::LogGroup': {
    nameProp: 'LogGroupName',
    ref: (n) => n,
    attrs: { Arn: (n, p) => arn(p, 'logs', `log-group:${n}:*`) },
  },
  'AWS::CloudTrail::Trail': {
    nameProp: 'TrailName',
    ref: (n) => n,
    attrs: { Arn: (n, p) => arn(p, 'cloudtrail', `trail/${n}`) },
  },
  'AWS::SecretsManager::Secret': { nameProp: 'Name', ref: (n, p) => arn(p, 'secretsmanager', `secret:${n}`) },
  'AWS::ECR::Repository': {
    nameProp: 'RepositoryName',
    lower: true,
    ref: (n) => n,
    attrs: { Arn: (n, p) => arn(p, 'ecr', `repository/${n}`) },
  },
  'AWS::RDS::DBInstance': { nameProp: 'DBInstanceIdentifier', lower: true, ref: (n) => n },
  'AWS::RDS::DBCluster': { nameProp: 'DBClusterIdentifier', lower: true, ref: (n) => n },
  'AWS::EFS::FileSystem': { ref: (n) => `fs-${n}`, attrs: { Arn: (n, p) => arn(p, 'elasticfilesystem', `file-system/fs-${n}`) } },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    nameProp: 'Name',
    ref: (n, p) => arn(p, 'elasticloadbalancing', `loadbalancer/app/${n}/0`),
  },
};

export function typeInfo(type: string): TypeInfo | undefined {
  return TYPES[type];
}

/** The synthetic name when the template does not name the resource. */
export function syntheticName(type: string, logicalId: string, p: Pseudo): string {
  const n = `${p.stackName}-${logicalId}`;
  return TYPES[type]?.lower ? n.toLowerCase() : n;
}

/** What `Ref` returns for a resource named `name`. */
export function refText(type: string, name: string, p: Pseudo): string {
  return TYPES[type]?.ref(name, p) ?? name;
}

/** What `Fn::GetAtt` returns; a symbolic `<logicalId>.<attr>` text when kenro does not model it. */
export function attrText(type: string, logicalId: string, name: string, attr: string, p: Pseudo): string {
  const f = TYPES[type]?.attrs?.[attr];
  if (f) return f(name, p);
  if (attr === 'Arn') return arn(p, type.split('::')[1]?.toLowerCase() ?? 'unknown', `${logicalId}`);
  return `${logicalId}.${attr}`;
}
