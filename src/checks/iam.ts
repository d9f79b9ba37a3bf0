import type { Collected } from '../model/collected.js';
import type { AccountInventory, CredentialReportRow, IamGroup, IamRole, IamUser, ManagedPolicy } from '../model/inventory.js';
import type { Check, CheckMeta, Finding } from './types.js';
import { accountRef, errorFinding, fail, GLOBAL, pass, withCollected, type ResourceRef } from './helpers.js';
import { accessKeys, daysBetween, isRootRow, reportTime } from './credential-report.js';
import { parsePolicy, policyGrantsFullAdmin } from '../iam/index.js';
import { perRegionList } from './helpers.js';

const USER = 'AWS::IAM::User';

/** Days since the root user was last used, under which root use counts as recent. */
export const ROOT_RECENT_USE_DAYS = 30;
export const UNUSED_CREDENTIAL_DAYS = 45;
export const KEY_ROTATION_DAYS = 90;

function userRef(row: CredentialReportRow): ResourceRef {
  return { region: GLOBAL, resourceId: row.user, resourceArn: row.arn, resourceType: USER };
}

/** The credential report's IAM user rows (not root), or one ERROR when it was not read. */
function withUserRows(account: AccountInventory, onRows: (rows: CredentialReportRow[]) => Finding[]): Finding[] {
  return withCollected(account.iam.credentialReport, accountRef(account), 'the IAM credential report (iam:GenerateCredentialReport, iam:GetCredentialReport)', (rows) => {
    const users = rows.filter((r) => !isRootRow(r));
    if (users.length === 0) return [pass(accountRef(account), 'the account has no IAM users')];
    return onRows(users);
  });
}

function rootRowOf(c: Collected<CredentialReportRow[]>): CredentialReportRow | undefined {
  return c.status === 'ok' ? c.value.find(isRootRow) : undefined;
}

// ---------------------------------------------------------------- root user

/**
 * Root facts come from two reads that can fail independently: the account summary and the
 * credential report's `<root_account>` row. Either saying "bad" fails; PASS needs at least one read
 * that says "good" and none that says "bad"; with neither read, ERROR.
 */
function rootFromTwoSources(
  account: AccountInventory,
  fromSummary: (s: Record<string, number>) => boolean | undefined,
  fromRow: (row: CredentialReportRow) => boolean | undefined,
  words: { bad: string; good: string },
): Finding[] {
  const ref = accountRef(account);
  const summary = account.iam.accountSummary;
  const report = account.iam.credentialReport;
  const s = summary.status === 'ok' ? fromSummary(summary.value) : undefined;
  const row = rootRowOf(report);
  const r = row ? fromRow(row) : undefined;
  const evidence = { accountSummary: s === undefined ? 'unavailable' : s ? 'bad' : 'good', credentialReportRootRow: r === undefined ? 'unavailable' : r ? 'bad' : 'good' };
  if (s === true || r === true) return [fail(ref, words.bad, evidence)];
  if (s === false || r === false) return [pass(ref, words.good, evidence)];
  if (summary.status !== 'ok') return [errorFinding(ref, summary, 'the IAM account summary (iam:GetAccountSummary)')];
  if (report.status !== 'ok') return [errorFinding(ref, report, 'the IAM credential report (iam:GetCredentialReport)')];
  return [{ status: 'ERROR', ...ref, reason: 'neither the account summary nor the credential report says whether this is set for root' }];
}

const rootNoAccessKeys: Check = {
  meta: {
    id: 'iam_root_no_access_keys',
    title: 'The root user has no access keys',
    severity: 'critical',
    service: 'iam',
    resourceType: 'AWS::::Account',
    description:
      'The account root user can do anything in the account and cannot be limited by IAM policies. ' +
      'It should sign in only for the few tasks that need it, and never through access keys. kenro reads both the ' +
      'account summary (AccountAccessKeysPresent) and the credential report root row.',
    risk: 'A leaked root access key gives complete, unrestricted control of the account and its billing.',
    remediation: {
      console: 'Sign in as the root user, open Security credentials, and delete every access key under "Access keys".',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
    },
    configRule: 'IAM_ROOT_ACCESS_KEY_CHECK',
  },
  run(account) {
    return rootFromTwoSources(
      account,
      (s) => (s.AccountAccessKeysPresent === undefined ? undefined : s.AccountAccessKeysPresent > 0),
      (row) => row.access_key_1_active === 'true' || row.access_key_2_active === 'true',
      { bad: 'the root user has an access key', good: 'the root user has no access key' },
    );
  },
};

