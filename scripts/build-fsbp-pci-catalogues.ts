/**
 * Builds kenro's AWS Foundational Security Best Practices (data/frameworks/fsbp.json) and PCI DSS
 * v4.0 (data/frameworks/pci-dss-4.0.json) catalogues from the shared control lists (ids, titles,
 * services — facts) plus kenro's own descriptions and check mappings in the tables here and in
 * scripts/fsbp-descriptions.ts.
 *
 *   npx tsx scripts/build-fsbp-pci-catalogues.ts [path/to/shared/data/frameworks]
 *
 * The generated JSON is committed: the product does not need ../shared at run time. The script
 * fails when a control has no description, or when a mapping names a check id kenro does not
 * ship, so catalogues and checks cannot drift apart silently.
 *
 * Mapping rules:
 * - FSBP: a control maps to the kenro checks that decide the same question (FSBP_CHECKS below).
 *   A check that is clearly stricter than the control is not mapped (it would fail a control
 *   that passes), nor one that is looser (IAM.1 judges every customer managed policy, attached or
 *   not, while kenro's CIS-style check passes unattached ones; Config.1 also requires the
 *   service-linked role, which kenro's recorder check does not look at): those controls stay NOT_COVERED
 *   until a matching check exists.
 * - PCI DSS: each sub-requirement maps to the kenro checks that are real technical evidence for
 *   it (PCI_CHECKS below), written by reading the requirement, with AWS's PCI DSS 4.0 conformance
 *   guidance (mirrored as per-requirement peer check lists in the shared data) as a cross-reference.
 *   Loose associations in that guidance (for example MFA delete as evidence of MFA for CDE access,
 *   or key deletion as evidence of key storage rules) are deliberately left out: a PASS on an
 *   unrelated check must never make a requirement look met. Checks stricter than the requirement
 *   (14-character passwords for a 12-character rule) are left out for the same reason in reverse.
 *   Requirements without technical evidence are `manual` with no checks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALL_CHECKS } from '../src/checks/index.js';
import type { Framework, FrameworkControl } from '../src/frameworks/types.js';
import { FSBP_DESCRIPTIONS } from './fsbp-descriptions.js';

// ------------------------------------------------------------------------------------------ FSBP

/** FSBP control id -> kenro checks that decide it. */
const FSBP_CHECKS: Record<string, string[]> = {
  'Account.1': ['account_security_contact_registered'],
  'CloudTrail.1': ['cloudtrail_multi_region_enabled'],
  'CloudTrail.2': ['cloudtrail_kms_encryption_enabled'],
  'CloudTrail.4': ['cloudtrail_log_file_validation_enabled'],
  'CloudTrail.6': ['cloudtrail_bucket_not_public'],
  'CloudTrail.7': ['cloudtrail_bucket_access_logging_enabled'],
  'EC2.1': ['ec2_ebs_snapshot_not_public'],
  'EC2.2': ['ec2_default_sg_closed'],
  'EC2.3': ['ec2_ebs_volume_encrypted'],
  'EC2.6': ['ec2_vpc_flow_logs_enabled'],
  'EC2.7': ['ec2_ebs_default_encryption'],
  'EC2.8': ['ec2_instance_imdsv2_required'],
  'EC2.9': ['ec2_instance_no_public_ip'],
  'EC2.10': ['ec2_vpc_endpoint_ec2'],
  'EC2.13': ['ec2_sg_no_public_ssh'],
  'EC2.14': ['ec2_sg_no_public_rdp'],
  'EC2.15': ['ec2_subnet_no_auto_public_ip'],
  'EC2.16': ['ec2_nacl_unused'],
  'EC2.18': ['ec2_sg_open_only_authorized_ports'],
  'EC2.19': ['ec2_sg_no_public_high_risk_ports'],
  'EC2.21': ['ec2_nacl_no_public_admin_ports'],
  'EC2.55': ['ec2_vpc_endpoint_ecr_api'],
  'EC2.56': ['ec2_vpc_endpoint_ecr_dkr'],
  'EC2.57': ['ec2_vpc_endpoint_ssm'],
  'EC2.58': ['ec2_vpc_endpoint_ssm_contacts'],
  'EC2.60': ['ec2_vpc_endpoint_ssm_incidents'],
  'ECR.1': ['ecr_scan_on_push'],
  'ECR.2': ['ecr_tag_immutability'],
  'EFS.1': ['efs_encrypted'],
  'EFS.7': ['efs_automatic_backups'],
  'EFS.8': ['efs_encrypted'],
  'ELB.1': ['elbv2_alb_http_redirect_https'],
  'ELB.4': ['elbv2_alb_drop_invalid_headers'],
  'ELB.5': ['elbv2_alb_access_logs'],
  'ELB.6': ['elbv2_deletion_protection'],
  'ELB.12': ['elbv2_alb_desync_mitigation'],
  'ELB.17': ['elbv2_listeners_recommended_tls_policy'],
  'ELB.18': ['elbv2_listeners_encrypted'],
  'GuardDuty.1': ['guardduty_enabled_all_regions'],
  'IAM.2': ['iam_user_no_direct_policies'],
  'IAM.3': ['iam_user_access_keys_rotated_90_days'],
  'IAM.4': ['iam_root_no_access_keys'],
  'IAM.5': ['iam_user_console_mfa'],
  'IAM.6': ['iam_root_hardware_mfa_enabled'],
  'IAM.9': ['iam_root_mfa_enabled'],
  'IAM.22': ['iam_user_unused_credentials_45_days'],
  'IAM.26': ['iam_no_expired_server_certificates'],
  'KMS.3': ['kms_key_not_pending_deletion'],
  'KMS.4': ['kms_cmk_rotation_enabled'],
  'KMS.5': ['kms_key_policy_not_public'],
  'Lambda.1': ['lambda_function_policy_not_public'],
  'Lambda.2': ['lambda_runtime_supported'],
  'Lambda.3': ['lambda_function_in_vpc'],
  'RDS.1': ['rds_snapshot_not_public'],
  'RDS.2': ['rds_instance_not_public'],
  'RDS.3': ['rds_instance_storage_encrypted'],
  'RDS.4': ['rds_snapshot_encrypted'],
  'RDS.5': ['rds_instance_multi_az'],
  'RDS.7': ['rds_cluster_deletion_protection'],
  'RDS.8': ['rds_instance_deletion_protection'],
  'RDS.10': ['rds_instance_iam_auth'],
  'RDS.11': ['rds_instance_backup_enabled'],
  'RDS.13': ['rds_instance_auto_minor_upgrade'],
  'RDS.15': ['rds_cluster_multi_az'],
  'RDS.27': ['rds_cluster_storage_encrypted'],
  'S3.1': ['s3_account_public_access_block'],
  'S3.2': ['s3_bucket_public_read_prohibited'],
  'S3.3': ['s3_bucket_public_write_prohibited'],
  'S3.5': ['s3_bucket_tls_only'],
  'S3.6': ['s3_bucket_no_cross_account_admin_actions'],
  'S3.8': ['s3_bucket_public_access_block'],
  'S3.9': ['s3_bucket_access_logging'],
  'S3.10': ['s3_versioned_bucket_lifecycle'],
  'S3.12': ['s3_bucket_acls_disabled'],
  'S3.13': ['s3_bucket_lifecycle_configured'],
  'S3.14': ['s3_bucket_versioning_enabled'],
  'S3.15': ['s3_bucket_object_lock'],
  'S3.17': ['s3_bucket_kms_encryption'],
  'S3.20': ['s3_bucket_mfa_delete'],
  'SecretsManager.1': ['secretsmanager_rotation_enabled'],
  'SNS.1': ['sns_topic_encrypted'],
  'SNS.4': ['sns_topic_policy_not_public'],
  'SQS.1': ['sqs_queue_encrypted'],
  'SQS.3': ['sqs_queue_policy_not_public'],
};

