import type { Fixer } from '../types.js';
import { closeDefaultSecurityGroup, removeInternetAdminIngress } from './ec2-security-groups.js';
import { deactivateStaleAccessKeys, passwordPolicyCis } from './iam.js';
import { accessAnalyzerEnable, ebsDefaultEncryption, guardDutyEnable, kmsKeyRotation, rdsPublicAccessOff, securityHubEnable } from './regional.js';
import { billingBudgetCreate } from './budget.js';
import { cisMonitoringAlarmsCreate } from './cis-alarms.js';
import { cloudTrailMultiRegionEnable } from './cloudtrail.js';
import { configRecorderEnable } from './config-recorder.js';
import { vpcFlowLogsEnable } from './vpc-flow-logs.js';
import { accountPublicAccessBlock, bucketAccessLogging, bucketKmsEncryption, bucketPublicAccessBlock, bucketVersioning, tlsOnlyStatementFixer } from './s3.js';

/** Every fixer kenro ships. */
export const ALL_FIXERS: readonly Fixer[] = [
  closeDefaultSecurityGroup,
  removeInternetAdminIngress,
  passwordPolicyCis,
  deactivateStaleAccessKeys,
  ebsDefaultEncryption,
  bucketPublicAccessBlock,
  accountPublicAccessBlock,
  bucketKmsEncryption,
  tlsOnlyStatementFixer,
  bucketVersioning,
  bucketAccessLogging,
  kmsKeyRotation,
  rdsPublicAccessOff,
  guardDutyEnable,
  securityHubEnable,
  accessAnalyzerEnable,
  vpcFlowLogsEnable,
  cloudTrailMultiRegionEnable,
  configRecorderEnable,
  cisMonitoringAlarmsCreate,
  billingBudgetCreate,
] as Fixer[];
