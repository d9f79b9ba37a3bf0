import type { Fixer } from '../types.js';
import { closeDefaultSecurityGroup, removeInternetAdminIngress } from './ec2-security-groups.js';
import { deactivateStaleAccessKeys, passwordPolicyCis } from './iam.js';
import { accessAnalyzerEnable, ebsDefaultEncryption, guardDutyEnable, kmsKeyRotation, rdsPublicAccessOff, securityHubEnable } from './regional.js';
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
] as Fixer[];
