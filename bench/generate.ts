/**
 * A synthetic inventory of N resources spread over 17 regions and the global services, with the
 * shapes real accounts have (policies on buckets, rules on security groups, keys on users), for
 * benchmarks. Deterministic: the same N gives the same inventory.
 */
import { ok } from '../src/model/collected.js';
import type { AccountInventory, IamRole, IamUser, Inventory, S3Bucket, SecurityGroup } from '../src/model/inventory.js';
import { account, inventory, region } from '../test/helpers/inventory.js';

export const BENCH_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1',
  'eu-north-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1', 'sa-east-1',
];

const ACCOUNT = '111122223333';

export interface Generated {
  inventory: Inventory;
  resources: number;
}

export function generateInventory(total: number): Generated {
  // Share of the total per kind; what remains after rounding goes to security groups.
  const globalBuckets = Math.floor(total * 0.1);
  const users = Math.floor(total * 0.03);
  const roles = Math.floor(total * 0.05);
  const perRegion = Math.floor((total - globalBuckets - users - roles) / BENCH_REGIONS.length);
  let resources = globalBuckets + users + roles;

  const buckets: S3Bucket[] = Array.from({ length: globalBuckets }, (_, i) => {
    const name = `bench-bucket-${i}`;
    return {
      name,
      arn: `arn:aws:s3:::${name}`,
      region: BENCH_REGIONS[i % BENCH_REGIONS.length]!,
      policy: ok(
        i % 3 === 0
          ? { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }
          : i % 3 === 1
            ? { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` }] }
            : null,
      ),
      policyStatus: ok({ isPublic: false }),
      acl: ok({ ownerId: 'owner', grants: [{ granteeType: 'CanonicalUser', grantee: 'owner', permission: 'FULL_CONTROL' }] }),
      publicAccessBlock: ok(i % 5 === 0 ? null : { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true }),
      encryption: ok({ rules: [{ sseAlgorithm: i % 2 ? 'aws:kms' : 'AES256' }] }),
      versioning: ok({ status: i % 4 ? 'Enabled' : 'Never', mfaDelete: false }),
      logging: ok(i % 2 ? { targetBucket: 'logs' } : null),
      lifecycle: ok(null),
      objectLock: ok(null),
      ownershipControls: ok('BucketOwnerEnforced'),
    };
  });

  const userList: IamUser[] = Array.from({ length: users }, (_, i) => ({
    arn: `arn:aws:iam::${ACCOUNT}:user/u${i}`,
    name: `u${i}`,
    id: `AIDA${String(i).padStart(17, '0')}`,
    path: '/',
    createDate: '2025-01-01T00:00:00Z',
    inlinePolicies: i % 7 === 0 ? [{ name: 'inline', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } }] : [],
    attachedPolicies: i % 3 === 0 ? [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', name: 'ReadOnlyAccess' }] : [],
    groups: ['devs'],
    accessKeys: ok([{ id: `AKIA${String(i).padStart(16, '0')}`, status: 'Active', createDate: '2025-01-01T00:00:00Z', lastUsed: ok({ date: '2026-06-01T00:00:00Z' }) }]),
    mfaDevices: ok(i % 2 ? [{ serialNumber: `arn:aws:iam::${ACCOUNT}:mfa/u${i}` }] : []),
    loginProfile: ok(i % 2 ? { createDate: '2025-01-01T00:00:00Z' } : null),
  }));

  const roleList: IamRole[] = Array.from({ length: roles }, (_, i) => ({
    arn: `arn:aws:iam::${ACCOUNT}:role/r${i}`,
    name: `r${i}`,
    id: `AROA${String(i).padStart(17, '0')}`,
    path: '/',
    createDate: '2025-01-01T00:00:00Z',
    trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    inlinePolicies: [{ name: 'p', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/t${i}` }] } }],
    attachedPolicies: [],
  }));

  const regional: AccountInventory['regional'] = {};
  const leftover = total - globalBuckets - users - roles - perRegion * BENCH_REGIONS.length;
  for (const [ri, name] of BENCH_REGIONS.entries()) {
    const n = perRegion + (ri === 0 ? leftover : 0);
    const sgs = Math.floor(n * 0.3);
    const instances = Math.floor(n * 0.2);
    const volumes = Math.floor(n * 0.2);
    const keys = Math.floor(n * 0.05);
    const logGroups = Math.floor(n * 0.1);
    const functions = Math.floor(n * 0.05);
    const vpcs = Math.floor(n * 0.02);
    const dbs = n - sgs - instances - volumes - keys - logGroups - functions - vpcs;
    resources += n;
    const arn = (svc: string, res: string) => `arn:aws:${svc}:${name}:${ACCOUNT}:${res}`;
    const securityGroups: SecurityGroup[] = Array.from({ length: sgs }, (_, i) => ({
      id: `sg-${ri}-${i}`,
      arn: arn('ec2', `security-group/sg-${ri}-${i}`),
      name: i === 0 ? 'default' : `sg${i}`,
      vpcId: `vpc-${ri}-${i % Math.max(1, vpcs)}`,
      ingress: [
        { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], groupRefs: [] },
        { ipProtocol: 'tcp', fromPort: i % 10 === 0 ? 22 : 5432, toPort: i % 10 === 0 ? 22 : 5432, ipv4Ranges: [i % 10 === 0 ? '0.0.0.0/0' : '10.0.0.0/8'], ipv6Ranges: [], prefixListIds: [], groupRefs: [] },
      ],
      egress: [{ ipProtocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], groupRefs: [] }],
    }));
    regional[name] = region(name, {
      ec2: {
        securityGroups: ok(securityGroups),
        instances: ok(Array.from({ length: instances }, (_, i) => ({ id: `i-${ri}-${i}`, arn: arn('ec2', `instance/i-${ri}-${i}`), state: 'running', securityGroupIds: [`sg-${ri}-${i % sgs}`], metadataOptions: { httpTokens: i % 2 ? 'required' : 'optional' } }))),
        volumes: ok(Array.from({ length: volumes }, (_, i) => ({ id: `vol-${ri}-${i}`, arn: arn('ec2', `volume/vol-${ri}-${i}`), encrypted: i % 3 !== 0, state: 'in-use', attachedInstanceIds: [] }))),
        vpcs: ok(Array.from({ length: vpcs }, (_, i) => ({ id: `vpc-${ri}-${i}`, arn: arn('ec2', `vpc/vpc-${ri}-${i}`), isDefault: i === 0 }))),
        flowLogs: ok(Array.from({ length: Math.floor(vpcs / 2) }, (_, i) => ({ id: `fl-${ri}-${i}`, resourceId: `vpc-${ri}-${i}`, trafficType: 'ALL' as const, destinationType: 's3' as const }))),
        ebsEncryptionByDefault: ok(ri % 2 === 0),
      },
      kms: { keys: ok(Array.from({ length: keys }, (_, i) => ({ id: `k-${ri}-${i}`, arn: arn('kms', `key/k-${ri}-${i}`), keyManager: 'CUSTOMER' as const, keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', keyOrigin: 'AWS_KMS', rotationEnabled: ok(i % 2 === 0), policy: ok({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] }) }))) },
      logs: { logGroups: ok(Array.from({ length: logGroups }, (_, i) => ({ name: `/app/${i}`, arn: arn('logs', `log-group:/app/${i}`), retentionInDays: 30 }))), metricFilters: ok([]) },
      lambda: { functions: ok(Array.from({ length: functions }, (_, i) => ({ name: `f${i}`, arn: arn('lambda', `function:f${i}`), runtime: 'nodejs20.x', policy: ok(null) }))) },
      rds: { instances: ok(Array.from({ length: dbs }, (_, i) => ({ id: `db${i}`, arn: arn('rds', `db:db${i}`), engine: 'postgres', publiclyAccessible: i % 9 === 0, storageEncrypted: i % 4 !== 0, multiAz: i % 2 === 0, autoMinorVersionUpgrade: true, backupRetentionPeriod: 7, deletionProtection: false, vpcSecurityGroupIds: [] }))), clusters: ok([]), snapshots: ok([]) },
    });
  }

  const acct = account({ accountId: ACCOUNT, regions: BENCH_REGIONS, iam: { users: ok(userList), roles: ok(roleList) }, s3: { buckets: ok(buckets), accountPublicAccessBlock: ok(null) } });
  acct.regional = regional;
  return { inventory: inventory([acct]), resources };
}
