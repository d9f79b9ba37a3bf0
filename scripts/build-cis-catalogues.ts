/**
 * Builds kenro's CIS AWS Foundations (v3.0–v7.0) and AWS Security Checklist catalogues
 * (data/frameworks/*.json) from the shared control lists (ids, titles, sections, levels,
 * Automated/Manual — facts) plus kenro's own descriptions and check mappings in the table below.
 *
 *   npx tsx scripts/build-cis-catalogues.ts [path/to/shared/data/frameworks]
 *
 * The generated JSON is committed: the product does not need ../shared at run time. The script
 * fails when a control matches no row of the table, so a new benchmark version cannot silently
 * ship unmapped controls.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Framework, FrameworkControl } from '../src/frameworks/types.js';

interface Mapping {
  /** Matches the control's title (lower case, quotes removed). */
  match: RegExp;
  checks: string[];
  description: string;
}

/** kenro's reading of each CIS control (shared by every version that has it). First match wins. */
const CIS: Mapping[] = [
  { match: /^maintain current (aws account )?contact details/, checks: ['manual_account_contact_details_current'], description: 'The account\'s primary and alternate contacts must reach people who still look after the account, so AWS can warn about abuse, compromise or billing problems and so the account can be recovered.' },
  { match: /security contact information is registered/, checks: ['account_security_contact_registered'], description: 'A security alternate contact with an e-mail address is registered, so AWS security notices reach the security team and not only the root mailbox.' },
  { match: /security questions are registered/, checks: ['manual_account_security_questions'], description: 'Security challenge questions are set on the account so AWS Support can verify the owner if root access is lost.' },
  { match: /no root user account access key exists/, checks: ['iam_root_no_access_keys'], description: 'The root user has no access keys at all; programmatic access uses IAM roles. kenro checks both the account summary and the credential report.' },
  { match: /hardware mfa is enabled for the root/, checks: ['iam_root_hardware_mfa_enabled'], description: 'Root\'s second factor is a hardware device (FIDO key or hardware token), not an app on a phone or computer.' },
  { match: /mfa is enabled for the root/, checks: ['iam_root_mfa_enabled'], description: 'Signing in as root requires a second factor in addition to the password.' },
  { match: /eliminate use of the root user/, checks: ['iam_root_not_used_recently'], description: 'Root is kept for the few tasks only it can do; daily and administrative work uses roles or IAM Identity Center. kenro flags recent root password or key use.' },
  { match: /password policy requires minimum length of 14/, checks: ['iam_password_policy_min_length_14'], description: 'The IAM account password policy demands passwords of at least 14 characters.' },
  { match: /password policy prevents password reuse/, checks: ['iam_password_policy_reuse_24'], description: 'The IAM account password policy stops users from reusing any of their last 24 passwords.' },
  { match: /mfa\) is enabled for all iam users that have a console password/, checks: ['iam_user_console_mfa'], description: 'Every IAM user who can sign in to the console also has an MFA device.' },
  { match: /(do not setup|do not create) access keys during initial/, checks: ['iam_user_no_initial_access_keys'], description: 'Access keys are created only when a console user actually needs programmatic access; keys made by default at user creation and never used are removed.' },
  { match: /credentials unused for 45 days/, checks: ['iam_user_unused_credentials_45_days'], description: 'Passwords and access keys not used for 45 days (or never used since they were created 45+ days ago) are disabled or removed.' },
  { match: /only one active access key/, checks: ['iam_user_single_active_key'], description: 'No IAM user keeps two active access keys beyond the brief overlap of a rotation.' },
  { match: /access keys are rotated every 90 days/, checks: ['iam_user_access_keys_rotated_90_days'], description: 'Active access keys are replaced at least every 90 days.' },
  { match: /permissions only through groups/, checks: ['iam_user_no_direct_policies'], description: 'Permissions reach IAM users through groups (or roles), never through policies attached to the user.' },
  { match: /full \*:\* administrative privileges/, checks: ['iam_no_custom_full_admin_policies', 'iam_no_aws_managed_full_admin_policies'], description: 'No attached managed policy, customer or AWS managed (such as AdministratorAccess), allows every action on every resource; administrator access is granted deliberately and narrowly.' },
  { match: /support role has been created/, checks: ['iam_support_role_exists'], description: 'An IAM role carrying the AWSSupportAccess managed policy exists, so incidents can be raised with AWS Support without root or broad rights.' },
  { match: /iam instance roles are used/, checks: ['iam_ec2_instance_profile_attached'], description: 'EC2 instances reach AWS through an instance profile role, not access keys stored on the instance.' },
  { match: /expired ssl\/tls certificates stored in (aws )?iam are removed/, checks: ['iam_no_expired_server_certificates'], description: 'Expired server certificates are deleted from IAM so they cannot be deployed by mistake.' },
  { match: /access analyzer is enabled for all regions/, checks: ['accessanalyzer_enabled_all_regions'], description: 'An active IAM Access Analyzer for external access (account or organization zone of trust) runs in every region.' },
  { match: /managed centrally via identity federation/, checks: ['manual_iam_identity_federation'], description: 'People reach AWS accounts through a central identity provider or IAM Identity Center rather than IAM users created in each account.' },
  { match: /awscloudshellfullaccess is restricted/, checks: ['iam_cloudshell_full_access_not_attached'], description: 'The AWSCloudShellFullAccess managed policy is not attached to users, groups or roles; CloudShell access, if needed, is granted more narrowly.' },
  { match: /resource policies do not allow unrestricted access/, checks: ['manual_resource_policies_no_unrestricted_principal', 's3_bucket_acl_not_public', 's3_bucket_public_access_block', 'iam_role_trust_not_public'], description: 'Resource-based policies do not grant access to Principal "*" without conditions that limit who can use them.' },
  { match: /centralized root access in aws organizations/, checks: ['manual_org_centralized_root_access'], description: 'Root credentials of member accounts are removed and managed centrally through IAM root access management in AWS Organizations.' },
  { match: /authorization guardrails for all aws organization/, checks: ['organizations_scp_guardrails_applied', 'manual_org_authorization_guardrails'], description: 'Service and resource control policies set guardrails that apply to every member account.' },
  { match: /management account is not used for workloads/, checks: ['manual_org_management_account_no_workloads'], description: 'The Organizations management account runs no workloads and holds only organization-wide administration.' },
  { match: /organizational units are structured/, checks: ['manual_org_ou_structure'], description: 'Accounts are grouped into OUs by environment and data sensitivity so policies can be applied consistently.' },
  { match: /delegated admin manages aws organizations policies/, checks: ['manual_org_policies_delegated_admin'], description: 'A delegated administrator account manages Organizations policies so the management account is seldom used.' },
  { match: /delegated admins manage aws organizations-integrated/, checks: ['manual_org_services_delegated_admin'], description: 'Organizations-integrated security services are run from delegated administrator accounts, not the management account.' },
  { match: /s3 bucket policy is set to deny http/, checks: ['s3_bucket_tls_only'], description: 'Every bucket policy denies requests that do not use TLS (aws:SecureTransport false).' },
  { match: /mfa delete is enabled on s3/, checks: ['s3_bucket_mfa_delete'], description: 'Versioned buckets require MFA to change versioning state or permanently delete object versions.' },
  { match: /data in amazon s3 has been discovered, classified/, checks: ['manual_s3_data_classified'], description: 'Sensitive data stored in S3 is found and classified (for example with Amazon Macie) and protected accordingly.' },
  { match: /block public access/, checks: ['s3_account_public_access_block', 's3_bucket_public_access_block'], description: 'S3 Block Public Access is switched on for the account and for buckets, so no policy or ACL can make data public.' },
  { match: /ebs volume encryption is enabled in all regions/, checks: ['ec2_ebs_default_encryption', 'ec2_ebs_volume_encrypted'], description: 'EBS encryption by default is on in every region so every new volume and snapshot is encrypted.' },
  { match: /encryption(-at-rest)? is enabled for rds instances/, checks: ['rds_instance_storage_encrypted'], description: 'RDS database storage, its backups and snapshots are encrypted at rest with KMS.' },
  { match: /auto minor version upgrade/, checks: ['rds_instance_auto_minor_upgrade'], description: 'RDS instances receive engine minor versions (which carry security fixes) automatically in the maintenance window.' },
  { match: /public access is not given to rds|rds instances are not publicly accessible/, checks: ['rds_instance_not_public'], description: 'RDS instances are not publicly accessible: they have no public endpoint address.' },
  { match: /multi-az deployments are used/, checks: ['rds_instance_multi_az', 'rds_cluster_multi_az', 'manual_rds_multi_az'], description: 'Production RDS databases run Multi-AZ so an Availability Zone failure does not take them down.' },
  { match: /encryption is enabled for efs/, checks: ['efs_encrypted'], description: 'EFS file systems are encrypted at rest with KMS.' },
  { match: /cloudtrail is enabled in all regions/, checks: ['cloudtrail_multi_region_enabled'], description: 'A multi-region trail (an organization trail counts for member accounts) is logging and records every read and write management event.' },
  { match: /cloudtrail log file validation/, checks: ['cloudtrail_log_file_validation_enabled'], description: 'Trails write signed digest files so tampering with delivered log files can be detected.' },
  { match: /aws config is enabled in all regions/, checks: ['config_recorder_enabled_all_regions'], description: 'AWS Config records every supported resource type in every region, delivers to a channel, and records global (IAM) resources in at least one region.' },
  { match: /(s3 bucket access logging|server access logging) is enabled on the cloudtrail s3 bucket/, checks: ['cloudtrail_bucket_access_logging_enabled'], description: 'The bucket that stores CloudTrail logs has S3 server access logging on, so access to the audit logs is itself recorded.' },
  { match: /cloudtrail logs are encrypted at rest using kms/, checks: ['cloudtrail_kms_encryption_enabled'], description: 'CloudTrail encrypts its log files with a KMS key, so reading them needs key permissions as well as bucket access.' },
  { match: /rotation for customer[- ]created symmetric cmks/, checks: ['kms_cmk_rotation_enabled'], description: 'Automatic yearly rotation is on for customer managed symmetric KMS keys.' },
  { match: /vpc flow logging is enabled in all vpcs/, checks: ['ec2_vpc_flow_logs_enabled'], description: 'Every VPC has a flow log capturing at least rejected traffic.' },
  { match: /object-level logging for write events/, checks: ['cloudtrail_s3_dataevents_write_enabled'], description: 'A logging trail records S3 object-level write data events (PutObject, DeleteObject...) for the account\'s buckets.' },
  { match: /object-level logging for read events/, checks: ['cloudtrail_s3_dataevents_read_enabled'], description: 'A logging trail records S3 object-level read data events (GetObject...) for the account\'s buckets.' },
  { match: /web front-end services have access logging/, checks: ['manual_web_frontend_access_logging', 'elbv2_alb_access_logs'], description: 'Managed web front ends (CloudFront, load balancers, API Gateway) keep access logs.' },
  { match: /unauthorized api calls/, checks: ['cloudwatch_alarm_unauthorized_api_calls'], description: 'CloudTrail events with AccessDenied or UnauthorizedOperation errors raise a CloudWatch alarm that notifies a confirmed subscriber.' },
  { match: /sign-in without mfa/, checks: ['cloudwatch_alarm_console_signin_without_mfa'], description: 'Console sign-ins made without MFA raise a CloudWatch alarm that notifies a confirmed subscriber.' },
  { match: /usage of (the )?root account/, checks: ['cloudwatch_alarm_root_usage'], description: 'Any action by the root user (other than by an AWS service) raises a CloudWatch alarm that notifies a confirmed subscriber.' },
  { match: /iam policy changes/, checks: ['cloudwatch_alarm_iam_policy_changes'], description: 'Creating, changing, attaching or deleting IAM policies raises a CloudWatch alarm that notifies a confirmed subscriber.' },
  { match: /cloudtrail configuration changes/, checks: ['cloudwatch_alarm_cloudtrail_changes'], description: 'Creating, updating, deleting, starting or stopping a trail raises a CloudWatch alarm that notifies a confirmed subscriber.' },
  { match: /console authentication failures/, checks: ['cloudwatch_alarm_console_auth_failures'], description: 'Failed console sign-ins raise a CloudWatch alarm that notifies a confirmed subscriber.' },
  { match: /disabling or scheduled deletion of customer created cmks/, checks: ['cloudwatch_alarm_kms_key_disable_or_deletion'], description: 'Disabling a KMS key or scheduling its deletion raises a CloudWatch alarm that notifies a confirmed subscriber.' },
  { match: /s3 bucket policy changes/, checks: ['cloudwatch_alarm_s3_bucket_policy_changes'], description: 'Changes to bucket policies, ACLs, CORS, lifecycle or replication raise a CloudWatch alarm that notifies a confirmed subscriber.' },
  { match: /aws config configuration changes/, checks: ['cloudwatch_alarm_config_changes'], description: 'Stopping or changing Config recorders and delivery channels raises a CloudWatch alarm that notifies a confirmed subscriber.' },
  { match: /security group changes/, checks: ['cloudwatch_alarm_security_group_changes'], description: 'Creating, deleting or changing security group rules raises a CloudWatch alarm that notifies a confirmed subscriber.' },
  { match: /network access control lists? \(nacl\)/, checks: ['cloudwatch_alarm_nacl_changes'], description: 'Creating, deleting or changing network ACLs and their entries raises a CloudWatch alarm that notifies a confirmed subscriber.' },
  { match: /changes to network gateways/, checks: ['cloudwatch_alarm_network_gateway_changes'], description: 'Creating, attaching, detaching or deleting internet and customer gateways raises a CloudWatch alarm that notifies a confirmed subscriber.' },
  { match: /route table changes/, checks: ['cloudwatch_alarm_route_table_changes'], description: 'Creating, replacing or deleting routes and route tables raises a CloudWatch alarm that notifies a confirmed subscriber.' },
  { match: /vpc changes/, checks: ['cloudwatch_alarm_vpc_changes'], description: 'Creating, deleting or modifying VPCs and VPC peering raises a CloudWatch alarm that notifies a confirmed subscriber.' },
  { match: /aws organizations changes/, checks: ['cloudwatch_alarm_organizations_changes'], description: 'Changes to the organization (accounts, OUs, policies, handshakes) raise a CloudWatch alarm that notifies a confirmed subscriber.' },
  { match: /aws security hub is enabled/, checks: ['securityhub_enabled'], description: 'Security Hub is enabled in every region to gather findings and run security standards.' },
  { match: /cifs access is restricted/, checks: ['ec2_sg_no_public_cifs'], description: 'No security group lets the internet reach CIFS/SMB (port 445).' },
  { match: /no network acls allow ingress from 0\.0\.0\.0\/0 to remote server administration/, checks: ['ec2_nacl_no_public_admin_ports'], description: 'No network ACL allows inbound traffic from anywhere to SSH (22), RDP (3389) or all ports.' },
  { match: /no security groups allow ingress from 0\.0\.0\.0\/0 to remote server administration/, checks: ['ec2_sg_no_ipv4_admin_ingress'], description: 'No security group allows inbound IPv4 traffic from anywhere to SSH (22), RDP (3389) or all ports.' },
  { match: /no security groups allow ingress from ::\/0 to remote server administration/, checks: ['ec2_sg_no_ipv6_admin_ingress'], description: 'No security group allows inbound IPv6 traffic from anywhere to SSH (22), RDP (3389) or all ports.' },
  { match: /default security group of every vpc restricts all traffic/, checks: ['ec2_default_sg_closed'], description: 'The default security group of every VPC has no inbound or outbound rules, so nothing joins it by accident and gains access.' },
  { match: /routing tables for vpc peering are/, checks: ['manual_vpc_peering_routes_least_access'], description: 'Routes to peering connections reach only the subnets or hosts that must talk to each other.' },
  { match: /metadata service only allows imdsv2/, checks: ['ec2_instance_imdsv2_required'], description: 'EC2 instances require IMDSv2 session tokens, blocking metadata theft through request forgery.' },
  { match: /vpc endpoints are used/, checks: ['manual_vpc_endpoints_used'], description: 'Workloads reach AWS services through VPC endpoints rather than over the internet.' },
];

