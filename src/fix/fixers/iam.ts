import type { PasswordPolicy } from '../../model/inventory.js';
import type { ApiCall, Executor, Fixer } from '../types.js';
import { changeFor, hasCode } from './common.js';

/** IAM is global; its API is served from the partition's home region. */
const IAM_REGION = 'us-east-1';

/** CIS AWS Foundations: length 14 or more, no reuse of the last 24. */
export const CIS_PASSWORD_POLICY = { minimumPasswordLength: 14, passwordReusePrevention: 24 } as const;

function toSdk(p: PasswordPolicy): Record<string, unknown> {
  const out: Record<string, unknown> = {
    MinimumPasswordLength: p.minimumPasswordLength,
    RequireSymbols: p.requireSymbols,
    RequireNumbers: p.requireNumbers,
    RequireUppercaseCharacters: p.requireUppercaseCharacters,
    RequireLowercaseCharacters: p.requireLowercaseCharacters,
    AllowUsersToChangePassword: p.allowUsersToChangePassword,
    MaxPasswordAge: p.expirePasswords ? p.maxPasswordAge : undefined,
    PasswordReusePrevention: p.passwordReusePrevention,
    HardExpiry: p.hardExpiry,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

function fromSdk(p: Record<string, unknown>): PasswordPolicy {
  const out: PasswordPolicy = {};
  const set = <K extends keyof PasswordPolicy>(k: K, v: unknown) => {
    if (v !== undefined && v !== null) out[k] = v as PasswordPolicy[K];
  };
  set('minimumPasswordLength', p.MinimumPasswordLength);
  set('requireSymbols', p.RequireSymbols);
  set('requireNumbers', p.RequireNumbers);
  set('requireUppercaseCharacters', p.RequireUppercaseCharacters);
  set('requireLowercaseCharacters', p.RequireLowercaseCharacters);
  set('allowUsersToChangePassword', p.AllowUsersToChangePassword);
  set('expirePasswords', p.ExpirePasswords);
  set('maxPasswordAge', p.MaxPasswordAge);
  set('passwordReusePrevention', p.PasswordReusePrevention);
  set('hardExpiry', p.HardExpiry);
  return out;
}

/** The fields the fixer sets, as they read back (UpdateAccountPasswordPolicy replaces the whole policy). */
function comparable(p: PasswordPolicy | null): PasswordPolicy | null {
  if (!p) return null;
  return fromSdk(toSdk(p));
}

/**
 * Sets the password policy to at least the CIS values, keeping every stricter setting the account
 * already has (UpdateAccountPasswordPolicy replaces the policy, so every field is sent).
 */
export const passwordPolicyCis: Fixer<PasswordPolicy | null> = {
  id: 'iam_password_policy_cis',
  title: 'Set the IAM password policy to the CIS values (length 14, reuse prevention 24), keeping stricter settings',
  checkIds: ['iam_password_policy_min_length_14', 'iam_password_policy_reuse_24'],
  permissions: ['iam:GetAccountPasswordPolicy', 'iam:UpdateAccountPasswordPolicy', 'iam:DeleteAccountPasswordPolicy'],
  plan(r, { account }) {
    const current = account.iam.passwordPolicy;
    if (current.status !== 'ok') return { skip: 'the password policy was not read' };
    const before = comparable(current.value);
    const base: PasswordPolicy = before ?? { allowUsersToChangePassword: true };
    const target: PasswordPolicy = {
      ...base,
      minimumPasswordLength: Math.max(base.minimumPasswordLength ?? 0, CIS_PASSWORD_POLICY.minimumPasswordLength),
      passwordReusePrevention: Math.max(base.passwordReusePrevention ?? 0, CIS_PASSWORD_POLICY.passwordReusePrevention),
    };
    const rollback: ApiCall[] = before
      ? [{ service: 'iam', operation: 'UpdateAccountPasswordPolicy', region: IAM_REGION, params: toSdk(before), mutating: true }]
      : [{ service: 'iam', operation: 'DeleteAccountPasswordPolicy', region: IAM_REGION, params: {}, mutating: true }];
    return changeFor(this.id, { ...r, resourceId: account.accountId, region: 'global' }, {
      summary: `set the password policy: minimum length ${target.minimumPasswordLength}, reuse prevention ${target.passwordReusePrevention}${before ? ', other settings kept' : ''}`,
      before,
      after: comparable(target),
      calls: [{ service: 'iam', operation: 'UpdateAccountPasswordPolicy', region: IAM_REGION, params: toSdk(target), mutating: true }],
      rollback,
      warnings: ['existing passwords stay valid; the new rules apply when users next change their password'],
    });
  },
  async read(_change, aws: Executor) {
    try {
      const out = await aws.call({ service: 'iam', operation: 'GetAccountPasswordPolicy', region: IAM_REGION, params: {}, mutating: false });
      return comparable(fromSdk((out.PasswordPolicy ?? {}) as Record<string, unknown>));
    } catch (err) {
      if (hasCode(err, 'NoSuchEntity', 'NoSuchEntityException')) return null;
      throw err;
    }
  },
};

interface KeyStates {
  keys: { id: string; status: string }[];
}

const DAY = 86_400_000;

/**
 * Deactivates (never deletes) a user's active access keys that are unused for 45 days (counting
 * from creation when never used) or older than 90 days. Reactivation restores them exactly.
 */
export const deactivateStaleAccessKeys: Fixer<KeyStates> = {
  id: 'iam_access_key_deactivate',
  title: 'Deactivate access keys unused for 45 days or older than 90 days (never deleted)',
  checkIds: ['iam_user_unused_credentials_45_days', 'iam_user_access_keys_rotated_90_days'],
  permissions: ['iam:ListAccessKeys', 'iam:UpdateAccessKey'],
  plan(r, { account, options }) {
    const users = account.iam.users;
    if (users.status !== 'ok') return { skip: 'IAM users were not read' };
    const user = users.value.find((u) => u.arn === r.resourceArn || u.name === r.resourceId || u.arn === r.resourceId);
    if (!user) return { skip: `user ${r.resourceId} is not in the inventory` };
    if (user.accessKeys.status !== 'ok') return { skip: `the access keys of ${user.name} were not read` };
    const now = options.now.getTime();
    const stale = user.accessKeys.value.filter((k) => {
      if (k.status !== 'Active') return false;
      const created = Date.parse(k.createDate);
      const lastUsed = k.lastUsed.status === 'ok' && k.lastUsed.value.date ? Date.parse(k.lastUsed.value.date) : undefined;
      const unusedSince = lastUsed ?? created;
      if (r.checkId === 'iam_user_access_keys_rotated_90_days') return now - created > 90 * DAY;
      return now - unusedSince > 45 * DAY;
    });
    if (stale.length === 0) return { skip: `${user.name} has no active key that is stale by this check's rule` };
    const keys = user.accessKeys.value.map((k) => ({ id: k.id, status: k.status })).sort((a, b) => a.id.localeCompare(b.id));
    const staleIds = new Set(stale.map((k) => k.id));
    const recentlyUsed = stale.filter((k) => k.lastUsed.status === 'ok' && k.lastUsed.value.date && now - Date.parse(k.lastUsed.value.date) < 7 * DAY);
    const call = (id: string, status: string): ApiCall => ({ service: 'iam', operation: 'UpdateAccessKey', region: IAM_REGION, params: { UserName: user.name, AccessKeyId: id, Status: status }, mutating: true });
    return changeFor(this.id, { ...r, resourceId: user.name, resourceArn: user.arn }, {
      summary: `deactivate ${stale.length} access key(s) of ${user.name}: ${[...staleIds].join(', ')}`,
      before: { keys },
      after: { keys: keys.map((k) => (staleIds.has(k.id) ? { ...k, status: 'Inactive' } : k)) },
      calls: stale.map((k) => call(k.id, 'Inactive')),
      rollback: stale.map((k) => call(k.id, 'Active')),
      warnings: recentlyUsed.length
        ? [`key(s) ${recentlyUsed.map((k) => k.id).join(', ')} were used in the last 7 days: whatever uses them stops working; rotate first`]
        : [],
    });
  },
  async read(change, aws) {
    const out = await aws.call({ service: 'iam', operation: 'ListAccessKeys', region: IAM_REGION, params: { UserName: change.resourceId }, mutating: false });
    const list = (out.AccessKeyMetadata ?? []) as { AccessKeyId?: string; Status?: string }[];
    return { keys: list.map((k) => ({ id: k.AccessKeyId ?? '', status: k.Status ?? '' })).sort((a, b) => a.id.localeCompare(b.id)) };
  },
};
