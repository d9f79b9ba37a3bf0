/**
 * Builds data/demo/snapshot.json: the bundled demo account behind `kenro scan --demo`.
 *
 * "Kumo Robotics" is fictional: a member account of an AWS Organization with workloads in
 * us-east-1, eu-west-1 and ap-northeast-1, a mix of sound and careless configuration, and one
 * permission the scanning role lacks (so the demo shows how unreadable data becomes ERROR).
 * Product data, separate from test fixtures. Regenerate: `npx tsx scripts/build-demo.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { notCollected, ok } from '../src/model/collected.js';
import type {
  AccountInventory,
  CredentialReportRow,
  Ec2Instance,
  IamUser,
  IpPermission,
  Inventory,
  KmsKey,
  PolicyDocument,
  S3Bucket,
  SecurityGroup,
} from '../src/model/inventory.js';
import { SCHEMA_VERSION } from '../src/model/inventory.js';
import { serializeSnapshot } from '../src/model/snapshot.js';
import { dataPath } from '../src/util/paths.js';
import { KENRO_VERSION } from '../src/version.js';
import { account, credentialRow, region } from '../test/helpers/inventory.js';

const ACCOUNT = '111122223333';
const MGMT = '999988887777';
const VENDOR = '444455556666';
const ORG_ID = 'o-k7x2demo01';
const COLLECTED_AT = '2026-11-20T09:00:00Z';
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-northeast-1'];
const arn = (service: string, region: string, resource: string) => `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;

const doc = (...Statement: Record<string, unknown>[]): PolicyDocument => ({ Version: '2012-10-17', Statement });

// ---------------------------------------------------------------- IAM

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const POWER = 'arn:aws:iam::aws:policy/PowerUserAccess';
const READONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const SUPPORT = 'arn:aws:iam::aws:policy/AWSSupportAccess';

/** A credential-report row; the demo's users were created in March 2024 unless said otherwise. */
const row = (user: string, o: Partial<CredentialReportRow>): CredentialReportRow =>
  credentialRow({ user, user_creation_time: '2024-03-01T08:00:00+00:00', ...o });

const credentialReport: CredentialReportRow[] = [
  row('<root_account>', {
    user_creation_time: '2023-01-10T06:00:00+00:00',
    password_enabled: 'not_supported',
    password_last_used: '2026-11-12T23:41:09+00:00',
    password_last_changed: 'not_supported',
    password_next_rotation: 'not_supported',
    mfa_active: 'true',
  }),
  row('aiko.tanaka', {
    password_enabled: 'true',
    password_last_used: '2026-11-19T01:12:44+00:00',
    password_last_changed: '2026-06-01T00:00:00+00:00',
    mfa_active: 'true',
  }),
  row('ben.ortiz', {
    user_creation_time: '2025-02-14T10:00:00+00:00',
    password_enabled: 'true',
    password_last_used: '2026-11-18T16:20:00+00:00',
    password_last_changed: '2025-02-14T10:05:00+00:00',
    mfa_active: 'false',
    access_key_1_active: 'true',
    access_key_1_last_rotated: '2025-02-14T10:10:00+00:00',
    access_key_1_last_used_date: '2026-11-18T16:25:00+00:00',
    access_key_1_last_used_region: 'eu-west-1',
    access_key_1_last_used_service: 's3',
  }),
  row('ci-deploy', {
    user_creation_time: '2024-05-20T09:00:00+00:00',
    access_key_1_active: 'true',
    access_key_1_last_rotated: '2024-05-20T09:00:00+00:00',
    access_key_1_last_used_date: '2026-07-02T11:00:00+00:00',
    access_key_1_last_used_region: 'us-east-1',
    access_key_1_last_used_service: 'cloudformation',
    access_key_2_active: 'true',
    access_key_2_last_rotated: '2026-10-30T09:00:00+00:00',
    access_key_2_last_used_date: '2026-11-19T22:00:00+00:00',
    access_key_2_last_used_region: 'us-east-1',
    access_key_2_last_used_service: 'cloudformation',
  }),
  row('chen.wei', {
    user_creation_time: '2026-09-01T09:00:00+00:00',
    password_enabled: 'true',
    password_last_used: 'no_information',
    password_last_changed: '2026-09-01T09:00:00+00:00',
    mfa_active: 'false',
    access_key_1_active: 'true',
    access_key_1_last_rotated: '2026-09-01T09:00:30+00:00',
    access_key_1_last_used_date: 'N/A',
  }),
];

const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
const roleArn = (name: string, path = '/') => `arn:aws:iam::${ACCOUNT}:role${path}${name}`;

