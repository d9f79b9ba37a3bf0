import type { Check } from './types.js';
import { checks as iam } from './iam.js';
import { checks as iamAnalysis } from './iam-analysis.js';
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
import { checks as s3 } from './s3.js';
import { checks as kms } from './kms.js';
import { checks as rds } from './rds.js';
import { checks as efs } from './efs.js';
import { checks as elbv2 } from './elbv2.js';
import { checks as lambda } from './lambda.js';
import { checks as sns } from './sns.js';
import { checks as sqs } from './sqs.js';
import { checks as ecr } from './ecr.js';
import { checks as secretsmanager } from './secretsmanager.js';

/** Every check kenro ships, in a stable order. Add a module with one import and one entry. */
export const ALL_CHECKS: readonly Check[] = [
  ...iam,
  ...iamAnalysis,
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
  ...s3,
  ...kms,
  ...rds,
  ...efs,
  ...elbv2,
  ...lambda,
  ...sns,
  ...sqs,
  ...ecr,
  ...secretsmanager,
];

export function findCheck(id: string): Check | undefined {
  return ALL_CHECKS.find((c) => c.meta.id === id);
}