const rootMfa: Check = {
  meta: {
    id: 'iam_root_mfa_enabled',
    title: 'The root user has MFA enabled',
    severity: 'critical',
    service: 'iam',
    resourceType: 'AWS::::Account',
    description: 'Signing in as root must need a second factor. kenro reads AccountMFAEnabled from the account summary and mfa_active from the credential report root row.',
    risk: 'A stolen or guessed root password alone would give complete control of the account.',
    remediation: {
      console: 'Sign in as the root user, open Security credentials, and assign an MFA device (preferably a FIDO security key).',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html',
    },
    configRule: 'ROOT_ACCOUNT_MFA_ENABLED',
  },
  run(account) {
    return rootMfaFindings(account);
  },
};

function rootMfaFindings(account: AccountInventory): Finding[] {
  return rootFromTwoSources(
    account,
    (s) => (s.AccountMFAEnabled === undefined ? undefined : s.AccountMFAEnabled !== 1),
    (row) => row.mfa_active !== 'true',
    { bad: 'the root user has no MFA device', good: 'the root user has MFA enabled' },
  );
}

const rootHardwareMfa: Check = {
  meta: {
    id: 'iam_root_hardware_mfa_enabled',
    title: 'The root user uses a hardware MFA device',
    severity: 'high',
    service: 'iam',
    resourceType: 'AWS::::Account',
    description:
      'Root MFA should be a hardware device (FIDO security key or hardware TOTP token), not a virtual authenticator app. ' +
      'kenro requires root MFA to be on and no virtual MFA device to be assigned to root (ListVirtualMFADevices).',
    risk: 'A virtual MFA lives on a phone or computer that can be lost, cloned or compromised along with the password.',
    remediation: {
      console: 'Sign in as root, remove the virtual MFA device and register a FIDO security key or hardware TOTP token.',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_physical.html',
    },
    configRule: 'ROOT_ACCOUNT_HARDWARE_MFA_ENABLED',
  },
  run(account) {
    const ref = accountRef(account);
    const mfa = rootMfaFindings(account)[0]!;
    if (mfa.status === 'FAIL') return [fail(ref, 'the root user has no MFA device at all', mfa.evidence)];
    if (mfa.status === 'ERROR') return [mfa];
    return withCollected(account.iam.virtualMfaDevices, ref, 'virtual MFA devices (iam:ListVirtualMFADevices)', (devices) => {
      const rootArn = `arn:${account.partition}:iam::${account.accountId}:root`;
      const virtual = devices.filter((d) => d.userArn === rootArn || d.serialNumber.endsWith(':mfa/root-account-mfa-device'));
      return virtual.length > 0
        ? [fail(ref, 'the root user\'s MFA is a virtual device', { virtualMfa: virtual.map((d) => d.serialNumber) })]
        : [pass(ref, 'root MFA is enabled and no virtual MFA device is assigned to root')];
    });
  },
};

const rootNotUsed: Check = {
  meta: {
    id: 'iam_root_not_used_recently',
    title: `The root user has not been used in the last ${ROOT_RECENT_USE_DAYS} days`,
    severity: 'high',
    service: 'iam',
    resourceType: 'AWS::::Account',
    description:
      `Daily and administrative work should use IAM roles or Identity Center, not root. kenro fails when the credential ` +
      `report shows a root password sign-in or root access key use within ${ROOT_RECENT_USE_DAYS} days of the scan.`,
    risk: 'Routine root use multiplies the chances of the most powerful credential being phished or leaked.',
    remediation: {
      console: 'Create administrators in IAM Identity Center (or IAM roles) and keep root credentials locked away for the tasks that need root.',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html',
    },
  },
  run(account, ctx) {
    const ref = accountRef(account);
    return withCollected(account.iam.credentialReport, ref, 'the IAM credential report (iam:GetCredentialReport)', (rows) => {
      const root = rows.find(isRootRow);
      if (!root) return [{ status: 'ERROR', ...ref, reason: 'the credential report has no <root_account> row' }];
      const uses = [
        ['password sign-in', reportTime(root.password_last_used)],
        ['access key 1', reportTime(root.access_key_1_last_used_date)],
        ['access key 2', reportTime(root.access_key_2_last_used_date)],
      ] as const;
      const recent = uses.filter(([, t]) => t !== undefined && daysBetween(t, ctx.now) < ROOT_RECENT_USE_DAYS);
      const evidence = {
        password_last_used: root.password_last_used,
        access_key_1_last_used_date: root.access_key_1_last_used_date,
        access_key_2_last_used_date: root.access_key_2_last_used_date,
      };
      return recent.length > 0
        ? [fail(ref, `root was used within ${ROOT_RECENT_USE_DAYS} days (${recent.map(([w, t]) => `${w} ${new Date(t!).toISOString()}`).join(', ')})`, evidence)]
        : [pass(ref, `root has not been used in the last ${ROOT_RECENT_USE_DAYS} days`, evidence)];
    });
  },
};

// ---------------------------------------------------------------- password policy

