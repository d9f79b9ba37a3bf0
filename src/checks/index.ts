import type { Check } from './types.js';
import { checks as iam } from './iam.js';
import { checks as account } from './account.js';
import { checks as organizations } from './organizations.js';
import { checks as cloudtrail } from './cloudtrail.js';
import { checks as config } from './config.js';
import { checks as monitoring } from './monitoring.js';
import { checks as billing } from './billing.js';
import { checks as securityhub } from './securityhub.js';
import { checks as guardduty } from './guardduty.js';
import { checks as accessanalyzer } from './accessanalyzer.js';
import { checks as manual } from './manual.js';
import { checks as ec2 } from './ec2.js';

/** Every check kenro ships, in a stable order. Add a module with one import and one entry. */
export const ALL_CHECKS: readonly Check[] = [
  ...iam,
  ...account,
  ...organizations,
  ...cloudtrail,
  ...config,
  ...monitoring,
  ...billing,
  ...securityhub,
  ...guardduty,
  ...accessanalyzer,
  ...manual,
  ...ec2,
];

export function findCheck(id: string): Check | undefined {
  return ALL_CHECKS.find((c) => c.meta.id === id);
}
