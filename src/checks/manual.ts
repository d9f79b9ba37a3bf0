/**
 * Controls that need a person: each check emits one MANUAL result per account saying exactly what
 * to verify and where. They never PASS or FAIL on their own.
 */
import type { Check } from './types.js';
import { accountRef, manual } from './helpers.js';

interface ManualSpec {
  id: string;
  title: string;
  service: string;
  severity: 'high' | 'medium' | 'low';
  /** What the person must verify, as an instruction. */
  verify: string;
  risk: string;
  docs: string;
}

const SPECS: ManualSpec[] = [
  {
    id: 'manual_account_contact_details_current',
    title: 'Account contact details are current',
    service: 'account',
    severity: 'medium',
    verify:
      'Open Account settings (as root or with account:GetContactInformation) and confirm the primary contact name, address, phone and ' +
      'e-mail, and the billing, operations and security alternate contacts, reach people who still own this account — ideally shared ' +
      'mailboxes rather than individuals.',
    risk: 'AWS cannot reach anyone about abuse, compromise or billing, and account recovery may fail.',
    docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact.html',
  },
  {
    id: 'manual_account_security_questions',
    title: 'Security challenge questions are registered',
    service: 'account',
    severity: 'low',
    verify:
      'Sign in as root, open Account settings > Configure security challenge questions, and confirm three questions are set and their ' +
      'answers are stored securely (for example in the team password manager).',
    risk: 'Identity verification with AWS Support is harder when root access is lost.',
    docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-security-challenge.html',
  },
  {
    id: 'manual_iam_identity_federation',
    title: 'People sign in through federation (IAM Identity Center or an IdP), not IAM users',
    service: 'iam',
    severity: 'medium',
    verify:
      'Confirm workforce access uses IAM Identity Center or a SAML/OIDC identity provider with roles, and that any remaining IAM users are ' +
      'documented exceptions (break-glass or machines that cannot use roles). Review the IAM users list and the identity providers.',
    risk: 'Per-account IAM users multiply long-lived passwords and keys and outlive the people they belong to.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers.html',
  },
  {
    id: 'manual_s3_data_classified',
    title: 'Data in S3 is discovered and classified (for example with Amazon Macie)',
    service: 's3',
    severity: 'low',
    verify:
      'Confirm sensitive data in S3 has been discovered and classified — Amazon Macie enabled with automated sensitive data discovery or ' +
      'an equivalent process — and that buckets holding sensitive data carry the protections their classification requires.',
    risk: 'Sensitive data nobody knows about is not protected to its level.',
    docs: 'https://docs.aws.amazon.com/macie/latest/user/discovery-asdd.html',
  },
  {
    id: 'manual_vpc_peering_routes_least_access',
    title: 'Routes to VPC peering connections are least access',
    service: 'ec2',
    severity: 'medium',
    verify:
      'For each VPC peering connection, review the route tables that point to it and confirm each route targets only the specific subnets or ' +
      'hosts that must communicate, not the peer VPC\'s whole CIDR.',
    risk: 'Broad peering routes let a compromise in one VPC reach everything in the other.',
    docs: 'https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html',
  },
  {
    id: 'manual_org_centralized_root_access',
    title: 'Member-account root credentials are centrally managed',
    service: 'organizations',
    severity: 'medium',
    verify:
      'In the management (or delegated IAM) account, open IAM > Root access management and confirm "Root credentials management" and ' +
      '"Privileged root actions in member accounts" are enabled, and that member accounts have no root password, keys or MFA.',
    risk: 'Every member account keeps a root user that can be recovered and abused.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management',
  },
  {
    id: 'manual_org_authorization_guardrails',
    title: 'Authorization guardrails (SCPs/RCPs) cover every account of the organization',
    service: 'organizations',
    severity: 'medium',
    verify:
      'Review the SCPs and RCPs attached at the root and OUs and confirm they deny what must never happen (leaving the organization, ' +
      'disabling CloudTrail, GuardDuty or Config, using unapproved regions) for every member account.',
    risk: 'Without guardrails, any account administrator can switch off the organization\'s security baseline.',
    docs: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples.html',
  },
  {
    id: 'manual_org_management_account_no_workloads',
    title: 'The management account runs no workloads',
    service: 'organizations',
    severity: 'medium',
    verify:
      'Confirm the management account holds only organization, billing and identity administration — no applications, data stores or ' +
      'compute — and that few people can sign in to it.',
    risk: 'SCPs do not restrict the management account; a workload compromise there threatens the whole organization.',
    docs: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_best-practices_mgmt-acct.html',
  },
  {
    id: 'manual_org_ou_structure',
    title: 'Organizational units follow environment and sensitivity',
    service: 'organizations',
    severity: 'low',
    verify:
      'Review the OU tree and confirm accounts are grouped by environment (production, non-production, sandbox) and data sensitivity, so that ' +
      'policies attach to OUs rather than individual accounts.',
    risk: 'A flat organization makes consistent guardrails impossible.',
    docs: 'https://docs.aws.amazon.com/whitepapers/latest/organizing-your-aws-environment/recommended-ous-and-accounts.html',
  },
  {
    id: 'manual_org_policies_delegated_admin',
    title: 'A delegated administrator manages Organizations policies',
    service: 'organizations',
    severity: 'low',
    verify:
      'In AWS Organizations > Settings, confirm a resource-based delegation policy lets a dedicated security or governance account manage ' +
      'policies, so day-to-day policy work does not need the management account.',
    risk: 'Routine use of the management account enlarges its attack surface.',
    docs: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs-policy-delegate.html',
  },
  {
    id: 'manual_org_services_delegated_admin',
    title: 'Delegated administrators run Organizations-integrated security services',
    service: 'organizations',
    severity: 'low',
    verify:
      'Confirm GuardDuty, Security Hub, IAM Access Analyzer, Config and other integrated services have a delegated administrator account ' +
      '(organizations list-delegated-administrators) instead of being run from the management account.',
    risk: 'Running security services from the management account concentrates too much power in one place.',
    docs: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_integrate_services_list.html',
  },
  {
    id: 'manual_resource_policies_no_unrestricted_principal',
    title: 'Resource policies do not grant unrestricted access with Principal "*"',
    service: 'iam',
    severity: 'high',
    verify:
      'Review resource-based policies (S3, SNS, SQS, Lambda, KMS, ECR, Secrets Manager and others) and confirm every statement with ' +
      'Principal "*" is narrowed by conditions such as aws:PrincipalOrgID, aws:SourceAccount or aws:SourceVpce. kenro\'s service checks report ' +
      'the policies it finds public; this item covers services kenro does not read.',
    risk: 'A wildcard principal without conditions opens the resource to everyone on the internet.',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
  },
  {
    id: 'manual_web_frontend_access_logging',
    title: 'AWS-managed web front ends keep access logs',
    service: 'cloudfront',
    severity: 'low',
    verify:
      'Confirm access logging is on for every CloudFront distribution, Application/Network Load Balancer, API Gateway stage and other ' +
      'managed front end serving traffic, with logs kept long enough to investigate.',
    risk: 'Without access logs, attacks against public endpoints cannot be reconstructed.',
    docs: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html',
  },
  {
    id: 'manual_vpc_endpoints_used',
    title: 'VPC endpoints are used to reach AWS services',
    service: 'ec2',
    severity: 'low',
    verify:
      'For workloads in VPCs, confirm traffic to AWS services (S3, DynamoDB, STS, KMS, Secrets Manager and others used) goes through VPC ' +
      'gateway or interface endpoints, with endpoint policies where appropriate.',
    risk: 'Service traffic through the internet gateway or NAT widens exposure and bypasses network controls.',
    docs: 'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html',
  },
  {
    id: 'manual_rds_multi_az',
    title: 'Production RDS databases use Multi-AZ deployments',
    service: 'rds',
    severity: 'low',
    verify:
      'Confirm every production RDS instance or cluster is deployed Multi-AZ (or is a cluster spanning AZs), and that single-AZ ones are ' +
      'documented as non-critical.',
    risk: 'A single-AZ database goes down with its Availability Zone.',
    docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html',
  },
  {
    id: 'manual_billing_reviewed',
    title: 'Bills and monthly usage are reviewed regularly',
    service: 'billing',
    severity: 'low',
    verify:
      'Confirm someone reviews Cost Explorer or the detailed Cost and Usage Report every month, investigates unexpected services or regions, ' +
      'and that budget alerts reach them.',
    risk: 'Resources run by an intruder show up first on the bill.',
    docs: 'https://docs.aws.amazon.com/cost-management/latest/userguide/ce-what-is.html',
  },
  {
    id: 'manual_ec2_key_pairs_protected',
    title: 'EC2 key pairs are protected and few',
    service: 'ec2',
    severity: 'low',
    verify:
      'Confirm private keys of EC2 key pairs are kept only in a secrets store or with their owners, unused key pairs are deleted, and ' +
      'interactive access uses Systems Manager Session Manager or EC2 Instance Connect where possible.',
    risk: 'A copied private key gives shell access to every instance launched with it.',
    docs: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-key-pairs.html',
  },
];

function manualCheck(spec: ManualSpec): Check {
  return {
    meta: {
      id: spec.id,
      title: spec.title,
      severity: spec.severity,
      service: spec.service,
      resourceType: 'AWS::::Account',
      description: `A person must verify this: ${spec.verify}`,
      risk: spec.risk,
      remediation: { console: spec.verify, docs: spec.docs },
      kind: 'manual',
    },
    run(account) {
      return [manual(accountRef(account), `verify by hand: ${spec.verify}`)];
    },
  };
}

export const checks: Check[] = SPECS.map(manualCheck);