interface SharedFsbp {
  controls: { id: string; title: string; service: string }[];
  other_mirror: { additional_controls: { id: string; title: string }[] };
}

/** Service prefix of a control id as Security Hub spells the section. */
function serviceOf(id: string): string {
  return id.split('.')[0]!;
}

function buildFsbp(shared: SharedFsbp): Framework {
  const rows = [
    ...shared.controls.map((c) => ({ id: c.id, title: c.title, section: c.service })),
    ...shared.other_mirror.additional_controls.filter((c) => c.title).map((c) => ({ id: c.id, title: c.title, section: serviceOf(c.id) })),
  ];
  const seen = new Set<string>();
  const controls: FrameworkControl[] = [];
  for (const r of rows) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const description = FSBP_DESCRIPTIONS[r.id];
    if (!description) throw new Error(`FSBP ${r.id} ("${r.title}") has no description in scripts/fsbp-descriptions.ts`);
    controls.push({ id: r.id, title: r.title, section: r.section, assessment: 'automated', description, checks: FSBP_CHECKS[r.id] ?? [] });
  }
  for (const id of Object.keys(FSBP_CHECKS)) if (!seen.has(id)) throw new Error(`FSBP_CHECKS names ${id}, which is not in the control list`);
  controls.sort((a, b) => compareIds(a.id, b.id));
  return {
    id: 'fsbp',
    name: 'AWS Foundational Security Best Practices',
    version: '1.0.0',
    description:
      "Security Hub's AWS Foundational Security Best Practices standard: automated, service-by-service controls for " +
      'common misconfigurations. Control ids and titles are AWS\'s; descriptions are kenro\'s own. Security Hub adds controls ' +
      'over time, so this list (from public mirrors of the standard) may trail the live one.',
    controls,
  };
}

