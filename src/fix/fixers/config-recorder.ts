import type { AccountInventory, ConfigRecorder } from '../../model/inventory.js';
import type { ApiCall, Fixer } from '../types.js';
import { changeFor } from './common.js';

const call = (service: string, operation: string, region: string, params: Record<string, unknown> = {}, mutating = true): ApiCall => ({ service, operation, region, params, mutating });

export const CONFIG_SLR_NAME = 'AWSServiceRoleForConfig';
export const configSlrArn = (partition: string, account: string) => `arn:${partition}:iam::${account}:role/aws-service-role/config.amazonaws.com/${CONFIG_SLR_NAME}`;

interface RecorderState {
  recorder: { name: string; allSupported: boolean; includeGlobalResourceTypes: boolean } | null;
  recording: boolean;
  deliveryChannel: boolean;
}

function recordsAllSupported(r: ConfigRecorder): boolean {
  return (!r.recordingStrategy || r.recordingStrategy === 'ALL_SUPPORTED_RESOURCE_TYPES') && r.allSupported;
}

/**
 * The region that records global resource types (IAM): the one that already does, else us-east-1
 * when scanned, else the first scanned region. Global types are recorded in one region only, so
 * configuration items for IAM are not duplicated (and billed) in every region.
 */
export function globalRecordingRegion(account: AccountInventory): string {
  for (const region of account.regions) {
    const recs = account.regional[region]?.config.recorders;
    if (recs?.status !== 'ok') continue;
    const rec = recs.value.find((x) => !x.servicePrincipal);
    if (rec && rec.includeGlobalResourceTypes && recordsAllSupported(rec) && rec.status.status === 'ok' && rec.status.value.recording) return region;
  }
  return account.regions.includes('us-east-1') ? 'us-east-1' : account.regions[0] ?? 'us-east-1';
}

/**
 * Per region: a customer configuration recorder that records all supported resource types (global
 * types in one region only), using the AWS Config service-linked role, a delivery channel to
 * --config-bucket, and recording started.
 */