/** The AWS Security Checklist items and the checks that evidence them. */
const CHECKLIST: Record<string, { checks: string[]; description: string }> = {
  'GEN.1': { checks: ['iam_root_no_access_keys', 'iam_root_mfa_enabled', 'iam_root_hardware_mfa_enabled', 'iam_root_not_used_recently'], description: 'The root user has MFA, no access keys, and is not used for everyday work.' },
  'GEN.2': { checks: ['cloudtrail_bucket_not_public', 'cloudtrail_bucket_access_logging_enabled', 'cloudtrail_kms_encryption_enabled', 'cloudtrail_log_file_validation_enabled'], description: 'The bucket holding CloudTrail (and billing) logs is private, logs access to itself, and the logs are encrypted and tamper-evident.' },
  'GEN.3': { checks: ['cloudtrail_multi_region_enabled'], description: 'CloudTrail records management activity in every region.' },
  'GEN.4': { checks: ['iam_principal_admin_rights', 'iam_no_privilege_escalation', 'iam_no_custom_full_admin_policies', 'iam_no_aws_managed_full_admin_policies', 'iam_policy_no_wildcard_sensitive', 'iam_user_no_direct_policies', 'iam_support_role_exists'], description: 'Administration uses a few roles with only the privileges each job needs: few effective administrators, no paths to raise one\'s own rights, and no full administrator or service-wide grants handed out widely.' },
  'GEN.5': { checks: ['iam_ec2_instance_profile_attached', 'iam_user_unused_credentials_45_days', 'iam_user_access_keys_rotated_90_days', 'manual_iam_identity_federation', 'iam_role_trust_not_public', 'iam_role_trust_cross_account_external_id'], description: 'Temporary credentials from STS and roles replace long-lived IAM user keys wherever possible, and the roles can be assumed only by those meant to (no public trust, external IDs for third parties).' },
  'GEN.6': { checks: ['billing_spend_monitored', 'manual_billing_reviewed'], description: 'Detailed billing is on, budgets or billing alarms warn about unexpected spend, and someone reviews usage every month.' },
  'EC2.1': { checks: ['ec2_ebs_default_encryption', 'ec2_ebs_volume_encrypted'], description: 'EBS volumes are encrypted, and encryption by default is on so new ones are too.' },
  'EC2.2': { checks: ['ec2_vpc_flow_logs_enabled'], description: 'VPC Flow Logs record network traffic in every VPC.' },
  'EC2.3': { checks: ['manual_ec2_key_pairs_protected'], description: 'EC2 key pairs are few, their private keys protected, and shell access preferably goes through Session Manager.' },
  'EC2.4': { checks: ['iam_ec2_instance_profile_attached'], description: 'Applications on EC2 get AWS credentials from an instance role, never from keys stored on the instance.' },
  'EC2.5': { checks: ['ec2_sg_no_ipv4_admin_ingress', 'ec2_sg_no_ipv6_admin_ingress', 'ec2_default_sg_closed', 'ec2_sg_no_public_high_risk_ports'], description: 'Security groups open only the ports each tier needs, to the sources that need them, and default groups stay closed.' },
  'S3.1': { checks: ['s3_account_public_access_block', 's3_bucket_public_access_block', 's3_bucket_acl_not_public'], description: 'No bucket is publicly accessible; Block Public Access guards against mistakes.' },
  'S3.2': { checks: ['s3_bucket_kms_encryption'], description: 'Buckets encrypt objects server-side, with KMS keys for sensitive data.' },
  'S3.3': { checks: ['s3_bucket_tls_only'], description: 'Bucket policies refuse requests that do not use TLS.' },
  'S3.4': { checks: ['s3_bucket_versioning_enabled', 's3_bucket_lifecycle_configured'], description: 'Versioning protects against overwrites and deletions, and lifecycle rules expire or archive old data.' },
  'S3.5': { checks: ['s3_bucket_access_logging'], description: 'S3 server access logging is on and the logs are analysed.' },
};