/** Orders `S3.2` before `S3.10`, and services alphabetically (case-insensitive). */
function compareIds(a: string, b: string): number {
  const [sa, na] = a.split('.');
  const [sb, nb] = b.split('.');
  const s = sa!.toLowerCase().localeCompare(sb!.toLowerCase());
  return s !== 0 ? s : Number(na) - Number(nb);
}

// ------------------------------------------------------------------------------------------ PCI

const NET_EXPOSURE = [
  'ec2_default_sg_closed',
  'ec2_sg_no_ipv4_admin_ingress',
  'ec2_sg_no_ipv6_admin_ingress',
  'ec2_sg_no_public_high_risk_ports',
  'ec2_sg_open_only_authorized_ports',
  'ec2_nacl_no_public_admin_ports',
  'ec2_instance_no_public_ip',
  'ec2_subnet_no_auto_public_ip',
  'rds_instance_not_public',
];
const PUBLIC_DATA = [
  's3_account_public_access_block',
  's3_bucket_public_access_block',
  's3_bucket_acl_not_public',
  's3_bucket_policy_not_public',
  'ec2_ebs_snapshot_not_public',
  'ec2_ami_not_public',
  'rds_snapshot_not_public',
  'lambda_function_policy_not_public',
  'lambda_function_url_auth',
  'sns_topic_policy_not_public',
  'sqs_queue_policy_not_public',
  'ecr_repository_policy_not_public',
  'secretsmanager_policy_not_public',
  'kms_key_policy_not_public',
  'efs_policy_not_public',
];
const ENCRYPT_AT_REST = [
  'ec2_ebs_default_encryption',
  'ec2_ebs_volume_encrypted',
  'rds_instance_storage_encrypted',
  'rds_cluster_storage_encrypted',
  'rds_snapshot_encrypted',
  'efs_encrypted',
  'sns_topic_encrypted',
  'sqs_queue_encrypted',
  'cloudtrail_kms_encryption_enabled',
];
const ENCRYPT_IN_TRANSIT = ['s3_bucket_tls_only', 'elbv2_listeners_encrypted', 'elbv2_alb_http_redirect_https', 'elbv2_listeners_recommended_tls_policy'];
const LEAST_PRIVILEGE = [
  'iam_no_custom_full_admin_policies',
  'iam_no_privilege_escalation',
  'iam_role_trust_not_public',
  'iam_user_no_direct_policies',
  'iam_cloudshell_full_access_not_attached',
  'iam_ec2_instance_profile_attached',
  's3_bucket_acls_disabled',
  'iam_principal_admin_rights',
  'iam_no_aws_managed_full_admin_policies',
  'iam_policy_no_wildcard_sensitive',
  'iam_role_trust_cross_account_external_id',
];
const INACTIVE_ACCOUNTS = ['iam_user_unused_credentials_45_days'];
const MFA = ['iam_root_mfa_enabled', 'iam_root_hardware_mfa_enabled', 'iam_user_console_mfa'];
const AUDIT_LOGGING = [
  'cloudtrail_multi_region_enabled',
  'cloudtrail_s3_dataevents_read_enabled',
  'cloudtrail_s3_dataevents_write_enabled',
  'ec2_vpc_flow_logs_enabled',
  's3_bucket_access_logging',
  'elbv2_alb_access_logs',
  'config_recorder_enabled_all_regions',
];
const CONTROL_FAILURE_ALERTS = ['cloudwatch_alarm_cloudtrail_changes', 'cloudwatch_alarm_config_changes', 'config_recorder_enabled_all_regions', 'securityhub_enabled'];
const AUTOMATED_REVIEW = ['securityhub_enabled', 'guardduty_enabled_all_regions'];

