/**
 * iac_resource_missing_cis_settings: resources created without settings the CIS AWS Foundations
 * Benchmark asks for, where kenro's live check judges the account as a whole (so it does not run
 * on a template) and a template resource can be judged on its own:
 * - AWS::CloudTrail::Trail: IsMultiRegionTrail true (CIS "CloudTrail is enabled in all regions"),
 *   IsLogging true, CloudWatchLogsLogGroupArn set (CIS "CloudTrail trails are integrated with
 *   CloudWatch Logs", the basis of the CIS monitoring alarms).
 * - AWS::Config::ConfigurationRecorder: RecordingGroup records all supported resource types and
 *   global resources (CIS "AWS Config is enabled in all regions").
 * - AWS::S3::Bucket: a PublicAccessBlockConfiguration that leaves a setting off (CIS bucket-level
 *   Block Public Access; the live check also weighs the account-level setting, which a template
 *   does not describe).
 * - AWS::EC2::Volume not attached in the template: Encrypted true (CIS "EBS volume encryption";
 *   attached volumes are judged by ec2_ebs_volume_encrypted, which follows AWS Config's
 *   ENCRYPTED_VOLUMES and skips unattached ones).
 * Log file validation and KMS encryption of trails are judged by the per-trail live checks.
 */
import type { Res } from '../../sources/cfn/context.js';
import type { Finding } from '../types.js';
import type { IacCheck, IacContext } from './types.js';

interface Setting {
  /** Property path shown to the reader. */
  path: string[];
  /** What CIS asks for, in words. */
  want: string;
  /** true = set as CIS asks; false = not; undefined = cannot be resolved. */
  ok: (res: Res) => boolean | undefined;
}

function bool(res: Res, path: string[], dflt: boolean): boolean | undefined {
  const field = `cis:${path.join('.')}`;
  const v = res.bool(path, field, dflt);
  return res.unresolved.has(field) ? undefined : v;
}

const TRAIL: Setting[] = [
  { path: ['IsMultiRegionTrail'], want: 'IsMultiRegionTrail: true (log every region)', ok: (r) => bool(r, ['IsMultiRegionTrail'], false) },
  { path: ['IsLogging'], want: 'IsLogging: true', ok: (r) => bool(r, ['IsLogging'], false) },
  {
    // CloudTrail delivers to CloudWatch Logs only with both the log group and the role it assumes.
    path: ['CloudWatchLogsLogGroupArn'],
    want: 'CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn (deliver to CloudWatch Logs for the CIS alarms)',
    ok: (r) => r.get('CloudWatchLogsLogGroupArn') !== undefined && r.get('CloudWatchLogsRoleArn') !== undefined,
  },
];

const RECORDER: Setting[] = [
  {
    path: ['RecordingGroup', 'AllSupported'],
    want: 'RecordingGroup.AllSupported: true (record every supported resource type)',
    ok: (r) => (r.get('RecordingGroup') === undefined ? true : bool(r, ['RecordingGroup', 'AllSupported'], false)),
  },
  {
    path: ['RecordingGroup', 'IncludeGlobalResourceTypes'],
    want: 'RecordingGroup.IncludeGlobalResourceTypes: true (record IAM and other global resources)',
    ok: (r) => bool(r, ['RecordingGroup', 'IncludeGlobalResourceTypes'], false),
  },
];

const VOLUME: Setting[] = [
  { path: ['Encrypted'], want: 'Encrypted: true (CIS "EBS volume encryption")', ok: (r) => bool(r, ['Encrypted'], false) },
];

/**
 * Bucket-level Block Public Access (CIS "S3 buckets are configured with Block public access
 * (bucket settings)"): with no PublicAccessBlockConfiguration S3 turns all four on for a new
 * bucket; a configuration the template writes must keep each of them on (an omitted one is off).
 */
const BPA = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'];
const BUCKET: Setting[] = BPA.map((k) => ({
  path: ['PublicAccessBlockConfiguration', k],
  want: `PublicAccessBlockConfiguration.${k}: true`,
  ok: (r: Res) => (r.get('PublicAccessBlockConfiguration') === undefined ? true : bool(r, ['PublicAccessBlockConfiguration', k], false)),
}));

const BY_TYPE: Record<string, Setting[]> = {
  'AWS::CloudTrail::Trail': TRAIL,
  'AWS::Config::ConfigurationRecorder': RECORDER,
  'AWS::EC2::Volume': VOLUME,
  'AWS::S3::Bucket': BUCKET,
};

/** Attached volumes are judged by the live check ec2_ebs_volume_encrypted; only the others here. */
function judgedElsewhere(res: Res, world: IacContext['world']): boolean {
  if (res.tr.type !== 'AWS::EC2::Volume') return false;
  const v = world.builder.built.get(res.logicalId)?.model as { attachedInstanceIds?: string[]; state?: string } | undefined;
  return !!v && ((v.attachedInstanceIds?.length ?? 0) > 0 || v.state === 'in-use');
}

export const missingCisSettings: IacCheck = {
  meta: {
    id: 'iac_resource_missing_cis_settings',
    title: 'Trails, Config recorders, S3 buckets and EBS volumes in templates have the settings CIS asks for',
    severity: 'medium',
    service: 'cloudformation',
    resourceType: 'AWS::CloudFormation::Resource',
    description:
      'A trail created by a template should log every region, be logging, and deliver to CloudWatch Logs; a Config recorder should record all supported and global resource types (CIS AWS Foundations, Logging section).',
    risk: 'Activity in other regions, or changes to unrecorded resources, go unseen; the CIS monitoring alarms have no log to watch.',
    remediation: {
      cloudformation:
        'Trail:\n  Type: AWS::CloudTrail::Trail\n  Properties:\n    IsLogging: true\n    IsMultiRegionTrail: true\n    CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn\n    CloudWatchLogsRoleArn: !GetAtt TrailLogsRole.Arn',
      docs: 'https://www.cisecurity.org/benchmark/amazon_web_services',
    },
  },
  runTemplate({ world }: IacContext): Finding[] {
    const out: Finding[] = [];
    for (const res of world.builder.all) {
      const settings = BY_TYPE[res.tr.type];
      if (!settings || judgedElsewhere(res, world)) continue;
      const ref = { region: world.builder.region, resourceId: res.logicalId, resourceType: res.tr.type };
      const state = settings.map((s) => ({ s, ok: s.ok(res) }));
      const missing = state.filter((x) => x.ok === false).map((x) => x.s);
      const unknown = state.filter((x) => x.ok === undefined).map((x) => x.s);
      if (missing.length) {
        const first = missing[0]!;
        const field = `cis:${first.path.join('.')}`;
        out.push({
          status: 'FAIL',
          ...ref,
          field,
          origin: { ...res.origin, fields: { ...res.origin.fields, [field]: res.locate(first.path) } },
          reason: `missing CIS settings: ${missing.map((s) => s.want).join('; ')}`,
          evidence: { missing: missing.map((s) => s.path.join('.')) },
        });
      } else if (unknown.length) {
        out.push({ status: 'ERROR', ...ref, origin: res.origin, reason: `cannot be determined from the template: ${unknown.map((s) => s.path.join('.')).join(', ')}` });
      } else {
        out.push({ status: 'PASS', ...ref, origin: res.origin, reason: 'every CIS setting kenro checks on this resource is set' });
      }
    }
    return out;
  },
};