const legacyFullAccess = doc({ Sid: 'LegacyEverything', Effect: 'Allow', Action: '*', Resource: '*' });
const deployPolicy = doc(
  { Sid: 'Deploy', Effect: 'Allow', Action: ['cloudformation:*', 's3:*', 'lambda:*'], Resource: '*' },
  { Sid: 'PassAnyRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
);
const selfServiceKeys = doc({
  Sid: 'ManageOwnKeys',
  Effect: 'Allow',
  Action: ['iam:CreateAccessKey', 'iam:UpdateAccessKey', 'iam:DeleteAccessKey'],
  Resource: 'arn:aws:iam::*:user/${aws:username}',
});

const users: AccountInventory['iam']['users'] = ok<IamUser[]>([
  {
    arn: userArn('aiko.tanaka'),
    name: 'aiko.tanaka',
    id: 'AIDAKUMO0000000000001',
    path: '/',
    createDate: '2024-03-01T08:00:00Z',
    passwordLastUsed: '2026-11-19T01:12:44Z',
    inlinePolicies: [],
    attachedPolicies: [],
    groups: ['Administrators'],
    tags: { team: 'platform' },
    accessKeys: ok([]),
    mfaDevices: ok([{ serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/aiko-yubikey`, enableDate: '2024-03-01T08:10:00Z' }]),
    loginProfile: ok({ createDate: '2024-03-01T08:00:00Z' }),
  },
  {
    arn: userArn('ben.ortiz'),
    name: 'ben.ortiz',
    id: 'AIDAKUMO0000000000002',
    path: '/',
    createDate: '2025-02-14T10:00:00Z',
    passwordLastUsed: '2026-11-18T16:20:00Z',
    inlinePolicies: [{ name: 'self-service-keys', document: selfServiceKeys }],
    attachedPolicies: [{ arn: POWER, name: 'PowerUserAccess' }],
    groups: ['Developers'],
    tags: { team: 'data' },
    accessKeys: ok([
      {
        id: 'AKIAKUMOEXAMPLE00002',
        status: 'Active',
        createDate: '2025-02-14T10:10:00Z',
        lastUsed: ok({ date: '2026-11-18T16:25:00Z', service: 's3', region: 'eu-west-1' }),
      },
    ]),
    mfaDevices: ok([]),
    loginProfile: ok({ createDate: '2025-02-14T10:00:00Z' }),
  },
  {
    arn: userArn('ci-deploy'),
    name: 'ci-deploy',
    id: 'AIDAKUMO0000000000003',
    path: '/automation/',
    createDate: '2024-05-20T09:00:00Z',
    inlinePolicies: [{ name: 'deploy', document: deployPolicy }],
    attachedPolicies: [],
    groups: [],
    tags: { owner: 'platform', purpose: 'ci' },
    accessKeys: ok([
      {
        id: 'AKIAKUMOEXAMPLE00003',
        status: 'Active',
        createDate: '2024-05-20T09:00:00Z',
        lastUsed: ok({ date: '2026-07-02T11:00:00Z', service: 'cloudformation', region: 'us-east-1' }),
      },
      {
        id: 'AKIAKUMOEXAMPLE00004',
        status: 'Active',
        createDate: '2026-10-30T09:00:00Z',
        lastUsed: ok({ date: '2026-11-19T22:00:00Z', service: 'cloudformation', region: 'us-east-1' }),
      },
    ]),
    mfaDevices: ok([]),
    loginProfile: ok(null),
  },
  {
    arn: userArn('chen.wei'),
    name: 'chen.wei',
    id: 'AIDAKUMO0000000000004',
    path: '/',
    createDate: '2026-09-01T09:00:00Z',
    inlinePolicies: [],
    attachedPolicies: [],
    groups: ['Developers'],
    accessKeys: ok([
      { id: 'AKIAKUMOEXAMPLE00005', status: 'Active', createDate: '2026-09-01T09:00:30Z', lastUsed: ok({}) },
    ]),
    mfaDevices: ok([]),
    loginProfile: ok({ createDate: '2026-09-01T09:00:00Z', passwordResetRequired: true }),
  },
]);

const ec2Trust = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
const lambdaTrust = doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });

const roles: AccountInventory['iam']['roles'] = ok([
  {
    arn: roleArn('OrganizationAccountAccessRole'),
    name: 'OrganizationAccountAccessRole',
    id: 'AROAKUMO000000000001',
    path: '/',
    createDate: '2023-01-10T06:00:00Z',
    trustPolicy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MGMT}:root` }, Action: 'sts:AssumeRole' }),
    inlinePolicies: [],
    attachedPolicies: [{ arn: ADMIN, name: 'AdministratorAccess' }],
    maxSessionDuration: 3600,
    lastUsed: { date: '2026-11-02T10:00:00Z', region: 'us-east-1' },
  },
  {
    arn: roleArn('kumo-web-instance'),
    name: 'kumo-web-instance',
    id: 'AROAKUMO000000000002',
    path: '/',
    createDate: '2024-04-01T00:00:00Z',
    trustPolicy: ec2Trust,
    inlinePolicies: [],
    attachedPolicies: [{ arn: `arn:aws:iam::${ACCOUNT}:policy/LegacyFullAccess`, name: 'LegacyFullAccess' }],
    tags: { app: 'web' },
  },
  {
    arn: roleArn('kumo-thumbnailer', '/service-role/'),
    name: 'kumo-thumbnailer',
    id: 'AROAKUMO000000000003',
    path: '/service-role/',
    createDate: '2025-06-01T00:00:00Z',
    trustPolicy: lambdaTrust,
    inlinePolicies: [
      {
        name: 'media-bucket',
        document: doc({
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: 'arn:aws:s3:::kumo-media-uploads/*',
        }),
      },
    ],
    attachedPolicies: [
      { arn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', name: 'AWSLambdaBasicExecutionRole' },
    ],
  },
  {
    arn: roleArn('vendor-monitoring'),
    name: 'vendor-monitoring',
    id: 'AROAKUMO000000000004',
    path: '/',
    createDate: '2025-01-15T00:00:00Z',
    trustPolicy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${VENDOR}:root` }, Action: 'sts:AssumeRole' }),
    inlinePolicies: [],
    attachedPolicies: [{ arn: READONLY, name: 'ReadOnlyAccess' }],
  },
  {
    arn: roleArn('kumo-audit'),
    name: 'kumo-audit',
    id: 'AROAKUMO000000000005',
    path: '/',
    createDate: '2025-03-01T00:00:00Z',
    trustPolicy: doc({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${MGMT}:root` },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'sts:ExternalId': 'kumo-audit-2025' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    }),
    inlinePolicies: [],
    attachedPolicies: [
      { arn: 'arn:aws:iam::aws:policy/SecurityAudit', name: 'SecurityAudit' },
      { arn: SUPPORT, name: 'AWSSupportAccess' },
    ],
  },
]);

const groups: AccountInventory['iam']['groups'] = ok([
  {
    arn: `arn:aws:iam::${ACCOUNT}:group/Administrators`,
    name: 'Administrators',
    id: 'AGPAKUMO000000000001',
    path: '/',
    inlinePolicies: [],
    attachedPolicies: [{ arn: ADMIN, name: 'AdministratorAccess' }],
  },
  {
    arn: `arn:aws:iam::${ACCOUNT}:group/Developers`,
    name: 'Developers',
    id: 'AGPAKUMO000000000002',
    path: '/',
    inlinePolicies: [],
    attachedPolicies: [{ arn: POWER, name: 'PowerUserAccess' }],
  },
]);

