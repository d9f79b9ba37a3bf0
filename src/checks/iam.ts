import type { Check } from './types.js';
import { accountRef, fail, pass, withCollected } from './helpers.js';

/** CIS: the root user has no access keys (account summary AccountAccessKeysPresent). */
const rootNoAccessKeys: Check = {
  meta: {
    id: 'iam_root_no_access_keys',
    title: 'The root user has no access keys',
    severity: 'critical',
    service: 'iam',
    resourceType: 'AWS::::Account',
    description:
      'The account root user can do anything in the account and cannot be limited by IAM policies. ' +
      'It should sign in only for the few tasks that need it, and never through access keys.',
    risk: 'A leaked root access key gives complete, unrestricted control of the account and its billing.',
    remediation: {
      console:
        'Sign in as the root user, open Security credentials, and delete every access key under "Access keys".',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
    },
    configRule: 'IAM_ROOT_ACCESS_KEY_CHECK',
  },
  run(account) {
    const ref = accountRef(account);
    return withCollected(account.iam.accountSummary, ref, 'the IAM account summary', (summary) => {
      const present = summary.AccountAccessKeysPresent;
      if (present === undefined) {
        return [{ status: 'ERROR', ...ref, reason: 'the account summary has no AccountAccessKeysPresent value' }];
      }
      return present > 0
        ? [fail(ref, 'the root user has an access key', { AccountAccessKeysPresent: present })]
        : [pass(ref, 'the root user has no access key', { AccountAccessKeysPresent: present })];
    });
  },
};

export const checks: Check[] = [rootNoAccessKeys];
