/**
 * Judging a resource-based policy for public exposure through the IAM engine: statements,
 * effects, principals and conditions are read as IAM reads them (never by string matching).
 * Shared by the S3, SNS, SQS, Lambda, ECR, Secrets Manager, KMS and EFS policy checks.
 */
import type { Collected } from '../model/collected.js';
import type { AccountInventory, PolicyDocument } from '../model/inventory.js';
import { resourcePolicyExposure, type ResourceExposure } from '../iam/index.js';
import { fail, pass, type ResourceRef } from './helpers.js';
import type { Finding } from './types.js';
import { readError } from './readErrors.js';

/** The account's organization id when known, so organization-pinned policies are not called public. */
export function orgIdOf(account: AccountInventory): string | undefined {
  return account.organization.status === 'ok' ? account.organization.value?.id : undefined;
}

export function exposureOf(doc: PolicyDocument, account: AccountInventory, resourceArn: string, service: string): ResourceExposure {
  return resourcePolicyExposure(doc, { resourceArn, resourceAccount: account.accountId, service, orgId: orgIdOf(account) });
}

/**
 * One finding for a resource policy: FAIL when a statement lets anyone (unrestricted "*") in,
 * PASS when none does, ERROR when the policy could not be read, or when it is malformed and no
 * public statement was found (a malformed policy cannot be proved private).
 */
export function judgePolicy(opts: {
  account: AccountInventory;
  ref: ResourceRef;
  policy: Collected<PolicyDocument | null> | undefined;
  service: string;
  what: string;
  permission: string;
  /** Policy absent (null): AWS's default for the service, private unless said otherwise. */
  absentReason?: string;
}): Finding {
  const { ref, policy } = opts;
  if (!policy) return { status: 'ERROR', ...ref, reason: `${opts.what} was not collected (${opts.permission})` };
  if (policy.status !== 'ok') return readError(ref, policy, `${opts.what} (${opts.permission})`);
  if (!policy.value) return pass(ref, opts.absentReason ?? `${opts.what} is not set, so only identities of the owning account can be granted access`);
  const ex = exposureOf(policy.value, opts.account, ref.resourceArn ?? ref.resourceId, opts.service);
  const evidence = { publicStatements: ex.publicStatements, crossAccount: ex.crossAccount, errors: ex.errors };
  if (ex.public) {
    const s = ex.publicStatements[0]!;
    return fail(ref, `${opts.what} allows public access: ${s.reason}`, evidence, 'policy');
  }
  if (ex.errors.length > 0) {
    const e = ex.errors[0]!;
    return {
      status: 'ERROR',
      ...ref,
      reason: `${opts.what} is malformed (${e.statement !== undefined ? `statement ${String(e.statement)} ` : ''}${e.field ?? ''} ${e.code}: ${e.message})`,
      evidence,
    };
  }
  const cross = ex.crossAccount.length > 0 ? `; shared with ${ex.crossAccount.length} other account(s)` : '';
  return pass(ref, `${opts.what} does not allow public access${cross}`, evidence);
}
