import { CreateFlowLogsCommand, DeleteFlowLogsCommand, DescribeFlowLogsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateRoleCommand, DeleteRoleCommand, DeleteRolePolicyCommand, GetRoleCommand, IAMClient, NoSuchEntityException, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyChange, rollbackEntry } from '../../src/fix/apply.js';
import { AwsExecutor, ReadOnlyExecutor } from '../../src/fix/executor.js';
import { flowLogsRolePolicy, flowLogsTrustPolicy } from '../../src/fix/fixers/vpc-flow-logs.js';
import type { Vpc } from '../../src/model/inventory.js';
import { account, ACCOUNT_ID, ok } from '../helpers/inventory.js';
import { applyOpts, failing, journaled, mutatingCommands, planOne, skipReason, totalCalls } from './fixers2-common.js';

const ec2 = mockClient(EC2Client);
const logs = mockClient(CloudWatchLogsClient);
const iam = mockClient(IAMClient);
beforeEach(() => [ec2, logs, iam].forEach((m) => m.reset()));

const VPC: Vpc = { id: 'vpc-0abc', arn: `arn:aws:ec2:eu-west-1:${ACCOUNT_ID}:vpc/vpc-0abc`, isDefault: false };
const acct = () => account({}, { 'eu-west-1': { ec2: { vpcs: ok([VPC]), flowLogs: ok([]) } } });
const r = failing('ec2_vpc_flow_logs_enabled', 'eu-west-1', VPC.id, VPC.arn);
const noRole = () => new NoSuchEntityException({ message: 'The role with name kenro-flow-logs-vpc-0abc cannot be found.', $metadata: {} });
const activeFlowLog = { FlowLogs: [{ FlowLogId: 'fl-123', ResourceId: VPC.id, TrafficType: 'ALL', FlowLogStatus: 'ACTIVE' }] } as never;

