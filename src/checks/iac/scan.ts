/**
 * Runs kenro's checks on templates: the inventory checks whose resource type the template
 * contains (account-level checks are not run: a template does not describe the account), plus
 * the static IAC_CHECKS, in every world of the template's undecidable conditions. Then:
 * - a PASS on a resource with a model field the template leaves unresolved becomes ERROR naming
 *   the expression and line, and so does a FAIL about such a field (never a silent PASS);
 * - worlds merge: FAIL if any world fails, else ERROR if any errs, else PASS;
 * - template suppressions mute results.
 */
import type { CheckResult, ControlMap, Status } from '../../model/result.js';
import type { CollectionIssue } from '../../report/types.js';
import type { Builder } from '../../sources/cfn/builder.js';
import { templateToInventory, type InventoryOptions, type World } from '../../sources/cfn/to-inventory.js';
import type { Template } from '../../sources/cfn/template.js';
import { runChecks } from '../engine.js';
import type { Check, CheckMeta, Finding } from '../types.js';
import { IAC_CHECKS, type IacCheck } from './index.js';
import { readSuppressions } from './suppress.js';

/** Inventory list -> the CloudFormation type of its items (what check meta.resourceType names). */
const LIST_TYPES: Record<string, string[]> = {
  users: ['AWS::IAM::User'],
  groups: ['AWS::IAM::Group'],
  roles: ['AWS::IAM::Role'],
  policies: ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'],
  instanceProfiles: ['AWS::IAM::InstanceProfile'],
  buckets: ['AWS::S3::Bucket'],
  instances: ['AWS::EC2::Instance'],
  securityGroups: ['AWS::EC2::SecurityGroup'],
  networkAcls: ['AWS::EC2::NetworkAcl'],
  vpcs: ['AWS::EC2::VPC'],
  subnets: ['AWS::EC2::Subnet'],
  routeTables: ['AWS::EC2::RouteTable'],
  internetGateways: ['AWS::EC2::InternetGateway'],
  vpcEndpoints: ['AWS::EC2::VPCEndpoint'],
  flowLogs: ['AWS::EC2::FlowLog'],
  volumes: ['AWS::EC2::Volume'],
  trails: ['AWS::CloudTrail::Trail'],
  recorders: ['AWS::Config::ConfigurationRecorder'],
  alarms: ['AWS::CloudWatch::Alarm'],
  logGroups: ['AWS::Logs::LogGroup'],
  metricFilters: ['AWS::Logs::MetricFilter'],
  topics: ['AWS::SNS::Topic'],
  queues: ['AWS::SQS::Queue'],
  keys: ['AWS::KMS::Key'],
  detectors: ['AWS::GuardDuty::Detector'],
  analyzers: ['AWS::AccessAnalyzer::Analyzer'],
  rdsInstances: ['AWS::RDS::DBInstance'],
  rdsClusters: ['AWS::RDS::DBCluster'],
  fileSystems: ['AWS::EFS::FileSystem'],
  loadBalancers: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  functions: ['AWS::Lambda::Function'],
  repositories: ['AWS::ECR::Repository'],
  secrets: ['AWS::SecretsManager::Secret'],
};

/**
 * Inventory checks that judge a resource by the rest of the account (another stack may provide
 * it), so a template alone cannot answer them: not run on templates.
 */
export const ACCOUNT_CONTEXT_CHECKS: ReadonlySet<string> = new Set([
  'cloudtrail_s3_dataevents_write_enabled',
  'cloudtrail_s3_dataevents_read_enabled',
]);

/** Checks run only when the template also has this resource type. */
export const NEEDS_TYPE: Readonly<Record<string, string>> = {
  cloudtrail_bucket_access_logging_enabled: 'AWS::CloudTrail::Trail',
  cloudtrail_bucket_not_public: 'AWS::CloudTrail::Trail',
};

/** The inventory checks that apply to a template with these resource types. */
export function applicableChecks(checks: readonly Check[], types: ReadonlySet<string>): Check[] {
  return checks.filter((c) => {
    if (!types.has(c.meta.resourceType) || ACCOUNT_CONTEXT_CHECKS.has(c.meta.id)) return false;
    const need = NEEDS_TYPE[c.meta.id];
    return !need || types.has(need);
  });
}