function passwordPolicyCheck(meta: CheckMeta, test: (p: NonNullable<import('../model/inventory.js').PasswordPolicy>) => string | undefined, good: string): Check {
  return {
    meta,
    run(account) {
      const ref = accountRef(account);
      return withCollected(account.iam.passwordPolicy, ref, 'the IAM password policy (iam:GetAccountPasswordPolicy)', (p) => {
        if (!p) return [fail(ref, 'the account has no IAM password policy (AWS defaults apply)', { passwordPolicy: null })];
        const bad = test(p);
        return bad ? [fail(ref, bad, p)] : [pass(ref, good, p)];
      });
    },
  };
}

const passwordLength = passwordPolicyCheck(
  {
    id: 'iam_password_policy_min_length_14',
    title: 'The IAM password policy requires at least 14 characters',
    severity: 'medium',
    service: 'iam',
    resourceType: 'AWS::::Account',
    description: 'The account password policy should set MinimumPasswordLength to 14 or more for IAM users\' console passwords.',
    risk: 'Short passwords fall quickly to guessing and offline cracking.',
    remediation: {
      cli: 'aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
    },
    configRule: 'IAM_PASSWORD_POLICY',
  },
  (p) => ((p.minimumPasswordLength ?? 0) < 14 ? `the minimum password length is ${p.minimumPasswordLength ?? 'unset'}, below 14` : undefined),
  'the minimum password length is 14 or more',
);

const passwordReuse = passwordPolicyCheck(
  {
    id: 'iam_password_policy_reuse_24',
    title: 'The IAM password policy prevents reuse of the last 24 passwords',
    severity: 'medium',
    service: 'iam',
    resourceType: 'AWS::::Account',
    description: 'The account password policy should set PasswordReusePrevention to 24, the most AWS allows.',
    risk: 'Users cycling back to old, possibly leaked passwords defeat password changes.',
    remediation: {
      cli: 'aws iam update-account-password-policy --password-reuse-prevention 24 --minimum-password-length 14',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html',
    },
    configRule: 'IAM_PASSWORD_POLICY',
  },
  (p) => ((p.passwordReusePrevention ?? 0) < 24 ? `password reuse prevention is ${p.passwordReusePrevention ?? 'unset'}, below 24` : undefined),
  'the last 24 passwords cannot be reused',
);

// ---------------------------------------------------------------- users (credential report)

const userConsoleMfa: Check = {
  meta: {
    id: 'iam_user_console_mfa',
    title: 'Every IAM user with a console password has MFA',
    severity: 'high',
    service: 'iam',
    resourceType: USER,
    description: 'Each IAM user whose credential report row shows password_enabled must also show mfa_active.',
    risk: 'A console password alone can be phished, guessed or reused from another breach.',
    remediation: {
      console: 'IAM > Users > USER > Security credentials > Assign MFA device; or remove the console password if the user does not need it.',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
    },
    configRule: 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
  },
  run(account) {
    return withUserRows(account, (rows) =>
      rows.map((row) => {
        if (row.password_enabled !== 'true') return pass(userRef(row), 'the user has no console password');
        return row.mfa_active === 'true'
          ? pass(userRef(row), 'the user has a console password and MFA')
          : fail(userRef(row), 'the user has a console password but no MFA', { password_enabled: row.password_enabled, mfa_active: row.mfa_active });
      }),
    );
  },
};

const userNoInitialKeys: Check = {
  meta: {
    id: 'iam_user_no_initial_access_keys',
    title: 'Console users have no access keys that were set up with the user and never used',
    severity: 'medium',
    service: 'iam',
    resourceType: USER,
    description:
      'Access keys should be created only when a user needs programmatic access, not by default at user creation. ' +
      'kenro fails a user with a console password and an active access key that has never been used.',
    risk: 'Unneeded keys sit in setup scripts, e-mails and laptops, waiting to leak.',
    remediation: {
      cli: 'aws iam delete-access-key --user-name USER --access-key-id KEY_ID',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    },
  },
  run(account) {
    return withUserRows(account, (rows) =>
      rows.map((row) => {
        if (row.password_enabled !== 'true') return pass(userRef(row), 'the user has no console password');
        const unused = accessKeys(row).filter((k) => k.active && k.neverUsed);
        return unused.length > 0
          ? fail(userRef(row), `active access key ${unused.map((k) => k.slot).join(' and ')} has never been used`, {
              user_creation_time: row.user_creation_time,
              keys: unused.map((k) => ({ slot: k.slot, lastRotated: k.lastRotated && new Date(k.lastRotated).toISOString() })),
            })
          : pass(userRef(row), 'no active access key is unused');
      }),
    );
  },
};