describe('ec2_vpc_flow_logs_enable, to S3', () => {
  it('plans one CreateFlowLogs with traffic ALL into the --log-bucket, without calling AWS', () => {
    const change = planOne(acct(), r, { logBucket: 'org-logs' });
    expect(totalCalls(ec2, logs, iam)).toBe(0);
    expect(change.calls).toHaveLength(1);
    expect(change.calls[0]!.params).toMatchObject({ ResourceIds: [VPC.id], ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::org-logs' });
    expect(change.before).toEqual({ recordsRejected: false });
    expect(change.after).toEqual({ recordsRejected: true });
  });

  it('needs a bucket when S3 is asked for', () => {
    expect(skipReason(acct(), r, { flowLogsTo: 's3' })).toMatch(/--log-bucket/);
  });

  it('applies, journals, and rolls back with DeleteFlowLogs on the id AWS returned', async () => {
    const change = planOne(acct(), r, { logBucket: 'org-logs' });
    ec2.on(DescribeFlowLogsCommand).resolvesOnce({ FlowLogs: [] }).resolves(activeFlowLog);
    ec2.on(CreateFlowLogsCommand).resolves({ FlowLogIds: ['fl-123'], Unsuccessful: [] });
    const opts = applyOpts();
    const { entry, journalFile } = await applyChange(change, new AwsExecutor(), opts);
    expect(entry.outcome).toBe('applied');
    expect(entry.verification?.stateMatches).toBe(true);
    expect(ec2.commandCalls(CreateFlowLogsCommand)[0]!.args[0].input).toEqual({
      ResourceIds: [VPC.id], ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 's3', LogDestination: 'arn:aws:s3:::org-logs',
      TagSpecifications: [{ ResourceType: 'vpc-flow-log', Tags: [{ Key: 'created-by', Value: 'kenro' }] }],
    });
    const written = journaled(journalFile);
    expect(written.rollback).toEqual([{ service: 'ec2', operation: 'DeleteFlowLogs', region: 'eu-west-1', params: { FlowLogIds: ['fl-123'] }, mutating: true }]);
    expect(written.cannotRestore.join(' ')).toMatch(/never deletes log data/);

    ec2.reset();
    ec2.on(DescribeFlowLogsCommand).resolvesOnce(activeFlowLog).resolves({ FlowLogs: [] });
    ec2.on(DeleteFlowLogsCommand).resolves({ Unsuccessful: [] });
    const back = await rollbackEntry(entry.id, new AwsExecutor(), opts);
    expect(back.outcome).toBe('rolled-back');
    expect(ec2.commandCalls(DeleteFlowLogsCommand)[0]!.args[0].input).toEqual({ FlowLogIds: ['fl-123'] });
  });

  it('is idempotent: with a flow log already recording, no mutating call', async () => {
    const change = planOne(acct(), r, { logBucket: 'org-logs' });
    ec2.on(DescribeFlowLogsCommand).resolves(activeFlowLog);
    const { entry, journalFile } = await applyChange(change, new AwsExecutor(), applyOpts());
    expect(entry.outcome).toBe('already-fixed');
    expect(journalFile).toBeUndefined();
    expect(mutatingCommands(ec2, logs, iam)).toEqual([]);
  });

  it('a dry run through ReadOnlyExecutor makes no mutating call', async () => {
    const change = planOne(acct(), r, { logBucket: 'org-logs' });
    ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
    const { entry } = await applyChange(change, new ReadOnlyExecutor(new AwsExecutor()), applyOpts());
    expect(entry.outcome).toBe('failed');
    expect(entry.calls[0]!.error).toMatch(/dry run/);
    expect(mutatingCommands(ec2, logs, iam)).toEqual([]);
  });
});

describe('ec2_vpc_flow_logs_enable, to CloudWatch Logs', () => {
  const cwl = { flowLogsTo: 'cloud-watch-logs' as const };

  it('creates the log group with retention, a role with the documented trust policy and a least-privilege policy, then the flow log', async () => {
    const change = planOne(acct(), r, cwl);
    expect(change.calls.map((c) => `${c.service}:${c.operation}`)).toEqual([
      'logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'iam:CreateRole', 'iam:PutRolePolicy', 'ec2:CreateFlowLogs',
    ]);
    ec2.on(DescribeFlowLogsCommand).resolvesOnce({ FlowLogs: [] }).resolves(activeFlowLog);
    ec2.on(CreateFlowLogsCommand).resolves({ FlowLogIds: ['fl-9'] });
    logs.on(DescribeLogGroupsCommand).resolvesOnce({ logGroups: [] }).resolves({ logGroups: [{ logGroupName: '/kenro/vpc-flow-logs/vpc-0abc' }] });
    iam.on(GetRoleCommand).rejectsOnce(noRole()).resolves({ Role: { RoleName: 'kenro-flow-logs-vpc-0abc' } as never });
    const opts = applyOpts();
    const { entry } = await applyChange(change, new AwsExecutor(), opts);
    expect(entry.outcome).toBe('applied');
    expect(entry.verification?.stateMatches).toBe(true);
    expect(logs.commandCalls(CreateLogGroupCommand)[0]!.args[0].input.logGroupName).toBe('/kenro/vpc-flow-logs/vpc-0abc');
    expect(logs.commandCalls(PutRetentionPolicyCommand)[0]!.args[0].input).toEqual({ logGroupName: '/kenro/vpc-flow-logs/vpc-0abc', retentionInDays: 365 });
    const role = iam.commandCalls(CreateRoleCommand)[0]!.args[0].input;
    expect(JSON.parse(role.AssumeRolePolicyDocument!)).toEqual(flowLogsTrustPolicy('aws', ACCOUNT_ID, 'eu-west-1'));
    const trust = flowLogsTrustPolicy('aws', ACCOUNT_ID, 'eu-west-1') as { Statement: { Principal: unknown; Condition: unknown }[] };
    expect(trust.Statement[0]!.Principal).toEqual({ Service: 'vpc-flow-logs.amazonaws.com' });
    expect(trust.Statement[0]!.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': ACCOUNT_ID },
      ArnLike: { 'aws:SourceArn': `arn:aws:ec2:eu-west-1:${ACCOUNT_ID}:vpc-flow-log/*` },
    });
    const policy = JSON.parse(iam.commandCalls(PutRolePolicyCommand)[0]!.args[0].input.PolicyDocument!);
    expect(policy).toEqual(flowLogsRolePolicy('aws', ACCOUNT_ID, 'eu-west-1', '/kenro/vpc-flow-logs/vpc-0abc'));
    const actions = (policy.Statement as { Action: string | string[]; Resource: string | string[] }[]).flatMap((s) => [s.Action].flat());
    expect(actions).not.toContain('logs:CreateLogGroup');
    expect(JSON.stringify(policy)).not.toContain('"Resource":"*"');
    expect(ec2.commandCalls(CreateFlowLogsCommand)[0]!.args[0].input).toMatchObject({
      LogDestinationType: 'cloud-watch-logs', LogGroupName: '/kenro/vpc-flow-logs/vpc-0abc',
      DeliverLogsPermissionArn: `arn:aws:iam::${ACCOUNT_ID}:role/kenro-flow-logs-vpc-0abc`, TrafficType: 'ALL',
    });

    // Rollback: flow log, then the role's policy and the role; never the log group.
    expect(entry.rollback.map((c) => c.operation)).toEqual(['DeleteFlowLogs', 'DeleteRolePolicy', 'DeleteRole']);
    [ec2, logs, iam].forEach((m) => m.reset());
    ec2.on(DescribeFlowLogsCommand).resolvesOnce(activeFlowLog).resolves({ FlowLogs: [] });
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [{ logGroupName: '/kenro/vpc-flow-logs/vpc-0abc' }] });
    iam.on(GetRoleCommand).resolvesOnce({ Role: {} as never }).rejects(noRole());
    const back = await rollbackEntry(entry.id, new AwsExecutor(), opts);
    expect(back.outcome).toBe('rolled-back');
    expect(back.verification?.stateMatches).toBe(false);
    expect(back.after).toEqual({ recordsRejected: false, logGroup: true, role: false });
    expect(mutatingCommands(ec2, logs, iam)).toEqual(['DeleteFlowLogs', 'DeleteRolePolicy', 'DeleteRole']);
    expect(iam.commandCalls(DeleteRoleCommand)[0]!.args[0].input).toEqual({ RoleName: 'kenro-flow-logs-vpc-0abc' });
    expect(iam.commandCalls(DeleteRolePolicyCommand)).toHaveLength(1);
  });

  it('reuses a log group and a role that exist, and then does not delete them', () => {
    const a = account({ iam: { roles: ok([{ arn: `arn:aws:iam::${ACCOUNT_ID}:role/kenro-flow-logs-vpc-0abc`, name: 'kenro-flow-logs-vpc-0abc', id: 'AROA', path: '/', createDate: '', trustPolicy: {}, inlinePolicies: [], attachedPolicies: [] }]) } }, {
      'eu-west-1': { ec2: { vpcs: ok([VPC]), flowLogs: ok([]) }, logs: { logGroups: ok([{ name: '/kenro/vpc-flow-logs/vpc-0abc', arn: 'x' }]) } },
    });
    const change = planOne(a, r, cwl);
    expect(change.calls.map((c) => c.operation)).toEqual(['CreateFlowLogs']);
    expect(change.rollback).toEqual([]);
    expect(change.before).toEqual({ recordsRejected: false, logGroup: true, role: true });
  });

  it('refuses when the live state drifted from the plan (the log group appeared meanwhile)', async () => {
    const change = planOne(acct(), r, cwl);
    ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
    logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [{ logGroupName: '/kenro/vpc-flow-logs/vpc-0abc' }] });
    iam.on(GetRoleCommand).rejects(noRole());
    const { entry, journalFile } = await applyChange(change, new AwsExecutor(), applyOpts());
    expect(entry.outcome).toBe('refused-drift');
    expect(journaled(journalFile).outcome).toBe('refused-drift');
    expect(mutatingCommands(ec2, logs, iam)).toEqual([]);
  });

  it('an unsuccessful CreateFlowLogs is not verified', async () => {
    const change = planOne(acct(), r, cwl);
    ec2.on(DescribeFlowLogsCommand).resolves({ FlowLogs: [] });
    ec2.on(CreateFlowLogsCommand).resolves({ FlowLogIds: [], Unsuccessful: [{ ResourceId: VPC.id, Error: { Code: 'InvalidParameter', Message: 'x' } }] });
    logs.on(DescribeLogGroupsCommand).resolvesOnce({ logGroups: [] }).resolves({ logGroups: [{ logGroupName: '/kenro/vpc-flow-logs/vpc-0abc' }] });
    iam.on(GetRoleCommand).rejectsOnce(noRole()).resolves({ Role: {} as never });
    const { entry } = await applyChange(change, new AwsExecutor(), applyOpts());
    expect(entry.verification?.stateMatches).toBe(false);
    expect(entry.rollback.map((c) => c.operation)).toEqual(['DeleteRolePolicy', 'DeleteRole']);
  });
});
