import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChange, rollbackEntry } from '../../src/fix/apply.js';
import { AwsExecutor, ReadOnlyExecutor } from '../../src/fix/executor.js';
import { ALL_FIXERS } from '../../src/fix/fixers/index.js';
import { Journal } from '../../src/fix/journal.js';
import { buildPlan } from '../../src/fix/plan.js';
import { iamActionFor } from '../../src/fix/permissions.js';
import { ok } from '../../src/model/collected.js';
import type { SecurityGroup } from '../../src/model/inventory.js';
import type { CheckResult } from '../../src/model/result.js';
import { loadSnapshot } from '../../src/model/snapshot.js';
import { scanInventory } from '../../src/scan/run.js';
import { dataPath } from '../../src/util/paths.js';
import { account, inventory, NOW } from '../helpers/inventory.js';

const REGION = 'eu-west-1';
const SG: SecurityGroup = {
  id: 'sg-0def',
  arn: `arn:aws:ec2:${REGION}:111122223333:security-group/sg-0def`,
  name: 'default',
  vpcId: 'vpc-1',
  ingress: [{ ipProtocol: '-1', ipv4Ranges: [], ipv6Ranges: [], prefixListIds: [], groupRefs: ['sg-0def'] }],
  egress: [{ ipProtocol: '-1', ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [], groupRefs: [] }],
};
const sdkIngress = [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-0def', UserId: '111122223333' }] }];
const sdkEgress = [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }];

function failing(): CheckResult {
  return { checkId: 'ec2_default_sg_closed', status: 'FAIL', severity: 'high', account: '111122223333', region: REGION, resourceType: 'AWS::EC2::SecurityGroup', resourceId: SG.id, resourceArn: SG.arn, reason: 'open', controls: {} };
}

function planFor() {
  const inv = inventory([account({}, { [REGION]: { ec2: { securityGroups: ok([SG]) } } })]);
  return buildPlan(inv, [failing()], ALL_FIXERS, { now: NOW });
}

const ec2 = mockClient(EC2Client);
let journal: Journal;

beforeEach(() => {
  ec2.reset();
  journal = new Journal(mkdtempSync(join(tmpdir(), 'kenro-journal-')));
});
afterEach(() => ec2.reset());

function liveGroup(ingress: unknown[], egress: unknown[]) {
  ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: SG.id, GroupName: 'default', IpPermissions: ingress, IpPermissionsEgress: egress }] as never });
}

describe('fix plan', () => {
  it('plans the exact revoke calls with before and after states', () => {
    const { changes, skipped } = planFor();
    expect(skipped).toEqual([]);
    expect(changes).toHaveLength(1);
    const c = changes[0]!;
    expect(c.fixerId).toBe('ec2_default_sg_close');
    expect(c.calls.map((x) => x.operation)).toEqual(['RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress']);
    expect(c.calls[0]!.params).toEqual({ GroupId: 'sg-0def', IpPermissions: sdkIngress });
    expect(c.calls[1]!.params).toEqual({ GroupId: 'sg-0def', IpPermissions: sdkEgress });
    expect(c.after).toEqual({ ingress: [], egress: [] });
    expect(c.rollback.map((x) => x.operation)).toEqual(['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress']);
  });

  it('honours the selection: --check, --region, --resource, --exclude', () => {
    const inv = inventory([account({}, { [REGION]: { ec2: { securityGroups: ok([SG]) } } })]);
    const plan = (sel: Parameters<typeof buildPlan>[4]) => buildPlan(inv, [failing()], ALL_FIXERS, { now: NOW }, sel).changes.length;
    expect(plan({ checks: ['s3_*'] })).toBe(0);
    expect(plan({ checks: ['ec2_*'] })).toBe(1);
    expect(plan({ regions: ['us-east-1'] })).toBe(0);
    expect(plan({ resources: ['*sg-0def'] })).toBe(1);
    expect(plan({ exclude: ['ec2_default_sg_close'] })).toBe(0);
  });

  it('lists failing results without a fixer as skipped, with the reason', () => {
    const inv = inventory();
    const r = { ...failing(), checkId: 'iam_root_hardware_mfa_enabled' };
    expect(buildPlan(inv, [r], ALL_FIXERS, { now: NOW }).skipped[0]!.reason).toBe('no fixer for this check');
  });

  it('plans the whole demo account without calling anything, and every planned call is in the fixer permissions', () => {
    const inv = loadSnapshot(dataPath('demo', 'snapshot.json'));
    const now = new Date(inv.collectedAt);
    const report = scanInventory(inv, { source: 'demo', now });
    const plan = buildPlan(inv, report.results, ALL_FIXERS, { now, logBucket: 'kumo-s3-access-logs' });
    expect(plan.changes.length).toBeGreaterThan(10);
    expect(ec2.calls()).toHaveLength(0);
    for (const change of plan.changes) {
      const fixer = ALL_FIXERS.find((f) => f.id === change.fixerId)!;
      for (const call of [...change.calls, ...change.rollback]) {
        expect(call.mutating).toBe(true);
        expect(fixer.permissions, `${fixer.id} lists the permission for ${call.service}:${call.operation}`).toContain(iamActionFor(call));
      }
    }
  });
});