/** PCI DSS v4.0 sub-requirement -> kenro checks that are technical evidence for it. Absent = manual. */
const PCI_CHECKS: Record<string, string[]> = {
  'A1.1.2': PUBLIC_DATA,
  'A1.1.3': [...NET_EXPOSURE, ...PUBLIC_DATA],
  'A1.2.1': AUDIT_LOGGING,
  'A1.2.3': ['account_security_contact_registered'],
  'A3.2.5.1': ['manual_s3_data_classified'],
  'A3.3.1': CONTROL_FAILURE_ALERTS,
  'A3.4.1': INACTIVE_ACCOUNTS,
  'A3.5.1': AUTOMATED_REVIEW,
  '1.2.5': ['ec2_sg_open_only_authorized_ports', 'ec2_sg_no_public_high_risk_ports'],
  '1.3.1': NET_EXPOSURE,
  '1.3.2': ['ec2_default_sg_closed'],
  '1.4.2': NET_EXPOSURE,
  '1.4.4': ['rds_instance_not_public', 'ec2_instance_no_public_ip', ...PUBLIC_DATA],
  '2.2.5': ['ec2_sg_no_public_high_risk_ports', 'elbv2_listeners_encrypted'],
  '3.2.1': ['s3_bucket_lifecycle_configured'],
  '3.3.2': ENCRYPT_AT_REST,
  '3.5.1': ENCRYPT_AT_REST,
  '3.5.1.3': ['ec2_ebs_default_encryption', 'ec2_ebs_volume_encrypted', 'kms_key_policy_not_public'],
  '3.6.1': ['kms_cmk_rotation_enabled', 'kms_key_not_pending_deletion', 'kms_key_policy_not_public'],
  '3.6.1.2': ['kms_key_policy_not_public'],
  '3.6.1.3': ['kms_key_policy_not_public'],
  '3.7.4': ['kms_cmk_rotation_enabled'],
  '3.7.7': ['kms_key_policy_not_public'],
  '4.2.1': ENCRYPT_IN_TRANSIT,
  '6.3.3': ['rds_instance_auto_minor_upgrade', 'lambda_runtime_supported'],
  '7.2.1': LEAST_PRIVILEGE,
  '7.2.2': LEAST_PRIVILEGE,
  '7.2.4': INACTIVE_ACCOUNTS,
  '7.2.5': LEAST_PRIVILEGE,
  '7.2.5.1': INACTIVE_ACCOUNTS,
  '7.3.1': LEAST_PRIVILEGE,
  '7.3.2': LEAST_PRIVILEGE,
  '7.3.3': LEAST_PRIVILEGE,
  '8.2.1': ['iam_root_not_used_recently'],
  '8.2.2': ['iam_root_not_used_recently', 'iam_root_no_access_keys'],
  '8.2.6': INACTIVE_ACCOUNTS,
  '8.3.9': ['iam_user_access_keys_rotated_90_days'],
  '8.4.1': MFA,
  '8.4.2': MFA,
  '8.4.3': MFA,
  '8.6.3': ['secretsmanager_rotation_enabled', 'iam_user_access_keys_rotated_90_days'],
  '10.2.1': AUDIT_LOGGING,
  '10.2.1.1': ['cloudtrail_s3_dataevents_read_enabled', 'cloudtrail_s3_dataevents_write_enabled', 's3_bucket_access_logging'],
  '10.2.1.2': ['cloudtrail_multi_region_enabled'],
  '10.2.1.3': ['cloudtrail_bucket_access_logging_enabled'],
  '10.2.1.4': ['cloudtrail_multi_region_enabled'],
  '10.2.1.5': ['cloudtrail_multi_region_enabled'],
  '10.2.1.6': ['cloudtrail_multi_region_enabled'],
  '10.2.1.7': ['cloudtrail_multi_region_enabled'],
  '10.2.2': ['cloudtrail_multi_region_enabled'],
  '10.3.1': ['cloudtrail_bucket_not_public'],
  '10.3.2': ['cloudtrail_log_file_validation_enabled', 'cloudtrail_kms_encryption_enabled', 'cloudtrail_bucket_not_public'],
  '10.3.3': ['cloudtrail_multi_region_enabled'],
  '10.3.4': ['cloudtrail_log_file_validation_enabled'],
  '10.4.1': AUTOMATED_REVIEW,
  '10.4.1.1': AUTOMATED_REVIEW,
  '10.4.2': AUTOMATED_REVIEW,
  '10.7.1': CONTROL_FAILURE_ALERTS,
  '10.7.2': CONTROL_FAILURE_ALERTS,
  '11.3.1': ['ecr_scan_on_push'],
  '11.3.1.2': ['ecr_scan_on_push'],
  '11.3.1.3': ['ecr_scan_on_push'],
  '11.5.1': ['guardduty_enabled_all_regions'],
  '11.5.1.1': ['guardduty_enabled_all_regions'],
};

