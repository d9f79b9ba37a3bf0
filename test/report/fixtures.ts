/**
 * Hand-built ScanReports for the report format tests: every status, every severity, live and
 * template results, hostile strings (HTML/script break-outs, CSV formula injection, XML
 * specials, control characters, ANSI escapes) and unicode.
 */
import type { CheckMeta } from '../../src/checks/types.js';
import type { CheckResult, Severity, Status } from '../../src/model/result.js';
import type { ScanReport } from '../../src/report/types.js';

export const HOSTILE_HTML = '</script><img src=x onerror="window.__pwned=1">';
export const HOSTILE_CSV = "=cmd|' /C calc'!A0";
export const HOSTILE_XML = 'a]]><b>&amp;"\'<![CDATA[x]]>';
export const UNICODE = 'バケット-ü-😀';
export const ANSI = '\u001b[31mred\u001b[0m\u0007';
/** Secrets a check might see in evidence: no report may contain them. */
export const SECRETS = ['hunter2-db-password-value', 'tok_live_51HxYzSECRET', 'MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu'];

const A1 = '111122223333';
const A2 = '444455556666';

function meta(id: string, service: string, resourceType: string, severity: Severity, extra: Partial<CheckMeta> = {}): CheckMeta {
  return {
    id,
    title: `Title of ${id}`,
    severity,
    service,
    resourceType,
    description: `Description of ${id}.`,
    risk: `Risk of ${id}.`,
    remediation: {
      cli: `aws ${service} fix-${id} --resource <name>`,
      cloudformation: `Resources:\n  Fixed:\n    Type: ${resourceType}\n`,
      console: `Open the ${service} console and fix it.`,
      docs: `https://docs.aws.amazon.com/${service}/`,
    },
    ...extra,
  };
}

export const CHECKS: Record<string, CheckMeta> = {
  iam_root_mfa_enabled: meta('iam_root_mfa_enabled', 'iam', 'AWS::::Account', 'critical'),
  iam_user_unused_credentials: meta('iam_user_unused_credentials', 'iam', 'AWS::IAM::User', 'medium'),
  s3_bucket_public_access_blocked: meta('s3_bucket_public_access_blocked', 's3', 'AWS::S3::Bucket', 'high', {
    title: `S3 bucket blocks public access ${HOSTILE_HTML}`,
    remediation: {
      cli: `aws s3api put-public-access-block --bucket "${HOSTILE_HTML}"`,
      console: 'S3 > bucket > Permissions > Block public access',
    },
  }),
  s3_bucket_tls_only: meta('s3_bucket_tls_only', 's3', 'AWS::S3::Bucket', 'medium'),
  ec2_sg_no_open_ssh: meta('ec2_sg_no_open_ssh', 'ec2', 'AWS::EC2::SecurityGroup', 'high'),
  ec2_ebs_default_encryption: meta('ec2_ebs_default_encryption', 'ec2', 'AWS::::Account', 'medium'),
  cloudtrail_multi_region: meta('cloudtrail_multi_region', 'cloudtrail', 'AWS::CloudTrail::Trail', 'high'),
  kms_key_rotation: meta('kms_key_rotation', 'kms', 'AWS::KMS::Key', 'low'),
  account_security_contact: meta('account_security_contact', 'account', 'AWS::::Account', 'informational', { kind: 'manual' }),
  rds_instance_encrypted: meta('rds_instance_encrypted', 'rds', 'AWS::RDS::DBInstance', 'high'),
  lambda_function_url_auth: meta('lambda_function_url_auth', 'lambda', 'AWS::Lambda::Function', 'critical'),
};

let seq = 0;
function r(checkId: string, status: Status, over: Partial<CheckResult> = {}): CheckResult {
  const m = CHECKS[checkId]!;
  seq++;
  return {
    checkId,
    status,
    severity: m.severity,
    account: A1,
    region: 'eu-west-1',
    resourceType: m.resourceType,
    resourceId: `res-${seq}`,
    reason: `${checkId} is ${status.toLowerCase()} (${seq})`,
    evidence: { seq, setting: status === 'PASS' },
    controls: { 'cis-aws-5.0': ['1.1'], fsbp: ['X.1'] },
    ...over,
  };
}

