import { describe, expect, it } from 'vitest';
import { readError, splitWhat } from '../../src/checks/readErrors.js';
import { denied, failed } from '../helpers/inventory.js';

const ref = { region: 'us-east-1', resourceId: 'x' };

describe('readError', () => {
  it('splits a trailing permission list off the description', () => {
    expect(splitWhat('KMS keys (kms:ListKeys, kms:DescribeKey)')).toEqual({ what: 'KMS keys', permission: 'kms:ListKeys, kms:DescribeKey' });
    expect(splitWhat('whether S3 ignores grants (Block Public Access)')).toEqual({ what: 'whether S3 ignores grants (Block Public Access)' });
  });
  it('names the permission once when the collector recorded it', () => {
    const f = readError(ref, denied('ecr:DescribeRepositories'), 'ECR repositories (ecr:DescribeRepositories)', ' in us-east-1');
    expect(f.status).toBe('ERROR');
    expect(f.reason).toBe('could not read ECR repositories in us-east-1: access denied (needs ecr:DescribeRepositories)');
  });
  it('supplies the permission when the collector did not (throttling, timeouts)', () => {
    const f = readError(ref, failed('failed', 'Throttling'), 'EBS volumes (ec2:DescribeVolumes)');
    expect(f.reason).toContain('Throttling');
    expect(f.reason).toContain('(needs ec2:DescribeVolumes)');
  });
});

describe('regions in scope without inventory', () => {
  it('give ERROR rather than no result', async () => {
    const { account } = await import('../helpers/inventory.js');
    const { runChecks } = await import('../../src/checks/engine.js');
    const { checks } = await import('../../src/checks/ec2.js');
    const acct = account({ regions: ['us-east-1', 'eu-west-1'] });
    delete acct.regional['eu-west-1'];
    const ids = ['ec2_ebs_default_encryption', 'ec2_default_sg_closed'];
    const res = runChecks({ schemaVersion: 1, kenroVersion: 't', source: { kind: 'generated' }, collectedAt: '2026-01-01T00:00:00Z', accounts: [acct] }, checks.filter((c) => ids.includes(c.meta.id)));
    const eu = res.filter((r) => r.region === 'eu-west-1');
    expect(eu.map((r) => r.status)).toEqual(['ERROR', 'ERROR']);
    expect(eu[0]!.reason).toContain('the inventory has no data for eu-west-1');
  });
});
