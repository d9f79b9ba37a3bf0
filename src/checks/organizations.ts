import type { Check } from './types.js';
import { accountRef, errorFinding, fail, pass, withCollected } from './helpers.js';

/** The AWS managed SCP that allows everything (attached by default). */
const FULL_ACCESS_SCP = 'p-FullAWSAccess';

const scpGuardrails: Check = {
  meta: {
    id: 'organizations_scp_guardrails_applied',
    title: 'The account is governed by service control policies beyond FullAWSAccess',
    severity: 'medium',
    service: 'organizations',
    resourceType: 'AWS::::Account',
    description:
      'A member account should have at least one SCP other than the default FullAWSAccess applied along its path from the ' +
      'organization root, so that guardrails (for example denying CloudTrail deletion or leaving the organization) hold even ' +
      'against the account\'s own administrators. SCPs never apply to the management account.',
    risk: 'Without guardrails, one compromised administrator can switch off logging and security services.',
    remediation: {
      console: 'AWS Organizations > Policies > Service control policies: create deny guardrails and attach them to the OU or account.',
      docs: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html',
    },
  },
  run(account) {
    const ref = accountRef(account);
    return withCollected(account.organization, ref, 'the organization (organizations:DescribeOrganization)', (org) => {
      if (!org) return [fail(ref, 'the account is not in an AWS Organization, so no SCP guardrails can apply')];
      if (org.isManagementAccount) return [fail(ref, 'this is the management account: SCPs do not restrict it; keep workloads out of it')];
      if (!org.scps) return [{ status: 'ERROR', ...ref, reason: 'SCPs along the account\'s path were not collected (organizations:ListPoliciesForTarget)' }];
      if (org.scps.status !== 'ok') return [errorFinding(ref, org.scps, 'SCPs along the account\'s path (organizations:ListPoliciesForTarget)')];
      const guardrails = org.scps.value.flatMap((lvl) => lvl.policies.filter((p) => p.id !== FULL_ACCESS_SCP).map((p) => ({ target: lvl.targetId, name: p.name, id: p.id })));
      return guardrails.length > 0
        ? [pass(ref, `${guardrails.length} SCP guardrail(s) apply: ${guardrails.map((g) => g.name).join(', ')}`, { scps: guardrails })]
        : [fail(ref, 'only FullAWSAccess applies: no SCP guardrail restricts this account')];
    });
  },
};

export const checks: Check[] = [scpGuardrails];
