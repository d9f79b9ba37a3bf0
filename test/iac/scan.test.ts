import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { runIac } from '../../src/checks/iac/run.js';
import { maskSecret, templateExcerpts } from '../../src/cli/commands/iac.js';
import { scan } from './helpers.js';

/** ec2_ebs_volume_encrypted judges attached volumes (as AWS Config's ENCRYPTED_VOLUMES does). */
const ATTACH = (v: string) => `  Att${v}:\n    Type: AWS::EC2::VolumeAttachment\n    Properties: {VolumeId: !Ref ${v}, InstanceId: i-0123456789abcdef0, Device: /dev/sdf}\n`;

const byCheck = (s: ReturnType<typeof scan>, id: string) => s.results.filter((r) => r.checkId === id);

describe('kenro iac: checks on templates', () => {
  it('runs the live checks on template resources and locates the offending property', () => {
    const s = scan(`Resources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      AvailabilityZone: eu-west-1a\n      Size: 10\n      Encrypted: false\n${ATTACH('Vol')}`);
    const [r] = byCheck(s, 'ec2_ebs_volume_encrypted');
    expect(r?.status).toBe('FAIL');
    expect(r?.file).toBe('test.yaml');
    expect([r?.line, r?.column]).toEqual([7, 7]);
  });

  it('does not run account-level checks on a template', () => {
    const s = scan('Resources:\n  T:\n    Type: AWS::SNS::Topic\n');
    expect(s.results.some((r) => r.resourceType === 'AWS::::Account')).toBe(false);
    expect(s.results.some((r) => r.checkId === 'iam_root_no_access_keys')).toBe(false);
  });

  it('never passes on a value it cannot resolve: ERROR naming the parameter', () => {
    const s = scan(`Parameters:\n  Enc: {Type: String}\nResources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10\n      AvailabilityZone: a\n      Encrypted: !Ref Enc\n${ATTACH('Vol')}`);
    const [r] = byCheck(s, 'ec2_ebs_volume_encrypted');
    expect(r?.status).toBe('ERROR');
    expect(r?.reason).toContain('parameter Enc has no default');
    // With the value given, the check decides.
    const ok = scan(`Parameters:\n  Enc: {Type: String}\nResources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 10\n      AvailabilityZone: a\n      Encrypted: !Ref Enc\n${ATTACH('Vol')}`, { Enc: 'true' });
    expect(byCheck(ok, 'ec2_ebs_volume_encrypted')[0]?.status).toBe('PASS');
  });

  it('treats an RDS instance without PubliclyAccessible as unknown (the default depends on the VPC)', () => {
    const s = scan(`Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: mysql\n      StorageEncrypted: true\n`);
    const [r] = byCheck(s, 'rds_instance_not_public');
    expect(r?.status).toBe('ERROR');
    expect(r?.reason).toContain('depends on the VPC');
  });

  it('fails when any branch of an undecidable condition fails, and says under which assumption', () => {
    const s = scan(`Parameters:\n  Env: {Type: String}\nConditions:\n  Prod: !Equals [!Ref Env, prod]\nResources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1\n      AvailabilityZone: a\n      Encrypted: !If [Prod, true, false]\n${ATTACH('Vol')}`);
    const [r] = byCheck(s, 'ec2_ebs_volume_encrypted');
    expect(r?.status).toBe('FAIL');
    expect(r?.reason).toMatch(/when Fn::Equals at line 4 .* is false/);
    // Decided by a parameter value: one world, no assumption.
    const prod = scan(`Parameters:\n  Env: {Type: String}\nConditions:\n  Prod: !Equals [!Ref Env, prod]\nResources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1\n      AvailabilityZone: a\n      Encrypted: !If [Prod, true, false]\n${ATTACH('Vol')}`, { Env: 'prod' });
    expect(byCheck(prod, 'ec2_ebs_volume_encrypted')[0]?.status).toBe('PASS');
  });

  it('honours Metadata.kenro.suppress, cfn_nag rules_to_suppress and guard SuppressedRules', () => {
    const s = scan(`Resources:
  A:
    Type: AWS::EC2::Volume
    Metadata:
      kenro:
        suppress:
          - {check: ec2_ebs_volume_encrypted, reason: scratch disk}
    Properties: {Size: 1, AvailabilityZone: a}
  B:
    Type: AWS::EC2::Volume
    Metadata:
      cfn_nag:
        rules_to_suppress:
          - {id: F1, reason: test volume}
    Properties: {Size: 1, AvailabilityZone: a}
  C:
    Type: AWS::EC2::Volume
    Metadata:
      guard:
        SuppressedRules: [ENCRYPTED_VOLUMES]
    Properties: {Size: 1, AvailabilityZone: a}
  D:
    Type: AWS::EC2::Volume
    Metadata:
      kenro:
        suppress:
          - {check: ec2_ebs_volume_encrypted}
    Properties: {Size: 1, AvailabilityZone: a}
${ATTACH('A')}${ATTACH('B')}${ATTACH('C')}${ATTACH('D')}`);
    const rs = byCheck(s, 'ec2_ebs_volume_encrypted');
    const st = Object.fromEntries(rs.map((r) => [r.resourceId, r]));
    expect(st['vol-A']?.status).toBe('MUTED');
    expect(st['vol-A']?.muted).toEqual({ reason: 'scratch disk', suppressionId: 'template:A', expires: '', originalStatus: 'FAIL' });
    expect(st['vol-B']?.status).toBe('MUTED');
    expect(st['vol-B']?.muted?.reason).toContain('cfn_nag F1');
    const guardMapped = ALL_CHECKS.find((c) => c.meta.id === 'ec2_ebs_volume_encrypted')?.meta.configRule === 'ENCRYPTED_VOLUMES';
    expect(st['vol-C']?.status).toBe(guardMapped ? 'MUTED' : 'FAIL');
    // No reason: not applied, and reported.
    expect(st['vol-D']?.status).toBe('FAIL');
    expect(s.warnings.join('\n')).toContain('has no reason');
  });

  it('finds secrets written into templates without printing them', () => {
    const s = scan(`Parameters:
  Safe: {Type: String, NoEcho: true}
  Defaulted: {Type: String, NoEcho: true, Default: Sup3rS3cret}
Resources:
  Db:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      MasterUserPassword: Sup3rS3cretLiteral
  Db2:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      MasterUserPassword: !Ref Safe
  Db3:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      MasterUserPassword: '{{resolve:secretsmanager:db:SecretString:password}}'
  Db4:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-mysql
      MasterUserPassword: !Ref Defaulted
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Environment:
        Variables:
          KEY_ID: AKIAIOSFODNN7EXAMPLE
`);
    const st = Object.fromEntries(byCheck(s, 'iac_hardcoded_secret').map((r) => [r.resourceId, r]));
    expect(st.Db?.status).toBe('FAIL');
    expect([st.Db?.line, st.Db?.column]).toEqual([9, 7]);
    expect(st.Db2?.status).toBe('PASS');
    expect(st.Db3?.status).toBe('PASS');
    expect(st.Db4?.status).toBe('FAIL');
    expect(st.Db4?.reason).toContain('default of parameter Defaulted');
    expect(st.Fn?.status).toBe('FAIL');
    expect(JSON.stringify(s.results)).not.toContain('Sup3rS3cret');
    expect(JSON.stringify(s.results)).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('flags wildcard IAM in inline policies', () => {
    const s = scan(`Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]}\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n              - {Effect: Allow, Action: "s3:*", Resource: "*"}\n`);
    const [r] = byCheck(s, 'iac_iam_inline_wildcard');
    expect(r?.status).toBe('FAIL');
    expect(r?.reason).toContain('"s3:*"');
    expect(r?.line).toBe(10);
  });

  it('reports bad files with file and line and still scans the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kenro-iac-'));
    writeFileSync(join(dir, 'good.yaml'), `Resources:\n  V:\n    Type: AWS::EC2::Volume\n    Properties: {Size: 1, AvailabilityZone: a}\n${ATTACH('V')}`);
    writeFileSync(join(dir, 'bad.json'), '{"Resources": {"V": {"Type": "AWS::EC2::Volume",}}}');
    writeFileSync(join(dir, 'notcfn.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nDescription: nothing\n');
    writeFileSync(join(dir, 'fn.yaml'), 'Resources:\n  V:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: {"Fn::Nope": x}\n');
    writeFileSync(join(dir, 'package.json'), '{"name": "x"}');
    const run = runIac([dir], { checks: ALL_CHECKS, controls: false });
    const errs = run.errors.map((e) => e.format()).sort();
    expect(errs).toHaveLength(3);
    expect(errs[0]).toMatch(/bad\.json:1:\d+: invalid JSON/);
    expect(errs[1]).toMatch(/fn\.yaml:5:\d+: unknown intrinsic function Fn::Nope/);
    expect(errs[2]).toMatch(/notcfn\.yaml:1:1: not a template/);
    expect(run.report.results.some((r) => r.file?.endsWith('good.yaml') && r.checkId === 'ec2_ebs_volume_encrypted' && r.status === 'FAIL')).toBe(true);
    expect(run.report.results.filter((r) => r.checkId === 'iac_template_valid')).toHaveLength(3);
    expect(run.report.kind).toBe('iac');
    expect(run.skipped.some((f) => f.endsWith('package.json'))).toBe(true);
  });

  it('shows the offending template line, masking secret values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kenro-iac-'));
    const f = join(dir, 't.yaml');
    writeFileSync(f, 'Resources:\n  Db:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      MasterUserPassword: hunter2hunter2\n');
    const run = runIac([f], { checks: ALL_CHECKS, controls: false });
    const text = templateExcerpts(run.report.results);
    expect(text).toContain('5 |       MasterUserPassword: ****');
    expect(text).not.toContain('hunter2');
    expect(maskSecret('  Password: abc', false)).toBe('  Password: ****');
    expect(maskSecret('  BucketName: abc', false)).toBe('  BucketName: abc');
  });
});