/** A live scan with ~30 varied results. */
export function liveReport(): ScanReport {
  seq = 0;
  const results: CheckResult[] = [
    r('iam_root_mfa_enabled', 'FAIL', {
      region: 'global',
      resourceId: A1,
      resourceArn: `arn:aws:iam::${A1}:root`,
      reason: 'The root user has no MFA device',
      evidence: { mfaActive: false },
      controls: { 'cis-aws-5.0': ['2.1.4'], fsbp: ['IAM.9'], 'pci-dss-4.0': ['8.4.1'] },
    }),
    r('iam_root_mfa_enabled', 'PASS', { region: 'global', account: A2, resourceId: A2, resourceArn: `arn:aws:iam::${A2}:root` }),
    r('iam_user_unused_credentials', 'FAIL', {
      region: 'global',
      resourceId: 'alice',
      resourceArn: `arn:aws:iam::${A1}:user/alice`,
      reason: `User ${UNICODE} has an unused key`,
      evidence: { user: UNICODE, lastUsed: null, note: ANSI },
    }),
    r('iam_user_unused_credentials', 'PASS', { region: 'global', resourceId: 'bob', resourceArn: `arn:aws:iam::${A1}:user/bob` }),
    r('iam_user_unused_credentials', 'MUTED', {
      region: 'global',
      resourceId: 'break-glass',
      resourceArn: `arn:aws:iam::${A1}:user/break-glass`,
      reason: 'Unused credentials for 400 days',
      muted: { reason: 'Break-glass user, reviewed quarterly', suppressionId: 'sup-1', expires: '2027-01-01', originalStatus: 'FAIL' },
    }),
    r('s3_bucket_public_access_blocked', 'FAIL', {
      resourceId: 'evil-bucket',
      resourceArn: 'arn:aws:s3:::evil-bucket',
      reason: `Bucket policy allows everyone: ${HOSTILE_HTML}`,
      evidence: { policy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Sid: HOSTILE_HTML }] }, csv: HOSTILE_CSV },
    }),
    r('s3_bucket_public_access_blocked', 'FAIL', {
      region: 'us-east-1',
      resourceId: 'formula-bucket',
      resourceArn: 'arn:aws:s3:::formula-bucket',
      reason: HOSTILE_CSV,
      evidence: { tag: '+SUM(1,2)', other: '-2+3', at: '@SUM(A1)' },
    }),
    r('s3_bucket_public_access_blocked', 'PASS', { resourceId: 'good-bucket', resourceArn: 'arn:aws:s3:::good-bucket' }),
    r('s3_bucket_public_access_blocked', 'ERROR', {
      resourceId: 'locked-bucket',
      resourceArn: 'arn:aws:s3:::locked-bucket',
      reason: 'AccessDenied reading the bucket policy',
      evidence: undefined,
    }),
    r('s3_bucket_tls_only', 'FAIL', {
      resourceId: 'xml-bucket',
      resourceArn: 'arn:aws:s3:::xml-bucket',
      reason: `XML specials ${HOSTILE_XML}`,
      evidence: { s: HOSTILE_XML, multi: 'line one\nline "two", with comma\r\nline three' },
    }),
    r('s3_bucket_tls_only', 'PASS', { resourceId: 'tls-bucket', resourceArn: 'arn:aws:s3:::tls-bucket' }),
    r('s3_bucket_tls_only', 'MUTED', {
      resourceId: 'legacy-bucket',
      resourceArn: 'arn:aws:s3:::legacy-bucket',
      muted: { reason: `Legacy client needs HTTP ${HOSTILE_HTML}`, suppressionId: 'sup-2', expires: '2026-12-31', originalStatus: 'FAIL' },
    }),
    r('ec2_sg_no_open_ssh', 'FAIL', {
      resourceId: 'sg-0123456789abcdef0',
      resourceArn: `arn:aws:ec2:eu-west-1:${A1}:security-group/sg-0123456789abcdef0`,
      reason: 'Port 22 open to 0.0.0.0/0',
      evidence: { ipPermissions: [{ fromPort: 22, toPort: 22, cidr: '0.0.0.0/0' }] },
      controls: { 'cis-aws-5.0': ['5.2'], fsbp: ['EC2.13'], 'pci-dss-4.0': ['1.3.1'] },
    }),
    r('ec2_sg_no_open_ssh', 'FAIL', {
      account: A2,
      region: 'ap-northeast-1',
      resourceId: 'sg-0fedcba9876543210',
      resourceArn: `arn:aws:ec2:ap-northeast-1:${A2}:security-group/sg-0fedcba9876543210`,
      reason: 'Port 22 open to ::/0',
    }),
    r('ec2_sg_no_open_ssh', 'PASS', {
      region: 'us-east-1',
      resourceId: 'sg-0aaaabbbbccccdddd',
      resourceArn: `arn:aws:ec2:us-east-1:${A1}:security-group/sg-0aaaabbbbccccdddd`,
    }),
    r('ec2_ebs_default_encryption', 'FAIL', { region: 'us-east-1', resourceId: A1, reason: 'EBS default encryption is off in us-east-1' }),
    r('ec2_ebs_default_encryption', 'PASS', { resourceId: A1 }),
    r('ec2_ebs_default_encryption', 'ERROR', {
      region: 'ap-northeast-1',
      account: A2,
      resourceId: A2,
      reason: 'UnauthorizedOperation: ec2:GetEbsEncryptionByDefault',
    }),
    r('cloudtrail_multi_region', 'FAIL', {
      region: 'global',
      resourceId: A2,
      account: A2,
      resourceType: 'AWS::::Account',
      reason: 'No multi-region trail',
      evidence: { trails: [] },
    }),
    r('cloudtrail_multi_region', 'PASS', {
      region: 'eu-west-1',
      resourceId: 'org-trail',
      resourceArn: `arn:aws:cloudtrail:eu-west-1:${A1}:trail/org-trail`,
    }),
    r('kms_key_rotation', 'FAIL', {
      resourceId: '1234abcd-12ab-34cd-56ef-1234567890ab',
      resourceArn: `arn:aws:kms:eu-west-1:${A1}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      reason: 'Key rotation is disabled',
    }),
    r('kms_key_rotation', 'PASS', {
      region: 'us-east-1',
      resourceId: '5678abcd-12ab-34cd-56ef-1234567890ab',
      resourceArn: `arn:aws:kms:us-east-1:${A1}:key/5678abcd-12ab-34cd-56ef-1234567890ab`,
    }),
    r('account_security_contact', 'MANUAL', {
      region: 'global',
      resourceId: A1,
      reason: 'Verify that the security contact is current',
      evidence: undefined,
      controls: { 'cis-aws-5.0': ['1.2'] },
    }),
    r('account_security_contact', 'MANUAL', { region: 'global', account: A2, resourceId: A2, reason: 'Verify the security contact' }),
    r('rds_instance_encrypted', 'FAIL', {
      region: 'us-east-1',
      resourceId: 'db-prod',
      resourceArn: `arn:aws:rds:us-east-1:${A1}:db:db-prod`,
      reason: 'Storage is not encrypted',
      controls: { fsbp: ['RDS.3'], 'pci-dss-4.0': ['3.5.1'] },
    }),
    r('rds_instance_encrypted', 'PASS', {
      resourceId: 'db-dev',
      resourceArn: `arn:aws:rds:eu-west-1:${A1}:db:db-dev`,
      controls: { fsbp: ['RDS.3'] },
    }),
    r('lambda_function_url_auth', 'FAIL', {
      region: 'eu-west-1',
      resourceId: 'public-fn',
      resourceArn: `arn:aws:lambda:eu-west-1:${A1}:function:public-fn`,
      reason: 'Function URL has AuthType NONE',
      evidence: {
        authType: 'NONE',
        long: 'x'.repeat(3000),
        environment: { Variables: { DB_PASSWORD: SECRETS[0], API_TOKEN: SECRETS[1], LOG_LEVEL: 'debug' } },
        parameters: [{ ParameterKey: 'MasterUserPassword', ParameterValue: SECRETS[0] }, { ParameterKey: 'Env', ParameterValue: 'prod' }],
        passwordLastUsed: '2026-01-01T00:00:00Z',
        secretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:db',
        userData: `#!/bin/sh\n-----BEGIN RSA PRIVATE KEY-----\n${SECRETS[2]}\n-----END RSA PRIVATE KEY-----\necho done`,
      },
      controls: {},
    }),
    r('lambda_function_url_auth', 'ERROR', {
      region: 'us-east-1',
      resourceId: 'hidden-fn',
      resourceArn: `arn:aws:lambda:us-east-1:${A1}:function:hidden-fn`,
      reason: 'AccessDenied: lambda:GetFunctionUrlConfig',
    }),
    r('lambda_function_url_auth', 'PASS', {
      account: A2,
      region: 'ap-northeast-1',
      resourceId: 'private-fn',
      resourceArn: `arn:aws:lambda:ap-northeast-1:${A2}:function:private-fn`,
    }),
    r('kms_key_rotation', 'FAIL', {
      account: A1,
      region: 'eu-west-1',
      resourceId: 'long-title',
      resourceArn: `arn:aws:kms:eu-west-1:${A1}:key/long-title`,
      reason: 'R'.repeat(1500),
    }),
  ];
  return {
    tool: { name: 'kenro', version: '0.1.0' },
    scanId: '20261122T181500Z-abc123',
    startedAt: '2026-11-22T18:15:00.000Z',
    finishedAt: '2026-11-22T18:16:30.000Z',
    source: 'live',
    kind: 'scan',
    accounts: [A1, A2],
    regions: ['eu-west-1', 'us-east-1', 'ap-northeast-1'],
    results,
    checks: CHECKS,
    frameworks: [
      {
        id: 'cis-aws-5.0',
        name: 'CIS Amazon Web Services Foundations Benchmark v5.0',
        controls: [
          { id: '1.1', title: 'Maintain current contact details', status: 'FAIL', pass: 5, fail: 9, error: 2, manual: 0 },
          { id: '1.2', title: 'Ensure security contact information is registered', status: 'MANUAL', pass: 0, fail: 0, error: 0, manual: 2 },
          { id: '2.1.4', title: `Ensure MFA is enabled for the root user ${HOSTILE_HTML}`, status: 'FAIL', pass: 0, fail: 1, error: 0, manual: 0 },
          { id: '5.2', title: 'Ensure no security groups allow ingress from 0.0.0.0/0 to port 22', status: 'FAIL', pass: 1, fail: 2, error: 0, manual: 0 },
          { id: '3.1', title: 'Ensure CloudTrail is enabled in all regions', status: 'PASS', pass: 1, fail: 0, error: 0, manual: 0 },
          { id: '3.2', title: 'Ensure log file validation is enabled', status: 'NOT_COVERED', pass: 0, fail: 0, error: 0, manual: 0 },
        ],
        counts: { FAIL: 3, ERROR: 0, MANUAL: 1, PASS: 1, MUTED: 0, NOT_COVERED: 1 },
        score: 25,
      },
      {
        id: 'fsbp',
        name: 'AWS Foundational Security Best Practices',
        controls: [
          { id: 'IAM.9', title: 'MFA should be enabled for the root user', status: 'FAIL', pass: 0, fail: 1, error: 0, manual: 0 },
          { id: 'RDS.3', title: 'RDS DB instances should have encryption at-rest enabled', status: 'FAIL', pass: 1, fail: 1, error: 0, manual: 0 },
          { id: 'EC2.13', title: 'Security groups should not allow ingress from 0.0.0.0/0 to port 22', status: 'FAIL', pass: 0, fail: 1, error: 0, manual: 0 },
          { id: 'X.1', title: 'Generic', status: 'ERROR', pass: 3, fail: 0, error: 1, manual: 0 },
          { id: 'S3.1', title: 'S3 general purpose buckets should have block public access enabled', status: 'PASS', pass: 2, fail: 0, error: 0, manual: 0 },
        ],
        counts: { FAIL: 3, ERROR: 1, MANUAL: 0, PASS: 1, MUTED: 0, NOT_COVERED: 0 },
        score: 20,
      },
    ],
    collectionIssues: [
      {
        account: A1,
        region: 'eu-west-1',
        what: 's3 bucket policy (locked-bucket)',
        status: 'denied',
        code: 'AccessDenied',
        message: `User is not authorized to perform s3:GetBucketPolicy ${HOSTILE_HTML}`,
        permission: 's3:GetBucketPolicy',
      },
      {
        account: A2,
        region: 'ap-northeast-1',
        what: 'ec2 EBS default encryption',
        status: 'error',
        code: 'Throttling',
        message: 'Rate exceeded',
      },
    ],
    expiredSuppressions: [{ id: 'sup-old', checkId: 's3_bucket_tls_only', expires: '2025-01-01', reason: 'Old exception <b>bold</b>' }],
  };
}

