/**
 * RDS checks: encryption, public access, minor version upgrades, Multi-AZ, backups, deletion
 * protection, IAM authentication, and public or unencrypted snapshots.
 *
 * Instances that belong to an Aurora (or Multi-AZ DB) cluster take backups, deletion protection
 * and Multi-AZ from the cluster, so those three instance checks skip them; the cluster checks
 * evaluate the cluster instead.
 */
import type { RdsCluster, RdsInstance } from '../model/inventory.js';
import { fail, pass, type ResourceRef } from './helpers.js';
import type { Check, CheckMeta, Finding } from './types.js';
import { readError, perRegionRead } from './readErrors.js';

const ref = (x: RdsInstance | RdsCluster, region: string): ResourceRef => ({ region, resourceId: x.id, resourceArn: x.arn, origin: x.origin });
const INSTANCES = 'RDS DB instances (rds:DescribeDBInstances)';
const CLUSTERS = 'RDS DB clusters (rds:DescribeDBClusters)';

function instanceCheck(meta: Omit<CheckMeta, 'service' | 'resourceType'>, judge: (i: RdsInstance, r: ResourceRef) => Finding | undefined): Check {
  return {
    meta: { service: 'rds', resourceType: 'AWS::RDS::DBInstance', ...meta },
    run: (account) =>
      perRegionRead(account, (r) => r.rds.instances, INSTANCES, (i, region) => {
        const f = judge(i, ref(i, region));
        return f ? [f] : [];
      }),
  };
}

function clusterCheck(meta: Omit<CheckMeta, 'service' | 'resourceType'>, judge: (c: RdsCluster, r: ResourceRef) => Finding | undefined): Check {
  return {
    meta: { service: 'rds', resourceType: 'AWS::RDS::DBCluster', ...meta },
    run: (account) =>
      perRegionRead(account, (r) => r.rds.clusters, CLUSTERS, (c, region) => {
        const f = judge(c, ref(c, region));
        return f ? [f] : [];
      }),
  };
}

const CFN_INSTANCE = (prop: string) => `DB:\n  Type: AWS::RDS::DBInstance\n  Properties:\n    ${prop}`;
const CFN_CLUSTER = (prop: string) => `Cluster:\n  Type: AWS::RDS::DBCluster\n  Properties:\n    ${prop}`;

const storageEncrypted = instanceCheck(
  {
    id: 'rds_instance_storage_encrypted',
    title: 'RDS DB instances are encrypted at rest',
    severity: 'medium',
    description: 'Each DB instance has storage encryption on (KMS), which also covers its automated backups, read replicas and snapshots.',
    risk: 'Unencrypted database storage and snapshots expose the data to anyone who gets hold of the underlying media or a copied snapshot.',
    remediation: {
      cli: 'aws rds create-db-snapshot ... ; aws rds copy-db-snapshot --kms-key-id <key> ... ; aws rds restore-db-instance-from-db-snapshot ...   # encryption cannot be turned on in place',
      cloudformation: CFN_INSTANCE('StorageEncrypted: true\n    KmsKeyId: !Ref Key'),
      console: 'RDS console > Snapshots: take a snapshot, Copy snapshot with encryption enabled, restore a new instance from the copy, then switch over.',
      docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html',
    },
    configRule: 'RDS_STORAGE_ENCRYPTED',
  },
  (i, r) => (i.storageEncrypted ? pass(r, 'storage is encrypted') : fail(r, 'storage is not encrypted', { storageEncrypted: false }, 'storageEncrypted')),
);

const notPublic = instanceCheck(
  {
    id: 'rds_instance_not_public',
    title: 'RDS DB instances are not publicly accessible',
    severity: 'critical',
    description: 'PubliclyAccessible is false, so the instance endpoint resolves only to a private address inside the VPC.',
    risk: 'A publicly accessible database can be reached from the internet wherever its security group allows, exposing it to credential guessing and exploits.',
    remediation: {
      cli: 'aws rds modify-db-instance --db-instance-identifier <id> --no-publicly-accessible --apply-immediately',
      cloudformation: CFN_INSTANCE('PubliclyAccessible: false'),
      console: 'RDS console > Databases > the instance > Modify > Connectivity > Additional configuration > Not publicly accessible.',
      docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html',
    },
    configRule: 'RDS_INSTANCE_PUBLIC_ACCESS_CHECK',
  },
  (i, r) => (i.publiclyAccessible ? fail(r, 'the instance is publicly accessible', { publiclyAccessible: true }, 'publiclyAccessible') : pass(r, 'the instance is not publicly accessible')),
);

