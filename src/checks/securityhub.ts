import type { Check } from './types.js';
import { accountRef, fail, pass } from './helpers.js';
import { perRegion } from './regional.js';

const enabled: Check = {
  meta: {
    id: 'securityhub_enabled',
    title: 'Security Hub is enabled in every region',
    severity: 'medium',
    service: 'securityhub',
    resourceType: 'AWS::::Account',
    description: 'Each scanned region should have Security Hub enabled (DescribeHub returns a hub), so findings from AWS services and standards are gathered in one place.',
    risk: 'Without Security Hub, findings stay scattered across services and regions and are easy to miss.',
    remediation: {
      cli: 'aws securityhub enable-security-hub --enable-default-standards --region REGION',
      docs: 'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-enable.html',
    },
    configRule: 'SECURITYHUB_ENABLED',
  },
  run(account) {
    return perRegion(account, (r) => r.securityhub.hub, 'Security Hub (securityhub:DescribeHub)', (hub, region) => {
      const ref = accountRef(account, region);
      return hub ? pass(ref, 'Security Hub is enabled', { hubArn: hub.arn }) : fail(ref, 'Security Hub is not enabled in this region');
    });
  },
};

export const checks: Check[] = [enabled];
