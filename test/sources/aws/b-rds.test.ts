import {
  DBSnapshotNotFoundFault,
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/rds.js';
import { ACCOUNT, awsError, dnsNotFound, testContext } from './b-context.js';

const mock = mockClient(RDSClient);
afterEach(() => mock.reset());

const instance = {
  DBInstanceIdentifier: 'orders-db',
  DBInstanceClass: 'db.t3.medium',
  Engine: 'postgres',
  DBInstanceStatus: 'available',
  PubliclyAccessible: false,
  StorageEncrypted: true,
  KmsKeyId: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  MultiAZ: true,
  AutoMinorVersionUpgrade: true,
  BackupRetentionPeriod: 7,
  DeletionProtection: true,
  IAMDatabaseAuthenticationEnabled: false,
  VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0123456789abcdef0', Status: 'active' }],
  DBInstanceArn: `arn:aws:rds:eu-west-1:${ACCOUNT}:db:orders-db`,
};
const cluster = {
  DBClusterIdentifier: 'aurora-main',
  DBClusterArn: `arn:aws:rds:eu-west-1:${ACCOUNT}:cluster:aurora-main`,
  Engine: 'aurora-postgresql',
  StorageEncrypted: true,
  DeletionProtection: false,
  BackupRetentionPeriod: 1,
  MultiAZ: true,
};
const dbSnap = { DBSnapshotIdentifier: 'orders-manual-1', DBSnapshotArn: `arn:aws:rds:eu-west-1:${ACCOUNT}:snapshot:orders-manual-1`, SnapshotType: 'manual', Encrypted: false };
const clusterSnap = {
  DBClusterSnapshotIdentifier: 'aurora-manual-1',
  DBClusterSnapshotArn: `arn:aws:rds:eu-west-1:${ACCOUNT}:cluster-snapshot:aurora-manual-1`,
  SnapshotType: 'manual',
  StorageEncrypted: true,
};

function lists(over: { dbSnaps?: unknown[]; clusterSnaps?: unknown[] } = {}): void {
  mock.on(DescribeDBInstancesCommand).resolves({ DBInstances: [instance] });
  mock.on(DescribeDBClustersCommand).resolves({ DBClusters: [cluster] });
  mock.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: (over.dbSnaps ?? [dbSnap]) as never });
  mock.on(DescribeDBClusterSnapshotsCommand).resolves({ DBClusterSnapshots: (over.clusterSnaps ?? [clusterSnap]) as never });
}