const minorUpgrade = instanceCheck(
  {
    id: 'rds_instance_auto_minor_upgrade',
    title: 'RDS DB instances have automatic minor version upgrade enabled',
    severity: 'high',
    description: 'AutoMinorVersionUpgrade is on, so engine patches (often security fixes) are applied in the maintenance window.',
    risk: 'Databases left on old minor versions keep known, published vulnerabilities.',
    remediation: {
      cli: 'aws rds modify-db-instance --db-instance-identifier <id> --auto-minor-version-upgrade --apply-immediately',
      cloudformation: CFN_INSTANCE('AutoMinorVersionUpgrade: true'),
      console: 'RDS console > Databases > the instance > Modify > Maintenance > Enable auto minor version upgrade.',
      docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html',
    },
    configRule: 'RDS_AUTOMATIC_MINOR_VERSION_UPGRADE_ENABLED',
  },
  (i, r) =>
    i.autoMinorVersionUpgrade
      ? pass(r, 'automatic minor version upgrade is enabled')
      : fail(r, 'automatic minor version upgrade is disabled', { autoMinorVersionUpgrade: false }, 'autoMinorVersionUpgrade'),
);

const multiAz = instanceCheck(
  {
    id: 'rds_instance_multi_az',
    title: 'RDS DB instances are deployed in multiple Availability Zones',
    severity: 'medium',
    description: 'Stand-alone DB instances run as Multi-AZ deployments with a standby in another zone. Cluster members are judged at cluster level.',
    risk: 'A single-AZ database goes down with its zone and restores from backup lose recent writes.',
    remediation: {
      cli: 'aws rds modify-db-instance --db-instance-identifier <id> --multi-az --apply-immediately',
      cloudformation: CFN_INSTANCE('MultiAZ: true'),
      console: 'RDS console > Databases > the instance > Modify > Availability & durability > Create a standby instance.',
      docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html',
    },
    configRule: 'RDS_MULTI_AZ_SUPPORT',
  },
  (i, r) => (i.clusterId ? undefined : i.multiAz ? pass(r, 'Multi-AZ is enabled') : fail(r, 'the instance runs in a single Availability Zone', { multiAz: false }, 'multiAz')),
);

/** Security Hub RDS.11 asks for automated backups kept at least this many days. */
export const MIN_BACKUP_RETENTION_DAYS = 7;

const backupEnabled = instanceCheck(
  {
    id: 'rds_instance_backup_enabled',
    title: `RDS DB instances have automatic backups kept for at least ${MIN_BACKUP_RETENTION_DAYS} days`,
    severity: 'medium',
    description:
      `Automated backups are on with a retention period of at least ${MIN_BACKUP_RETENTION_DAYS} days (0 turns backups off). ` +
      'Cluster members are not evaluated: their backups are configured on the cluster.',
    risk: 'Without automated backups there is no point-in-time recovery after corruption, deletion or ransomware.',
    remediation: {
      cli: `aws rds modify-db-instance --db-instance-identifier <id> --backup-retention-period ${MIN_BACKUP_RETENTION_DAYS} --apply-immediately`,
      cloudformation: CFN_INSTANCE(`BackupRetentionPeriod: ${MIN_BACKUP_RETENTION_DAYS}`),
      console: 'RDS console > Databases > the instance > Modify > Backup > Backup retention period.',
      docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html',
    },
    configRule: 'DB_INSTANCE_BACKUP_ENABLED',
  },
  (i, r) => {
    if (i.clusterId) return undefined;
    const days = i.backupRetentionPeriod;
    if (days >= MIN_BACKUP_RETENTION_DAYS) return pass(r, `automated backups are kept ${days} days`);
    return fail(r, days === 0 ? 'automated backups are disabled' : `automated backups are kept only ${days} day(s)`, { backupRetentionPeriod: days }, 'backupRetentionPeriod');
  },
);

