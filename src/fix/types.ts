import type { AccountInventory } from '../model/inventory.js';
import type { CheckResult } from '../model/result.js';

/** One AWS API call, as data: what a plan shows, what the journal records, what rollback replays. */
export interface ApiCall {
  /** kenro's service key (see executor.ts SERVICES), e.g. `ec2`, `s3`, `s3control`, `iam`. */
  service: string;
  /** The API operation, e.g. `RevokeSecurityGroupIngress`. */
  operation: string;
  region: string;
  params: Record<string, unknown>;
  /** True for calls that change AWS; a dry run never makes one. */
  mutating: boolean;
  /**
   * Error codes that mean the call's goal is already met (a service-linked role that exists):
   * the executor treats them as success. Only for calls whose parameters are fixed text.
   */
  ignoreErrors?: string[];
}

/** A change for one failing result: the exact calls, the state before and the state expected after. */
export interface PlannedChange<S = unknown> {
  /** Stable: `<fixerId>:<account>:<region>:<resourceId>`; the same finding always gets the same id. */
  id: string;
  fixerId: string;
  checkId: string;
  account: string;
  region: string;
  resourceId: string;
  resourceArn?: string;
  /** One line: what the change does. */
  summary: string;
  before: S;
  after: S;
  calls: ApiCall[];
  /** Calls that restore `before`, as far as AWS allows. */
  rollback: ApiCall[];
  /** What rollback cannot restore, in words (e.g. "a bucket's versioning can be suspended, never turned off again"). */
  cannotRestore: string[];
  /** Warnings a person should read before applying. */
  warnings: string[];
}

export interface FixOptions {
  /** Target bucket for S3 server access logs and VPC flow logs to S3. */
  logBucket?: string;
  /** Where new VPC flow logs go: S3 (needs logBucket) or CloudWatch Logs with a role kenro creates. Default: s3 when logBucket is set. */
  flowLogsTo?: 's3' | 'cloud-watch-logs';
  /** Existing bucket that receives AWS Config snapshots and history (the delivery channel). */
  configBucket?: string;
  /** SNS topic for the CIS alarms; without it kenro creates `kenro-security-alerts`. */
  alarmTopicArn?: string;
  /** E-mail subscribed to the alarm topic. */
  alarmEmail?: string;
  /** E-mail notified by the budget kenro creates. */
  budgetEmail?: string;
  /** Monthly cost budget in USD. */
  budgetAmount?: number;
  now: Date;
}

export interface FixContext {
  account: AccountInventory;
  options: FixOptions;
}

/** Either a change, or why this fixer leaves the result alone. */
export type PlanOutcome<S> = { change: PlannedChange<S> } | { skip: string };

export interface Executor {
  call(call: ApiCall): Promise<Record<string, unknown>>;
}

export interface Fixer<S = unknown> {
  id: string;
  title: string;
  /** The checks whose FAIL results this fixer remediates. */
  checkIds: string[];
  /** Every IAM action the fixer needs, reads included (docs/fix.md lists them). */
  permissions: string[];
  plan(result: CheckResult, ctx: FixContext): PlanOutcome<S>;
  /** Re-reads the live state of the change's resource, in the shape of `before`/`after`. */
  read(change: PlannedChange<S>, aws: Executor): Promise<S>;
  /**
   * For changes that create something whose id AWS assigns (a GuardDuty detector): the rollback
   * calls, built from the outputs of the change's calls. Otherwise `change.rollback` is used.
   */
  rollbackFromOutputs?(change: PlannedChange<S>, outputs: Record<string, unknown>[]): ApiCall[];
}