/** The twelve principal PCI DSS requirements and the two appendices, in kenro's short words. */
const PCI_SECTIONS: Record<string, string> = {
  '1': '1 Network security controls',
  '2': '2 Secure configurations',
  '3': '3 Protection of stored account data',
  '4': '4 Strong cryptography in transmission',
  '5': '5 Protection from malicious software',
  '6': '6 Secure systems and software',
  '7': '7 Access restricted by business need to know',
  '8': '8 User identification and authentication',
  '10': '10 Logging and monitoring',
  '11': '11 Regular security testing',
  '12': '12 Organisational policies and programs',
  A1: 'A1 Multi-tenant service providers',
  A3: 'A3 Designated entities supplemental validation',
};

/** kenro's own description of each PCI DSS v4.0 sub-requirement (what it asks of an AWS estate). */
const PCI_DESCRIPTIONS: Record<string, string> = {
  'A1.1.2': "A multi-tenant provider keeps each customer's data and cardholder environment reachable only by that customer.",
  'A1.1.3': 'A multi-tenant provider makes sure each customer can reach only its own resources and network paths.',
  'A1.2.1': "Audit logging is on for every customer's environment and the logs can be reviewed by that customer.",
  'A1.2.3': 'A multi-tenant provider can report and handle suspected incidents affecting any customer.',
  'A3.2.5.1': 'A data-discovery method finds cardholder data wherever it is stored, including outside the defined scope.',
  'A3.2.5.2': 'When cardholder data turns up outside the defined environment, it is removed or the scope is extended promptly.',
  'A3.3.1': 'Failures of critical security controls (logging, detection, anti-malware, access controls) are detected and alerted on.',
  'A3.4.1': 'User accounts and their privileges in the cardholder environment are reviewed at least every six months.',
  'A3.5.1': 'Attack patterns across systems are identified promptly, with alerts that someone acts on.',
  '1.2.5': 'Every allowed service, protocol and port has a documented business need.',
  '1.2.8': 'Configurations of network security controls (security groups, ACLs, firewalls) are protected and kept consistent.',
  '1.3.1': 'Inbound traffic to the cardholder environment is limited to what is needed; everything else is denied.',
  '1.3.2': 'Outbound traffic from the cardholder environment is limited to what is needed; everything else is denied.',
  '1.4.1': 'Network security controls sit between trusted and untrusted networks.',
  '1.4.2': 'Inbound traffic from untrusted networks reaches only publicly reachable services and answers to requests.',
  '1.4.3': 'Anti-spoofing measures stop forged source addresses from entering the trusted network.',
  '1.4.4': 'Systems that store cardholder data are not directly reachable from untrusted networks.',
  '1.4.5': 'Internal addresses and routing information are disclosed only to authorised parties.',
  '1.5.1': 'Devices that connect to both untrusted networks and the cardholder environment are secured so they cannot bridge threats into it.',
  '2.2.5': 'Insecure services, protocols or daemons are justified and protected by extra safeguards, or removed.',
  '2.2.7': 'All non-console administrative access is encrypted with strong cryptography.',
  '3.2.1': 'Account data is kept only as long as needed, with retention limits applied and enforced.',
  '3.3.1.1': 'Full track data is not kept after authorisation.',
  '3.3.1.3': 'PINs and PIN blocks are not kept after authorisation.',
  '3.3.2': 'Sensitive authentication data stored before authorisation is encrypted with strong cryptography.',
  '3.3.3': 'Issuers keep sensitive authentication data only for a business need, and encrypted.',
  '3.5.1': 'Card numbers are unreadable wherever they are stored (encryption, truncation, tokens or keyed hashes).',
  '3.5.1.1': 'Hashes used to render card numbers unreadable are keyed cryptographic hashes of the whole number.',
  '3.5.1.3': 'Where disk or volume encryption protects card numbers, logical access to it is managed separately from the operating system.',
  '3.6.1': 'Cryptographic keys that protect stored account data are guarded against disclosure and misuse.',
  '3.6.1.2': 'Secret and private keys are stored only in approved forms (encrypted, in an HSM, or as split components).',
  '3.6.1.3': 'Access to cleartext key components is limited to the fewest custodians.',
  '3.6.1.4': 'Keys are stored in the fewest possible locations.',
  '3.7.1': 'Key-management procedures generate strong keys.',
  '3.7.2': 'Key-management procedures distribute keys securely.',
  '3.7.4': 'Keys are changed at the end of their defined cryptoperiod (for KMS keys: rotation).',
  '3.7.5': 'Keys are retired or replaced when their integrity is weakened or they are suspected compromised.',
  '3.7.6': 'Manual cleartext key operations use split knowledge and dual control.',
  '3.7.7': 'Unauthorised substitution of keys is prevented.',
  '4.2.1': 'Card numbers sent over open, public networks are protected with strong cryptography and trusted certificates.',
  '4.2.1.1': 'An inventory of trusted keys and certificates used to protect card numbers in transit is kept.',
  '5.3.4': 'Audit logs of anti-malware solutions are enabled and retained.',
  '6.3.3': 'Critical security patches are installed within a month of release.',
  '6.4.1': 'Public-facing web applications are protected against known attacks, by review or an automated solution.',
  '6.4.2': 'Public-facing web applications sit behind an automated solution (such as a WAF) that detects and blocks attacks.',
  '6.5.5': 'Live card numbers are not used in pre-production environments.',
  '6.5.6': 'Test data and test accounts are removed before systems go into production.',
  '7.2.1': 'An access control model covers all system components and grants access by need.',
  '7.2.2': 'Access, including privileged access, is assigned by job function with least privilege.',
  '7.2.3': 'Required privileges are approved by authorised personnel.',
  '7.2.4': 'User accounts and their access are reviewed at least every six months.',
  '7.2.5': 'Application and system accounts get only the privileges they need.',
  '7.2.5.1': 'Access of application and system accounts is reviewed periodically.',
  '7.2.6': 'Access to query repositories of stored cardholder data is restricted.',
  '7.3.1': 'An access control system restricts access by need to know.',
  '7.3.2': 'The access control system enforces permissions assigned by job function.',
  '7.3.3': 'The access control system denies everything not explicitly allowed.',
  '8.2.1': 'Every user has a unique ID before getting access.',
  '8.2.2': 'Shared, group or generic accounts are used only when necessary and are controlled.',
  '8.2.4': 'Adding, changing and removing user IDs and credentials is authorised.',
  '8.2.5': 'Access of terminated users is revoked immediately.',
  '8.2.6': 'Inactive user accounts are removed or disabled within 90 days.',
  '8.2.7': 'Accounts used by third parties for remote access are enabled only when needed and monitored.',
  '8.2.8': 'Idle sessions require re-authentication after 15 minutes.',
  '8.3.2': 'Authentication factors are unreadable in storage and transmission (strong cryptography).',
  '8.3.4': 'Invalid authentication attempts lock the user ID after no more than ten tries.',
  '8.3.5': 'Initial and reset passwords are unique per user and must be changed at first use.',
  '8.3.6': 'Passwords are at least 12 characters and contain letters and numbers.',
  '8.3.7': 'A new password cannot be any of the last four used.',
  '8.3.9': 'Where a password is the only factor, it changes at least every 90 days or access is analysed dynamically.',
  '8.3.10.1': "Service providers make their customers' password-only accounts change passwords every 90 days.",
  '8.3.11': 'Physical or logical authentication tokens are assigned to one user and cannot be shared.',
  '8.4.1': 'MFA protects all non-console administrative access into the cardholder environment.',
  '8.4.2': 'MFA protects all access into the cardholder environment.',
  '8.4.3': 'MFA protects all remote network access that could reach the cardholder environment.',
  '8.6.3': 'Passwords of application and system accounts are protected and changed periodically.',
  '10.2.1': 'Audit logs are enabled and active for every system component and for cardholder data.',
  '10.2.1.1': 'Audit logs capture every individual user access to cardholder data.',
  '10.2.1.2': 'Audit logs capture every action taken with administrative access, including the root user.',
  '10.2.1.3': 'Audit logs capture all access to the audit logs themselves.',
  '10.2.1.4': 'Audit logs capture invalid logical access attempts.',
  '10.2.1.5': 'Audit logs capture changes to identification and authentication credentials.',
  '10.2.1.6': 'Audit logs capture starting, stopping and pausing of the audit logs.',
  '10.2.1.7': 'Audit logs capture creation and deletion of system-level objects.',
  '10.2.2': 'Each audit log entry records who, what, when, where from, whether it succeeded, and which resource.',
  '10.3.1': 'Read access to audit logs is limited to those with a job need.',
  '10.3.2': 'Audit log files are protected against modification.',
  '10.3.3': 'Audit logs are promptly backed up to a central store that is hard to alter.',
  '10.3.4': 'File integrity monitoring or change detection protects audit logs from undetected change.',
  '10.4.1': 'Security events and logs of critical systems are reviewed at least daily.',
  '10.4.1.1': 'Automated mechanisms perform the audit log reviews.',
  '10.4.2': 'Logs of all other system components are reviewed periodically.',
  '10.4.3': 'Exceptions and anomalies found in reviews are addressed.',
  '10.5.1': 'Audit log history is kept at least 12 months, with the last three months immediately available.',
  '10.6.3': 'Time-synchronisation settings and data are protected against unauthorised change.',
  '10.7.1': 'Service providers detect, alert on and promptly address failures of critical security control systems.',
  '10.7.2': 'Failures of critical security control systems (logging, detection, configuration monitoring...) are detected and alerted on.',
  '11.3.1': 'Internal vulnerability scans run at least every three months and high-risk findings are fixed.',
  '11.3.1.1': 'Lower-risk vulnerabilities found by scans are handled according to their risk.',
  '11.3.1.2': 'Internal vulnerability scans authenticate to the systems they scan.',
  '11.3.1.3': 'Internal vulnerability scans also run after significant changes.',
  '11.5.1': 'Intrusion detection or prevention watches traffic at the perimeter and critical points of the cardholder environment.',
  '11.5.1.1': 'Service providers detect covert malware communication channels.',
  '11.5.2': 'A change-detection mechanism alerts on unauthorised changes to critical files.',
  '11.6.1': 'Unauthorised changes to payment pages as received by browsers are detected and alerted on.',
  '12.4.2.1': 'Service providers document periodic reviews confirming staff follow security policies and procedures.',
  '12.10.5': 'The incident response plan covers alerts from security monitoring systems.',
};