describe('fix apply', () => {
  it('a dry run is proven to make no mutating call', async () => {
    liveGroup(sdkIngress, sdkEgress);
    const aws = new ReadOnlyExecutor(new AwsExecutor({}));
    const { entry } = await applyChange(planFor().changes[0]!, aws, { journal, who: 'tester', fixers: ALL_FIXERS });
    expect(entry.outcome).toBe('failed');
    expect(entry.calls[0]!.error).toMatch(/refused: ec2:RevokeSecurityGroupIngress changes AWS and this is a dry run/);
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(0);
    expect(ec2.commandCalls(RevokeSecurityGroupEgressCommand)).toHaveLength(0);
  });

  it('makes the planned calls, verifies by re-reading, and journals who, when, before and after', async () => {
    ec2.on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [{ GroupId: SG.id, IpPermissions: sdkIngress, IpPermissionsEgress: sdkEgress }] as never })
      .resolves({ SecurityGroups: [{ GroupId: SG.id, IpPermissions: [], IpPermissionsEgress: [] }] as never });
    ec2.on(RevokeSecurityGroupIngressCommand).resolves({ Return: true });
    ec2.on(RevokeSecurityGroupEgressCommand).resolves({ Return: true });
    const { entry, journalFile } = await applyChange(planFor().changes[0]!, new AwsExecutor({}), { journal, who: 'arn:aws:sts::111122223333:assumed-role/ops/alice', fixers: ALL_FIXERS });
    expect(entry.outcome).toBe('applied');
    expect(entry.verification).toMatchObject({ stateMatches: true, check: 'PASS' });
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)[0]!.args[0].input).toEqual({ GroupId: 'sg-0def', IpPermissions: sdkIngress });
    expect(ec2.commandCalls(RevokeSecurityGroupEgressCommand)[0]!.args[0].input).toEqual({ GroupId: 'sg-0def', IpPermissions: sdkEgress });
    const saved = JSON.parse(readFileSync(journalFile!, 'utf8'));
    expect(saved).toMatchObject({ kind: 'apply', who: 'arn:aws:sts::111122223333:assumed-role/ops/alice', fixerId: 'ec2_default_sg_close', before: { ingress: [expect.anything()] }, after: { ingress: [], egress: [] } });
    expect(saved.calls).toHaveLength(2);
    expect(Date.parse(saved.when)).not.toBeNaN();
  });

  it('is idempotent: a second apply with the after-state live makes no mutating call and journals nothing', async () => {
    liveGroup([], []);
    const { entry, journalFile } = await applyChange(planFor().changes[0]!, new AwsExecutor({}), { journal, who: 'tester', fixers: ALL_FIXERS });
    expect(entry.outcome).toBe('already-fixed');
    expect(journalFile).toBeUndefined();
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(0);
    expect(readdirSync(journal.dir)).toHaveLength(0);
  });

  it('refuses when the live state drifted from the plan', async () => {
    liveGroup([...sdkIngress, { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }], sdkEgress);
    const { entry } = await applyChange(planFor().changes[0]!, new AwsExecutor({}), { journal, who: 'tester', fixers: ALL_FIXERS });
    expect(entry.outcome).toBe('refused-drift');
    expect(ec2.commandCalls(RevokeSecurityGroupIngressCommand)).toHaveLength(0);
  });

  it('stops at the first failed call and journals the failure', async () => {
    liveGroup(sdkIngress, sdkEgress);
    ec2.on(RevokeSecurityGroupIngressCommand).rejects(Object.assign(new Error('You are not authorized'), { name: 'UnauthorizedOperation' }));
    const { entry } = await applyChange(planFor().changes[0]!, new AwsExecutor({}), { journal, who: 'tester', fixers: ALL_FIXERS });
    expect(entry.outcome).toBe('failed');
    expect(entry.calls).toEqual([expect.objectContaining({ ok: false, error: expect.stringContaining('UnauthorizedOperation') })]);
    expect(ec2.commandCalls(RevokeSecurityGroupEgressCommand)).toHaveLength(0);
  });

  it('rolls back a journaled change with the inverse calls and verifies the before-state', async () => {
    ec2.on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [{ GroupId: SG.id, IpPermissions: sdkIngress, IpPermissionsEgress: sdkEgress }] as never })
      .resolvesOnce({ SecurityGroups: [{ GroupId: SG.id, IpPermissions: [], IpPermissionsEgress: [] }] as never })
      .resolvesOnce({ SecurityGroups: [{ GroupId: SG.id, IpPermissions: [], IpPermissionsEgress: [] }] as never })
      .resolves({ SecurityGroups: [{ GroupId: SG.id, IpPermissions: sdkIngress, IpPermissionsEgress: sdkEgress }] as never });
    const aws = new AwsExecutor({});
    const { entry } = await applyChange(planFor().changes[0]!, aws, { journal, who: 'tester', fixers: ALL_FIXERS });
    const back = await rollbackEntry(entry.id, aws, { journal, who: 'tester', fixers: ALL_FIXERS });
    expect(back).toMatchObject({ kind: 'rollback', rollbackOf: entry.id, outcome: 'rolled-back', verification: { stateMatches: true } });
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)[0]!.args[0].input).toEqual({ GroupId: 'sg-0def', IpPermissions: sdkIngress });
    expect(ec2.commandCalls(AuthorizeSecurityGroupEgressCommand)[0]!.args[0].input).toEqual({ GroupId: 'sg-0def', IpPermissions: sdkEgress });
    expect(journal.list()).toHaveLength(2);
  });

  it('refuses to roll back over later changes unless forced', async () => {
    ec2.on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [{ GroupId: SG.id, IpPermissions: sdkIngress, IpPermissionsEgress: sdkEgress }] as never })
      .resolvesOnce({ SecurityGroups: [{ GroupId: SG.id, IpPermissions: [], IpPermissionsEgress: [] }] as never })
      .resolves({ SecurityGroups: [{ GroupId: SG.id, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }], IpPermissionsEgress: [] }] as never });
    const aws = new AwsExecutor({});
    const { entry } = await applyChange(planFor().changes[0]!, aws, { journal, who: 'tester', fixers: ALL_FIXERS });
    const back = await rollbackEntry(entry.id, aws, { journal, who: 'tester', fixers: ALL_FIXERS });
    expect(back.outcome).toBe('rollback-failed');
    expect(back.message).toMatch(/changed since the fix/);
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)).toHaveLength(0);
  });

  it('rejects a journal id that is not one', () => {
    expect(() => journal.read('../../etc/passwd')).toThrow(/is not a journal id/);
    expect(() => journal.read('20260101T000000Z-abcdef')).toThrow(/no journal entry/);
  });
});
