import { describe, expect, it } from 'vitest';
import { checks } from '../../src/checks/rds.js';
import type { RdsCluster, RdsInstance, RdsSnapshot } from '../../src/model/inventory.js';
import { denied, ok } from '../helpers/inventory.js';
import { runner } from './serviceRunner.js';

const { statuses, run } = runner(checks);
const inst = (i: Partial<RdsInstance> = {}): RdsInstance => ({
  id: 'db1', arn: 'arn:aws:rds:us-east-1:111122223333:db:db1', engine: 'postgres', publiclyAccessible: false, storageEncrypted: true,
  multiAz: true, autoMinorVersionUpgrade: true, backupRetentionPeriod: 7, deletionProtection: true, iamDatabaseAuthenticationEnabled: true,
  vpcSecurityGroupIds: [], ...i,
});
const cluster = (c: Partial<RdsCluster> = {}): RdsCluster => ({
  id: 'c1', arn: 'arn:aws:rds:us-east-1:111122223333:cluster:c1', engine: 'aurora-postgresql', storageEncrypted: true, deletionProtection: true,
  backupRetentionPeriod: 7, multiAz: true, ...c,
});
const instances = (...i: RdsInstance[]) => ({ rds: { instances: ok(i) } });
const clusters = (...c: RdsCluster[]) => ({ rds: { clusters: ok(c) } });

const INSTANCE_CASES: [string, Partial<RdsInstance>][] = [
  ['rds_instance_storage_encrypted', { storageEncrypted: false }],
  ['rds_instance_not_public', { publiclyAccessible: true }],
  ['rds_instance_auto_minor_upgrade', { autoMinorVersionUpgrade: false }],
  ['rds_instance_multi_az', { multiAz: false }],
  ['rds_instance_backup_enabled', { backupRetentionPeriod: 0 }],
  ['rds_instance_deletion_protection', { deletionProtection: false }],
  ['rds_instance_iam_auth', { iamDatabaseAuthenticationEnabled: false }],
];

describe('RDS instance checks', () => {
  for (const [id, bad] of INSTANCE_CASES) {
    it(`${id}: PASS, FAIL, ERROR`, () => {
      expect(statuses(id, instances(inst()))).toEqual(['PASS']);
      expect(statuses(id, instances(inst(bad)))).toEqual(['FAIL']);
      const e = run(id, { rds: { instances: denied('rds:DescribeDBInstances') } });
      expect(e.map((x) => x.status)).toEqual(['ERROR']);
      expect(e[0]!.reason).toContain('rds:DescribeDBInstances');
    });
  }
  it('backups kept under 7 days fail', () => {
    expect(statuses('rds_instance_backup_enabled', instances(inst({ backupRetentionPeriod: 3 })))).toEqual(['FAIL']);
  });
  it('cluster members are skipped by Multi-AZ, backup and deletion-protection checks', () => {
    const member = inst({ clusterId: 'c1', multiAz: false, backupRetentionPeriod: 0, deletionProtection: false });
    for (const id of ['rds_instance_multi_az', 'rds_instance_backup_enabled', 'rds_instance_deletion_protection']) expect(statuses(id, instances(member))).toEqual([]);
    expect(statuses('rds_instance_storage_encrypted', instances(member))).toEqual(['PASS']);
  });
  it('IAM auth not collected is ERROR, not PASS', () => {
    expect(statuses('rds_instance_iam_auth', instances(inst({ iamDatabaseAuthenticationEnabled: undefined })))).toEqual(['ERROR']);
  });
});

describe('RDS cluster checks', () => {
  const CASES: [string, Partial<RdsCluster>][] = [
    ['rds_cluster_storage_encrypted', { storageEncrypted: false }],
    ['rds_cluster_deletion_protection', { deletionProtection: false }],
    ['rds_cluster_multi_az', { multiAz: false }],
  ];
  for (const [id, bad] of CASES) {
    it(`${id}: PASS, FAIL, ERROR`, () => {
      expect(statuses(id, clusters(cluster()))).toEqual(['PASS']);
      expect(statuses(id, clusters(cluster(bad)))).toEqual(['FAIL']);
      expect(statuses(id, { rds: { clusters: denied() } })).toEqual(['ERROR']);
    });
  }
  it('multi-AZ unknown is ERROR', () => {
    expect(statuses('rds_cluster_multi_az', clusters(cluster({ multiAz: undefined })))).toEqual(['ERROR']);
  });
});

describe('RDS snapshots', () => {
  const snap = (s: Partial<RdsSnapshot> = {}): RdsSnapshot => ({ id: 's1', arn: 'arn:s1', kind: 'instance', encrypted: true, public: ok(false), ...s });
  it('public: PASS, FAIL, ERROR on unreadable attributes', () => {
    expect(statuses('rds_snapshot_not_public', { rds: { snapshots: ok([snap()]) } })).toEqual(['PASS']);
    const f = run('rds_snapshot_not_public', { rds: { snapshots: ok([snap({ kind: 'cluster', public: ok(true) })]) } })[0]!;
    expect(f.status).toBe('FAIL');
    expect(f.resourceType).toBe('AWS::RDS::DBClusterSnapshot');
    expect(statuses('rds_snapshot_not_public', { rds: { snapshots: ok([snap({ public: denied() })]) } })).toEqual(['ERROR']);
  });
  it('encrypted: PASS, FAIL, ERROR', () => {
    expect(statuses('rds_snapshot_encrypted', { rds: { snapshots: ok([snap()]) } })).toEqual(['PASS']);
    expect(statuses('rds_snapshot_encrypted', { rds: { snapshots: ok([snap({ encrypted: false })]) } })).toEqual(['FAIL']);
    expect(statuses('rds_snapshot_encrypted', { rds: { snapshots: denied() } })).toEqual(['ERROR']);
  });
});
