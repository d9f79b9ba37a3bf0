import { BudgetsClient } from '@aws-sdk/client-budgets';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { CreateServiceLinkedRoleCommand, IAMClient, InvalidInputException, NoSuchEntityException } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { AwsExecutor, looksReadOnly, resolveOutputRefs } from '../../src/fix/executor.js';
import { ALL_FIXERS } from '../../src/fix/fixers/index.js';
import { buildPlan } from '../../src/fix/plan.js';
import { iamActionFor } from '../../src/fix/permissions.js';
import type { ApiCall, FixOptions } from '../../src/fix/types.js';
import { loadSnapshot } from '../../src/model/snapshot.js';
import { scanInventory } from '../../src/scan/run.js';
import { dataPath } from '../../src/util/paths.js';

const MINE = ['ec2_vpc_flow_logs_enable', 'cloudtrail_multi_region_enable', 'config_recorder_enable', 'cis_monitoring_alarms_create', 'billing_budget_create'];
/** AWS Budgets authorizes its API with two actions (Service Authorization Reference, AWS Budgets). */
const BUDGETS: Record<string, string> = { 'budgets:CreateBudget': 'budgets:ModifyBudget', 'budgets:DeleteBudget': 'budgets:ModifyBudget', 'budgets:DescribeBudget': 'budgets:ViewBudget' };
const action = (c: Pick<ApiCall, 'service' | 'operation'>) => BUDGETS[`${c.service}:${c.operation}`] ?? iamActionFor(c);

describe('the new fixers on the demo account', () => {
  const inv = loadSnapshot(dataPath('demo', 'snapshot.json'));
  const now = new Date(inv.collectedAt);
  const results = scanInventory(inv, { source: 'demo', now }).results;
  const common: Partial<FixOptions> = { configBucket: 'cfg', alarmEmail: 'sec@example.com', budgetEmail: 'b@example.com', budgetAmount: 50 };
  const mocks = [
    mockClient(EC2Client), mockClient(IAMClient), mockClient(KMSClient), mockClient(S3Client), mockClient(CloudTrailClient),
    mockClient(ConfigServiceClient), mockClient(CloudWatchClient), mockClient(CloudWatchLogsClient), mockClient(SNSClient), mockClient(BudgetsClient),
  ];
  const changes = [{ ...common, logBucket: 'logs', flowLogsTo: 's3' as const }, { ...common, flowLogsTo: 'cloud-watch-logs' as const }]
    .flatMap((o) => buildPlan(inv, results, ALL_FIXERS, { now, ...o }).changes)
    .filter((c) => MINE.includes(c.fixerId));

  it('plan a change for each of them, calling nothing', () => {
    expect(new Set(changes.map((c) => c.fixerId))).toEqual(new Set(MINE));
    expect(mocks.reduce((n, m) => n + m.calls().length, 0)).toBe(0);
  });

  it('declare the IAM permission of every call they plan, and mark exactly the changing calls as mutating', () => {
    for (const c of changes) {
      const fixer = ALL_FIXERS.find((f) => f.id === c.fixerId)!;
      for (const call of [...c.calls, ...c.rollback]) {
        expect(fixer.permissions, `${fixer.id}: ${call.service}:${call.operation}`).toContain(action(call));
        expect(call.mutating, `${call.service}:${call.operation}`).toBe(!looksReadOnly(call.operation));
      }
    }
  });
});

describe('executor additions', () => {
  it('resolves output references against the latest call of that operation, and fails loudly when there is none', () => {
    const made = [
      { call: { service: 'kms', operation: 'CreateKey', region: 'r', params: {}, mutating: true }, output: { KeyMetadata: { KeyId: 'old' } } },
      { call: { service: 'kms', operation: 'CreateKey', region: 'r', params: {}, mutating: true }, output: { KeyMetadata: { KeyId: 'new' } } },
    ];
    expect(resolveOutputRefs({ A: [{ B: { $output: 'kms:CreateKey', path: 'KeyMetadata.KeyId' } }], C: 'x' }, made)).toEqual({ A: [{ B: 'new' }], C: 'x' });
    expect(() => resolveOutputRefs({ $output: 's3:CreateBucket', path: 'Location' }, made)).toThrow(/was not called/);
    expect(() => resolveOutputRefs({ $output: 'kms:CreateKey', path: 'KeyMetadata.Arn' }, made)).toThrow(/has no KeyMetadata.Arn/);
  });

  it('treats only the listed error codes of a call as success', async () => {
    const iam = mockClient(IAMClient);
    iam.on(CreateServiceLinkedRoleCommand).rejects(new InvalidInputException({ message: 'taken', $metadata: {} }));
    const call: ApiCall = { service: 'iam', operation: 'CreateServiceLinkedRole', region: 'us-east-1', params: { AWSServiceName: 'config.amazonaws.com' }, mutating: true };
    await expect(new AwsExecutor().call(call)).rejects.toThrow(/taken/);
    await expect(new AwsExecutor().call({ ...call, ignoreErrors: ['InvalidInputException', 'InvalidInput'] })).resolves.toEqual({ $ignoredError: 'InvalidInputException' });
    iam.on(CreateServiceLinkedRoleCommand).rejects(new NoSuchEntityException({ message: 'other', $metadata: {} }));
    await expect(new AwsExecutor().call({ ...call, ignoreErrors: ['InvalidInputException'] })).rejects.toThrow(/other/);
    iam.restore();
  });
});