const unusedCredentials: Check = {
  meta: {
    id: 'iam_user_unused_credentials_45_days',
    title: `IAM user credentials unused for ${UNUSED_CREDENTIAL_DAYS} days or more are disabled`,
    severity: 'medium',
    service: 'iam',
    resourceType: USER,
    description:
      `An enabled console password or active access key that has not been used for ${UNUSED_CREDENTIAL_DAYS} days should be ` +
      'disabled or removed. Age counts from the last use, or, for a credential never used, from when it was created ' +
      '(password: user creation or last change; key: its creation/rotation time).',
    risk: 'Forgotten credentials belong to nobody who would notice them being abused.',
    remediation: {
      cli: 'aws iam delete-login-profile --user-name USER\naws iam update-access-key --user-name USER --access-key-id KEY_ID --status Inactive',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
    },
    configRule: 'IAM_USER_UNUSED_CREDENTIALS_CHECK',
  },
  run(account, ctx) {
    return withUserRows(account, (rows) =>
      rows.map((row) => {
        const stale: string[] = [];
        const undetermined: string[] = [];
        if (row.password_enabled === 'true') {
          const since =
            reportTime(row.password_last_used) ??
            reportTime(row.password_last_changed) ??
            reportTime(row.user_creation_time);
          if (since === undefined) undetermined.push('console password');
          else if (daysBetween(since, ctx.now) >= UNUSED_CREDENTIAL_DAYS) stale.push(`console password (${daysBetween(since, ctx.now)} days)`);
        }
        for (const k of accessKeys(row)) {
          if (!k.active) continue;
          const since = k.lastUsed ?? k.lastRotated ?? reportTime(row.user_creation_time);
          if (since === undefined) undetermined.push(`access key ${k.slot}`);
          else if (daysBetween(since, ctx.now) >= UNUSED_CREDENTIAL_DAYS) stale.push(`access key ${k.slot} (${daysBetween(since, ctx.now)} days)`);
        }
        const evidence = {
          password_enabled: row.password_enabled,
          password_last_used: row.password_last_used,
          access_key_1_last_used_date: row.access_key_1_last_used_date,
          access_key_2_last_used_date: row.access_key_2_last_used_date,
        };
        if (stale.length > 0) return fail(userRef(row), `unused for ${UNUSED_CREDENTIAL_DAYS}+ days: ${stale.join(', ')}`, evidence);
        if (undetermined.length > 0) {
          return { status: 'ERROR', ...userRef(row), reason: `the credential report gives no usable date for ${undetermined.join(', ')}`, evidence } satisfies Finding;
        }
        return pass(userRef(row), `every enabled credential was used within ${UNUSED_CREDENTIAL_DAYS} days`, evidence);
      }),
    );
  },
};

const singleActiveKey: Check = {
  meta: {
    id: 'iam_user_single_active_key',
    title: 'No IAM user has more than one active access key',
    severity: 'medium',
    service: 'iam',
    resourceType: USER,
    description: 'Each IAM user should have at most one active access key; two are only for the short overlap of a rotation.',
    risk: 'A second long-lived key doubles the exposure and is often a forgotten copy.',
    remediation: {
      cli: 'aws iam update-access-key --user-name USER --access-key-id OLD_KEY_ID --status Inactive',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
    },
  },
  run(account) {
    return withUserRows(account, (rows) =>
      rows.map((row) => {
        const active = accessKeys(row).filter((k) => k.active).length;
        return active > 1
          ? fail(userRef(row), 'the user has two active access keys', { access_key_1_active: row.access_key_1_active, access_key_2_active: row.access_key_2_active })
          : pass(userRef(row), `the user has ${active} active access key${active === 1 ? '' : 's'}`);
      }),
    );
  },
};

const keysRotated: Check = {
  meta: {
    id: 'iam_user_access_keys_rotated_90_days',
    title: `Active access keys are rotated within ${KEY_ROTATION_DAYS} days`,
    severity: 'medium',
    service: 'iam',
    resourceType: USER,
    description: `Every active access key should have been created or rotated within the last ${KEY_ROTATION_DAYS} days (credential report access_key_N_last_rotated).`,
    risk: 'Old keys have had more time to be copied into places they should not be.',
    remediation: {
      cli: 'aws iam create-access-key --user-name USER   # deploy the new key, then\naws iam delete-access-key --user-name USER --access-key-id OLD_KEY_ID',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
    },
    configRule: 'ACCESS_KEYS_ROTATED',
  },
  run(account, ctx) {
    return withUserRows(account, (rows) =>
      rows.map((row) => {
        const keys = accessKeys(row).filter((k) => k.active);
        if (keys.length === 0) return pass(userRef(row), 'the user has no active access key');
        const unknown = keys.filter((k) => k.lastRotated === undefined);
        const old = keys.filter((k) => k.lastRotated !== undefined && daysBetween(k.lastRotated, ctx.now) > KEY_ROTATION_DAYS);
        const evidence = { access_key_1_last_rotated: row.access_key_1_last_rotated, access_key_2_last_rotated: row.access_key_2_last_rotated };
        if (old.length > 0) {
          return fail(userRef(row), `access key ${old.map((k) => `${k.slot} (${daysBetween(k.lastRotated!, ctx.now)} days old)`).join(', ')} not rotated within ${KEY_ROTATION_DAYS} days`, evidence);
        }
        if (unknown.length > 0) return { status: 'ERROR', ...userRef(row), reason: 'the credential report gives no rotation date for an active key', evidence } satisfies Finding;
        return pass(userRef(row), `every active key is under ${KEY_ROTATION_DAYS} days old`, evidence);
      }),
    );
  },
};

