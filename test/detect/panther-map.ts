/**
 * kenro rule -> Panther rules that are the same detection (per-event predicate). For Panther rules with a
 * threshold, the per-event label is compared with kenro's building-block rule (the correlation's base).
 * `only` narrows a Panther rule that covers more than the kenro rule (e.g. ResourceMadePublic covers
 * ten services; kenro's rule covers S3 bucket policies).
 */
export const PANTHER_MAP: Array<{ kenro: string; panther: string; only?: { eventSource?: string; eventName?: string[] } }> = [
  { kenro: 'kenro.console_login_without_mfa', panther: 'AWS.Console.LoginWithoutMFA' },
  { kenro: 'kenro.root_account_use', panther: 'AWS.Root.Activity' },
  { kenro: 'kenro.root_account_use', panther: 'AWS.Console.RootLogin' },
  { kenro: 'kenro.console_login_failure', panther: 'AWS.CloudTrail.PasswordSpraying' },
  { kenro: 'kenro.root_access_key_created', panther: 'AWS.CloudTrail.RootAccessKeyCreated' },
  { kenro: 'kenro.access_key_created_for_other_user', panther: 'AWS.IAM.Backdoor.User.Keys' },
  { kenro: 'kenro.admin_policy_attached', panther: 'AWS.IAM.AttachAdminUserPolicy' },
  { kenro: 'kenro.admin_policy_attached', panther: 'AWS.IAM.AttachAdminRolePolicy' },
  { kenro: 'kenro.cloudtrail_tampering', panther: 'AWS.CloudTrail.Stopped' },
  { kenro: 'kenro.cloudtrail_tampering', panther: 'AWS.CloudTrail.EventSelectorsDisabled' },
  { kenro: 'kenro.config_disabled', panther: 'AWS.ConfigService.DisabledDeleted' },
  { kenro: 'kenro.kms_key_disabled_or_deleted', panther: 'AWS.KMS.CustomerManagedKeyLoss' },
  { kenro: 'kenro.s3_public_access_block_disabled', panther: 'AWS.S3.DeletePublicAccessBlock' },
  { kenro: 'kenro.s3_bucket_policy_public', panther: 'AWS.CloudTrail.ResourceMadePublic', only: { eventName: ['PutBucketPolicy'] } },
  { kenro: 'kenro.cis.unauthorized_api_calls', panther: 'AWS.CloudTrail.UnauthorizedAPICall' },
  { kenro: 'kenro.cis.iam_policy_changes', panther: 'AWS.IAM.PolicyModified' },
  { kenro: 'kenro.cis.s3_bucket_policy_changes', panther: 'AWS.S3.BucketPolicyModified' },
  { kenro: 'kenro.cis.security_group_changes', panther: 'AWS.EC2.SecurityGroupModified' },
  { kenro: 'kenro.cis.nacl_changes', panther: 'AWS.EC2.NetworkACLModified' },
  { kenro: 'kenro.cis.network_gateway_changes', panther: 'AWS.EC2.GatewayModified' },
  { kenro: 'kenro.cis.route_table_changes', panther: 'AWS.EC2.RouteTableModified' },
  { kenro: 'kenro.cis.vpc_changes', panther: 'AWS.EC2.VPCModified' },
];

/** Panther test cases where kenro deliberately answers differently, with the reason (also in docs/detect.md). */
export const DELIBERATE: Record<string, string> = {
  'AWS.Console.LoginWithoutMFA / No MFA Login - New User':
    'Panther skips users whose account is new (a mocked account-age lookup); kenro has no account-age context and reports every password-only sign-in.',
  'AWS.Root.Activity / Root Activity - CreateServiceLinkedRole':
    'kenro follows CIS 5.3: every root call counts. Panther allow-lists a few root actions.',
  'AWS.Root.Activity / Root User Failed Activity':
    'kenro follows CIS 5.3: failed root sign-ins are root use too (and a failed root sign-in is worth a look).',
  'AWS.Root.Activity / Root Read-Only Enumeration':
    'kenro follows CIS 5.3: read-only root calls count; Panther ignores read-only root activity.',
  'AWS.CloudTrail.UnauthorizedAPICall / Unauthorized API Call from Within AWS (FQDN)':
    'kenro follows the CIS 5.1 pattern, which only leaves out delivery.logs.amazonaws.com; Panther leaves out every *.amazonaws.com source.',
};
