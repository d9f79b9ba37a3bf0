/** Checks that only make sense on templates, run by `kenro iac` beside the inventory checks. */
import { hardcodedSecret } from './hardcoded-secret.js';
import { iamInlineWildcard } from './iam-inline-wildcard.js';
import { missingCisSettings } from './missing-cis-settings.js';
import { resourcePolicyPublic } from './resource-policy-public.js';
import { s3PublicCannedAcl } from './s3-public-acl.js';
import type { IacCheck } from './types.js';

export type { IacCheck, IacContext } from './types.js';

export const IAC_CHECKS: readonly IacCheck[] = [hardcodedSecret, iamInlineWildcard, resourcePolicyPublic, missingCisSettings, s3PublicCannedAcl];