// ---------------------------------------------------------------- users, roles, groups, policies

const noDirectUserPolicies: Check = {
  meta: {
    id: 'iam_user_no_direct_policies',
    title: 'IAM users get permissions only through groups (no policies attached to users)',
    severity: 'low',
    service: 'iam',
    resourceType: USER,
    description: 'No managed or inline policy should be attached directly to an IAM user; grant permissions through groups or roles.',
    risk: 'Per-user grants drift, are hard to review, and survive role changes.',
    remediation: {
      cli: 'aws iam detach-user-policy --user-name USER --policy-arn ARN\naws iam delete-user-policy --user-name USER --policy-name NAME',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html',
    },
    configRule: 'IAM_USER_NO_POLICIES_CHECK',
  },
  run(account) {
    return withCollected(account.iam.users, accountRef(account), 'IAM users (iam:GetAccountAuthorizationDetails)', (users) => {
      if (users.length === 0) return [pass(accountRef(account), 'the account has no IAM users')];
      return users.map((u: IamUser) => {
        const ref: ResourceRef = { region: GLOBAL, resourceId: u.name, resourceArn: u.arn, resourceType: USER, origin: u.origin };
        const direct = [...u.attachedPolicies.map((p) => p.arn), ...u.inlinePolicies.map((p) => `inline:${p.name}`)];
        return direct.length > 0
          ? fail(ref, `policies attached directly to the user: ${direct.join(', ')}`, { policies: direct }, 'attachedPolicies')
          : pass(ref, 'no policy is attached directly to the user');
      });
    });
  },
};

function policyArnSuffix(arn: string): string {
  return arn.slice(arn.indexOf(':policy/') + ':policy/'.length).split('/').pop() ?? arn;
}

/** Every user, group and role with the AWS managed policy `name` attached (any partition). */
function principalsWithAwsPolicy(account: AccountInventory, name: string): { principals: { arn: string; kind: string; name: string }[]; errors: Finding[] } {
  const principals: { arn: string; kind: string; name: string }[] = [];
  const errors: Finding[] = [];
  const isIt = (arn: string) => /^arn:[^:]+:iam::aws:policy\//.test(arn) && policyArnSuffix(arn) === name;
  const lists: [Collected<(IamUser | IamGroup | IamRole)[]>, string][] = [
    [account.iam.users, 'user'],
    [account.iam.groups, 'group'],
    [account.iam.roles, 'role'],
  ];
  for (const [c, kind] of lists) {
    if (c.status !== 'ok') {
      errors.push(errorFinding(accountRef(account), c, `IAM ${kind}s (iam:GetAccountAuthorizationDetails)`));
      continue;
    }
    for (const p of c.value) if (p.attachedPolicies.some((a) => isIt(a.arn))) principals.push({ arn: p.arn, kind, name: p.name });
  }
  return { principals, errors };
}

const supportRole: Check = {
  meta: {
    id: 'iam_support_role_exists',
    title: 'A role exists for working with AWS Support (AWSSupportAccess attached)',
    severity: 'low',
    service: 'iam',
    resourceType: 'AWS::::Account',
    description: 'At least one IAM role should have the AWS managed policy AWSSupportAccess, so incidents can be raised with AWS Support without root or broad rights.',
    risk: 'During an incident, people fall back on root or administrator access just to open a support case.',
    remediation: {
      cli: 'aws iam create-role --role-name aws-support --assume-role-policy-document file://trust.json\naws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess',
      docs: 'https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html',
    },
    configRule: 'IAM_POLICY_IN_USE',
  },
  run(account) {
    const ref = accountRef(account);
    if (account.iam.roles.status !== 'ok') return [errorFinding(ref, account.iam.roles, 'IAM roles (iam:GetAccountAuthorizationDetails)')];
    const { principals } = principalsWithAwsPolicy(account, 'AWSSupportAccess');
    const roles = principals.filter((p) => p.kind === 'role');
    return roles.length > 0
      ? [pass(ref, `AWSSupportAccess is attached to role ${roles[0]!.name}`, { roles: roles.map((r) => r.arn) })]
      : [fail(ref, 'no IAM role has AWSSupportAccess attached')];
  },
};