export function presentTypes(b: Builder): Set<string> {
  const out = new Set<string>();
  for (const [k, types] of Object.entries(LIST_TYPES)) {
    if ((b.lists as unknown as Record<string, unknown[]>)[k]?.length) for (const t of types) out.add(t);
  }
  return out;
}

export interface IacScanOptions extends InventoryOptions {
  /** Inventory checks to consider (usually ALL_CHECKS). */
  checks: readonly Check[];
  iacChecks?: readonly IacCheck[];
  controls?: Map<string, ControlMap>;
}

export interface TemplateScan {
  template: Template;
  results: CheckResult[];
  /** Problems with suppression metadata. */
  warnings: string[];
  /** Metadata of every check that ran. */
  checks: CheckMeta[];
  /** Resource id or ARN (as results name them) -> logical id. */
  logicalIds: Map<string, string>;
  /** Values the template leaves unresolved (first world), for the report's collection issues. */
  issues: CollectionIssue[];
}

function baseField(f: string): string {
  return f.replace(/\[.*$/, '');
}

/** Wraps a check so its findings respect unresolved fields and carry the resource's origin. */
function adjusted(check: Check, b: Builder): Check {
  return {
    meta: check.meta,
    run(account, ctx) {
      // Reads accumulate over the checks of a world: a check may use an analysis another check
      // built (and cached), so what any check read counts (over-approximation: never a false PASS).
      return check.run(account, ctx).map((f) => adjust(f, b));
    },
  };
}

function adjust(f: Finding, b: Builder): Finding {
  const entry = b.unresolvedByResource.get(f.resourceId) ?? (f.resourceArn ? b.unresolvedByResource.get(f.resourceArn) : undefined);
  if (!entry) return f;
  const built = b.built.get(entry.logicalId);
  if (!f.origin && built) f = { ...f, origin: built.res.origin };
  if (entry.fields.size === 0) return f;
  // Only the unresolved fields this check read on this resource matter.
  const read = built ? b.reads.get(built.model as object) : undefined;
  const unknowns = [...entry.fields.entries()].filter(([k]) => !read || read.has(baseField(k)));
  if (unknowns.length === 0) return f;
  if (f.status === 'PASS') {
    const [field] = unknowns[0]!;
    return {
      ...f,
      status: 'ERROR',
      field,
      reason: `cannot be determined from the template: ${unknowns.map(([k, x]) => `${k} = ${x.describe()}`).join('; ')} (it would pass otherwise: ${f.reason})`,
      evidence: { unresolved: Object.fromEntries(unknowns.map(([k, x]) => [k, x.describe()])), wouldBe: f.reason },
    };
  }
  if (f.status === 'FAIL' && f.field) {
    const u = entry.fields.get(f.field) ?? entry.fields.get(baseField(f.field));
    if (u) return { ...f, status: 'ERROR', reason: `cannot be determined from the template: ${f.field} = ${u.describe()} (it fails if: ${f.reason})` };
  }
  return f;
}

function asCheck(c: IacCheck, template: Template, world: World): Check {
  return { meta: c.meta, run: () => c.runTemplate({ template, world }) };
}

const RANK: Record<Status, number> = { FAIL: 4, ERROR: 3, MANUAL: 2, PASS: 1, MUTED: 0 };

function worst(rs: CheckResult[]): number {
  return Math.max(0, ...rs.map((r) => RANK[r.status]));
}

/** Merges per-world results: the worst world wins, per check and resource. */
function mergeWorlds(perWorld: CheckResult[][], labels: string[]): CheckResult[] {
  if (perWorld.length === 1) return perWorld[0]!;
  const groups = new Map<string, CheckResult[][]>();
  perWorld.forEach((rs, w) => {
    for (const r of rs) {
      const key = `${r.checkId}\u0000${r.resourceType}\u0000${r.resourceId}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = perWorld.map(() => [])));
      g[w]!.push(r);
    }
  });
  const out: CheckResult[] = [];
  for (const g of groups.values()) {
    let best = -1;
    let bestRank = -1;
    g.forEach((rs, w) => {
      const k = worst(rs);
      if (k > bestRank) {
        bestRank = k;
        best = w;
      }
    });
    // Name the assumption only when the outcome depends on it.
    const same = g.every((rs) => worst(rs) === bestRank);
    for (const r of g[best]!) {
      out.push(!same && (r.status === 'FAIL' || r.status === 'ERROR') ? { ...r, reason: `${r.reason} (when ${labels[best]})` } : r);
    }
  }
  return out;
}

export function scanTemplate(template: Template, opts: IacScanOptions): TemplateScan {
  const ti = templateToInventory(template, opts);
  const iac = opts.iacChecks ?? IAC_CHECKS;
  const perWorld: CheckResult[][] = [];
  const ran = new Map<string, CheckMeta>();
  const logicalOf = new Map<string, string>();
  for (const world of ti.worlds) {
    const b = world.builder;
    const types = presentTypes(b);
    const selected = applicableChecks(opts.checks, types).map((c) => adjusted(c, b));
    const all = [...selected, ...iac.map((c) => asCheck(c, ti.template, world))];
    for (const c of all) ran.set(c.meta.id, c.meta);
    const runOpts: { now?: Date; controls?: Map<string, ControlMap> } = {};
    if (opts.now) runOpts.now = opts.now;
    if (opts.controls) runOpts.controls = opts.controls;
    // Account-level verdicts are not given on templates (a template does not describe the account).
    perWorld.push(runChecks(world.inventory, all, runOpts).filter((r) => r.resourceType !== 'AWS::::Account' || r.status === 'ERROR' && r.reason.startsWith('check ')));
    for (const [id, e] of b.unresolvedByResource) logicalOf.set(id, e.logicalId);
    for (const r of b.all) logicalOf.set(r.logicalId, r.logicalId);
  }
  let results = mergeWorlds(perWorld, ti.worlds.map((w) => w.label));
  const sup = readSuppressions(ti.template, [...ran.values(), ...opts.checks.map((c) => c.meta)]);
  if (sup.byResource.size > 0) {
    results = results.map((r) => {
      const logicalId = logicalOf.get(r.resourceId) ?? (r.resourceArn ? logicalOf.get(r.resourceArn) : undefined);
      const s = logicalId ? sup.byResource.get(logicalId)?.find((x) => x.checkId === r.checkId) : undefined;
      if (!s || r.status === 'PASS' || r.status === 'MUTED') return r;
      return { ...r, status: 'MUTED', muted: { reason: s.reason, suppressionId: `template:${logicalId}`, expires: '', originalStatus: r.status } };
    });
  }
  const logicalIds = new Map<string, string>();
  for (const [id, l] of logicalOf) logicalIds.set(id, l);
  return { template: ti.template, results, warnings: [...template.warnings, ...sup.warnings], checks: [...ran.values()], logicalIds, issues: unresolvedIssues(ti.worlds[0]!.builder) };
}

function unresolvedIssues(b: Builder): CollectionIssue[] {
  const out: CollectionIssue[] = [];
  const seen = new Set<string>();
  for (const res of b.all) {
    for (const [field, u] of res.unresolved) {
      if (field.startsWith('cis:')) continue;
      const key = `${res.logicalId}\u0000${field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        account: b.pseudo.accountId,
        region: b.region,
        what: `${res.r.template.file}: ${res.logicalId} (${res.tr.type}) ${field}`,
        status: 'unresolved',
        code: 'Unresolved',
        message: u.describe(),
      });
    }
  }
  return out;
}

/** The logical id of a result (for conformance and suppressions): from its line in the template. */
export function logicalIdAt(t: Template, line: number): string | undefined {
  let found: { id: string; line: number } | undefined;
  for (const r of t.resources) if (r.pos.line <= line && (!found || r.pos.line > found.line)) found = { id: r.logicalId, line: r.pos.line };
  return found?.id;
}
