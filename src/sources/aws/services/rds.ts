/**
 * RDS for one region: the `rds` key of RegionInventory (the RDS API also returns Aurora, Neptune
 * and DocumentDB instances and clusters).
 *
 * DescribeDBInstances, DescribeDBClusters, and the account's own manual snapshots
 * (DescribeDBSnapshots / DescribeDBClusterSnapshots with SnapshotType=manual: only manual
 * snapshots can be shared or made public), all paginated. Per snapshot,
 * DescribeDB(Cluster)SnapshotAttributes: the snapshot is public when the `restore` attribute lists
 * `all`.
 */
import type { DBCluster, DBInstance } from '@aws-sdk/client-rds';
import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBSnapshotAttributesCommand,
  RDSClient,
  paginateDescribeDBClusterSnapshots,
  paginateDescribeDBClusters,
  paginateDescribeDBInstances,
  paginateDescribeDBSnapshots,
} from '@aws-sdk/client-rds';
import type { Collected } from '../../../model/collected.js';
import { ok } from '../../../model/collected.js';
import type { RdsCluster, RdsInstance, RdsInventory, RdsSnapshot, RegionInventory } from '../../../model/inventory.js';
import { mapOk } from '../call.js';
import type { RegionContext } from '../context.js';
import { forService } from '../notInRegion.js';

const PAGE = { pageSize: 100 };

export async function collect(base: RegionContext): Promise<RegionInventory['rds']> {
  const ctx = forService(base, 'RDS');
  const rds = ctx.client(RDSClient);
  const [instances, clusters, dbSnapshots, clusterSnapshots] = await Promise.all([
    ctx.list('rds:DescribeDBInstances', () => paginateDescribeDBInstances({ client: rds, ...PAGE }, {}), (p) => (p.DBInstances ?? []).map(toInstance), {
      what: 'rds db instances',
    }),
    ctx.list('rds:DescribeDBClusters', () => paginateDescribeDBClusters({ client: rds, ...PAGE }, {}), (p) => (p.DBClusters ?? []).map(toCluster), {
      what: 'rds db clusters',
    }),
    ctx.list(
      'rds:DescribeDBSnapshots',
      () => paginateDescribeDBSnapshots({ client: rds, ...PAGE }, { SnapshotType: 'manual' }),
      (p) => p.DBSnapshots ?? [],
      { what: 'rds db snapshots (manual)' },
    ),
    ctx.list(
      'rds:DescribeDBClusterSnapshots',
      () => paginateDescribeDBClusterSnapshots({ client: rds, ...PAGE }, { SnapshotType: 'manual' }),
      (p) => p.DBClusterSnapshots ?? [],
      { what: 'rds db cluster snapshots (manual)' },
    ),
  ]);

  const [instanceSnaps, clusterSnaps] = await Promise.all([
    dbSnapshots.status !== 'ok'
      ? dbSnapshots
      : Promise.all(
          dbSnapshots.value.map(async (s): Promise<RdsSnapshot> => {
            const id = s.DBSnapshotIdentifier ?? '';
            const attrs = await ctx.call(
              'rds:DescribeDBSnapshotAttributes',
              () => rds.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: id })),
              { what: `rds db snapshot attributes (${id})` },
            );
            return {
              id,
              arn: s.DBSnapshotArn ?? `arn:${ctx.partition}:rds:${ctx.region}:${ctx.accountId}:snapshot:${id}`,
              kind: 'instance',
              encrypted: s.Encrypted === true,
              public: mapOk(attrs, (r) => restoreIsPublic(r.DBSnapshotAttributesResult?.DBSnapshotAttributes)),
            };
          }),
        ).then(ok),
    clusterSnapshots.status !== 'ok'
      ? clusterSnapshots
      : Promise.all(
          clusterSnapshots.value.map(async (s): Promise<RdsSnapshot> => {
            const id = s.DBClusterSnapshotIdentifier ?? '';
            const attrs = await ctx.call(
              'rds:DescribeDBClusterSnapshotAttributes',
              () => rds.send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: id })),
              { what: `rds db cluster snapshot attributes (${id})` },
            );
            return {
              id,
              arn: s.DBClusterSnapshotArn ?? `arn:${ctx.partition}:rds:${ctx.region}:${ctx.accountId}:cluster-snapshot:${id}`,
              kind: 'cluster',
              encrypted: s.StorageEncrypted === true,
              public: mapOk(attrs, (r) => restoreIsPublic(r.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes)),
            };
          }),
        ).then(ok),
  ]);

  return { instances, clusters, snapshots: bothLists(instanceSnaps, clusterSnaps) };
}

/** Both snapshot lists, or the first one that could not be read (a partial list could hide a public snapshot). */
function bothLists(a: Collected<RdsSnapshot[]>, b: Collected<RdsSnapshot[]>): RdsInventory['snapshots'] {
  if (a.status !== 'ok') return a;
  if (b.status !== 'ok') return b;
  return ok([...a.value, ...b.value]);
}

function restoreIsPublic(attrs: readonly { AttributeName?: string | undefined; AttributeValues?: string[] | undefined }[] | undefined): boolean {
  return (attrs ?? []).some((a) => a.AttributeName === 'restore' && (a.AttributeValues ?? []).includes('all'));
}

function toInstance(i: DBInstance): RdsInstance {
  const out: RdsInstance = {
    id: i.DBInstanceIdentifier ?? '',
    arn: i.DBInstanceArn ?? '',
    engine: i.Engine ?? '',
    publiclyAccessible: i.PubliclyAccessible === true,
    storageEncrypted: i.StorageEncrypted === true,
    multiAz: i.MultiAZ === true,
    autoMinorVersionUpgrade: i.AutoMinorVersionUpgrade === true,
    backupRetentionPeriod: i.BackupRetentionPeriod ?? 0,
    deletionProtection: i.DeletionProtection === true,
    vpcSecurityGroupIds: (i.VpcSecurityGroups ?? []).map((g) => g.VpcSecurityGroupId).filter((g): g is string => !!g),
  };
  if (i.KmsKeyId) out.kmsKeyId = i.KmsKeyId;
  if (i.IAMDatabaseAuthenticationEnabled !== undefined) out.iamDatabaseAuthenticationEnabled = i.IAMDatabaseAuthenticationEnabled;
  if (i.DBClusterIdentifier) out.clusterId = i.DBClusterIdentifier;
  return out;
}

function toCluster(c: DBCluster): RdsCluster {
  const out: RdsCluster = {
    id: c.DBClusterIdentifier ?? '',
    arn: c.DBClusterArn ?? '',
    engine: c.Engine ?? '',
    storageEncrypted: c.StorageEncrypted === true,
    ...(c.IAMDatabaseAuthenticationEnabled !== undefined ? { iamDatabaseAuthenticationEnabled: c.IAMDatabaseAuthenticationEnabled } : {}),
    deletionProtection: c.DeletionProtection === true,
    backupRetentionPeriod: c.BackupRetentionPeriod ?? 0,
  };
  if (c.MultiAZ !== undefined) out.multiAz = c.MultiAZ;
  return out;
}
