import type { ApiCall, Executor, Fixer, PlannedChange } from '../types.js';
import { changeFor, hasCode, regionOf } from './common.js';

const call = (service: string, operation: string, region: string, params: Record<string, unknown> = {}, mutating = true): ApiCall => ({ service, operation, region, params, mutating });

/** Days kenro keeps flow-log records in the log group it creates. */
export const FLOW_LOG_RETENTION_DAYS = 365;

export const flowLogGroupName = (vpcId: string) => `/kenro/vpc-flow-logs/${vpcId}`;
export const flowLogRoleName = (vpcId: string) => `kenro-flow-logs-${vpcId}`;
export const FLOW_LOG_POLICY_NAME = 'kenro-flow-logs-delivery';

/**
 * The documented trust policy for flow logs to CloudWatch Logs, with the confused-deputy
 * conditions (aws:SourceAccount, aws:SourceArn) AWS recommends.
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
 */
export function flowLogsTrustPolicy(partition: string, account: string, region: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:ec2:${region}:${account}:vpc-flow-log/*` },
        },
      },
    ],
  };
}

/** Least privilege: write streams and events into the one log group kenro created, nothing else. */
export function flowLogsRolePolicy(partition: string, account: string, region: string, logGroup: string): Record<string, unknown> {
  const groupArn = `arn:${partition}:logs:${region}:${account}:log-group:${logGroup}`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'WriteFlowLogRecords',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: [groupArn, `${groupArn}:*`],
      },
      {
        Sid: 'FindTheLogGroup',
        Effect: 'Allow',
        Action: 'logs:DescribeLogGroups',
        Resource: `arn:${partition}:logs:${region}:${account}:log-group:*`,
      },
    ],
  };
}

interface FlowLogState {
  /** An active flow log on the VPC records rejected traffic (REJECT or ALL). */
  recordsRejected: boolean;
  /** CloudWatch Logs destination only: the log group and the delivery role exist. */
  logGroup?: boolean;
  role?: boolean;
}

async function readFlowLogs(aws: Executor, region: string, vpcId: string): Promise<boolean> {
  const out = await aws.call(call('ec2', 'DescribeFlowLogs', region, { Filter: [{ Name: 'resource-id', Values: [vpcId] }] }, false));
  const logs = (out.FlowLogs ?? []) as { TrafficType?: string; FlowLogStatus?: string }[];
  return logs.some((f) => (f.TrafficType === 'ALL' || f.TrafficType === 'REJECT') && (f.FlowLogStatus === undefined || f.FlowLogStatus === 'ACTIVE'));
}

async function logGroupExists(aws: Executor, region: string, name: string): Promise<boolean> {
  const out = await aws.call(call('logs', 'DescribeLogGroups', region, { logGroupNamePrefix: name }, false));
  return ((out.logGroups ?? []) as { logGroupName?: string }[]).some((g) => g.logGroupName === name);
}

async function roleExists(aws: Executor, name: string): Promise<boolean> {
  try {
    await aws.call(call('iam', 'GetRole', 'us-east-1', { RoleName: name }, false));
    return true;
  } catch (err) {
    if (hasCode(err, 'NoSuchEntity', 'NoSuchEntityException')) return false;
    throw err;
  }
}

/**
 * Creates a flow log (traffic type ALL, the superset of the REJECT that CIS accepts) on a VPC that
 * has none recording rejected traffic: into the --log-bucket S3 bucket, or into a CloudWatch Logs
 * group with a delivery role that kenro creates for this VPC alone.
 */
