import {
  DescribeBackupPolicyCommand,
  DescribeFileSystemPolicyCommand,
  DescribeFileSystemsCommand,
  EFSClient,
  PolicyNotFound,
  ValidationException,
} from '@aws-sdk/client-efs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../../src/sources/aws/services/efs.js';
import { ACCOUNT, awsError, dnsNotFound, testContext } from './b-context.js';

const mock = mockClient(EFSClient);
afterEach(() => mock.reset());

const ID = 'fs-0123456789abcdef0';
const fileSystem = {
  OwnerId: ACCOUNT,
  CreationToken: 'console-1',
  FileSystemId: ID,
  FileSystemArn: `arn:aws:elasticfilesystem:eu-west-1:${ACCOUNT}:file-system/${ID}`,
  CreationTime: new Date('2025-01-01T00:00:00Z'),
  LifeCycleState: 'available' as const,
  NumberOfMountTargets: 2,
  SizeInBytes: { Value: 6144 },
  PerformanceMode: 'generalPurpose' as const,
  Encrypted: true,
  KmsKeyId: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  ThroughputMode: 'bursting' as const,
  Tags: [],
};
const policy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: '*', Resource: fileSystem.FileSystemArn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
};
const policyNotFound = (): PolicyNotFound =>
  new PolicyNotFound({ message: 'No policy found', ErrorCode: 'PolicyNotFound', $metadata: { httpStatusCode: 404 } });

describe('efs collector', () => {
  it('maps a file system with its resource policy and backup policy', async () => {
    mock.on(DescribeFileSystemsCommand).resolves({ FileSystems: [fileSystem] });
    mock.on(DescribeFileSystemPolicyCommand, { FileSystemId: ID }).resolves({ FileSystemId: ID, Policy: JSON.stringify(policy) });
    mock.on(DescribeBackupPolicyCommand, { FileSystemId: ID }).resolves({ BackupPolicy: { Status: 'ENABLED' } });
    const out = await collect(testContext().ctx);
    expect(out.fileSystems).toEqual({
      status: 'ok',
      value: [
        {
          id: ID,
          arn: fileSystem.FileSystemArn,
          encrypted: true,
          kmsKeyId: fileSystem.KmsKeyId,
          policy: { status: 'ok', value: policy },
          backupPolicyEnabled: { status: 'ok', value: true },
        },
      ],
    });
  });

  it('PolicyNotFound => policy null and backups not enabled, with no issue recorded', async () => {
    mock.on(DescribeFileSystemsCommand).resolves({ FileSystems: [{ ...fileSystem, Encrypted: false, KmsKeyId: undefined }] });
    mock.on(DescribeFileSystemPolicyCommand).rejects(policyNotFound());
    mock.on(DescribeBackupPolicyCommand).rejects(policyNotFound());
    const { ctx, issues } = testContext();
    const out = await collect(ctx);
    const fs = out.fileSystems.status === 'ok' ? out.fileSystems.value[0] : undefined;
    expect(fs).toEqual({ id: ID, arn: fileSystem.FileSystemArn, encrypted: false, policy: { status: 'ok', value: null }, backupPolicyEnabled: { status: 'ok', value: false } });
    expect(issues).toEqual([]);
  });

  it('a backup policy that is only ENABLING is not enabled', async () => {
    mock.on(DescribeFileSystemsCommand).resolves({ FileSystems: [fileSystem] });
    mock.on(DescribeFileSystemPolicyCommand).rejects(policyNotFound());
    mock.on(DescribeBackupPolicyCommand).resolves({ BackupPolicy: { Status: 'ENABLING' } });
    const out = await collect(testContext().ctx);
    expect(out.fileSystems.status === 'ok' && out.fileSystems.value[0]!.backupPolicyEnabled).toEqual({ status: 'ok', value: false });
  });

  it('ValidationException on DescribeBackupPolicy (AWS Backup not in the region) => not_available', async () => {
    mock.on(DescribeFileSystemsCommand).resolves({ FileSystems: [fileSystem] });
    mock.on(DescribeFileSystemPolicyCommand).rejects(policyNotFound());
    mock.on(DescribeBackupPolicyCommand).rejects(new ValidationException({ message: 'AWS Backup is not available', ErrorCode: 'ValidationException', $metadata: { httpStatusCode: 400 } }));
    const out = await collect(testContext().ctx);
    expect(out.fileSystems.status === 'ok' && out.fileSystems.value[0]!.backupPolicyEnabled).toMatchObject({
      status: 'not_available',
      error: { code: 'BackupNotAvailable', permission: 'elasticfilesystem:DescribeBackupPolicy' },
    });
  });

  it('follows Marker', async () => {
    mock.on(DescribeFileSystemsCommand).resolves({ FileSystems: [fileSystem], NextMarker: 'm2' });
    mock.on(DescribeFileSystemsCommand, { Marker: 'm2' }).resolves({ FileSystems: [{ ...fileSystem, FileSystemId: 'fs-0fedcba9876543210', FileSystemArn: 'arn:x' }] });
    mock.on(DescribeFileSystemPolicyCommand).rejects(policyNotFound());
    mock.on(DescribeBackupPolicyCommand).rejects(policyNotFound());
    const out = await collect(testContext().ctx);
    expect(out.fileSystems.status === 'ok' && out.fileSystems.value.map((f) => f.id)).toEqual([ID, 'fs-0fedcba9876543210']);
  });

  it('AccessDenied on the file system policy => access_denied naming the permission', async () => {
    mock.on(DescribeFileSystemsCommand).resolves({ FileSystems: [fileSystem] });
    mock.on(DescribeFileSystemPolicyCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: elasticfilesystem:DescribeFileSystemPolicy', 403));
    mock.on(DescribeBackupPolicyCommand).resolves({ BackupPolicy: { Status: 'DISABLED' } });
    const out = await collect(testContext().ctx);
    expect(out.fileSystems.status === 'ok' && out.fileSystems.value[0]!.policy).toMatchObject({
      status: 'access_denied',
      error: { permission: 'elasticfilesystem:DescribeFileSystemPolicy' },
    });
  });

  it('no endpoint in the region => not_available', async () => {
    mock.on(DescribeFileSystemsCommand).rejects(dnsNotFound('elasticfilesystem.xx-east-9.amazonaws.com'));
    expect((await collect(testContext('xx-east-9').ctx)).fileSystems.status).toBe('not_available');
  });
});