interface SharedControl {
  id: string;
  title: string;
  section: string;
  subsection: string | null;
  profile: string;
  assessment: string;
}

const VERSIONS: { file: string; id: string; version: string; label: string }[] = [
  { file: 'cis_aws_v3.0.0.json', id: 'cis-aws-3.0', version: '3.0.0', label: 'v3.0.0' },
  { file: 'cis_aws_v4.0.1.json', id: 'cis-aws-4.0', version: '4.0.1', label: 'v4.0.1' },
  { file: 'cis_aws_v5.0.0.json', id: 'cis-aws-5.0', version: '5.0.0', label: 'v5.0.0' },
  { file: 'cis_aws_v6.0.0.json', id: 'cis-aws-6.0', version: '6.0.0', label: 'v6.0.0' },
  { file: 'cis_aws_v7.0.0.json', id: 'cis-aws-7.0', version: '7.0.0', label: 'v7.0.0' },
];

function normalise(title: string): string {
  return title.toLowerCase().replace(/["'“”‘’]/g, '').replace(/\s+/g, ' ').trim();
}

function cisControl(c: SharedControl): FrameworkControl {
  const key = normalise(c.title);
  const m = CIS.find((x) => x.match.test(key));
  if (!m) throw new Error(`no mapping for CIS control ${c.id} "${c.title}"`);
  const section = c.subsection ? `${c.section} / ${c.subsection}` : c.section;
  return {
    id: c.id,
    title: c.title,
    section,
    level: c.profile,
    assessment: c.assessment.toLowerCase() === 'automated' ? 'automated' : 'manual',
    description: m.description,
    checks: [...m.checks],
  };
}

function main(): void {
  const repo = resolve(import.meta.dirname, '..');
  const src = resolve(process.argv[2] ?? join(repo, '..', 'shared', 'data', 'frameworks'));
  const out = join(repo, 'data', 'frameworks');
  for (const v of VERSIONS) {
    const shared = JSON.parse(readFileSync(join(src, v.file), 'utf8')) as { requirements: SharedControl[] };
    const fw: Framework = {
      id: v.id,
      name: `CIS Amazon Web Services Foundations Benchmark ${v.label}`,
      version: v.version,
      description:
        `The Center for Internet Security's consensus baseline for AWS accounts, ${v.label}: identity, storage, logging, monitoring ` +
        'and networking controls at Level 1 (essential) and Level 2 (defence in depth). Ids, titles and levels are the benchmark\'s; ' +
        'descriptions are kenro\'s own summaries.',
      controls: shared.requirements.map(cisControl),
    };
    writeFileSync(join(out, `${v.id}.json`), JSON.stringify(fw, null, 2) + '\n');
    console.log(`${v.id}: ${fw.controls.length} controls`);
  }
  const checklist = JSON.parse(readFileSync(join(src, 'aws_security_checklist.json'), 'utf8')) as { requirements: { id: string; section: string; title: string }[] };
  const fw: Framework = {
    id: 'aws-security-checklist',
    name: 'AWS Security Checklist',
    version: '2018',
    description:
      'The sixteen items of AWS\'s Security Checklist whitepaper (general, EC2/VPC/EBS, S3), each mapped to the kenro checks that ' +
      'evidence it. Items that need people (reviewing bills, protecting key pairs) map to manual checks and to the checks of the ' +
      'controls that enable them.',
    controls: checklist.requirements.map((r) => {
      const m = CHECKLIST[r.id];
      if (!m) throw new Error(`no mapping for AWS Security Checklist item ${r.id}`);
      return { id: r.id, title: r.title, section: r.section, assessment: 'automated', description: m.description, checks: [...m.checks] };
    }),
  };
  writeFileSync(join(out, 'aws-security-checklist.json'), JSON.stringify(fw, null, 2) + '\n');
  console.log(`aws-security-checklist: ${fw.controls.length} controls`);
}

main();
