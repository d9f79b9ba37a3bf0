import type { Check } from './types.js';
import { accountRef, fail, pass } from './helpers.js';
import { perRegion } from './regional.js';

const enabled: Check = {
  meta: {
    id: 'guardduty_enabled_all_regions',
    title: 'GuardDuty is enabled in every region',
    severity: 'high',
    service: 'guardduty',
    resourceType: 'AWS::::Account',
    description: 'Each scanned region should have a GuardDuty detector whose status is ENABLED; threats in an unwatched region go unseen.',
    risk: 'Attackers favour regions nobody uses, where a disabled GuardDuty raises no finding.',
    remediation: {
      cli: 'aws guardduty create-detector --enable --region REGION',
      docs: 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html',
    },
    configRule: 'GUARDDUTY_ENABLED_CENTRALIZED',
  },
  run(account) {
    return perRegion(account, (r) => r.guardduty.detectors, 'GuardDuty detectors (guardduty:ListDetectors, guardduty:GetDetector)', (detectors, region) => {
      const ref = accountRef(account, region);
      const on = detectors.find((d) => d.status === 'ENABLED');
      if (on) return pass(ref, `detector ${on.id} is enabled`, { detectorId: on.id });
      return detectors.length > 0
        ? fail(ref, 'the GuardDuty detector is disabled', { detectors: detectors.map((d) => ({ id: d.id, status: d.status })) })
        : fail(ref, 'GuardDuty has no detector in this region');
    });
  },
};

export const checks: Check[] = [enabled];
