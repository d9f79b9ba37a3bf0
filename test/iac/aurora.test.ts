import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../cli/capture.js';

const template = (clusterAuth: string) => `Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      StorageEncrypted: true
${clusterAuth}
  Instance:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-postgresql
      DBClusterIdentifier: !Ref Cluster
      DBInstanceClass: db.r6g.large
      PubliclyAccessible: false
`;

async function iamAuthStatus(clusterAuth: string): Promise<string[]> {
  const file = join(mkdtempSync(join(tmpdir(), 'kenro-aurora-')), 't.yaml');
  writeFileSync(file, template(clusterAuth));
  const { stdout } = await run('iac', file, '--format', 'json', '--check', 'rds_instance_iam_auth');
  return (JSON.parse(stdout) as { results: { status: string }[] }).results.map((r) => r.status);
}

describe('Aurora instances take IAM database authentication from their cluster', () => {
  it('PASS when the cluster enables it, FAIL when it does not', async () => {
    expect(await iamAuthStatus('      EnableIAMDatabaseAuthentication: true')).toEqual(['PASS']);
    expect(await iamAuthStatus('      EnableIAMDatabaseAuthentication: false')).toEqual(['FAIL']);
  });
});