describe('rds collector', () => {
  it('maps instances, clusters and manual snapshots; restore=all => public', async () => {
    lists();
    mock.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'orders-manual-1' }).resolves({
      DBSnapshotAttributesResult: { DBSnapshotIdentifier: 'orders-manual-1', DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }] },
    });
    mock.on(DescribeDBClusterSnapshotAttributesCommand, { DBClusterSnapshotIdentifier: 'aurora-manual-1' }).resolves({
      DBClusterSnapshotAttributesResult: {
        DBClusterSnapshotIdentifier: 'aurora-manual-1',
        DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['210987654321'] }],
      },
    });
    const out = await collect(testContext().ctx);
    expect(mock.commandCalls(DescribeDBSnapshotsCommand)[0]!.args[0].input).toMatchObject({ SnapshotType: 'manual' });
    expect(mock.commandCalls(DescribeDBClusterSnapshotsCommand)[0]!.args[0].input).toMatchObject({ SnapshotType: 'manual' });
    expect(out.instances).toEqual({
      status: 'ok',
      value: [
        {
          id: 'orders-db',
          arn: instance.DBInstanceArn,
          engine: 'postgres',
          publiclyAccessible: false,
          storageEncrypted: true,
          kmsKeyId: instance.KmsKeyId,
          multiAz: true,
          autoMinorVersionUpgrade: true,
          backupRetentionPeriod: 7,
          deletionProtection: true,
          iamDatabaseAuthenticationEnabled: false,
          vpcSecurityGroupIds: ['sg-0123456789abcdef0'],
        },
      ],
    });
    expect(out.clusters).toEqual({
      status: 'ok',
      value: [{ id: 'aurora-main', arn: cluster.DBClusterArn, engine: 'aurora-postgresql', storageEncrypted: true, deletionProtection: false, backupRetentionPeriod: 1, multiAz: true }],
    });
    expect(out.snapshots).toEqual({
      status: 'ok',
      value: [
        { id: 'orders-manual-1', arn: dbSnap.DBSnapshotArn, kind: 'instance', encrypted: false, public: { status: 'ok', value: true } },
        { id: 'aurora-manual-1', arn: clusterSnap.DBClusterSnapshotArn, kind: 'cluster', encrypted: true, public: { status: 'ok', value: false } },
      ],
    });
  });

  it('a snapshot with no restore attribute values is not public; nothing at all => empty lists', async () => {
    lists({ clusterSnaps: [] });
    mock.on(DescribeDBSnapshotAttributesCommand).resolves({ DBSnapshotAttributesResult: { DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: [] }] } });
    const out = await collect(testContext().ctx);
    expect(out.snapshots.status === 'ok' && out.snapshots.value[0]!.public).toEqual({ status: 'ok', value: false });
    mock.reset();
    mock.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
    mock.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
    mock.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });
    mock.on(DescribeDBClusterSnapshotsCommand).resolves({ DBClusterSnapshots: [] });
    const empty = await collect(testContext().ctx);
    expect(empty).toEqual({ instances: { status: 'ok', value: [] }, clusters: { status: 'ok', value: [] }, snapshots: { status: 'ok', value: [] } });
  });

  it('follows Marker on DescribeDBInstances', async () => {
    lists({ dbSnaps: [], clusterSnaps: [] });
    mock.on(DescribeDBInstancesCommand).resolves({ DBInstances: [instance], Marker: 'm2' });
    mock.on(DescribeDBInstancesCommand, { Marker: 'm2' }).resolves({ DBInstances: [{ ...instance, DBInstanceIdentifier: 'second' }] });
    const out = await collect(testContext().ctx);
    expect(out.instances.status === 'ok' && out.instances.value.map((i) => i.id)).toEqual(['orders-db', 'second']);
  });

  it('AccessDenied on the snapshot attributes => public is access_denied naming the permission', async () => {
    lists({ clusterSnaps: [] });
    mock.on(DescribeDBSnapshotAttributesCommand).rejects(awsError('AccessDenied', 'not authorized to perform: rds:DescribeDBSnapshotAttributes', 403));
    const out = await collect(testContext().ctx);
    expect(out.snapshots.status === 'ok' && out.snapshots.value[0]!.public).toMatchObject({
      status: 'access_denied',
      error: { permission: 'rds:DescribeDBSnapshotAttributes' },
    });
  });

  it('a failed cluster snapshot list fails the snapshots key (instance snapshots alone could hide a public one)', async () => {
    lists();
    mock.on(DescribeDBSnapshotAttributesCommand).resolves({ DBSnapshotAttributesResult: { DBSnapshotAttributes: [] } });
    mock.on(DescribeDBClusterSnapshotsCommand).rejects(awsError('AccessDenied', 'denied', 403));
    const out = await collect(testContext().ctx);
    expect(out.snapshots).toMatchObject({ status: 'access_denied', error: { permission: 'rds:DescribeDBClusterSnapshots' } });
  });

  it('a snapshot deleted between list and attributes is failed, not "not public"', async () => {
    lists({ clusterSnaps: [] });
    mock.on(DescribeDBSnapshotAttributesCommand).rejects(new DBSnapshotNotFoundFault({ message: 'DBSnapshot orders-manual-1 not found.', $metadata: { httpStatusCode: 404 } }));
    const out = await collect(testContext().ctx);
    expect(out.snapshots.status === 'ok' && out.snapshots.value[0]!.public.status).toBe('failed');
  });

  it('no endpoint in the region => every key not_available', async () => {
    mock.onAnyCommand().rejects(dnsNotFound('rds.xx-east-9.amazonaws.com'));
    const out = await collect(testContext('xx-east-9').ctx);
    expect([out.instances.status, out.clusters.status, out.snapshots.status]).toEqual(['not_available', 'not_available', 'not_available']);
  });
});