const awsPolicy = (name: string, document: PolicyDocument, attachmentCount: number, path = '/') => ({
  arn: `arn:aws:iam::aws:policy${path}${name}`,
  name,
  id: `ANPA${name.toUpperCase().replace(/[^A-Z]/g, '').padEnd(17, 'X').slice(0, 17)}`,
  path,
  awsManaged: true,
  attachmentCount,
  defaultVersionId: 'v1',
  document,
});

const policies: AccountInventory['iam']['policies'] = ok([
  {
    arn: `arn:aws:iam::${ACCOUNT}:policy/LegacyFullAccess`,
    name: 'LegacyFullAccess',
    id: 'ANPAKUMO000000000001',
    path: '/',
    awsManaged: false,
    attachmentCount: 1,
    defaultVersionId: 'v3',
    document: legacyFullAccess,
  },
  {
    arn: `arn:aws:iam::${ACCOUNT}:policy/kumo-developer-boundary`,
    name: 'kumo-developer-boundary',
    id: 'ANPAKUMO000000000002',
    path: '/',
    awsManaged: false,
    attachmentCount: 0,
    permissionsBoundaryUsageCount: 0,
    defaultVersionId: 'v1',
    document: doc(
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', Action: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
    ),
  },
  awsPolicy('AdministratorAccess', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), 2),
  awsPolicy(
    'PowerUserAccess',
    doc(
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization', 'account:ListRegions', 'account:GetAccountInformation'],
        Resource: '*',
      },
    ),
    2,
  ),
  awsPolicy('ReadOnlyAccess', doc({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 'ec2:Describe*', 'iam:Get*', 'iam:List*', 'cloudtrail:Describe*', 'cloudtrail:Get*', 'logs:Describe*', 'cloudwatch:Describe*'], Resource: '*' }), 1),
  awsPolicy('SecurityAudit', doc({ Effect: 'Allow', Action: ['iam:GenerateCredentialReport', 'iam:Get*', 'iam:List*', 's3:GetBucket*', 'ec2:Describe*', 'cloudtrail:DescribeTrails', 'config:Describe*'], Resource: '*' }), 1),
  awsPolicy('AWSSupportAccess', doc({ Effect: 'Allow', Action: ['support:*'], Resource: '*' }), 1),
  awsPolicy(
    'AWSLambdaBasicExecutionRole',
    doc({ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }),
    1,
    '/service-role/',
  ),
]);

// ---------------------------------------------------------------- S3

const BPA_ON = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const OWNER = 'a1b2c3d4e5f6kumo0000000000000000000000000000000000000000000000001';
const privateAcl = ok({ ownerId: OWNER, grants: [{ granteeType: 'CanonicalUser' as const, grantee: OWNER, permission: 'FULL_CONTROL' as const }] });
const tlsOnly = (bucket: string) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

function bucket(name: string, regionName: string, o: Partial<S3Bucket>): S3Bucket {
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region: regionName,
    creationDate: '2024-04-01T00:00:00Z',
    policy: ok(null),
    policyStatus: ok(null),
    acl: privateAcl,
    publicAccessBlock: ok(BPA_ON),
    encryption: ok({ rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] }),
    versioning: ok({ status: 'Never', mfaDelete: false }),
    logging: ok(null),
    lifecycle: ok(null),
    objectLock: ok(null),
    ownershipControls: ok('BucketOwnerEnforced'),
    ...o,
  };
}