interface SharedPci {
  requirements: { id: string; title: string }[];
}

function buildPci(shared: SharedPci): Framework {
  const controls: FrameworkControl[] = shared.requirements.map((r) => {
    const description = PCI_DESCRIPTIONS[r.id];
    if (!description) throw new Error(`PCI DSS ${r.id} has no description in PCI_DESCRIPTIONS`);
    const top = r.id.startsWith('A') ? r.id.slice(0, 2) : r.id.split('.')[0]!;
    const section = PCI_SECTIONS[top];
    if (!section) throw new Error(`PCI DSS ${r.id}: no section name for requirement ${top}`);
    const checks = new Set(PCI_CHECKS[r.id] ?? []);
    return {
      id: r.id,
      title: r.title,
      section,
      assessment: checks.size > 0 ? 'automated' : 'manual',
      description,
      checks: [...checks].sort(),
    };
  });
  for (const id of [...Object.keys(PCI_DESCRIPTIONS), ...Object.keys(PCI_CHECKS)])
    if (!controls.some((c) => c.id === id)) throw new Error(`PCI DSS ${id} is described or mapped here but not in the requirement list`);
  return {
    id: 'pci-dss-4.0',
    name: 'PCI DSS v4.0 (AWS technical requirements)',
    version: '4.0',
    description:
      'The PCI DSS v4.0 sub-requirements that AWS account configuration can evidence, each with the kenro checks that are ' +
      'technical evidence for it. Passing kenro checks is evidence for an assessor, not a compliance verdict: ' +
      'most requirements also need processes and documents kenro cannot see. Descriptions are kenro\'s own.',
    controls,
  };
}

