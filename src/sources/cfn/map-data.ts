/** KMS, RDS, EFS, ECR, Secrets Manager: where data lives and how it is encrypted (defaults per
 *  each resource's CloudFormation reference). */
import { notCollected, ok } from '../../model/collected.js';
import type * as M from '../../model/inventory.js';
import type { Builder } from './builder.js';
import type { Res } from './context.js';
import { physicalNameOf as name, setIf } from './map-helpers.js';
import type { MapperTable } from './mappers.js';
import { attrText, refText } from './physical.js';

function kmsKey(b: Builder, res: Res): void {
  const id = res.logicalId;
  const arn = attrText('AWS::KMS::Key', id, id, 'Arn', b.pseudo);
  const enabled = res.bool('Enabled', 'keyState', true);
  const spec = res.str('KeySpec', 'keySpec') ?? 'SYMMETRIC_DEFAULT';
  let policy = res.policy('KeyPolicy', 'policy');
  // No KeyPolicy: KMS applies the default key policy (the account root may use the key).
  if (policy.status === 'ok' && policy.value === null) {
    policy = ok({
      Version: '2012-10-17',
      Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:${b.pseudo.partition}:iam::${b.pseudo.accountId}:root` }, Action: 'kms:*', Resource: '*' }],
    });
  }
  const rotation = res.bool('EnableKeyRotation', 'rotationEnabled', false);
  const k: M.KmsKey = {
    id,
    arn,
    keyManager: 'CUSTOMER',
    keyState: enabled ? 'Enabled' : 'Disabled',
    keySpec: spec,
    keyUsage: res.str('KeyUsage', 'keyUsage') ?? 'ENCRYPT_DECRYPT',
    keyOrigin: res.str('Origin', 'keyOrigin') ?? 'AWS_KMS',
    multiRegion: res.bool('MultiRegion', 'multiRegion', false),
    rotationEnabled: res.unresolved.has('rotationEnabled')
      ? notCollected('unresolved', { code: 'Unresolved', message: res.unresolved.get('rotationEnabled')!.describe() })
      : ok(rotation),
    policy: policy.status === 'ok' ? ok(policy.value ?? {}) : policy,
    origin: res.origin,
  };
  b.lists.keys.push(k);
  b.add(res, k, [id, arn]);
}

function kmsAlias(b: Builder, res: Res): void {
  const t = b.target<M.KmsKey>(res.refId('TargetKeyId'), 'AWS::KMS::Key');
  const a = res.str('AliasName');
  if (t && a) (t.model.aliases ??= []).push(a);
}

function rdsInstance(b: Builder, res: Res): void {
  const id = name(b, res);
  const arn = b.arn('rds', `db:${id}`);
  const clusterId = res.str('DBClusterIdentifier', 'clusterId');
  const fromSnapshot = res.get('DBSnapshotIdentifier') !== undefined || res.get('SourceDBInstanceIdentifier') !== undefined;
  const i: M.RdsInstance = {
    id,
    arn,
    engine: res.str('Engine', 'engine') ?? '',
    // PubliclyAccessible: when omitted, the default depends on the VPC and subnet group.
    publiclyAccessible: res.bool('PubliclyAccessible', 'publiclyAccessible', true),
    storageEncrypted: res.bool('StorageEncrypted', 'storageEncrypted', false),
    multiAz: res.bool('MultiAZ', 'multiAz', false),
    autoMinorVersionUpgrade: res.bool('AutoMinorVersionUpgrade', 'autoMinorVersionUpgrade', true),
    backupRetentionPeriod: res.num('BackupRetentionPeriod', 'backupRetentionPeriod') ?? 1,
    deletionProtection: res.bool('DeletionProtection', 'deletionProtection', false),
    iamDatabaseAuthenticationEnabled: res.bool('EnableIAMDatabaseAuthentication', 'iamDatabaseAuthenticationEnabled', false),
    vpcSecurityGroupIds: res.strList('VPCSecurityGroups', 'vpcSecurityGroupIds'),
    origin: res.origin,
  };
  if (res.get('PubliclyAccessible') === undefined) {
    res.unknownAt('publiclyAccessible', 'PubliclyAccessible', 'PubliclyAccessible is not set: the default depends on the VPC and DB subnet group (CreateDBInstance)');
  }
  if (clusterId) {
    i.clusterId = clusterId;
    const c = b.target<M.RdsCluster>(res.refId('DBClusterIdentifier'), 'AWS::RDS::DBCluster');
    if (c) i.storageEncrypted = c.model.storageEncrypted;
    else if (res.get('StorageEncrypted') === undefined) res.unknownAt('storageEncrypted', 'DBClusterIdentifier', 'the storage encryption comes from the DB cluster, which is not in this template');
    // Aurora: IAM database authentication is set on the cluster and shared by its instances.
    if (c) i.iamDatabaseAuthenticationEnabled = c.model.iamDatabaseAuthenticationEnabled ?? false;
    else if (res.get('EnableIAMDatabaseAuthentication') === undefined) res.unknownAt('iamDatabaseAuthenticationEnabled', 'DBClusterIdentifier', 'IAM database authentication is a setting of the DB cluster, which is not in this template');
  } else if (fromSnapshot && res.get('StorageEncrypted') === undefined) {
    res.unknownAt('storageEncrypted', 'DBSnapshotIdentifier', 'the storage encryption is inherited from the source snapshot or instance');
  }
  setIf(i, 'kmsKeyId', res.str('KmsKeyId', 'kmsKeyId'));
  b.lists.rdsInstances.push(i);
  b.add(res, i, [id, arn]);
}

function rdsCluster(b: Builder, res: Res): void {
  const id = name(b, res);
  const arn = b.arn('rds', `cluster:${id}`);
  const c: M.RdsCluster = {
    id,
    arn,
    engine: res.str('Engine', 'engine') ?? '',
    storageEncrypted: res.bool('StorageEncrypted', 'storageEncrypted', false),
    deletionProtection: res.bool('DeletionProtection', 'deletionProtection', false),
    backupRetentionPeriod: res.num('BackupRetentionPeriod', 'backupRetentionPeriod') ?? 1,
    iamDatabaseAuthenticationEnabled: res.bool('EnableIAMDatabaseAuthentication', 'iamDatabaseAuthenticationEnabled', false),
    origin: res.origin,
  };
  if (res.get('StorageEncrypted') === undefined && (res.get('SnapshotIdentifier') !== undefined || res.get('SourceDBClusterIdentifier') !== undefined)) {
    res.unknownAt('storageEncrypted', 'SnapshotIdentifier', 'the storage encryption is inherited from the source snapshot or cluster');
  }
  b.lists.rdsClusters.push(c);
  b.add(res, c, [id, arn]);
}

function efs(b: Builder, res: Res): void {
  const id = `fs-${res.logicalId}`;
  const arn = b.arn('elasticfilesystem', `file-system/${id}`);
  const f: M.EfsFileSystem = {
    id,
    arn,
    encrypted: res.bool('Encrypted', 'encrypted', false),
    policy: res.policy('FileSystemPolicy', 'policy'),
    backupPolicyEnabled: ok(String(res.str(['BackupPolicy', 'Status'], 'backupPolicyEnabled') ?? 'DISABLED').toUpperCase() === 'ENABLED'),
    origin: res.origin,
  };
  setIf(f, 'kmsKeyId', res.str('KmsKeyId', 'kmsKeyId'));
  b.lists.fileSystems.push(f);
  b.add(res, f, [id, arn]);
}

function secret(b: Builder, res: Res): void {
  const n = name(b, res);
  const arn = refText('AWS::SecretsManager::Secret', n, b.pseudo);
  const s: M.Secret = { name: n, arn, rotationEnabled: false, policy: ok(null), origin: res.origin };
  setIf(s, 'kmsKeyId', res.str('KmsKeyId', 'kmsKeyId'));
  res.markPos('rotationEnabled', res.tr.pos);
  res.markPos('policy', res.tr.pos);
  b.lists.secrets.push(s);
  b.add(res, s, [n, arn]);
}

function secretAttachment(kind: 'rotation' | 'policy') {
  return (b: Builder, res: Res): void => {
    const t = b.target<M.Secret>(res.refId('SecretId'), 'AWS::SecretsManager::Secret');
    if (!t) return;
    if (kind === 'rotation') t.model.rotationEnabled = true;
    else {
      t.model.policy = res.policy('ResourcePolicy', 'resourcePolicy');
      t.res.origin.fields!['policy'] = res.locate('ResourcePolicy');
    }
  };
}

function ecr(b: Builder, res: Res): void {
  const n = name(b, res);
  const arn = attrText('AWS::ECR::Repository', res.logicalId, n, 'Arn', b.pseudo);
  const r: M.EcrRepository = {
    name: n,
    arn,
    imageScanOnPush: res.bool(['ImageScanningConfiguration', 'ScanOnPush'], 'imageScanOnPush', false),
    imageTagMutability: res.str('ImageTagMutability', 'imageTagMutability') ?? 'MUTABLE',
    policy: res.policy('RepositoryPolicyText', 'policy'),
    origin: res.origin,
  };
  b.lists.repositories.push(r);
  b.add(res, r, [n, arn]);
}

export const dataMappers: MapperTable = {
  'AWS::KMS::Key': { phase: 1, map: kmsKey },
  'AWS::KMS::Alias': { phase: 2, map: kmsAlias },
  'AWS::RDS::DBCluster': { phase: 1, map: rdsCluster },
  'AWS::RDS::DBInstance': { phase: 2, map: rdsInstance },
  'AWS::EFS::FileSystem': { phase: 1, map: efs },
  'AWS::SecretsManager::Secret': { phase: 1, map: secret },
  'AWS::SecretsManager::RotationSchedule': { phase: 2, map: secretAttachment('rotation') },
  'AWS::SecretsManager::ResourcePolicy': { phase: 2, map: secretAttachment('policy') },
  'AWS::ECR::Repository': { phase: 1, map: ecr },
};
