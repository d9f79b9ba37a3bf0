import type { ConfigRecorder } from '../model/inventory.js';
import type { Check, Finding } from './types.js';
import { accountRef, errorFinding, fail, pass, regionsOf } from './helpers.js';

function recordsAllSupported(r: ConfigRecorder): boolean {
  if (r.recordingStrategy && r.recordingStrategy !== 'ALL_SUPPORTED_RESOURCE_TYPES') return false;
  return r.allSupported;
}

const enabledAllRegions: Check = {
  meta: {
    id: 'config_recorder_enabled_all_regions',
    title: 'AWS Config records all supported resources in every region',
    severity: 'medium',
    service: 'config',
    resourceType: 'AWS::::Account',
    description:
      'Each scanned region needs a customer configuration recorder (not a service-linked one) that records all supported ' +
      'resource types, is currently recording, and has a delivery channel. Global resource types (IAM) must be recorded ' +
      'in at least one region.',
    risk: 'Without Config, there is no history of how resources were configured, which hinders investigation and compliance evidence.',
    remediation: {
      cli: 'aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=ROLE_ARN --recording-group allSupported=true,includeGlobalResourceTypes=true\naws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=BUCKET\naws configservice start-configuration-recorder --configuration-recorder-name default',
      docs: 'https://docs.aws.amazon.com/config/latest/developerguide/gs-console.html',
    },
  },
  run(account) {
    const out: Finding[] = [];
    let globalRecorded = false;
    let globalUnknown = false;
    for (const [region, r] of regionsOf(account)) {
      const ref = accountRef(account, region);
      const recs = r.config.recorders;
      if (recs.status !== 'ok') {
        out.push(errorFinding(ref, recs, `Config recorders in ${region} (config:DescribeConfigurationRecorders)`));
        globalUnknown = true;
        continue;
      }
      const own = recs.value.filter((x) => !x.servicePrincipal);
      if (own.length === 0) {
        out.push(fail(ref, 'no customer configuration recorder exists in this region'));
        continue;
      }
      const rec = own[0]!;
      const problems: string[] = [];
      if (!recordsAllSupported(rec)) problems.push('does not record all supported resource types');
      if (rec.status.status !== 'ok') {
        out.push(errorFinding(ref, rec.status, `status of Config recorder ${rec.name} (config:DescribeConfigurationRecorderStatus)`));
        continue;
      }
      if (!rec.status.value.recording) problems.push('is not recording');
      const channels = r.config.deliveryChannels;
      if (channels.status !== 'ok') {
        out.push(errorFinding(ref, channels, `Config delivery channels in ${region} (config:DescribeDeliveryChannels)`));
        continue;
      }
      if (channels.value.length === 0) problems.push('has no delivery channel');
      if (rec.includeGlobalResourceTypes && recordsAllSupported(rec) && rec.status.value.recording) globalRecorded = true;
      const evidence = { recorder: rec.name, allSupported: rec.allSupported, recordingStrategy: rec.recordingStrategy, recording: rec.status.value.recording, deliveryChannels: channels.value.length };
      out.push(
        problems.length > 0
          ? fail(ref, `recorder ${rec.name} ${problems.join(', ')}`, evidence)
          : pass(ref, `recorder ${rec.name} records all supported resources and delivers them`, evidence),
      );
    }
    const ref = accountRef(account);
    if (globalRecorded) out.push(pass(ref, 'global resource types (IAM) are recorded in at least one region'));
    else if (globalUnknown) out.push({ status: 'ERROR', ...ref, reason: 'could not tell whether global resource types are recorded: some regions\' recorders could not be read' });
    else out.push(fail(ref, 'no region records global resource types (includeGlobalResourceTypes)'));
    return out;
  },
};

export const checks: Check[] = [enabledAllRegions];
