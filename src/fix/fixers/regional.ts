import type { ApiCall, Executor, Fixer } from '../types.js';
import { changeFor, hasCode, regionOf } from './common.js';

const call = (service: string, operation: string, region: string, params: Record<string, unknown> = {}, mutating = true): ApiCall => ({ service, operation, region, params, mutating });

export const ebsDefaultEncryption: Fixer<{ enabled: boolean }> = {
  id: 'ec2_ebs_default_encryption_enable',
  title: 'Turn on EBS encryption by default in the region',
  checkIds: ['ec2_ebs_default_encryption'],
  permissions: ['ec2:GetEbsEncryptionByDefault', 'ec2:EnableEbsEncryptionByDefault', 'ec2:DisableEbsEncryptionByDefault'],
  plan(r, { account }) {
    const v = regionOf(account, r.region)?.ec2.ebsEncryptionByDefault;
    if (v?.status !== 'ok') return { skip: 'the EBS default-encryption setting was not read' };
    return changeFor(this.id, r, {
      summary: `encrypt new EBS volumes by default in ${r.region}`,
      before: { enabled: v.value },
      after: { enabled: true },
      calls: [call('ec2', 'EnableEbsEncryptionByDefault', r.region)],
      rollback: [call('ec2', 'DisableEbsEncryptionByDefault', r.region)],
      cannotRestore: ['volumes created while it was on stay encrypted'],
      warnings: ['instance types that do not support EBS encryption can no longer launch in this region'],
    });
  },
  async read(change, aws) {
    const out = await aws.call(call('ec2', 'GetEbsEncryptionByDefault', change.region, {}, false));
    return { enabled: out.EbsEncryptionByDefault === true };
  },
};

export const kmsKeyRotation: Fixer<{ rotation: boolean }> = {
  id: 'kms_key_rotation_enable',
  title: 'Turn on automatic rotation of a customer managed KMS key',
  checkIds: ['kms_cmk_rotation_enabled'],
  permissions: ['kms:GetKeyRotationStatus', 'kms:EnableKeyRotation', 'kms:DisableKeyRotation'],
  plan(r, { account }) {
    const keys = regionOf(account, r.region)?.kms.keys;
    if (keys?.status !== 'ok') return { skip: 'KMS keys were not read' };
    const key = keys.value.find((k) => k.id === r.resourceId || k.arn === r.resourceArn);
    if (!key) return { skip: `key ${r.resourceId} is not in the inventory` };
    if (key.rotationEnabled.status !== 'ok') return { skip: 'the rotation status was not read' };
    return changeFor(this.id, { ...r, resourceId: key.id }, {
      summary: `rotate KMS key ${key.id}${key.aliases?.length ? ` (${key.aliases.join(', ')})` : ''} automatically every year`,
      before: { rotation: key.rotationEnabled.value },
      after: { rotation: true },
      calls: [call('kms', 'EnableKeyRotation', r.region, { KeyId: key.id })],
      rollback: [call('kms', 'DisableKeyRotation', r.region, { KeyId: key.id })],
      cannotRestore: ['key material rotated meanwhile stays (older material is kept, so nothing becomes unreadable)'],
    });
  },
  async read(change, aws) {
    const out = await aws.call(call('kms', 'GetKeyRotationStatus', change.region, { KeyId: change.resourceId }, false));
    return { rotation: out.KeyRotationEnabled === true };
  },
};

export const rdsPublicAccessOff: Fixer<{ publiclyAccessible: boolean }> = {
  id: 'rds_instance_public_access_off',
  title: 'Make an RDS DB instance not publicly accessible',
  checkIds: ['rds_instance_not_public'],
  permissions: ['rds:DescribeDBInstances', 'rds:ModifyDBInstance'],
  plan(r, { account }) {
    const dbs = regionOf(account, r.region)?.rds.instances;
    if (dbs?.status !== 'ok') return { skip: 'RDS instances were not read' };
    const db = dbs.value.find((d) => d.id === r.resourceId || d.arn === r.resourceArn);
    if (!db) return { skip: `DB instance ${r.resourceId} is not in the inventory` };
    const modify = (v: boolean) => call('rds', 'ModifyDBInstance', r.region, { DBInstanceIdentifier: db.id, PubliclyAccessible: v, ApplyImmediately: true });
    return changeFor(this.id, { ...r, resourceId: db.id }, {
      summary: `turn off public accessibility of DB instance ${db.id} (applied immediately)`,
      before: { publiclyAccessible: db.publiclyAccessible },
      after: { publiclyAccessible: false },
      calls: [modify(false)],
      rollback: [modify(true)],
      warnings: ['clients outside the VPC lose their connection; the endpoint resolves to a private address afterwards'],
    });
  },
  async read(change, aws) {
    const out = await aws.call(call('rds', 'DescribeDBInstances', change.region, { DBInstanceIdentifier: change.resourceId }, false));
    const db = (out.DBInstances as { PubliclyAccessible?: boolean }[] | undefined)?.[0];
    if (!db) throw new Error(`DB instance ${change.resourceId} not found`);
    return { publiclyAccessible: db.PubliclyAccessible === true };
  },
};

interface DetectorState {
  enabled: boolean;
  detectorId?: string;
}

async function readDetector(aws: Executor, region: string): Promise<DetectorState> {
  const list = await aws.call(call('guardduty', 'ListDetectors', region, {}, false));
  const id = (list.DetectorIds as string[] | undefined)?.[0];
  if (!id) return { enabled: false };
  const d = await aws.call(call('guardduty', 'GetDetector', region, { DetectorId: id }, false));
  return { enabled: d.Status === 'ENABLED', detectorId: id };
}