const cloudShellFullAccess: Check = {
  meta: {
    id: 'iam_cloudshell_full_access_not_attached',
    title: 'AWSCloudShellFullAccess is not attached to any user, group or role',
    severity: 'medium',
    service: 'iam',
    resourceType: 'AWS::::Account',
    description: 'The AWS managed policy AWSCloudShellFullAccess allows file upload/download and unrestricted network egress from CloudShell; grant a narrower policy instead.',
    risk: 'CloudShell with full access is an easy, unlogged channel to move data out of the account.',
    remediation: {
      cli: 'aws iam detach-role-policy --role-name ROLE --policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess',
      docs: 'https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html',
    },
  },
  run(account) {
    const ref = accountRef(account);
    const { principals, errors } = principalsWithAwsPolicy(account, 'AWSCloudShellFullAccess');
    if (principals.length > 0) {
      return [fail(ref, `AWSCloudShellFullAccess is attached to ${principals.map((p) => `${p.kind} ${p.name}`).join(', ')}`, { principals })];
    }
    if (errors.length > 0) return errors;
    return [pass(ref, 'AWSCloudShellFullAccess is not attached to anything')];
  },
};

const expiredServerCerts: Check = {
  meta: {
    id: 'iam_no_expired_server_certificates',
    title: 'No expired SSL/TLS server certificates are stored in IAM',
    severity: 'medium',
    service: 'iam',
    resourceType: 'AWS::IAM::ServerCertificate',
    description: 'Server certificates uploaded to IAM whose expiration date has passed should be deleted.',
    risk: 'An expired certificate can be attached to a load balancer by mistake, breaking clients or weakening trust.',
    remediation: {
      cli: 'aws iam delete-server-certificate --server-certificate-name NAME',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html',
    },
  },
  run(account, ctx) {
    return withCollected(account.iam.serverCertificates, accountRef(account), 'IAM server certificates (iam:ListServerCertificates)', (certs) => {
      if (certs.length === 0) return [pass(accountRef(account), 'no server certificates are stored in IAM')];
      return certs.map((c) => {
        const ref: ResourceRef = { region: GLOBAL, resourceId: c.name, resourceArn: c.arn, resourceType: 'AWS::IAM::ServerCertificate' };
        const exp = c.expiration ? Date.parse(c.expiration) : NaN;
        if (Number.isNaN(exp)) return { status: 'ERROR', ...ref, reason: 'the certificate has no readable expiration date' } satisfies Finding;
        return exp <= ctx.now.getTime()
          ? fail(ref, `the certificate expired on ${c.expiration}`, { expiration: c.expiration })
          : pass(ref, `the certificate is valid until ${c.expiration}`, { expiration: c.expiration });
      });
    });
  },
};

/**
 * The CIS audit ("Ensure IAM policies that allow full "*:*" administrative privileges are not attached"): list every
 * attached managed policy (`list-policies --only-attached`, AWS managed ones included), read its default version, and
 * look for a statement with Effect Allow, Action "*" and Resource "*". The audit does not exempt statements with
 * conditions, so neither does kenro (the conditions are reported). An empty NotAction on "*" counts too.
 */
export function fullAdminStatements(doc: unknown): { statement: number | string; conditions: string[] }[] {
  const out: { statement: number | string; conditions: string[] }[] = [];
  const unconditioned = policyGrantsFullAdmin(doc);
  if (unconditioned.admin) out.push({ statement: unconditioned.statement ?? '?', conditions: [] });
  for (const st of parsePolicy(doc, 'identity').compiled.statements) {
    if (st.effect !== 'Allow' || st.conditions.length === 0) continue;
    const allActions = !!st.actions && (st.actions.all || st.actions.raw.includes('*:*'));
    if (allActions && st.resources?.all) out.push({ statement: st.id, conditions: st.conditions.map((c) => `${c.operator} ${c.key}`) });
  }
  return out;
}

/** Users, groups and roles that have the managed policy `arn` attached (from the lists that were read). */
function entitiesWith(account: AccountInventory, arn: string): string[] {
  const out: string[] = [];
  const lists: [Collected<(IamUser | IamGroup | IamRole)[]>, string][] = [
    [account.iam.users, 'user'],
    [account.iam.groups, 'group'],
    [account.iam.roles, 'role'],
  ];
  for (const [c, kind] of lists) if (c.status === 'ok') for (const e of c.value) if (e.attachedPolicies.some((a) => a.arn === arn)) out.push(`${kind} ${e.name}`);
  return out;
}