const instanceDeletionProtection = instanceCheck(
  {
    id: 'rds_instance_deletion_protection',
    title: 'RDS DB instances have deletion protection enabled',
    severity: 'low',
    description: 'DeletionProtection is on for stand-alone instances, so the database cannot be deleted until someone turns it off first.',
    risk: 'A mistaken or malicious delete call, or a stack teardown, removes the database in one step.',
    remediation: {
      cli: 'aws rds modify-db-instance --db-instance-identifier <id> --deletion-protection --apply-immediately',
      cloudformation: CFN_INSTANCE('DeletionProtection: true'),
      console: 'RDS console > Databases > the instance > Modify > Deletion protection > Enable.',
      docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html',
    },
    configRule: 'RDS_INSTANCE_DELETION_PROTECTION_ENABLED',
  },
  (i, r) =>
    i.clusterId ? undefined : i.deletionProtection ? pass(r, 'deletion protection is enabled') : fail(r, 'deletion protection is disabled', { deletionProtection: false }, 'deletionProtection'),
);

const iamAuth = instanceCheck(
  {
    id: 'rds_instance_iam_auth',
    title: 'RDS DB instances use IAM database authentication',
    severity: 'medium',
    description: 'IAM database authentication is enabled, so applications can connect with short-lived IAM tokens instead of long-lived passwords.',
    risk: 'Password-only database logins are long-lived secrets that leak through configuration and logs and are rarely rotated.',
    remediation: {
      cli: 'aws rds modify-db-instance --db-instance-identifier <id> --enable-iam-database-authentication --apply-immediately',
      cloudformation: CFN_INSTANCE('EnableIAMDatabaseAuthentication: true'),
      console: 'RDS console > Databases > the instance > Modify > Database authentication > Password and IAM database authentication.',
      docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html',
    },
    configRule: 'RDS_INSTANCE_IAM_AUTHENTICATION_ENABLED',
  },
  (i, r) => {
    if (i.iamDatabaseAuthenticationEnabled === undefined) return { status: 'ERROR', ...r, reason: 'IAM database authentication setting was not collected for this instance' };
    return i.iamDatabaseAuthenticationEnabled
      ? pass(r, 'IAM database authentication is enabled')
      : fail(r, 'IAM database authentication is disabled', { iamDatabaseAuthenticationEnabled: false }, 'iamDatabaseAuthenticationEnabled');
  },
);

const clusterEncrypted = clusterCheck(
  {
    id: 'rds_cluster_storage_encrypted',
    title: 'RDS DB clusters are encrypted at rest',
    severity: 'medium',
    description: 'Each DB cluster (Aurora or Multi-AZ DB cluster) has storage encryption on.',
    risk: 'Unencrypted cluster storage and snapshots expose the data to anyone who obtains a copy.',
    remediation: {
      cli: 'aws rds restore-db-cluster-from-snapshot --kms-key-id <key> ...   # from an encrypted snapshot copy; encryption cannot be turned on in place',
      cloudformation: CFN_CLUSTER('StorageEncrypted: true\n    KmsKeyId: !Ref Key'),
      console: 'RDS console > Snapshots: copy a cluster snapshot with encryption, then restore a new cluster from it.',
      docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html',
    },
    configRule: 'RDS_CLUSTER_ENCRYPTED_AT_REST',
  },
  (c, r) => (c.storageEncrypted ? pass(r, 'storage is encrypted') : fail(r, 'storage is not encrypted', { storageEncrypted: false }, 'storageEncrypted')),
);

const clusterDeletionProtection = clusterCheck(
  {
    id: 'rds_cluster_deletion_protection',
    title: 'RDS DB clusters have deletion protection enabled',
    severity: 'low',
    description: 'DeletionProtection is on for each DB cluster.',
    risk: 'A single delete call, or a stack teardown, removes the whole cluster.',
    remediation: {
      cli: 'aws rds modify-db-cluster --db-cluster-identifier <id> --deletion-protection --apply-immediately',
      cloudformation: CFN_CLUSTER('DeletionProtection: true'),
      console: 'RDS console > Databases > the cluster > Modify > Enable deletion protection.',
      docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html',
    },
    configRule: 'RDS_CLUSTER_DELETION_PROTECTION_ENABLED',
  },
  (c, r) => (c.deletionProtection ? pass(r, 'deletion protection is enabled') : fail(r, 'deletion protection is disabled', { deletionProtection: false }, 'deletionProtection')),
);