export const guardDutyEnable: Fixer<DetectorState> = {
  id: 'guardduty_enable',
  title: 'Turn on GuardDuty in the region',
  checkIds: ['guardduty_enabled_all_regions'],
  permissions: ['guardduty:ListDetectors', 'guardduty:GetDetector', 'guardduty:CreateDetector', 'guardduty:UpdateDetector', 'guardduty:DeleteDetector', 'iam:CreateServiceLinkedRole'],
  plan(r, { account }) {
    const detectors = regionOf(account, r.region)?.guardduty.detectors;
    if (detectors?.status !== 'ok') return { skip: 'GuardDuty detectors were not read' };
    const existing = detectors.value[0];
    if (existing) {
      return changeFor(this.id, r, {
        summary: `re-enable GuardDuty detector ${existing.id} in ${r.region}`,
        before: { enabled: existing.status === 'ENABLED', detectorId: existing.id },
        after: { enabled: true, detectorId: existing.id },
        calls: [call('guardduty', 'UpdateDetector', r.region, { DetectorId: existing.id, Enable: true })],
        rollback: [call('guardduty', 'UpdateDetector', r.region, { DetectorId: existing.id, Enable: false })],
      });
    }
    return changeFor(this.id, r, {
      summary: `create a GuardDuty detector in ${r.region}`,
      before: { enabled: false },
      after: { enabled: true },
      calls: [call('guardduty', 'CreateDetector', r.region, { Enable: true, FindingPublishingFrequency: 'FIFTEEN_MINUTES' })],
      rollback: [],
      cannotRestore: ['rollback disables the new detector instead of deleting it, so its findings are kept'],
      warnings: ['GuardDuty is billed by analysed volume after the 30-day trial'],
    });
  },
  async read(change, aws) {
    const state = await readDetector(aws, change.region);
    // A detector created by this change gets its id from AWS: compare on what the plan knew.
    return change.before.detectorId === undefined ? { enabled: state.enabled } : state;
  },
  rollbackFromOutputs(change, outputs) {
    const id = outputs.map((o) => o.DetectorId).find((x): x is string => typeof x === 'string');
    return id ? [call('guardduty', 'UpdateDetector', change.region, { DetectorId: id, Enable: false })] : change.rollback;
  },
};

export const securityHubEnable: Fixer<{ enabled: boolean }> = {
  id: 'securityhub_enable',
  title: 'Turn on Security Hub in the region with its default standards',
  checkIds: ['securityhub_enabled'],
  permissions: ['securityhub:DescribeHub', 'securityhub:EnableSecurityHub', 'securityhub:DisableSecurityHub', 'iam:CreateServiceLinkedRole'],
  plan(r, { account }) {
    const hub = regionOf(account, r.region)?.securityhub.hub;
    if (hub?.status !== 'ok') return { skip: 'Security Hub was not read' };
    if (hub.value) return { skip: 'Security Hub is already enabled here' };
    return changeFor(this.id, r, {
      summary: `enable Security Hub in ${r.region} with the default standards (FSBP, CIS)`,
      before: { enabled: false },
      after: { enabled: true },
      calls: [call('securityhub', 'EnableSecurityHub', r.region, { EnableDefaultStandards: true })],
      rollback: [call('securityhub', 'DisableSecurityHub', r.region)],
      cannotRestore: ['disabling Security Hub deletes its findings and insights in this region'],
      warnings: ['Security Hub needs AWS Config recording in this region to evaluate most controls'],
    });
  },
  async read(change, aws) {
    try {
      await aws.call(call('securityhub', 'DescribeHub', change.region, {}, false));
      return { enabled: true };
    } catch (err) {
      if (hasCode(err, 'InvalidAccessException', 'ResourceNotFoundException')) return { enabled: false };
      throw err;
    }
  },
};

export const ANALYZER_NAME = 'kenro-account-analyzer';

export const accessAnalyzerEnable: Fixer<{ active: boolean }> = {
  id: 'accessanalyzer_enable',
  title: 'Create an IAM Access Analyzer (account zone of trust) in the region',
  checkIds: ['accessanalyzer_enabled_all_regions'],
  permissions: ['access-analyzer:ListAnalyzers', 'access-analyzer:CreateAnalyzer', 'access-analyzer:DeleteAnalyzer', 'iam:CreateServiceLinkedRole'],
  plan(r, { account }) {
    const list = regionOf(account, r.region)?.accessanalyzer.analyzers;
    if (list?.status !== 'ok') return { skip: 'analyzers were not read' };
    return changeFor(this.id, r, {
      summary: `create analyzer ${ANALYZER_NAME} (type ACCOUNT) in ${r.region}`,
      before: { active: list.value.some((a) => a.status === 'ACTIVE') },
      after: { active: true },
      calls: [call('accessanalyzer', 'CreateAnalyzer', r.region, { analyzerName: ANALYZER_NAME, type: 'ACCOUNT' })],
      rollback: [call('accessanalyzer', 'DeleteAnalyzer', r.region, { analyzerName: ANALYZER_NAME })],
    });
  },
  async read(change, aws) {
    const out = await aws.call(call('accessanalyzer', 'ListAnalyzers', change.region, { type: 'ACCOUNT' }, false));
    const list = (out.analyzers ?? []) as { status?: string }[];
    return { active: list.some((a) => a.status === 'ACTIVE') };
  },
};
