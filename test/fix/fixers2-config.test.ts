import {
  ConfigServiceClient, DeleteConfigurationRecorderCommand, DeleteDeliveryChannelCommand, DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand, DescribeDeliveryChannelsCommand, PutConfigurationRecorderCommand, PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand, StopConfigurationRecorderCommand,
} from '@aws-sdk/client-config-service';
import { CreateServiceLinkedRoleCommand, IAMClient, InvalidInputException } from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyChange, rollbackEntry } from '../../src/fix/apply.js';
import { AwsExecutor, ReadOnlyExecutor } from '../../src/fix/executor.js';
import type { ConfigRecorder } from '../../src/model/inventory.js';
import { account, ACCOUNT_ID, ok } from '../helpers/inventory.js';
import { applyOpts, failing, journaled, mutatingCommands, planOne, skipReason, totalCalls } from './fixers2-common.js';

const cfg = mockClient(ConfigServiceClient);
const iam = mockClient(IAMClient);
beforeEach(() => [cfg, iam].forEach((m) => m.reset()));

const SLR = `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
const opts = { configBucket: 'config-history' };

function liveRecorder(global: boolean, recording: boolean) {
  cfg.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [{ name: 'default', roleARN: SLR, recordingGroup: { allSupported: true, includeGlobalResourceTypes: global } }] });
  cfg.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording }] });
  cfg.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [{ name: 'default', s3BucketName: 'config-history' }] });
}
function liveNothing() {
  cfg.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: [] });
  cfg.on(DescribeDeliveryChannelsCommand).resolves({ DeliveryChannels: [] });
}

describe('config_recorder_enable', () => {
  it('plans recorder, channel and start per region; global types only in the home region', () => {
    const a = account();
    const home = planOne(a, failing('config_recorder_enabled_all_regions', 'us-east-1', ACCOUNT_ID), opts);
    const other = planOne(a, failing('config_recorder_enabled_all_regions', 'eu-west-1', ACCOUNT_ID), opts);
    expect(totalCalls(cfg, iam)).toBe(0);
    expect(home.calls.map((c) => `${c.service}:${c.operation}`)).toEqual(['iam:CreateServiceLinkedRole', 'config:PutConfigurationRecorder', 'config:PutDeliveryChannel', 'config:StartConfigurationRecorder']);
    expect(home.calls[1]!.params).toEqual({ ConfigurationRecorder: { name: 'default', roleARN: SLR, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } } });
    expect(other.calls[1]!.params).toEqual({ ConfigurationRecorder: { name: 'default', roleARN: SLR, recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } } });
    expect(home.calls[2]!.params).toEqual({ DeliveryChannel: { name: 'default', s3BucketName: 'config-history' } });
    expect(home.rollback.map((c) => c.operation)).toEqual(['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'DeleteConfigurationRecorder']);
  });

  it('the account-wide global-types result becomes the home region\'s change', () => {
    const a = account();
    const g = planOne(a, failing('config_recorder_enabled_all_regions', 'global', ACCOUNT_ID), opts);
    const home = planOne(a, failing('config_recorder_enabled_all_regions', 'us-east-1', ACCOUNT_ID), opts);
    expect(g.id).toBe(home.id);
  });

  it('keeps global types where they are already recorded', () => {
    const rec: ConfigRecorder = { name: 'default', roleArn: SLR, allSupported: true, includeGlobalResourceTypes: true, status: ok({ recording: true }) };
    const a = account({}, { 'eu-west-1': { config: { recorders: ok([rec]), deliveryChannels: ok([{ name: 'default', s3BucketName: 'b' }]) } } });
    const change = planOne(a, failing('config_recorder_enabled_all_regions', 'us-east-1', ACCOUNT_ID), opts);
    expect(change.calls.find((c) => c.operation === 'PutConfigurationRecorder')!.params).toMatchObject({ ConfigurationRecorder: { recordingGroup: { includeGlobalResourceTypes: false } } });
  });

  it('skips with a clear reason without a delivery channel or --config-bucket', () => {
    expect(skipReason(account(), failing('config_recorder_enabled_all_regions', 'eu-west-1', ACCOUNT_ID))).toMatch(/--config-bucket/);
  });

  it('applies the exact calls (an existing service-linked role is fine), journals, and rolls back only what it created', async () => {
    const change = planOne(account(), failing('config_recorder_enabled_all_regions', 'eu-west-1', ACCOUNT_ID), opts);
    iam.on(CreateServiceLinkedRoleCommand).rejects(new InvalidInputException({ message: 'Service role name AWSServiceRoleForConfig has been taken in this account, please try a different suffix.', $metadata: {} }));
    cfg.on(DescribeConfigurationRecordersCommand)
      .resolvesOnce({ ConfigurationRecorders: [] })
      .resolves({ ConfigurationRecorders: [{ name: 'default', roleARN: SLR, recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } }] });
    cfg.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording: true }] });
    cfg.on(DescribeDeliveryChannelsCommand).resolvesOnce({ DeliveryChannels: [] }).resolves({ DeliveryChannels: [{ name: 'default' }] });
    const o = applyOpts();
    const { entry, journalFile } = await applyChange(change, new AwsExecutor(), o);
    expect(entry.outcome).toBe('applied');
    expect(entry.verification?.stateMatches).toBe(true);
    expect(iam.commandCalls(CreateServiceLinkedRoleCommand)[0]!.args[0].input).toEqual({ AWSServiceName: 'config.amazonaws.com' });
    expect(cfg.commandCalls(PutConfigurationRecorderCommand)[0]!.args[0].input).toEqual({
      ConfigurationRecorder: { name: 'default', roleARN: SLR, recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } },
    });
    expect(cfg.commandCalls(PutDeliveryChannelCommand)[0]!.args[0].input).toEqual({ DeliveryChannel: { name: 'default', s3BucketName: 'config-history' } });
    expect(cfg.commandCalls(StartConfigurationRecorderCommand)[0]!.args[0].input).toEqual({ ConfigurationRecorderName: 'default' });
    expect(journaled(journalFile).calls.map((c) => c.ok)).toEqual([true, true, true, true]);

    [cfg, iam].forEach((m) => m.reset());
    cfg.on(DescribeConfigurationRecordersCommand)
      .resolvesOnce({ ConfigurationRecorders: [{ name: 'default', roleARN: SLR, recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } }] })
      .resolves({ ConfigurationRecorders: [] });
    cfg.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording: true }] });
    cfg.on(DescribeDeliveryChannelsCommand).resolvesOnce({ DeliveryChannels: [{ name: 'default' }] }).resolves({ DeliveryChannels: [] });
    const back = await rollbackEntry(entry.id, new AwsExecutor(), o);
    expect(back.outcome).toBe('rolled-back');
    expect(back.verification?.stateMatches).toBe(true);
    expect(mutatingCommands(cfg, iam)).toEqual(['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'DeleteConfigurationRecorder']);
    expect(cfg.commandCalls(DeleteDeliveryChannelCommand)[0]!.args[0].input).toEqual({ DeliveryChannelName: 'default' });
    expect(cfg.commandCalls(StopConfigurationRecorderCommand)).toHaveLength(1);
    expect(cfg.commandCalls(DeleteConfigurationRecorderCommand)).toHaveLength(1);
  });

  it('only starts a stopped recorder, and rollback only stops it again', async () => {
    const rec: ConfigRecorder = { name: 'default', roleArn: SLR, allSupported: true, includeGlobalResourceTypes: true, status: ok({ recording: false }) };
    const a = account({}, { 'us-east-1': { config: { recorders: ok([rec]), deliveryChannels: ok([{ name: 'default', s3BucketName: 'b' }]) } } });
    const change = planOne(a, failing('config_recorder_enabled_all_regions', 'us-east-1', ACCOUNT_ID));
    expect(change.calls.map((c) => c.operation)).toEqual(['StartConfigurationRecorder']);
    expect(change.rollback.map((c) => c.operation)).toEqual(['StopConfigurationRecorder']);
  });

  it('is idempotent, refuses drift, and a dry run makes no mutating call', async () => {
    const change = planOne(account(), failing('config_recorder_enabled_all_regions', 'us-east-1', ACCOUNT_ID), opts);
    liveRecorder(true, true);
    expect((await applyChange(change, new AwsExecutor(), applyOpts())).entry.outcome).toBe('already-fixed');
    expect(mutatingCommands(cfg, iam)).toEqual([]);

    cfg.reset();
    liveRecorder(false, false); // someone created a different recorder meanwhile
    expect((await applyChange(change, new AwsExecutor(), applyOpts())).entry.outcome).toBe('refused-drift');
    expect(mutatingCommands(cfg, iam)).toEqual([]);

    cfg.reset();
    liveNothing();
    const dry = await applyChange(change, new ReadOnlyExecutor(new AwsExecutor()), applyOpts());
    expect(dry.entry.outcome).toBe('failed');
    expect(mutatingCommands(cfg, iam)).toEqual([]);
  });
});