export const configRecorderEnable: Fixer<RecorderState> = {
  id: 'config_recorder_enable',
  title: 'Record all supported resources with AWS Config in the region (service-linked role, delivery channel to --config-bucket)',
  checkIds: ['config_recorder_enabled_all_regions'],
  permissions: [
    'config:DescribeConfigurationRecorders',
    'config:DescribeConfigurationRecorderStatus',
    'config:DescribeDeliveryChannels',
    'config:PutConfigurationRecorder',
    'config:PutDeliveryChannel',
    'config:StartConfigurationRecorder',
    'config:StopConfigurationRecorder',
    'config:DeleteDeliveryChannel',
    'config:DeleteConfigurationRecorder',
    'iam:CreateServiceLinkedRole',
    'iam:PassRole',
  ],
  plan(r, { account, options }) {
    const home = globalRecordingRegion(account);
    // The account-wide "global resource types" result is fixed in the region that records them.
    const region = r.region === 'global' || !account.regional[r.region] ? home : r.region;
    const reg = account.regional[region];
    if (!reg) return { skip: `region ${region} was not scanned` };
    const recs = reg.config.recorders;
    const channels = reg.config.deliveryChannels;
    if (recs.status !== 'ok') return { skip: 'Config recorders were not read' };
    if (channels.status !== 'ok') return { skip: 'Config delivery channels were not read' };
    const rec = recs.value.find((x) => !x.servicePrincipal);
    if (rec && rec.status.status !== 'ok') return { skip: `the status of recorder ${rec.name} was not read` };
    const recording = rec?.status.status === 'ok' ? rec.status.value.recording : false;
    const channel = channels.value[0];
    if (!channel && !options.configBucket) {
      return { skip: 'no delivery channel in this region: give --config-bucket NAME (an existing bucket whose policy lets config.amazonaws.com write) to create one' };
    }
    const includeGlobal = region === home ? true : (rec?.includeGlobalResourceTypes ?? false);
    const name = rec?.name ?? 'default';
    const roleArn = rec?.roleArn ?? configSlrArn(account.partition, account.accountId);
    const before: RecorderState = {
      recorder: rec ? { name: rec.name, allSupported: recordsAllSupported(rec), includeGlobalResourceTypes: rec.includeGlobalResourceTypes } : null,
      recording,
      deliveryChannel: !!channel,
    };
    const after: RecorderState = { recorder: { name, allSupported: true, includeGlobalResourceTypes: includeGlobal }, recording: true, deliveryChannel: true };
    const put = (allSupported: boolean, global: boolean, types?: string[]) =>
      call('config', 'PutConfigurationRecorder', region, {
        ConfigurationRecorder: {
          name,
          roleARN: roleArn,
          recordingGroup: allSupported ? { allSupported: true, includeGlobalResourceTypes: global } : { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: types ?? [] },
        },
      });
    const calls: ApiCall[] = [];
    if (!rec?.roleArn) {
      // Idempotent by intent: an existing service-linked role is what we want.
      calls.push({ ...call('iam', 'CreateServiceLinkedRole', 'us-east-1', { AWSServiceName: 'config.amazonaws.com' }), ignoreErrors: ['InvalidInputException', 'InvalidInput'] });
    }
    const recorderOk = rec && recordsAllSupported(rec) && rec.includeGlobalResourceTypes === includeGlobal;
    if (!recorderOk) calls.push(put(true, includeGlobal));
    if (!channel) calls.push(call('config', 'PutDeliveryChannel', region, { DeliveryChannel: { name: 'default', s3BucketName: options.configBucket } }));
    if (!recording) calls.push(call('config', 'StartConfigurationRecorder', region, { ConfigurationRecorderName: name }));
    const rollback: ApiCall[] = [];
    if (!recording) rollback.push(call('config', 'StopConfigurationRecorder', region, { ConfigurationRecorderName: name }));
    if (!channel) rollback.push(call('config', 'DeleteDeliveryChannel', region, { DeliveryChannelName: 'default' }));
    if (!rec) rollback.push(call('config', 'DeleteConfigurationRecorder', region, { ConfigurationRecorderName: name }));
    else if (!recorderOk) rollback.push(put(recordsAllSupported(rec), rec.includeGlobalResourceTypes, rec.resourceTypes));
    const warnings = [
      'AWS Config bills each configuration item recorded',
      ...(channel ? [] : [`the bucket ${options.configBucket} must allow config.amazonaws.com to write (s3:GetBucketAcl, s3:ListBucket, s3:PutObject with bucket-owner-full-control); PutDeliveryChannel fails otherwise`]),
      ...(rec && !recordsAllSupported(rec) ? [`recorder ${rec.name} recorded selected types only; it will record all supported types`] : []),
    ];
    return changeFor<RecorderState>(this.id, { ...r, region, resourceId: account.accountId }, {
      summary: `AWS Config in ${region}: ${[!recorderOk && (rec ? `record all supported types with ${name}` : `create recorder ${name} (all supported types${includeGlobal ? ', with global IAM types' : ''})`), !channel && `deliver to s3://${options.configBucket}`, !recording && 'start recording'].filter(Boolean).join(', ')}`,
      before,
      after,
      calls,
      rollback,
      cannotRestore: [
        'configuration items and snapshots already delivered stay in the bucket',
        `the service-linked role ${CONFIG_SLR_NAME} stays (other recorders and rules may use it)`,
      ],
      warnings,
    });
  },
  async read(change, aws) {
    const recs = await aws.call(call('config', 'DescribeConfigurationRecorders', change.region, {}, false));
    const list = (recs.ConfigurationRecorders ?? []) as {
      name?: string;
      servicePrincipal?: string;
      recordingGroup?: { allSupported?: boolean; includeGlobalResourceTypes?: boolean; recordingStrategy?: { useOnly?: string } };
    }[];
    const rec = list.find((x) => !x.servicePrincipal);
    let recording = false;
    if (rec?.name) {
      const st = await aws.call(call('config', 'DescribeConfigurationRecorderStatus', change.region, { ConfigurationRecorderNames: [rec.name] }, false));
      recording = ((st.ConfigurationRecordersStatus ?? []) as { recording?: boolean }[]).some((s) => s.recording === true);
    }
    const ch = await aws.call(call('config', 'DescribeDeliveryChannels', change.region, {}, false));
    const strategy = rec?.recordingGroup?.recordingStrategy?.useOnly;
    return {
      recorder: rec?.name
        ? {
            name: rec.name,
            allSupported: rec.recordingGroup?.allSupported === true && (!strategy || strategy === 'ALL_SUPPORTED_RESOURCE_TYPES'),
            includeGlobalResourceTypes: rec.recordingGroup?.includeGlobalResourceTypes === true,
          }
        : null,
      recording,
      deliveryChannel: ((ch.DeliveryChannels ?? []) as unknown[]).length > 0,
    };
  },
};