export const vpcFlowLogsEnable: Fixer<FlowLogState> = {
  id: 'ec2_vpc_flow_logs_enable',
  title: 'Create a VPC flow log (traffic ALL) to S3 (--log-bucket) or to CloudWatch Logs with a delivery role kenro creates',
  checkIds: ['ec2_vpc_flow_logs_enabled'],
  permissions: [
    'ec2:DescribeFlowLogs',
    'ec2:CreateFlowLogs',
    'ec2:CreateTags',
    'ec2:DeleteFlowLogs',
    'logs:CreateLogDelivery',
    'logs:DeleteLogDelivery',
    's3:GetBucketPolicy',
    's3:PutBucketPolicy',
    'logs:DescribeLogGroups',
    'logs:CreateLogGroup',
    'logs:PutRetentionPolicy',
    'logs:TagResource',
    'iam:GetRole',
    'iam:CreateRole',
    'iam:TagRole',
    'iam:PutRolePolicy',
    'iam:PassRole',
    'iam:DeleteRolePolicy',
    'iam:DeleteRole',
  ],
  plan(r, { account, options }) {
    const region = regionOf(account, r.region);
    const vpcs = region?.ec2.vpcs;
    if (vpcs?.status !== 'ok') return { skip: 'VPCs were not read' };
    const vpc = vpcs.value.find((v) => v.id === r.resourceId || v.arn === r.resourceArn);
    if (!vpc) return { skip: `VPC ${r.resourceId} is not in the inventory` };
    const to = options.flowLogsTo ?? (options.logBucket ? 's3' : 'cloud-watch-logs');
    const base = { TrafficType: 'ALL', ResourceType: 'VPC', ResourceIds: [vpc.id], TagSpecifications: [{ ResourceType: 'vpc-flow-log', Tags: [{ Key: 'created-by', Value: 'kenro' }] }] };
    if (to === 's3') {
      if (!options.logBucket) return { skip: 'flow logs to S3 need --log-bucket NAME (or --flow-logs-to cloud-watch-logs)' };
      return changeFor(this.id, { ...r, resourceId: vpc.id }, {
        summary: `create a flow log (ALL traffic) for ${vpc.id} into s3://${options.logBucket}`,
        before: { recordsRejected: false },
        after: { recordsRejected: true },
        calls: [call('ec2', 'CreateFlowLogs', r.region, { ...base, LogDestinationType: 's3', LogDestination: `arn:${account.partition}:s3:::${options.logBucket}` })],
        rollback: [],
        cannotRestore: [
          `flow-log records already written to s3://${options.logBucket} stay (kenro never deletes log data)`,
          'if AWS added a statement for delivery.logs.amazonaws.com to the bucket policy, it stays',
        ],
        warnings: [
          `AWS adds a statement for delivery.logs.amazonaws.com to the policy of ${options.logBucket} when it lacks one (the bucket must be yours and in the same partition)`,
          'flow-log records are billed as vended logs by volume',
        ],
      });
    }
    const logs = region!.logs.logGroups;
    const roles = account.iam.roles;
    if (logs.status !== 'ok') return { skip: 'log groups were not read' };
    if (roles.status !== 'ok') return { skip: 'IAM roles were not read' };
    const group = flowLogGroupName(vpc.id);
    const roleName = flowLogRoleName(vpc.id);
    const haveGroup = logs.value.some((g) => g.name === group);
    const haveRole = roles.value.some((x) => x.name === roleName);
    const roleArn = `arn:${account.partition}:iam::${account.accountId}:role/${roleName}`;
    const calls: ApiCall[] = [];
    if (!haveGroup) {
      calls.push(call('logs', 'CreateLogGroup', r.region, { logGroupName: group, tags: { 'created-by': 'kenro' } }));
      calls.push(call('logs', 'PutRetentionPolicy', r.region, { logGroupName: group, retentionInDays: FLOW_LOG_RETENTION_DAYS }));
    }
    if (!haveRole) {
      calls.push(
        call('iam', 'CreateRole', 'us-east-1', {
          RoleName: roleName,
          Description: `kenro: lets VPC Flow Logs write ${vpc.id} records to ${group} in ${r.region}`,
          AssumeRolePolicyDocument: JSON.stringify(flowLogsTrustPolicy(account.partition, account.accountId, r.region)),
          Tags: [{ Key: 'created-by', Value: 'kenro' }],
        }),
      );
      calls.push(
        call('iam', 'PutRolePolicy', 'us-east-1', {
          RoleName: roleName,
          PolicyName: FLOW_LOG_POLICY_NAME,
          PolicyDocument: JSON.stringify(flowLogsRolePolicy(account.partition, account.accountId, r.region, group)),
        }),
      );
    }
    calls.push(call('ec2', 'CreateFlowLogs', r.region, { ...base, LogDestinationType: 'cloud-watch-logs', LogGroupName: group, DeliverLogsPermissionArn: roleArn }));
    // Rollback of what this change creates, in reverse; the flow log's id comes from CreateFlowLogs.
    const rollback: ApiCall[] = [];
    if (!haveRole) {
      rollback.push(call('iam', 'DeleteRolePolicy', 'us-east-1', { RoleName: roleName, PolicyName: FLOW_LOG_POLICY_NAME }));
      rollback.push(call('iam', 'DeleteRole', 'us-east-1', { RoleName: roleName }));
    }
    return changeFor(this.id, { ...r, resourceId: vpc.id }, {
      summary: `create a flow log (ALL traffic) for ${vpc.id} into CloudWatch Logs group ${group}${haveRole ? '' : ` with delivery role ${roleName}`}`,
      before: { recordsRejected: false, logGroup: haveGroup, role: haveRole },
      after: { recordsRejected: true, logGroup: true, role: true },
      calls,
      rollback,
      cannotRestore: [`the log group ${group} and the flow-log records in it stay: kenro never deletes log data (delete the group yourself when it is no longer needed)`],
      warnings: [
        `records are kept ${FLOW_LOG_RETENTION_DAYS} days and billed as vended logs by volume`,
        'a role that was just created can take a few seconds to be usable: if the flow log shows a delivery error, re-run kenro fix',
      ],
    });
  },
  async read(change, aws) {
    const vpcId = change.resourceId;
    const recordsRejected = await readFlowLogs(aws, change.region, vpcId);
    if (change.before.logGroup === undefined) return { recordsRejected };
    return {
      recordsRejected,
      logGroup: await logGroupExists(aws, change.region, flowLogGroupName(vpcId)),
      role: await roleExists(aws, flowLogRoleName(vpcId)),
    };
  },
  rollbackFromOutputs(change: PlannedChange<FlowLogState>, outputs) {
    const ids = outputs.flatMap((o) => (Array.isArray(o.FlowLogIds) ? (o.FlowLogIds as string[]) : []));
    const del = ids.length ? [call('ec2', 'DeleteFlowLogs', change.region, { FlowLogIds: ids })] : [];
    return [...del, ...change.rollback];
  },
};