const TRAIL_BUCKET = 'kumo-org-cloudtrail-111122223333';
const buckets: S3Bucket[] = [
  bucket(TRAIL_BUCKET, 'us-east-1', {
    policy: ok(
      doc(
        tlsOnly(TRAIL_BUCKET),
        {
          Sid: 'AWSCloudTrailAclCheck',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:GetBucketAcl',
          Resource: `arn:aws:s3:::${TRAIL_BUCKET}`,
          Condition: { StringEquals: { 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/kumo-main` } },
        },
        {
          Sid: 'AWSCloudTrailWrite',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${TRAIL_BUCKET}/AWSLogs/${ACCOUNT}/*`,
          Condition: {
            StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/kumo-main` },
          },
        },
      ),
    ),
    policyStatus: ok({ isPublic: false }),
    encryption: ok({ rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: arn('kms', 'us-east-1', 'key/1f2e3d4c-0000-4000-8000-00000000aa01'), bucketKeyEnabled: true }] }),
    versioning: ok({ status: 'Enabled', mfaDelete: false }),
    logging: ok({ targetBucket: 'kumo-s3-access-logs', targetPrefix: 'cloudtrail/' }),
    lifecycle: ok([{ id: 'expire-after-400-days', status: 'Enabled', expirationDays: 400 }]),
    tags: { purpose: 'audit-logs' },
  }),
  bucket('kumo-s3-access-logs', 'us-east-1', {
    policy: ok(doc(tlsOnly('kumo-s3-access-logs'))),
    policyStatus: ok({ isPublic: false }),
    versioning: ok({ status: 'Enabled', mfaDelete: false }),
    ownershipControls: ok('BucketOwnerEnforced'),
    lifecycle: ok([{ id: 'expire-90', status: 'Enabled', expirationDays: 90 }]),
  }),
  bucket('kumo-public-website', 'us-east-1', {
    policy: ok(doc({ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::kumo-public-website/*' })),
    policyStatus: ok({ isPublic: true }),
    publicAccessBlock: ok({ blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false }),
    tags: { purpose: 'website', 'data-classification': 'public' },
  }),
  bucket('kumo-data-lake-eu', 'eu-west-1', {
    policy: ok(
      doc({
        Sid: 'AnalyticsVendorRead',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${VENDOR}:root` },
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: ['arn:aws:s3:::kumo-data-lake-eu', 'arn:aws:s3:::kumo-data-lake-eu/*'],
      }),
    ),
    policyStatus: ok({ isPublic: false }),
    publicAccessBlock: ok(null),
    ownershipControls: ok('ObjectWriter'),
    acl: ok({
      ownerId: OWNER,
      grants: [
        { granteeType: 'CanonicalUser', grantee: OWNER, permission: 'FULL_CONTROL' },
        { granteeType: 'Group', grantee: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers', permission: 'READ' },
      ],
    }),
    tags: { team: 'data', 'data-classification': 'confidential' },
  }),
  bucket('kumo-media-uploads', 'eu-west-1', {
    versioning: ok({ status: 'Suspended', mfaDelete: false }),
    logging: ok({ targetBucket: 'kumo-s3-access-logs', targetPrefix: 'media/' }),
  }),
  bucket('kumo-backups-tokyo', 'ap-northeast-1', {
    policy: ok(doc(tlsOnly('kumo-backups-tokyo'))),
    policyStatus: ok({ isPublic: false }),
    encryption: ok({ rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: arn('kms', 'ap-northeast-1', 'key/7a7a7a7a-0000-4000-8000-00000000bb01'), bucketKeyEnabled: true }] }),
    versioning: ok({ status: 'Enabled', mfaDelete: true }),
    logging: ok({ targetBucket: 'kumo-s3-access-logs', targetPrefix: 'backups/' }),
    objectLock: ok({ enabled: true, mode: 'GOVERNANCE', days: 35 }),
    lifecycle: ok([{ id: 'expire-365', status: 'Enabled', expirationDays: 365 }]),
  }),
];

// ---------------------------------------------------------------- EC2 / VPC

const perm = (ipProtocol: string, from: number | undefined, to: number | undefined, v4: string[] = [], v6: string[] = [], groups: string[] = []): IpPermission => ({
  ipProtocol,
  ...(from !== undefined ? { fromPort: from } : {}),
  ...(to !== undefined ? { toPort: to } : {}),
  ipv4Ranges: v4,
  ipv6Ranges: v6,
  prefixListIds: [],
  groupRefs: groups,
});
const ALL_EGRESS = [perm('-1', undefined, undefined, ['0.0.0.0/0'])];

function sg(regionName: string, id: string, name: string, vpcId: string, ingress: IpPermission[], egress = ALL_EGRESS, tags?: Record<string, string>): SecurityGroup {
  return { id, arn: arn('ec2', regionName, `security-group/${id}`), name, vpcId, description: name, ingress, egress, ...(tags ? { tags } : {}) };
}

function vpcSet(regionName: string, prefix: string, opts: { defaultOpen: boolean; bastion?: boolean; rdp?: boolean; flowLogOnProd: boolean; flowLogOnDefault: boolean }) {
  const def = `vpc-${prefix}0def`;
  const prod = `vpc-${prefix}0prd`;
  const sgDefaultDef = `sg-${prefix}00000def`;
  const sgDefaultProd = `sg-${prefix}00000prd`;
  const groupsList: SecurityGroup[] = [
    sg(regionName, sgDefaultDef, 'default', def, opts.defaultOpen ? [perm('-1', undefined, undefined, [], [], [sgDefaultDef])] : [], opts.defaultOpen ? ALL_EGRESS : []),
    sg(regionName, sgDefaultProd, 'default', prod, [], []),
    sg(regionName, `sg-${prefix}000web1`, 'web-alb', prod, [perm('tcp', 443, 443, ['0.0.0.0/0'], ['::/0']), perm('tcp', 80, 80, ['0.0.0.0/0'])]),
  ];
  if (opts.bastion) groupsList.push(sg(regionName, `sg-${prefix}00bast1`, 'bastion-ssh', prod, [perm('tcp', 22, 22, ['0.0.0.0/0'])], ALL_EGRESS, { owner: 'platform' }));
  if (opts.rdp) groupsList.push(sg(regionName, `sg-${prefix}000rdp1`, 'legacy-windows', def, [perm('tcp', 3300, 3400, [], ['::/0'])]));
  const flowLogs = [
    ...(opts.flowLogOnProd ? [{ id: `fl-${prefix}0prd`, resourceId: prod, trafficType: 'ALL' as const, status: 'ACTIVE', destinationType: 'cloud-watch-logs' as const, destination: arn('logs', regionName, 'log-group:/vpc/flow-logs') }] : []),
    ...(opts.flowLogOnDefault ? [{ id: `fl-${prefix}0def`, resourceId: def, trafficType: 'REJECT' as const, status: 'ACTIVE', destinationType: 's3' as const, destination: 'arn:aws:s3:::kumo-s3-access-logs/flow/' }] : []),
  ];
  return {
    vpcs: ok([
      { id: def, arn: arn('ec2', regionName, `vpc/${def}`), cidrBlock: '172.31.0.0/16', isDefault: true },
      { id: prod, arn: arn('ec2', regionName, `vpc/${prod}`), cidrBlock: '10.20.0.0/16', isDefault: false, tags: { Name: 'production' } },
    ]),
    securityGroups: ok(groupsList),
    flowLogs: ok(flowLogs),
    networkAcls: ok([
      {
        id: `acl-${prefix}0def`,
        arn: arn('ec2', regionName, `network-acl/acl-${prefix}0def`),
        vpcId: def,
        isDefault: true,
        subnetIds: [],
        entries: [
          { ruleNumber: 100, egress: false, ruleAction: 'allow' as const, protocol: '-1', cidrBlock: '0.0.0.0/0' },
          { ruleNumber: 32767, egress: false, ruleAction: 'deny' as const, protocol: '-1', cidrBlock: '0.0.0.0/0' },
          { ruleNumber: 100, egress: true, ruleAction: 'allow' as const, protocol: '-1', cidrBlock: '0.0.0.0/0' },
        ],
      },
      {
        id: `acl-${prefix}0prd`,
        arn: arn('ec2', regionName, `network-acl/acl-${prefix}0prd`),
        vpcId: prod,
        isDefault: false,
        subnetIds: [`subnet-${prefix}0pub1`],
        entries: [
          { ruleNumber: 100, egress: false, ruleAction: 'allow' as const, protocol: '6', cidrBlock: '0.0.0.0/0', portRange: { from: 443, to: 443 } },
          { ruleNumber: 110, egress: false, ruleAction: 'allow' as const, protocol: '6', cidrBlock: '10.0.0.0/8', portRange: { from: 22, to: 22 } },
          { ruleNumber: 120, egress: false, ruleAction: 'allow' as const, protocol: '6', cidrBlock: '0.0.0.0/0', portRange: { from: 1024, to: 65535 } },
          { ruleNumber: 32767, egress: false, ruleAction: 'deny' as const, protocol: '-1', cidrBlock: '0.0.0.0/0' },
          { ruleNumber: 100, egress: true, ruleAction: 'allow' as const, protocol: '-1', cidrBlock: '0.0.0.0/0' },
        ],
      },
    ]),
    subnets: ok([
      { id: `subnet-${prefix}0pub1`, arn: arn('ec2', regionName, `subnet/subnet-${prefix}0pub1`), vpcId: prod, cidrBlock: '10.20.0.0/24', mapPublicIpOnLaunch: true, availabilityZone: `${regionName}a` },
      { id: `subnet-${prefix}0prv1`, arn: arn('ec2', regionName, `subnet/subnet-${prefix}0prv1`), vpcId: prod, cidrBlock: '10.20.10.0/24', mapPublicIpOnLaunch: false, availabilityZone: `${regionName}b` },
    ]),
    internetGateways: ok([{ id: `igw-${prefix}0001`, vpcIds: [prod] }]),
    routeTables: ok([{ id: `rtb-${prefix}0pub`, vpcId: prod, main: false, subnetIds: [`subnet-${prefix}0pub1`], routes: [{ destination: '10.20.0.0/16', target: 'local' }, { destination: '0.0.0.0/0', target: `igw-${prefix}0001` }] }]),
  };
}

// ---------------------------------------------------------------- KMS

function kmsKey(regionName: string, id: string, o: Partial<KmsKey>): KmsKey {
  return {
    id,
    arn: arn('kms', regionName, `key/${id}`),
    keyManager: 'CUSTOMER',
    keyState: 'Enabled',
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    keyOrigin: 'AWS_KMS',
    rotationEnabled: ok(true),
    policy: ok(doc({ Sid: 'EnableIAMUserPermissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' })),
    ...o,
  };
}

// ---------------------------------------------------------------- CloudTrail and monitoring (us-east-1)

const LOG_GROUP = 'kumo-cloudtrail';
const LOG_GROUP_ARN = arn('logs', 'us-east-1', `log-group:${LOG_GROUP}:*`);
const ALERTS_TOPIC = arn('sns', 'us-east-1', 'kumo-security-alerts');
const trail = {
  name: 'kumo-main',
  arn: arn('cloudtrail', 'us-east-1', 'trail/kumo-main'),
  homeRegion: 'us-east-1',
  isMultiRegion: true,
  isOrganizationTrail: false,
  s3BucketName: TRAIL_BUCKET,
  logFileValidationEnabled: true,
  includeGlobalServiceEvents: true,
  cloudWatchLogsLogGroupArn: LOG_GROUP_ARN,
  cloudWatchLogsRoleArn: roleArn('CloudTrail_CloudWatchLogs_Role'),
  status: ok({ isLogging: true, latestDeliveryTime: '2026-11-20T08:55:00Z' }),
  eventSelectors: ok({
    basic: [{ readWriteType: 'All' as const, includeManagementEvents: true, dataResources: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }],
  }),
};
/** The trail as it appears in its other regions (a shadow of the home-region trail). */
const shadowTrail = { ...trail };

const filters: [string, string, string][] = [
  ['unauthorized-api-calls', 'UnauthorizedAPICalls', '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }'],
  ['console-signin-without-mfa', 'ConsoleSigninWithoutMFA', '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }'],
  ['root-usage', 'RootAccountUsage', '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}'],
  ['iam-policy-changes', 'IAMPolicyChanges', '{($.eventSource=iam.amazonaws.com) && (($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy))}'],
  ['cloudtrail-config-changes', 'CloudTrailChanges', '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }'],
  ['security-group-changes', 'SecurityGroupChanges', '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) }'],
];

function usEast1Monitoring() {
  return {
    logs: {
      logGroups: ok([{ name: LOG_GROUP, arn: LOG_GROUP_ARN.replace(/:\*$/, ''), retentionInDays: 365 }, { name: '/vpc/flow-logs', arn: arn('logs', 'us-east-1', 'log-group:/vpc/flow-logs'), retentionInDays: 30 }]),
      metricFilters: ok(
        filters.map(([name, metric, pattern]) => ({
          name,
          logGroupName: LOG_GROUP,
          filterPattern: pattern,
          metricTransformations: [{ metricName: metric, metricNamespace: 'CISBenchmark', metricValue: '1' }],
        })),
      ),
    },
    cloudwatch: {
      alarms: ok(
        filters
          // the security-group alarm was created without an action: a common half-done setup
          .map(([name, metric]) => ({
            name: `cis-${name}`,
            arn: arn('cloudwatch', 'us-east-1', `alarm:cis-${name}`),
            metricName: metric,
            namespace: 'CISBenchmark',
            statistic: 'Sum',
            threshold: 1,
            comparisonOperator: 'GreaterThanOrEqualToThreshold',
            alarmActions: metric === 'SecurityGroupChanges' ? [] : [ALERTS_TOPIC],
            actionsEnabled: true,
          })),
      ),
    },
    sns: {
      topics: ok([
        {
          arn: ALERTS_TOPIC,
          name: 'kumo-security-alerts',
          policy: ok(doc({ Sid: 'AllowCloudWatch', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: ALERTS_TOPIC, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } })),
          kmsMasterKeyId: 'alias/aws/sns',
          subscriptions: ok([{ arn: `${ALERTS_TOPIC}:6c1f0000-0000-4000-8000-000000000001`, protocol: 'email', endpoint: 'security@kumo-robotics.example', pending: false }]),
        },
        {
          arn: arn('sns', 'us-east-1', 'kumo-order-events'),
          name: 'kumo-order-events',
          policy: ok(doc({ Sid: 'AnyonePublish', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['sns:Publish', 'sns:Subscribe'], Resource: arn('sns', 'us-east-1', 'kumo-order-events') })),
          subscriptions: ok([]),
        },
      ]),
    },
  };
}