describe('instances and launch templates', () => {
  it('reads IMDS settings from the launch template an instance uses', () => {
    const s = scan(`Resources:
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        MetadataOptions: {HttpTokens: required, HttpEndpoint: enabled}
  Vm:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SubnetId: subnet-123
      LaunchTemplate: {LaunchTemplateId: !Ref Lt, Version: !GetAtt Lt.LatestVersionNumber}
`);
    const r = s.results.find((x) => x.checkId === 'ec2_instance_imdsv2_required');
    expect(r?.status).toBe('PASS');
    // The subnet is outside the template: whether it gets a public IP is unknown, never a PASS.
    expect(s.results.find((x) => x.checkId === 'ec2_instance_no_public_ip')?.status).toBe('ERROR');
  });
});

describe('SAM function URLs', () => {
  it('a FunctionUrlConfig with AuthType NONE yields the public URL and the public permission SAM adds', () => {
    const s = scan(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: python3.13
      CodeUri: .
      FunctionUrlConfig:
        AuthType: NONE
`);
    const url = s.results.find((r) => r.checkId === 'lambda_function_url_auth');
    expect(url?.status).toBe('FAIL');
    expect(url?.line).toBe(10);
    expect(s.results.find((r) => r.checkId === 'lambda_function_policy_not_public')?.status).toBe('FAIL');
    expect(s.results.find((r) => r.checkId === 'lambda_function_policy_not_public')?.line).toBe(10);
  });
});

describe('whole Properties under a condition', () => {
  it('resolves `Properties: !If [...]` and checks the branch of each world', () => {
    const s = scan(`Parameters:\n  Env: {Type: String}\nConditions:\n  Prod: !Equals [!Ref Env, prod]\nResources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties: !If\n      - Prod\n      - {Size: 10, AvailabilityZone: a, Encrypted: true}\n      - {Size: 10, AvailabilityZone: a}\n${ATTACH('Vol')}`);
    const r = s.results.find((x) => x.checkId === 'ec2_ebs_volume_encrypted');
    expect(r?.status).toBe('FAIL');
    expect(r?.reason).toContain('is false');
  });
});

describe('AWS managed policies attached by templates', () => {
  it('knows AdministratorAccess, so an admin role FAILs instead of erring on an unknown document', () => {
    const s = scan(`Resources:\n  Admin:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]}\n      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]\n`);
    expect(s.results.find((r) => r.checkId === 'iam_principal_admin_rights')?.status).toBe('FAIL');
    const pol = s.results.find((r) => r.checkId === 'iam_no_aws_managed_full_admin_policies');
    expect(pol?.status).toBe('FAIL');
    expect(pol?.line).toBe(6);
  });
});

describe('instance block devices', () => {
  it('judges the EBS volumes an instance creates through BlockDeviceMappings', () => {
    const s = scan(`Resources:\n  Vm:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-12345678\n      BlockDeviceMappings:\n        - DeviceName: /dev/xvda\n          Ebs: {VolumeSize: 20}\n        - DeviceName: /dev/xvdb\n          Ebs: {VolumeSize: 20, Encrypted: true}\n`);
    const st = Object.fromEntries(s.results.filter((r) => r.checkId === 'ec2_ebs_volume_encrypted').map((r) => [r.resourceId, r]));
    expect(st['vol-Vm-0']?.status).toBe('FAIL');
    expect(st['vol-Vm-0']?.line).toBe(8); // its Ebs mapping (Encrypted is missing)
    expect(st['vol-Vm-1']?.status).toBe('PASS');
  });
});

describe('bucket policies for buckets named by unknown parameters', () => {
  it('leaves the policy of a bucket with an unknown name unknown, not absent', () => {
    const s = scan(`Parameters:
  Name: {Type: String}
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties: {BucketName: !Ref Name}
  P:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Name
      PolicyDocument:
        Statement: [{Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "*"}]
`);
    const r = s.results.find((x) => x.checkId === 's3_bucket_policy_not_public');
    expect(r?.status).toBe('ERROR');
    expect(r?.reason).toContain('parameter Name has no default');
    const tls = s.results.find((x) => x.checkId === 's3_bucket_tls_only');
    expect(tls?.status).not.toBe('PASS');
  });
});

describe('IAM policies for principals named by unknown parameters', () => {
  it('makes the rights of a role with an unknown name unknown when a policy targets an unknown role', () => {
    const s = scan(`Parameters:
  RoleName: {Type: String}
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Ref RoleName
      AssumeRolePolicyDocument: {Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: "sts:AssumeRole"}]}
  P:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: admin
      Roles: [!Ref RoleName]
      PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
`);
    const r = s.results.find((x) => x.checkId === 'iam_principal_admin_rights');
    expect(r?.status).toBe('ERROR');
    expect(r?.reason).toContain('which may be this principal');
  });
});