/** FAIL / PASS / ERROR for one managed policy under the CIS full-admin audit. */
function judgeFullAdmin(account: AccountInventory, p: ManagedPolicy): Finding {
  const ref: ResourceRef = { region: GLOBAL, resourceId: p.name, resourceArn: p.arn, resourceType: 'AWS::IAM::ManagedPolicy', origin: p.origin };
  let admin: { statement: number | string; conditions: string[] }[];
  try {
    admin = fullAdminStatements(p.document);
  } catch (err) {
    return { status: 'ERROR', ...ref, reason: `policy ${p.name} (version ${p.defaultVersionId}) could not be read: ${(err as Error).message}` } satisfies Finding;
  }
  if (admin.length === 0) {
    const parsed = parsePolicy(p.document, 'identity', p.name);
    if (!parsed.valid) {
      const why = parsed.errors.slice(0, 3).map((e) => e.message).join('; ');
      return { status: 'ERROR', ...ref, reason: `policy ${p.name} (version ${p.defaultVersionId}) is not a valid policy document: ${why}` } satisfies Finding;
    }
    return pass(ref, 'the policy does not grant full administrator access');
  }
  const first = admin[0]!;
  const cond = first.conditions.length ? ` under conditions (${first.conditions.join(', ')}), which the CIS audit does not exempt` : '';
  const entities = entitiesWith(account, p.arn);
  const evidence = { statements: admin, attachmentCount: p.attachmentCount, ...(entities.length ? { attachedTo: entities } : {}) };
  if (p.attachmentCount > 0 || entities.length > 0) {
    const n = Math.max(p.attachmentCount, entities.length);
    const to = entities.length ? entities.join(', ') : `${n} entit${n === 1 ? 'y' : 'ies'}`;
    return fail(ref, `the policy grants "*" on "*" (statement ${String(first.statement)})${cond} and is attached to ${to}`, evidence, 'document');
  }
  return pass(ref, 'the policy grants "*" on "*" but is not attached to anything', evidence);
}

const FULL_ADMIN_REMEDIATION = {
  cli:
    'aws iam list-entities-for-policy --policy-arn ARN\n' +
    'aws iam detach-user-policy --user-name USER --policy-arn ARN\n' +
    'aws iam detach-group-policy --group-name GROUP --policy-arn ARN\n' +
    'aws iam detach-role-policy --role-name ROLE --policy-arn ARN',
  cloudformation: 'ManagedPolicyArns:\n  - !Ref JobScopedPolicy   # not arn:aws:iam::aws:policy/AdministratorAccess or a "*:*" policy',
  console: 'IAM > Policies > the policy > Entities attached: detach it from every user, group and role; grant policies scoped to each job instead.',
  docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
};

const noCustomFullAdmin: Check = {
  meta: {
    id: 'iam_no_custom_full_admin_policies',
    title: 'No attached customer managed policy allows "*" on "*"',
    severity: 'high',
    service: 'iam',
    resourceType: 'AWS::IAM::ManagedPolicy',
    description:
      'A customer managed policy whose default version has an Allow statement of every action on every resource (Action "*" or ' +
      '"*:*", or an empty NotAction, with Resource "*") must not be attached to any user, group or role. As in the CIS audit, a ' +
      'statement with conditions still counts (the conditions are reported). kenro reads the policy with its IAM policy engine, ' +
      'not by matching text, so any way of writing full administrator access is found. AWS managed policies are judged by ' +
      'iam_no_aws_managed_full_admin_policies.',
    risk: 'Full administrator grants spread through custom policies are invisible in reviews of AWS managed ones and defeat least privilege.',
    remediation: FULL_ADMIN_REMEDIATION,
    configRule: 'IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS',
  },
  run(account) {
    return withCollected(account.iam.policies, accountRef(account), 'IAM managed policies (iam:GetAccountAuthorizationDetails)', (policies) => {
      const custom = policies.filter((p) => !p.awsManaged);
      if (custom.length === 0) return [pass(accountRef(account), 'the account has no customer managed policies')];
      return custom.map((p) => judgeFullAdmin(account, p));
    });
  },
};

/** AWS documents AdministratorAccess as Allow "*" on "*"; used when an attachment is known but the document was not collected. */
const AWS_ADMINISTRATOR_ACCESS = 'AdministratorAccess';

