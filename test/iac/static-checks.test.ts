import { describe, expect, it } from 'vitest';
import { scan } from './helpers.js';

const of = (s: ReturnType<typeof scan>, id: string) => Object.fromEntries(s.results.filter((r) => r.checkId === id).map((r) => [r.resourceId, r]));

describe('template-only checks', () => {
  it('iac_resource_policy_public: on resources outside the template, fails an unconfined "*" and passes a confined one', () => {
    const s = scan(`Resources:
  Open:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [arn:aws:sns:eu-west-1:111122223333:t]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Principal: "*", Action: "sns:Publish", Resource: "*"}
  Confined:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [q]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: "*"}
            Action: "sqs:SendMessage"
            Resource: "*"
            Condition: {ArnEquals: {"aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:t"}}
  Invoke:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: f
      Action: lambda:InvokeFunction
      Principal: "*"
`);
    const r = of(s, 'iac_resource_policy_public');
    expect(r.Open?.status).toBe('FAIL');
    expect(r.Open?.line).toBe(8);
    expect(r.Confined?.status).toBe('PASS');
    expect(r.Invoke?.status).toBe('FAIL');
    expect(r.Invoke?.line).toBe(25);
  });

  it("leaves policies on the template's own resources to the live checks", () => {
    const s = scan(`Resources:
  Topic: {Type: AWS::SNS::Topic}
  Policy:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref Topic]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Principal: "*", Action: "sns:Publish", Resource: "*"}
`);
    expect(s.results.filter((r) => r.checkId === 'iac_resource_policy_public')).toEqual([]);
    const live = s.results.find((r) => r.checkId === 'sns_topic_policy_not_public');
    expect(live?.status).toBe('FAIL');
    expect(live?.line).toBe(7);
  });

  it('iac_resource_missing_cis_settings: lists what a trail lacks and errs on unresolved values', () => {
    const s = scan(`Parameters:
  Multi: {Type: String}
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
  Trail2:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      IsMultiRegionTrail: !Ref Multi
      S3BucketName: logs
      CloudWatchLogsLogGroupArn: arn:aws:logs:eu-west-1:111122223333:log-group:ct:*
      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/ct
  Rec:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: arn:aws:iam::111122223333:role/config
      RecordingGroup: {AllSupported: true, IncludeGlobalResourceTypes: true}
`);
    const r = of(s, 'iac_resource_missing_cis_settings');
    expect(r.Trail?.status).toBe('FAIL');
    expect(r.Trail?.reason).toContain('IsMultiRegionTrail');
    expect(r.Trail?.reason).toContain('CloudWatchLogsLogGroupArn');
    expect(r.Trail?.reason).not.toContain('IsLogging');
    expect(r.Trail2?.status).toBe('ERROR');
    expect(r.Trail2?.reason).toContain('IsMultiRegionTrail');
    expect(r.Rec?.status).toBe('PASS');
  });

  it('iac_iam_inline_wildcard: passes scoped statements and errs on unresolvable documents', () => {
    const s = scan(`Parameters:
  Doc: {Type: String}
Resources:
  Scoped:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: scoped
      Roles: [r]
      PolicyDocument:
        Statement: [{Effect: Allow, Action: "s3:GetObject", Resource: "*"}]
  Unknown:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: unknown
      Roles: [r]
      PolicyDocument: !Ref Doc
  NotAction:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      Roles: [r]
      PolicyDocument:
        Statement: [{Effect: Allow, NotAction: "iam:*", Resource: "*"}]
`);
    const r = of(s, 'iac_iam_inline_wildcard');
    expect(r.Scoped?.status).toBe('PASS');
    expect(r.Unknown?.status).toBe('ERROR');
    expect(r.NotAction?.status).toBe('FAIL');
    expect(r.NotAction?.reason).toContain('NotAction');
  });
});

describe('iac_hardcoded_secret edge cases', () => {
  it('ignores settings named like secrets, and flags outputs that publish secrets', () => {
    const s = scan(`Resources:
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      AuthTokenUpdateStrategy: ROTATE
      TransitEncryptionEnabled: "true"
  Pool:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      EnableTokenRevocation: "true"
      AccessTokenValidity: 60
  User: {Type: AWS::IAM::User}
  Key:
    Type: AWS::IAM::AccessKey
    Properties: {UserName: !Ref User}
Outputs:
  KeySecret:
    Value: !GetAtt Key.SecretAccessKey
`);
    const rs = s.results.filter((r) => r.checkId === 'iac_hardcoded_secret');
    expect(rs.filter((r) => r.status === 'FAIL').map((r) => r.resourceId)).toEqual(['Outputs.KeySecret']);
    expect(rs.find((r) => r.resourceId === 'Outputs.KeySecret')?.line).toBe(17);
  });
});

