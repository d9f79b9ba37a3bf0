/**
 * AWS Config for one region: the `config` key of RegionInventory.
 *
 * DescribeConfigurationRecorders (one response, no pagination) returns the customer managed
 * recorder; each recorder's status comes from DescribeConfigurationRecorderStatus, matched by ARN
 * when both have one, else by name. DescribeDeliveryChannels is one response;
 * DescribeConfigRules is paginated.
 */
import type { ConfigurationRecorder, ConfigurationRecorderStatus } from '@aws-sdk/client-config-service';
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeDeliveryChannelsCommand,
  paginateDescribeConfigRules,
} from '@aws-sdk/client-config-service';
import type { Collected } from '../../../model/collected.js';
import { notCollected, ok } from '../../../model/collected.js';
import type { ConfigRecorder, RegionInventory } from '../../../model/inventory.js';
import { mapOk } from '../call.js';
import type { RegionContext } from '../context.js';
import { forService } from '../notInRegion.js';

export async function collect(base: RegionContext): Promise<RegionInventory['config']> {
  const ctx = forService(base, 'AWS Config');
  const cfg = ctx.client(ConfigServiceClient);
  const [recorders, statuses, channels, rules] = await Promise.all([
    ctx.call('config:DescribeConfigurationRecorders', () => cfg.send(new DescribeConfigurationRecordersCommand({})), {
      what: 'config recorders',
    }),
    ctx.call('config:DescribeConfigurationRecorderStatus', () => cfg.send(new DescribeConfigurationRecorderStatusCommand({})), {
      what: 'config recorder status',
    }),
    ctx.call('config:DescribeDeliveryChannels', () => cfg.send(new DescribeDeliveryChannelsCommand({})), {
      what: 'config delivery channels',
    }),
    ctx.list(
      'config:DescribeConfigRules',
      () => paginateDescribeConfigRules({ client: cfg }, {}),
      (p) =>
        (p.ConfigRules ?? []).map((r) => {
          const rule: { name: string; arn?: string; sourceIdentifier?: string; owner: string; state?: string } = {
            name: r.ConfigRuleName ?? '',
            owner: r.Source?.Owner ?? '',
          };
          if (r.ConfigRuleArn) rule.arn = r.ConfigRuleArn;
          if (r.Source?.SourceIdentifier) rule.sourceIdentifier = r.Source.SourceIdentifier;
          if (r.ConfigRuleState) rule.state = r.ConfigRuleState;
          return rule;
        }),
      { what: 'config rules' },
    ),
  ]);

  return {
    recorders: mapOk(recorders, (r) => (r.ConfigurationRecorders ?? []).map((rec) => toRecorder(ctx, rec, statuses))),
    deliveryChannels: mapOk(channels, (r) =>
      (r.DeliveryChannels ?? []).map((c) => {
        const ch: { name: string; s3BucketName?: string; snsTopicArn?: string } = { name: c.name ?? '' };
        if (c.s3BucketName) ch.s3BucketName = c.s3BucketName;
        if (c.snsTopicARN) ch.snsTopicArn = c.snsTopicARN;
        return ch;
      }),
    ),
    rules,
  };
}

type StatusResponse = Collected<{ ConfigurationRecordersStatus?: ConfigurationRecorderStatus[] | undefined }>;

function toRecorder(ctx: RegionContext, rec: ConfigurationRecorder, statuses: StatusResponse): ConfigRecorder {
  const group = rec.recordingGroup;
  const out: ConfigRecorder = {
    name: rec.name ?? '',
    allSupported: group?.allSupported === true,
    includeGlobalResourceTypes: group?.includeGlobalResourceTypes === true,
    status: statusOf(ctx, rec, statuses),
  };
  if (rec.roleARN) out.roleArn = rec.roleARN;
  if (group?.recordingStrategy?.useOnly) out.recordingStrategy = group.recordingStrategy.useOnly;
  const types = group?.recordingStrategy?.useOnly === 'EXCLUSION_BY_RESOURCE_TYPES' ? undefined : group?.resourceTypes;
  if (types?.length) out.resourceTypes = [...types];
  if (rec.servicePrincipal) out.servicePrincipal = rec.servicePrincipal;
  if (rec.recordingScope) out.recordingScope = rec.recordingScope;
  return out;
}

/** The recorder's status; a recorder the status call did not answer for is `failed` (recorded). */
function statusOf(ctx: RegionContext, rec: ConfigurationRecorder, statuses: StatusResponse): ConfigRecorder['status'] {
  if (statuses.status !== 'ok') return statuses;
  const list = statuses.value.ConfigurationRecordersStatus ?? [];
  const s = list.find((x) => (rec.arn && x.arn ? x.arn === rec.arn : x.name === rec.name));
  if (!s) {
    const recorder = rec.name ?? rec.arn ?? '';
    const message = `DescribeConfigurationRecorderStatus returned no status for recorder ${recorder}`;
    ctx.note('config:DescribeConfigurationRecorderStatus', `config recorder status (${recorder})`, 'StatusMissing', message);
    return notCollected('failed', { code: 'StatusMissing', message, permission: 'config:DescribeConfigurationRecorderStatus' });
  }
  const out: { recording: boolean; lastStatus?: string; lastErrorCode?: string } = { recording: s.recording === true };
  if (s.lastStatus) out.lastStatus = s.lastStatus;
  if (s.lastErrorCode) out.lastErrorCode = s.lastErrorCode;
  return ok(out);
}
