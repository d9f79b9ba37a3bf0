/**
 * EFS checks: encryption at rest, automatic backups, and file-system policy exposure (read through
 * the IAM engine).
 */
import type { EfsFileSystem } from '../model/inventory.js';
import { fail, pass, type ResourceRef } from './helpers.js';
import type { Check } from './types.js';
import { judgePolicy } from './policyExposure.js';
import { readError, perRegionRead } from './readErrors.js';

const ref = (f: EfsFileSystem, region: string): ResourceRef => ({ region, resourceId: f.id, resourceArn: f.arn, origin: f.origin });
const FILE_SYSTEMS = 'EFS file systems (elasticfilesystem:DescribeFileSystems)';

const encrypted: Check = {
  meta: {
    id: 'efs_encrypted',
    title: 'EFS file systems are encrypted at rest',
    severity: 'medium',
    service: 'efs',
    resourceType: 'AWS::EFS::FileSystem',
    description: 'Each EFS file system was created with encryption at rest (KMS). Encryption can only be chosen at creation.',
    risk: 'File data and metadata stored unencrypted are exposed to anyone who obtains the underlying storage or a backup copy.',
    remediation: {
      cli: 'aws efs create-file-system --encrypted --kms-key-id <key> ...   # then copy the data (AWS DataSync) and switch mounts',
      cloudformation: 'FileSystem:\n  Type: AWS::EFS::FileSystem\n  Properties:\n    Encrypted: true\n    KmsKeyId: !Ref Key',
      console: 'EFS console > Create file system > Customize > Enable encryption of data at rest; migrate the data and delete the old file system.',
      docs: 'https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html',
    },
    configRule: 'EFS_ENCRYPTED_CHECK',
  },
  run(account) {
    return perRegionRead(account, (r) => r.efs.fileSystems, FILE_SYSTEMS, (f, region) => [
      f.encrypted ? pass(ref(f, region), 'encrypted at rest') : fail(ref(f, region), 'not encrypted at rest', { encrypted: false }, 'encrypted'),
    ]);
  },
};

const automaticBackups: Check = {
  meta: {
    id: 'efs_automatic_backups',
    title: 'EFS file systems have automatic backups enabled',
    severity: 'medium',
    service: 'efs',
    resourceType: 'AWS::EFS::FileSystem',
    description: 'The EFS backup policy is ENABLED, so AWS Backup takes daily backups of the file system.',
    risk: 'Without backups, deleted or corrupted files cannot be recovered.',
    remediation: {
      cli: 'aws efs put-backup-policy --file-system-id fs-0123 --backup-policy Status=ENABLED',
      cloudformation: 'FileSystem:\n  Type: AWS::EFS::FileSystem\n  Properties:\n    BackupPolicy:\n      Status: ENABLED',
      console: 'EFS console > the file system > Edit > Automatic backups > Enable.',
      docs: 'https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html',
    },
    configRule: 'EFS_AUTOMATIC_BACKUPS_ENABLED',
  },
  run(account) {
    return perRegionRead(account, (r) => r.efs.fileSystems, FILE_SYSTEMS, (f, region) => {
      const r = ref(f, region);
      const c = f.backupPolicyEnabled;
      if (!c) return [{ status: 'ERROR', ...r, reason: 'the backup policy of the file system was not collected (elasticfilesystem:DescribeBackupPolicy)' }];
      if (c.status !== 'ok') return [readError(r, c, `the backup policy of ${f.id} (elasticfilesystem:DescribeBackupPolicy)`)];
      return [c.value ? pass(r, 'automatic backups are enabled') : fail(r, 'automatic backups are disabled', { backupPolicyEnabled: false }, 'backupPolicyEnabled')];
    });
  },
};

const policyNotPublic: Check = {
  meta: {
    id: 'efs_policy_not_public',
    title: 'EFS file system policies do not allow public access',
    severity: 'high',
    service: 'efs',
    resourceType: 'AWS::EFS::FileSystem',
    description:
      'No statement of the file system policy lets anyone mount, write to or administer the file system. ' +
      'The resource policy is read as IAM reads it: an Allow whose principal is "*" (or {"AWS": "*"}) is public unless a condition really pins who the caller is (account, organization, principal ARN, source ARN/account, VPC endpoint or IP range). Conditions such as aws:SecureTransport do not restrict who can call.',
    risk: 'A public file system policy lets any principal that can reach a mount target use the file system.',
    remediation: {
      cli: 'aws efs put-file-system-policy --file-system-id fs-0123 --policy file://policy.json',
      console: 'EFS console > the file system > File system policy > Edit: remove "*" principals or add a restricting condition.',
      docs: 'https://docs.aws.amazon.com/efs/latest/ug/iam-access-control-nfs-efs.html',
    },
  },
  run(account) {
    return perRegionRead(account, (r) => r.efs.fileSystems, FILE_SYSTEMS, (f, region) => [
      judgePolicy({ account, ref: ref(f, region), policy: f.policy, service: 'elasticfilesystem', what: 'the file system policy', permission: 'elasticfilesystem:DescribeFileSystemPolicy', absentReason: 'no file system policy: access is decided by IAM identity policies and network access to the mount targets' }),
    ]);
  },
};

export const checks: Check[] = [encrypted, automaticBackups, policyNotPublic];