describe('EBS volumes created by templates', () => {
  it('an unattached unencrypted volume fails the CIS settings check; an attached one is left to ec2_ebs_volume_encrypted', () => {
    const s = scan(`Resources:
  Loose:
    Type: AWS::EC2::Volume
    Properties: {Size: 1, AvailabilityZone: a}
  Used:
    Type: AWS::EC2::Volume
    Properties: {Size: 1, AvailabilityZone: a}
  Att:
    Type: AWS::EC2::VolumeAttachment
    Properties: {VolumeId: !Ref Used, InstanceId: i-0123456789abcdef0, Device: /dev/sdf}
`);
    const cis = of(s, 'iac_resource_missing_cis_settings');
    expect(cis.Loose?.status).toBe('FAIL');
    expect(cis.Loose?.line).toBe(4);
    expect(cis.Used).toBeUndefined();
    expect(of(s, 'ec2_ebs_volume_encrypted')['vol-Used']?.status).toBe('FAIL');
  });
});

describe('no secret in messages', () => {
  it('an unresolvable Fn::Sub holding a literal password is not echoed in reasons or issues', () => {
    const s = scan(`Parameters:\n  Host: {Type: String}\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.13\n      Role: arn:aws:iam::111122223333:role/r\n      Environment:\n        Variables:\n          DB_URL: !Sub "postgres://admin:S3cr3tPassw0rd@\${Host}/db"\n`);
    const text = JSON.stringify({ results: s.results, issues: s.issues });
    expect(text).not.toContain('S3cr3tPassw0rd');
    const hit = s.results.find((r) => r.checkId === 'iac_hardcoded_secret');
    expect(hit?.status).toBe('FAIL');
    expect(hit?.reason).toContain('URL with an embedded password');
    // A password from a parameter is not a literal.
    const ok = scan(`Parameters:\n  Pass: {Type: String, NoEcho: true}\nResources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Environment:\n        Variables:\n          DB_URL: !Sub "postgres://admin:\${Pass}@db/x"\n`);
    expect(ok.results.filter((r) => r.checkId === 'iac_hardcoded_secret' && r.status === 'FAIL')).toEqual([]);
  });
});

describe('suppressions on SAM functions', () => {
  it('apply to the execution role SAM generates', () => {
    const s = scan(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Metadata:
      kenro:
        suppress:
          - {check: iac_iam_inline_wildcard, reason: admin tooling function, reviewed}
    Properties:
      Handler: index.handler
      Runtime: python3.13
      CodeUri: .
      Policies:
        - Statement: [{Effect: Allow, Action: "*", Resource: "*"}]
`);
    const r = s.results.find((x) => x.checkId === 'iac_iam_inline_wildcard');
    expect(r?.status).toBe('MUTED');
    expect(r?.muted?.suppressionId).toBe('template:FnRole');
  });
});

describe('secret parameter defaults', () => {
  it('flags a secret-named parameter with a literal default once, where the default is written', () => {
    const s = scan(`Parameters:
  DbPassword:
    Type: String
    NoEcho: true
    Default: changeme123
  Unused:
    Type: String
    Default: ""
Resources:
  Db:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      MasterUserPassword: !Sub "\${DbPassword}"
`);
    const fails = s.results.filter((r) => r.checkId === 'iac_hardcoded_secret' && r.status === 'FAIL');
    expect(fails.map((r) => [r.resourceId, r.line])).toEqual([['Parameters.DbPassword', 5]]);
    expect(JSON.stringify(s.results)).not.toContain('changeme123');
  });
});

describe('bucket policies on buckets outside the template', () => {
  it('are judged by iac_resource_policy_public; policies on template buckets are left to the S3 checks', () => {
    const s = scan(`Resources:
  External:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: existing-bucket
      PolicyDocument:
        Statement: [{Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::existing-bucket/*"}]
  Mine: {Type: AWS::S3::Bucket}
  MinePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Mine
      PolicyDocument:
        Statement: [{Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: !Sub "\${Mine.Arn}/*"}]
`);
    const r = of(s, 'iac_resource_policy_public');
    expect(r.External?.status).toBe('FAIL');
    expect(r.MinePolicy).toBeUndefined();
  });
});

describe('S3 settings a template writes', () => {
  it('fails a public canned ACL and a Block Public Access configuration that leaves a setting off', () => {
    const s = scan(`Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: PublicRead
  Partial:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        IgnorePublicAcls: true
        BlockPublicPolicy: false
  Default:
    Type: AWS::S3::Bucket
`);
    const acl = of(s, 'iac_s3_public_canned_acl');
    expect(acl.Site?.status).toBe('FAIL');
    expect(acl.Site?.line).toBe(5);
    const cis = of(s, 'iac_resource_missing_cis_settings');
    expect(cis.Partial?.status).toBe('FAIL');
    expect(cis.Partial?.reason).toContain('BlockPublicPolicy');
    expect(cis.Partial?.reason).toContain('RestrictPublicBuckets');
    expect(cis.Partial?.reason).not.toContain('IgnorePublicAcls');
    expect(cis.Default?.status).toBe('PASS');
  });
});