// ---------------------------------------------------------------- Regions

function usEast1() {
  return region('us-east-1', {
    ec2: {
      ...vpcSet('us-east-1', 'ue1', { defaultOpen: true, bastion: true, rdp: false, flowLogOnProd: true, flowLogOnDefault: false }),
      instances: ok<Ec2Instance[]>([
        {
          id: 'i-0ue1web00000001',
          arn: arn('ec2', 'us-east-1', 'instance/i-0ue1web00000001'),
          state: 'running',
          vpcId: 'vpc-ue10prd',
          subnetId: 'subnet-ue10pub1',
          publicIp: '198.51.100.24',
          iamInstanceProfileArn: `arn:aws:iam::${ACCOUNT}:instance-profile/kumo-web-instance`,
          securityGroupIds: ['sg-ue1000web1'],
          metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 },
          launchTime: '2026-10-01T00:00:00Z',
          tags: { Name: 'web-1', app: 'web' },
        },
        {
          id: 'i-0ue1bst00000001',
          arn: arn('ec2', 'us-east-1', 'instance/i-0ue1bst00000001'),
          state: 'running',
          vpcId: 'vpc-ue10prd',
          subnetId: 'subnet-ue10pub1',
          publicIp: '198.51.100.99',
          securityGroupIds: ['sg-ue100bast1'],
          metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 2 },
          tags: { Name: 'bastion' },
        },
      ]),
      volumes: ok([
        { id: 'vol-0ue1000000000001', arn: arn('ec2', 'us-east-1', 'volume/vol-0ue1000000000001'), encrypted: false, state: 'in-use', attachedInstanceIds: ['i-0ue1web00000001'], sizeGiB: 50 },
        { id: 'vol-0ue1000000000002', arn: arn('ec2', 'us-east-1', 'volume/vol-0ue1000000000002'), encrypted: true, kmsKeyId: arn('kms', 'us-east-1', 'key/1f2e3d4c-0000-4000-8000-00000000aa01'), state: 'in-use', attachedInstanceIds: ['i-0ue1bst00000001'], sizeGiB: 8 },
      ]),
      snapshots: ok([
        { id: 'snap-0ue1000000000001', arn: arn('ec2', 'us-east-1', 'snapshot/snap-0ue1000000000001'), encrypted: false, volumeId: 'vol-0ue1000000000001', public: ok(true) },
      ]),
      images: ok([{ id: 'ami-0ue1000000000001', name: 'kumo-web-2026-10', public: false, arn: arn('ec2', 'us-east-1', 'image/ami-0ue1000000000001') }]),
      ebsEncryptionByDefault: ok(false),
      keyPairs: ok([{ name: 'bastion-2024', id: 'key-0ue10000000001', type: 'ed25519', createTime: '2024-04-01T00:00:00Z' }]),
    },
    cloudtrail: { trails: ok([trail]) },
    config: {
      recorders: ok([
        { name: 'default', roleArn: roleArn('aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig'), allSupported: true, includeGlobalResourceTypes: true, recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES', status: ok({ recording: true, lastStatus: 'SUCCESS' }) },
      ]),
      deliveryChannels: ok([{ name: 'default', s3BucketName: 'kumo-config-history' }]),
      rules: ok([{ name: 's3-bucket-ssl-requests-only', sourceIdentifier: 'S3_BUCKET_SSL_REQUESTS_ONLY', owner: 'AWS', state: 'ACTIVE' }]),
    },
    ...usEast1Monitoring(),
    sqs: {
      queues: ok([
        {
          url: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/kumo-orders`,
          arn: arn('sqs', 'us-east-1', 'kumo-orders'),
          name: 'kumo-orders',
          policy: ok(doc({ Sid: 'FromOrderTopic', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: arn('sqs', 'us-east-1', 'kumo-orders'), Condition: { ArnEquals: { 'aws:SourceArn': arn('sns', 'us-east-1', 'kumo-order-events') } } })),
          sqsManagedSseEnabled: true,
        },
      ]),
    },
    kms: {
      keys: ok([
        kmsKey('us-east-1', '1f2e3d4c-0000-4000-8000-00000000aa01', { aliases: ['alias/kumo-logs'] }),
        kmsKey('us-east-1', '1f2e3d4c-0000-4000-8000-00000000aa02', { aliases: ['alias/kumo-app'], rotationEnabled: ok(false) }),
        kmsKey('us-east-1', '1f2e3d4c-0000-4000-8000-00000000aa03', { keyManager: 'AWS', aliases: ['alias/aws/ebs'] }),
        kmsKey('us-east-1', '1f2e3d4c-0000-4000-8000-00000000aa04', { keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY', aliases: ['alias/kumo-signing'], rotationEnabled: notCollected('not_available', { code: 'UnsupportedOperationException', message: 'automatic rotation is not supported for asymmetric keys' }) }),
      ]),
    },
    guardduty: { detectors: ok([{ id: 'a2b4c6d8e0f2a4b6c8d0e2f4a6b8c0d2', status: 'ENABLED', findingPublishingFrequency: 'FIFTEEN_MINUTES' }]) },
    securityhub: {
      hub: ok({ arn: arn('securityhub', 'us-east-1', 'hub/default'), subscribedAt: '2025-01-01T00:00:00Z', autoEnableControls: true }),
      standards: ok([
        { arn: arn('securityhub', 'us-east-1', 'subscription/aws-foundational-security-best-practices/v/1.0.0'), standardsArn: 'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0', status: 'READY' },
        { arn: arn('securityhub', 'us-east-1', 'subscription/cis-aws-foundations-benchmark/v/3.0.0'), standardsArn: 'arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0', status: 'READY' },
      ]),
    },
    accessanalyzer: { analyzers: ok([{ arn: arn('access-analyzer', 'us-east-1', 'analyzer/kumo-account'), name: 'kumo-account', type: 'ACCOUNT', status: 'ACTIVE' }]) },
    elbv2: {
      loadBalancers: ok([
        {
          arn: arn('elasticloadbalancing', 'us-east-1', 'loadbalancer/app/kumo-web/50dc6c495c0c9188'),
          name: 'kumo-web',
          type: 'application',
          scheme: 'internet-facing',
          listeners: ok([
            { arn: arn('elasticloadbalancing', 'us-east-1', 'listener/app/kumo-web/50dc6c495c0c9188/f2f7dc8efc522ab2'), port: 443, protocol: 'HTTPS', sslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', defaultActions: [{ type: 'forward' }] },
            { arn: arn('elasticloadbalancing', 'us-east-1', 'listener/app/kumo-web/50dc6c495c0c9188/0467ef3c8400ae65'), port: 80, protocol: 'HTTP', defaultActions: [{ type: 'forward' }] },
          ]),
          attributes: ok({ 'deletion_protection.enabled': 'false', 'routing.http.drop_invalid_header_fields.enabled': 'false', 'access_logs.s3.enabled': 'false' }),
        },
      ]),
    },
    lambda: {
      functions: ok([
        {
          name: 'kumo-thumbnailer',
          arn: arn('lambda', 'us-east-1', 'function:kumo-thumbnailer'),
          runtime: 'nodejs20.x',
          role: roleArn('kumo-thumbnailer', '/service-role/'),
          policy: ok(doc({ Sid: 'S3Invoke', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: arn('lambda', 'us-east-1', 'function:kumo-thumbnailer'), Condition: { StringEquals: { 'AWS:SourceAccount': ACCOUNT }, ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::kumo-media-uploads' } } })),
          url: ok(null),
          environmentVariableNames: ['BUCKET'],
        },
        {
          name: 'kumo-legacy-webhook',
          arn: arn('lambda', 'us-east-1', 'function:kumo-legacy-webhook'),
          runtime: 'python3.8',
          role: roleArn('kumo-thumbnailer', '/service-role/'),
          policy: ok(doc({ Sid: 'PublicInvoke', Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: arn('lambda', 'us-east-1', 'function:kumo-legacy-webhook') })),
          url: ok({ authType: 'NONE' }),
          environmentVariableNames: ['WEBHOOK_SECRET'],
        },
      ]),
    },
    secretsmanager: {
      secrets: ok([
        { name: 'prod/db/master', arn: arn('secretsmanager', 'us-east-1', 'secret:prod/db/master-AbCdEf'), kmsKeyId: 'alias/kumo-app', rotationEnabled: true, policy: ok(null) },
        { name: 'legacy/webhook', arn: arn('secretsmanager', 'us-east-1', 'secret:legacy/webhook-GhIjKl'), rotationEnabled: false, policy: ok(null) },
      ]),
    },
    ecr: {
      repositories: ok([{ name: 'kumo/web', arn: arn('ecr', 'us-east-1', 'repository/kumo/web'), imageScanOnPush: true, imageTagMutability: 'IMMUTABLE', policy: ok(null) }]),
    },
  });
}

function euWest1() {
  return region('eu-west-1', {
    ec2: {
      ...vpcSet('eu-west-1', 'ew1', { defaultOpen: false, bastion: false, rdp: true, flowLogOnProd: false, flowLogOnDefault: false }),
      ebsEncryptionByDefault: ok(true),
      ebsDefaultKmsKeyId: ok('alias/aws/ebs'),
      volumes: ok([{ id: 'vol-0ew1000000000001', arn: arn('ec2', 'eu-west-1', 'volume/vol-0ew1000000000001'), encrypted: true, state: 'available', attachedInstanceIds: [], sizeGiB: 100 }]),
    },
    cloudtrail: { trails: ok([shadowTrail]) },
    guardduty: { detectors: ok([{ id: 'b3c5d7e9f1a3b5c7d9e1f3a5b7c9d1e3', status: 'ENABLED' }]) },
    kms: { keys: ok([kmsKey('eu-west-1', '4b4b4b4b-0000-4000-8000-00000000cc01', { aliases: ['alias/kumo-data'], rotationEnabled: ok(false) })]) },
    rds: {
      instances: ok([
        {
          id: 'kumo-analytics',
          arn: arn('rds', 'eu-west-1', 'db:kumo-analytics'),
          engine: 'postgres',
          publiclyAccessible: true,
          storageEncrypted: false,
          multiAz: false,
          autoMinorVersionUpgrade: false,
          backupRetentionPeriod: 1,
          deletionProtection: false,
          iamDatabaseAuthenticationEnabled: false,
          vpcSecurityGroupIds: ['sg-ew1000web1'],
        },
        {
          id: 'kumo-orders-1',
          arn: arn('rds', 'eu-west-1', 'db:kumo-orders-1'),
          engine: 'aurora-postgresql',
          publiclyAccessible: false,
          storageEncrypted: true,
          kmsKeyId: arn('kms', 'eu-west-1', 'key/4b4b4b4b-0000-4000-8000-00000000cc01'),
          multiAz: true,
          autoMinorVersionUpgrade: true,
          backupRetentionPeriod: 14,
          deletionProtection: true,
          iamDatabaseAuthenticationEnabled: true,
          clusterId: 'kumo-orders',
          vpcSecurityGroupIds: [],
        },
      ]),
      clusters: ok([{ id: 'kumo-orders', arn: arn('rds', 'eu-west-1', 'cluster:kumo-orders'), engine: 'aurora-postgresql', storageEncrypted: true, deletionProtection: true, backupRetentionPeriod: 14, multiAz: true }]),
      snapshots: ok([{ id: 'kumo-analytics-share', arn: arn('rds', 'eu-west-1', 'snapshot:kumo-analytics-share'), kind: 'instance', encrypted: false, public: ok(true) }]),
    },
    efs: {
      fileSystems: ok([
        { id: 'fs-0ew10000000000001', arn: arn('elasticfilesystem', 'eu-west-1', 'file-system/fs-0ew10000000000001'), encrypted: true, policy: ok(null), backupPolicyEnabled: ok(true) },
        { id: 'fs-0ew10000000000002', arn: arn('elasticfilesystem', 'eu-west-1', 'file-system/fs-0ew10000000000002'), encrypted: false, policy: ok(null), backupPolicyEnabled: ok(false) },
      ]),
    },
  });
}

function apNortheast1() {
  return region('ap-northeast-1', {
    ec2: {
      ...vpcSet('ap-northeast-1', 'an1', { defaultOpen: false, bastion: true, rdp: false, flowLogOnProd: true, flowLogOnDefault: true }),
      ebsEncryptionByDefault: ok(true),
    },
    cloudtrail: { trails: ok([shadowTrail]) },
    config: {
      recorders: ok([{ name: 'default', allSupported: true, includeGlobalResourceTypes: false, recordingStrategy: 'ALL_SUPPORTED_RESOURCE_TYPES', status: ok({ recording: false, lastStatus: 'FAILURE', lastErrorCode: 'InsufficientDeliveryPolicyException' }) }]),
      deliveryChannels: ok([{ name: 'default', s3BucketName: 'kumo-config-history' }]),
    },
    kms: { keys: ok([kmsKey('ap-northeast-1', '7a7a7a7a-0000-4000-8000-00000000bb01', { aliases: ['alias/kumo-backups'] })]) },
    // the scanning role was never granted ECR reads: the demo shows how that becomes ERROR, not PASS
    ecr: { repositories: notCollected('access_denied', { code: 'AccessDeniedException', message: `User: arn:aws:sts::${ACCOUNT}:assumed-role/kenro-scan/session is not authorized to perform: ecr:DescribeRepositories`, permission: 'ecr:DescribeRepositories' }) },
  });
}

// ---------------------------------------------------------------- The account

const demoAccount = account(
  {
    accountId: ACCOUNT,
    alias: 'kumo-robotics-prod',
    regions: REGIONS,
    caller: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/kenro-scan/kenro`, userId: 'AROAKUMO000000000009:kenro' },
    organization: ok({
      id: ORG_ID,
      arn: `arn:aws:organizations::${MGMT}:organization/${ORG_ID}`,
      managementAccountId: MGMT,
      isManagementAccount: false,
      path: ok(['r-k7x2', 'ou-k7x2-prod0001']),
      scps: ok([
        { targetId: 'r-k7x2', policies: [{ id: 'p-FullAWSAccess', name: 'FullAWSAccess', arn: 'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }] },
        {
          targetId: 'ou-k7x2-prod0001',
          policies: [
            { id: 'p-FullAWSAccess', name: 'FullAWSAccess', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
            { id: 'p-k7x2deny0001', name: 'protect-security-services', document: doc({ Sid: 'ProtectSecurity', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'guardduty:DeleteDetector', 'organizations:LeaveOrganization'], Resource: '*' }) },
          ],
        },
        { targetId: ACCOUNT, policies: [{ id: 'p-FullAWSAccess', name: 'FullAWSAccess', document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }] },
      ]),
    }),
    contacts: ok({ security: null, billing: { name: 'Kumo Finance', emailAddress: 'finance@kumo-robotics.example', title: 'Finance', phoneNumber: '+81-3-0000-0000' }, operations: null }),
    budgets: ok([]),
    iam: {
      credentialReport: ok(credentialReport),
      accountSummary: ok({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 4, Groups: 2, Roles: 5, Policies: 2, MFADevices: 1, MFADevicesInUse: 1 }),
      passwordPolicy: ok({ minimumPasswordLength: 8, requireSymbols: false, requireNumbers: true, requireUppercaseCharacters: true, requireLowercaseCharacters: true, allowUsersToChangePassword: true, expirePasswords: false, hardExpiry: false }),
      users,
      groups,
      roles,
      policies,
      virtualMfaDevices: ok([{ serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/root-account-mfa-device`, userArn: `arn:aws:iam::${ACCOUNT}:root`, enableDate: '2023-01-10T06:30:00Z' }]),
      serverCertificates: ok([{ arn: `arn:aws:iam::${ACCOUNT}:server-certificate/legacy-www-2023`, name: 'legacy-www-2023', expiration: '2024-08-01T00:00:00Z', uploadDate: '2023-08-01T00:00:00Z' }]),
      instanceProfiles: ok([{ arn: `arn:aws:iam::${ACCOUNT}:instance-profile/kumo-web-instance`, name: 'kumo-web-instance', roleNames: ['kumo-web-instance'] }]),
    },
    s3: { accountPublicAccessBlock: ok(null), buckets: ok(buckets) },
  },
  {},
);
demoAccount.regional = { 'us-east-1': usEast1(), 'eu-west-1': euWest1(), 'ap-northeast-1': apNortheast1() };

const demo: Inventory = {
  schemaVersion: SCHEMA_VERSION,
  kenroVersion: KENRO_VERSION,
  source: { kind: 'demo', description: 'Kumo Robotics (fictional): the bundled demo account' },
  collectedAt: COLLECTED_AT,
  accounts: [demoAccount],
};

const out = dataPath('demo', 'snapshot.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, serializeSnapshot(demo));
console.log(`wrote ${out}`);