const noAwsManagedFullAdmin: Check = {
  meta: {
    id: 'iam_no_aws_managed_full_admin_policies',
    title: 'No attached AWS managed policy allows "*" on "*" (such as AdministratorAccess)',
    severity: 'high',
    service: 'iam',
    resourceType: 'AWS::IAM::ManagedPolicy',
    description:
      'The CIS audit lists every attached managed policy, AWS managed ones included (list-policies --only-attached). kenro reads ' +
      'the default version of each attached AWS managed policy with its IAM engine and fails the ones that allow every action on ' +
      'every resource (AdministratorAccess), naming the users, groups and roles they are attached to. An attached AWS managed ' +
      'policy whose document was not collected is ERROR, except AdministratorAccess, which AWS documents as full access.',
    risk: 'Every principal with AdministratorAccess can do anything in the account; each one is a full compromise waiting for a leaked credential.',
    remediation: FULL_ADMIN_REMEDIATION,
  },
  run(account) {
    const ref = accountRef(account);
    return withCollected(account.iam.policies, ref, 'IAM managed policies (iam:GetAccountAuthorizationDetails)', (policies) => {
      const out: Finding[] = [];
      const known = new Set(policies.map((p) => p.arn));
      for (const p of policies) if (p.awsManaged && p.attachmentCount > 0) out.push(judgeFullAdmin(account, p));
      // Attachments to AWS managed policies whose documents are not in the inventory (e.g. templates).
      const unknown = new Map<string, string[]>();
      const lists: [Collected<(IamUser | IamGroup | IamRole)[]>, string][] = [
        [account.iam.users, 'user'],
        [account.iam.groups, 'group'],
        [account.iam.roles, 'role'],
      ];
      for (const [c, kind] of lists) {
        if (c.status !== 'ok') continue;
        for (const e of c.value) for (const a of e.attachedPolicies) if (/^arn:[^:]+:iam::aws:policy\//.test(a.arn) && !known.has(a.arn)) unknown.set(a.arn, [...(unknown.get(a.arn) ?? []), `${kind} ${e.name}`]);
      }
      for (const [arn, entities] of unknown) {
        const name = policyArnSuffix(arn);
        const pref: ResourceRef = { region: GLOBAL, resourceId: name, resourceArn: arn, resourceType: 'AWS::IAM::ManagedPolicy' };
        if (name === AWS_ADMINISTRATOR_ACCESS) out.push(fail(pref, `AdministratorAccess (AWS documents it as Allow "*" on "*") is attached to ${entities.join(', ')}`, { attachedTo: entities, documentCollected: false }));
        else out.push({ status: 'ERROR', ...pref, reason: `AWS managed policy ${name} is attached to ${entities.join(', ')} but its document was not collected (iam:GetAccountAuthorizationDetails)`, evidence: { attachedTo: entities } });
      }
      const unread = lists.filter(([c]) => c.status !== 'ok');
      if (out.length === 0 && unread.length > 0) return unread.map(([c, kind]) => errorFinding(ref, c, `IAM ${kind}s (iam:GetAccountAuthorizationDetails)`));
      if (out.length === 0) return [pass(ref, 'no AWS managed policy is attached to any user, group or role')];
      return out;
    });
  },
};

const instanceRoles: Check = {
  meta: {
    id: 'iam_ec2_instance_profile_attached',
    title: 'EC2 instances use an IAM role (instance profile) for AWS access',
    severity: 'medium',
    service: 'iam',
    resourceType: 'AWS::EC2::Instance',
    description:
      'Each running or stopped EC2 instance should have an instance profile, so software on it gets short-lived role credentials ' +
      'instead of long-lived access keys stored on disk.',
    risk: 'Access keys copied onto instances leak through images, backups and compromised hosts and are rarely rotated.',
    remediation: {
      cli: 'aws ec2 associate-iam-instance-profile --instance-id INSTANCE_ID --iam-instance-profile Name=PROFILE',
      docs: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html',
    },
    configRule: 'EC2_INSTANCE_PROFILE_ATTACHED',
  },
  run(account) {
    return perRegionList(account, (r) => r.ec2.instances, 'EC2 instances (ec2:DescribeInstances)', (i, region) => {
      if (i.state === 'terminated' || i.state === 'shutting-down') return [];
      const ref: ResourceRef = { region, resourceId: i.id, resourceArn: i.arn, resourceType: 'AWS::EC2::Instance', origin: i.origin };
      return [
        i.iamInstanceProfileArn
          ? pass(ref, 'the instance has an instance profile', { iamInstanceProfileArn: i.iamInstanceProfileArn })
          : fail(ref, 'the instance has no instance profile (IAM role)', { iamInstanceProfileArn: null }, 'iamInstanceProfileArn'),
      ];
    });
  },
};

export const checks: Check[] = [
  rootNoAccessKeys,
  rootMfa,
  rootHardwareMfa,
  rootNotUsed,
  passwordLength,
  passwordReuse,
  userConsoleMfa,
  userNoInitialKeys,
  unusedCredentials,
  singleActiveKey,
  keysRotated,
  noDirectUserPolicies,
  supportRole,
  cloudShellFullAccess,
  expiredServerCerts,
  noCustomFullAdmin,
  noAwsManagedFullAdmin,
  instanceRoles,
];
