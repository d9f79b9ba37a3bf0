/**
 * EFS file systems for one region: the `efs` key of RegionInventory.
 * DescribeFileSystems (paginated), then per file system DescribeFileSystemPolicy (PolicyNotFound:
 * no resource policy => null) and DescribeBackupPolicy (PolicyNotFound: no backup policy =>
 * backups off; ValidationException: AWS Backup is not offered in the region => not_available).
 */
import type { FileSystemDescription } from '@aws-sdk/client-efs';
import { DescribeBackupPolicyCommand, DescribeFileSystemPolicyCommand, EFSClient, paginateDescribeFileSystems } from '@aws-sdk/client-efs';
import type { EfsFileSystem, RegionInventory } from '../../../model/inventory.js';
import { errorCodes, mapOk } from '../call.js';
import type { RegionContext } from '../context.js';
import { forService, NotInRegionError } from '../notInRegion.js';
import { policyFrom } from '../policyResult.js';

export async function collect(base: RegionContext): Promise<RegionInventory['efs']> {
  const ctx = forService(base, 'EFS');
  const efs = ctx.client(EFSClient);
  const listed = await ctx.list('elasticfilesystem:DescribeFileSystems', () => paginateDescribeFileSystems({ client: efs, pageSize: 100 }, {}), (p) => p.FileSystems ?? [], {
    what: 'efs file systems',
  });
  if (listed.status !== 'ok') return { fileSystems: listed };
  const fileSystems = await Promise.all(listed.value.map((fs) => collectFileSystem(ctx, efs, fs)));
  return { fileSystems: { status: 'ok', value: fileSystems } };
}

async function collectFileSystem(ctx: RegionContext, efs: EFSClient, fs: FileSystemDescription): Promise<EfsFileSystem> {
  const id = fs.FileSystemId ?? '';
  const [policy, backup] = await Promise.all([
    ctx.call('elasticfilesystem:DescribeFileSystemPolicy', () => efs.send(new DescribeFileSystemPolicyCommand({ FileSystemId: id })), {
      what: `efs file system policy (${id})`,
      absentCodes: ['PolicyNotFound'],
    }),
    ctx.call(
      'elasticfilesystem:DescribeBackupPolicy',
      async () => {
        try {
          return await efs.send(new DescribeBackupPolicyCommand({ FileSystemId: id }));
        } catch (err) {
          // AWS documents ValidationException here as "AWS Backup is not available in this Region".
          if (errorCodes(err).has('ValidationException')) {
            throw new NotInRegionError('BackupNotAvailable', `AWS Backup is not available in this region (${ctx.region}), so EFS has no backup policy here`);
          }
          throw err;
        }
      },
      { what: `efs backup policy (${id})`, absentCodes: ['PolicyNotFound'] },
    ),
  ]);
  const out: EfsFileSystem = {
    id,
    arn: fs.FileSystemArn ?? `arn:${ctx.partition}:elasticfilesystem:${ctx.region}:${ctx.accountId}:file-system/${id}`,
    encrypted: fs.Encrypted === true,
    policy: policyFrom(ctx, policy, (r) => r.Policy, 'elasticfilesystem:DescribeFileSystemPolicy', `efs file system policy (${id})`),
    // Only ENABLED counts; ENABLING/DISABLING/DISABLED and no policy at all are "not enabled".
    backupPolicyEnabled: mapOk(backup, (r) => r?.BackupPolicy?.Status === 'ENABLED'),
  };
  if (fs.KmsKeyId) out.kmsKeyId = fs.KmsKeyId;
  return out;
}