const clusterMultiAz = clusterCheck(
  {
    id: 'rds_cluster_multi_az',
    title: 'RDS DB clusters span multiple Availability Zones',
    severity: 'medium',
    description: 'Each DB cluster has instances in more than one Availability Zone (MultiAZ as reported by RDS).',
    risk: 'A cluster in one zone has no failover target when that zone fails.',
    remediation: {
      cli: 'aws rds create-db-instance --db-cluster-identifier <id> --db-instance-identifier <id>-b --availability-zone <other-az> --engine <engine> --db-instance-class <class>',
      cloudformation: '# add a second AWS::RDS::DBInstance with DBClusterIdentifier: !Ref Cluster in another Availability Zone',
      console: 'RDS console > Databases > the cluster > Actions > Add reader, in a different Availability Zone.',
      docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html',
    },
    configRule: 'RDS_CLUSTER_MULTI_AZ_ENABLED',
  },
  (c, r) => {
    if (c.multiAz === undefined) return { status: 'ERROR', ...r, reason: 'the Multi-AZ state of the cluster was not collected' };
    return c.multiAz ? pass(r, 'the cluster spans multiple Availability Zones') : fail(r, 'the cluster runs in a single Availability Zone', { multiAz: false }, 'multiAz');
  },
);

const SNAPSHOTS = 'RDS snapshots (rds:DescribeDBSnapshots, rds:DescribeDBClusterSnapshots)';

const snapshotNotPublic: Check = {
  meta: {
    id: 'rds_snapshot_not_public',
    title: 'RDS snapshots are not public',
    severity: 'critical',
    service: 'rds',
    resourceType: 'AWS::RDS::DBSnapshot',
    description: "No manual DB or cluster snapshot shares its restore attribute with 'all'.",
    risk: 'Any AWS account can restore a public snapshot and read the whole database.',
    remediation: {
      cli: 'aws rds modify-db-snapshot-attribute --db-snapshot-identifier <id> --attribute-name restore --values-to-remove all\n' +
        'aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier <id> --attribute-name restore --values-to-remove all',
      console: 'RDS console > Snapshots > the snapshot > Actions > Share snapshot > DB snapshot visibility: Private.',
      docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html',
    },
    configRule: 'RDS_SNAPSHOTS_PUBLIC_PROHIBITED',
  },
  run(account) {
    return perRegionRead(account, (r) => r.rds.snapshots, SNAPSHOTS, (s, region) => {
      const r: ResourceRef = { region, resourceId: s.id, resourceArn: s.arn, resourceType: s.kind === 'cluster' ? 'AWS::RDS::DBClusterSnapshot' : 'AWS::RDS::DBSnapshot' };
      if (s.public.status !== 'ok') return [readError(r, s.public, `the sharing attributes of snapshot ${s.id} (rds:DescribeDBSnapshotAttributes)`)];
      return [s.public.value ? fail(r, "the snapshot is shared with 'all' (public)", { public: true }) : pass(r, 'the snapshot is private')];
    });
  },
};

const snapshotEncrypted: Check = {
  meta: {
    id: 'rds_snapshot_encrypted',
    title: 'RDS snapshots are encrypted at rest',
    severity: 'medium',
    service: 'rds',
    resourceType: 'AWS::RDS::DBSnapshot',
    description: 'Every DB and cluster snapshot owned by the account is encrypted.',
    risk: 'An unencrypted snapshot is a full copy of the database in the clear, easy to copy or share by mistake.',
    remediation: {
      cli: 'aws rds copy-db-snapshot --source-db-snapshot-identifier <id> --target-db-snapshot-identifier <id>-enc --kms-key-id <key>   # then delete the unencrypted one',
      console: 'RDS console > Snapshots > the snapshot > Actions > Copy snapshot > Enable encryption; delete the original afterwards.',
      docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html',
    },
    configRule: 'RDS_SNAPSHOT_ENCRYPTED',
  },
  run(account) {
    return perRegionRead(account, (r) => r.rds.snapshots, SNAPSHOTS, (s, region) => {
      const r: ResourceRef = { region, resourceId: s.id, resourceArn: s.arn, resourceType: s.kind === 'cluster' ? 'AWS::RDS::DBClusterSnapshot' : 'AWS::RDS::DBSnapshot' };
      return [s.encrypted ? pass(r, 'the snapshot is encrypted') : fail(r, 'the snapshot is not encrypted', { encrypted: false })];
    });
  },
};

export const checks: Check[] = [
  storageEncrypted,
  notPublic,
  minorUpgrade,
  multiAz,
  backupEnabled,
  instanceDeletionProtection,
  iamAuth,
  clusterEncrypted,
  clusterDeletionProtection,
  clusterMultiAz,
  snapshotNotPublic,
  snapshotEncrypted,
];