/** A template (IaC) scan: results carry file, line and column. */
export function templateReport(): ScanReport {
  const results: CheckResult[] = [
    {
      checkId: 's3_bucket_tls_only',
      status: 'FAIL',
      severity: 'medium',
      account: '000000000000',
      region: 'us-east-1',
      resourceType: 'AWS::S3::Bucket',
      resourceId: 'LogsBucket',
      reason: 'No bucket policy denies aws:SecureTransport false',
      evidence: { BucketName: 'logs' },
      controls: { fsbp: ['S3.5'] },
      file: 'templates/app stack.yaml',
      line: 12,
      column: 5,
    },
    {
      checkId: 'ec2_sg_no_open_ssh',
      status: 'FAIL',
      severity: 'high',
      account: '000000000000',
      region: 'us-east-1',
      resourceType: 'AWS::EC2::SecurityGroup',
      resourceId: 'WebSG',
      reason: 'Ingress 0.0.0.0/0 on port 22',
      evidence: { SecurityGroupIngress: [{ CidrIp: '0.0.0.0/0', FromPort: 22, ToPort: 22 }] },
      controls: { 'cis-aws-5.0': ['5.2'] },
      file: 'templates/app stack.yaml',
      line: 40,
    },
    {
      checkId: 'rds_instance_encrypted',
      status: 'PASS',
      severity: 'high',
      account: '000000000000',
      region: 'us-east-1',
      resourceType: 'AWS::RDS::DBInstance',
      resourceId: 'Db',
      reason: 'StorageEncrypted is true',
      controls: { fsbp: ['RDS.3'] },
      file: 'templates/db.json',
      line: 3,
      column: 7,
    },
    {
      checkId: 'kms_key_rotation',
      status: 'MUTED',
      severity: 'low',
      account: '000000000000',
      region: 'us-east-1',
      resourceType: 'AWS::KMS::Key',
      resourceId: 'Key',
      reason: 'EnableKeyRotation is false',
      controls: {},
      file: 'templates/db.json',
      line: 20,
      muted: { reason: 'Imported key material', suppressionId: 'sup-k', expires: '2027-06-01', originalStatus: 'FAIL' },
    },
  ];
  return {
    tool: { name: 'kenro', version: '0.1.0' },
    scanId: 'iac-20261122',
    startedAt: '2026-11-22T18:00:00.000Z',
    finishedAt: '2026-11-22T18:00:01.000Z',
    source: 'template:templates/',
    kind: 'iac',
    accounts: ['000000000000'],
    regions: ['us-east-1'],
    results,
    checks: CHECKS,
    frameworks: [],
    collectionIssues: [],
    expiredSuppressions: [],
  };
}

/** A scan with nothing in it. */
export function emptyReport(): ScanReport {
  return { ...liveReport(), results: [], frameworks: [], collectionIssues: [], expiredSuppressions: [], accounts: [], regions: [] };
}
