import type { AccountInventory, Inventory, ResourceOrigin } from '../model/inventory.js';
import type { Severity } from '../model/result.js';

export interface Remediation {
  /** AWS CLI commands that fix it. */
  cli?: string;
  /** A CloudFormation snippet (YAML) of the compliant configuration. */
  cloudformation?: string;
  /** Console steps. */
  console?: string;
  /** AWS documentation link. */
  docs?: string;
}

/** A check's metadata: kenro's own words, stable id, beside the code. */
export interface CheckMeta {
  /** Stable snake_case id, e.g. `s3_bucket_tls_only`. Never renamed once released. */
  id: string;
  title: string;
  severity: Severity;
  /** Service namespace, e.g. `s3`, `iam`, `ec2`. */
  service: string;
  /** Resource type the results are about, CloudFormation style: `AWS::S3::Bucket`, `AWS::::Account`. */
  resourceType: string;
  description: string;
  risk: string;
  remediation: Remediation;
  /** AWS Config managed rule identifier, e.g. `S3_BUCKET_SSL_REQUESTS_ONLY`. */
  configRule?: string;
  /** Id of the fixer in src/fix that remediates this check. */
  fixerId?: string;
  /** Manual checks emit MANUAL results saying what a person must verify. */
  kind?: 'automated' | 'manual';
}

/** What a check returns for one resource; the engine adds check id, severity, account, controls. */
export interface Finding {
  status: 'PASS' | 'FAIL' | 'ERROR' | 'MANUAL';
  /** Region name, or `global`. */
  region: string;
  resourceId: string;
  resourceArn?: string;
  /** Defaults to the check's resourceType. */
  resourceType?: string;
  reason: string;
  evidence?: unknown;
  /** Static sources: the resource's location; `field` names the model field at fault. */
  origin?: ResourceOrigin;
  field?: string;
}

export interface CheckContext {
  /** The scan's clock: age-based checks use this, never Date.now(). */
  now: Date;
  /** The whole inventory, for checks that look across accounts (organization trails). */
  inventory: Inventory;
}

export interface Check {
  meta: CheckMeta;
  /** Pure: reads the account's inventory, returns one finding per resource. Never calls AWS. */
  run(account: AccountInventory, ctx: CheckContext): Finding[];
}