// ------------------------------------------------------------------------------------------ main

function validate(fw: Framework): void {
  const known = new Set(ALL_CHECKS.map((c) => c.meta.id));
  for (const c of fw.controls) for (const id of c.checks) if (!known.has(id)) throw new Error(`${fw.id} ${c.id} maps to unknown check ${id}`);
}

function main(): void {
  const here = resolve(import.meta.dirname, '..');
  const src = resolve(process.argv[2] ?? join(here, '..', 'shared', 'data', 'frameworks'));
  const read = <T>(f: string): T => {
    try {
      return JSON.parse(readFileSync(join(src, f), 'utf8')) as T;
    } catch (err) {
      throw new Error(`cannot read ${join(src, f)}: ${(err as Error).message}`);
    }
  };
  const outputs: [string, Framework][] = [
    ['fsbp.json', buildFsbp(read<SharedFsbp>('aws_fsbp.json'))],
    ['pci-dss-4.0.json', buildPci(read<SharedPci>('pci_dss_v4.0_aws.json'))],
  ];
  for (const [file, fw] of outputs) {
    validate(fw);
    writeFileSync(join(here, 'data', 'frameworks', file), JSON.stringify(fw, null, 2) + '\n');
    const covered = fw.controls.filter((c) => c.checks.length > 0).length;
    console.log(`${file}: ${fw.controls.length} controls, ${covered} mapped to kenro checks`);
  }
}

main();
