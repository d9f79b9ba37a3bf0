/**
 * The account model the analyses run on, built from a kenro inventory (snapshot or live scan):
 * each user and role with its real policies (inline, attached managed, its groups'), boundary and
 * the SCPs of the account's organization path; the resource policies of S3, KMS, SNS, SQS,
 * Lambda, ECR, Secrets Manager and the role trust policies.
 */
import type { AccountInventory, IamRole, IamUser, Inventory, ManagedPolicy, PolicyDocument } from '../../model/inventory.js';
import { valueOf } from '../../model/collected.js';
import type { OrganizationInfo } from '../context.js';

export interface NamedPolicy {
  name: string;
  document: PolicyDocument;
  /** Managed policies: ARN and whether AWS manages it. */
  arn?: string;
  awsManaged?: boolean;
}

export interface PrincipalModel {
  arn: string;
  kind: 'user' | 'role';
  name: string;
  identityPolicies: NamedPolicy[];
  boundary?: NamedPolicy;
  groups: string[];
  attachedPolicyArns: string[];
  trustPolicy?: PolicyDocument;
  serviceLinked: boolean;
  tags?: Record<string, string>;
  userId?: string;
}

export interface ResourcePolicyModel {
  arn: string;
  service: string;
  kind: string;
  policy: PolicyDocument;
}

/** Compute that already runs with a role (targets of code-replacement escalation). */
export interface ComputeWithRole {
  arn: string;
  kind: 'lambda' | 'ec2';
  roleArns: string[];
}

export interface AccountModel {
  accountId: string;
  compute: ComputeWithRole[];
  principals: PrincipalModel[];
  groups: { arn: string; name: string; policies: NamedPolicy[] }[];
  resources: ResourcePolicyModel[];
  scps?: NamedPolicy[][];
  rcps?: NamedPolicy[][];
  organization?: OrganizationInfo;
  /** Things that could not be read (the analyses say so instead of assuming). */
  gaps: string[];
}

export function accountModels(inv: Inventory): AccountModel[] {
  return inv.accounts.map(accountModel);
}

export function accountModel(a: AccountInventory): AccountModel {
  const gaps: string[] = [];
  const got = <T>(c: { status: string } | undefined, what: string): T | undefined => {
    const v = valueOf(c as never) as T | undefined;
    if (c && c.status !== 'ok') gaps.push(`${what}: ${c.status}`);
    return v;
  };
  const managed = new Map<string, ManagedPolicy>();
  for (const p of got<ManagedPolicy[]>(a.iam.policies, 'IAM managed policies') ?? []) managed.set(p.arn, p);
  const resolve = (arn: string, name: string): NamedPolicy | undefined => {
    const m = managed.get(arn);
    if (!m) {
      gaps.push(`managed policy ${arn} (${name}) is attached but its document was not collected`);
      return undefined;
    }
    return { name: m.name, document: m.document, arn: m.arn, awsManaged: m.awsManaged };
  };
  const groupList = got<{ arn: string; name: string; inlinePolicies: { name: string; document: PolicyDocument }[]; attachedPolicies: { arn: string; name: string }[] }[]>(a.iam.groups, 'IAM groups') ?? [];
  const groups = groupList.map((g) => ({
    arn: g.arn,
    name: g.name,
    attached: g.attachedPolicies.map((p) => p.arn),
    policies: [...g.inlinePolicies.map((p) => ({ name: `${g.name}/${p.name}`, document: p.document })), ...g.attachedPolicies.map((p) => resolve(p.arn, p.name)).filter((x): x is NamedPolicy => !!x)],
  }));
  const groupByName = new Map(groups.map((g) => [g.name, g]));
  const principals: PrincipalModel[] = [];
  for (const u of got<IamUser[]>(a.iam.users, 'IAM users') ?? []) {
    const gs = u.groups.map((n) => groupByName.get(n)).filter((g): g is NonNullable<typeof g> => !!g);
    const p: PrincipalModel = {
      arn: u.arn,
      kind: 'user',
      name: u.name,
      identityPolicies: [...u.inlinePolicies.map((x) => ({ name: `${u.name}/${x.name}`, document: x.document })), ...u.attachedPolicies.map((x) => resolve(x.arn, x.name)).filter((x): x is NamedPolicy => !!x), ...gs.flatMap((g) => g.policies)],
      groups: gs.map((g) => g.arn),
      attachedPolicyArns: [...u.attachedPolicies.map((x) => x.arn), ...gs.flatMap((g) => g.attached)],
      serviceLinked: false,
      userId: u.id,
    };
    p.identityPolicies = uniqueDocs(p.identityPolicies);
    if (u.permissionsBoundary) {
      const b = resolve(u.permissionsBoundary, 'permissions boundary');
      if (b) p.boundary = b;
    }
    if (u.tags) p.tags = u.tags;
    principals.push(p);
  }
  for (const r of got<IamRole[]>(a.iam.roles, 'IAM roles') ?? []) {
    const p: PrincipalModel = {
      arn: r.arn,
      kind: 'role',
      name: r.name,
      identityPolicies: [...r.inlinePolicies.map((x) => ({ name: `${r.name}/${x.name}`, document: x.document })), ...r.attachedPolicies.map((x) => resolve(x.arn, x.name)).filter((x): x is NamedPolicy => !!x)],
      groups: [],
      attachedPolicyArns: r.attachedPolicies.map((x) => x.arn),
      trustPolicy: r.trustPolicy,
      serviceLinked: r.path.startsWith('/aws-service-role/'),
      userId: r.id,
    };
    if (r.permissionsBoundary) {
      const b = resolve(r.permissionsBoundary, 'permissions boundary');
      if (b) p.boundary = b;
    }
    if (r.tags) p.tags = r.tags;
    principals.push(p);
  }
  const model: AccountModel = { accountId: a.accountId, compute: [], principals, groups: groups.map(({ arn, name, policies }) => ({ arn, name, policies })), resources: [], gaps };
  const org = got<{ id: string; managementAccountId: string; scps?: unknown; rcps?: unknown } | null>(a.organization, 'organization');
  if (org) {
    model.organization = { id: org.id, managementAccountId: org.managementAccountId };
    const levels = (c: unknown, what: string) => {
      const v = got<{ policies: { name: string; document: PolicyDocument }[] }[]>(c as never, what);
      return v?.map((l) => l.policies.map((p) => ({ name: p.name, document: p.document })));
    };
    const scps = org.scps ? levels(org.scps, 'SCPs') : undefined;
    if (scps) model.scps = scps;
    const rcps = org.rcps ? levels(org.rcps, 'RCPs') : undefined;
    if (rcps) model.rcps = rcps;
  }
  const profiles = new Map((got<{ arn: string; roleNames: string[] }[]>(a.iam.instanceProfiles, 'instance profiles') ?? []).map((p) => [p.arn, p.roleNames]));
  const roleByName = new Map(principals.filter((p) => p.kind === 'role').map((p) => [p.name, p.arn]));
  // resource policies
  const add = (arn: string, service: string, kind: string, policy: PolicyDocument | null | undefined) => {
    if (policy) model.resources.push({ arn, service, kind, policy });
  };
  for (const b of got<{ arn: string; name: string; policy: { status: string } }[]>(a.s3.buckets, 'S3 buckets') ?? []) add(b.arn, 's3', 'S3 bucket', got<PolicyDocument | null>(b.policy, `bucket policy of ${b.name}`));
  for (const p of principals) if (p.kind === 'role' && p.trustPolicy) add(p.arn, 'iam', 'IAM role trust policy', p.trustPolicy);
  for (const [region, r] of Object.entries(a.regional ?? {})) {
    for (const k of got<{ arn: string; keyManager: string; policy: { status: string } }[]>(r.kms?.keys, `KMS keys (${region})`) ?? []) if (k.keyManager !== 'AWS') add(k.arn, 'kms', 'KMS key', got<PolicyDocument>(k.policy, `key policy of ${k.arn}`));
    for (const t of got<{ arn: string; policy: { status: string } }[]>(r.sns?.topics, `SNS topics (${region})`) ?? []) add(t.arn, 'sns', 'SNS topic', got<PolicyDocument | null>(t.policy, `policy of ${t.arn}`));
    for (const q of got<{ arn: string; policy: { status: string } }[]>(r.sqs?.queues, `SQS queues (${region})`) ?? []) add(q.arn, 'sqs', 'SQS queue', got<PolicyDocument | null>(q.policy, `policy of ${q.arn}`));
    for (const f of got<{ arn: string; role?: string; policy: { status: string } }[]>(r.lambda?.functions, `Lambda functions (${region})`) ?? []) {
      add(f.arn, 'lambda', 'Lambda function', got<PolicyDocument | null>(f.policy, `policy of ${f.arn}`));
      if (f.role) model.compute.push({ arn: f.arn, kind: 'lambda', roleArns: [f.role] });
    }
    for (const i of got<{ arn: string; state: string; iamInstanceProfileArn?: string }[]>(r.ec2?.instances, `EC2 instances (${region})`) ?? []) {
      if (!i.iamInstanceProfileArn || i.state === 'terminated') continue;
      const names = profiles.get(i.iamInstanceProfileArn) ?? [];
      model.compute.push({ arn: i.arn, kind: 'ec2', roleArns: names.map((n) => roleByName.get(n)).filter((x): x is string => !!x) });
    }
    for (const e of got<{ arn: string; policy: { status: string } }[]>(r.ecr?.repositories, `ECR repositories (${region})`) ?? []) add(e.arn, 'ecr', 'ECR repository', got<PolicyDocument | null>(e.policy, `policy of ${e.arn}`));
    for (const s of got<{ arn: string; policy: { status: string } }[]>(r.secretsmanager?.secrets, `secrets (${region})`) ?? []) add(s.arn, 'secretsmanager', 'Secrets Manager secret', got<PolicyDocument | null>(s.policy, `policy of ${s.arn}`));
  }
  return model;
}

function uniqueDocs(list: NamedPolicy[]): NamedPolicy[] {
  const seen = new Set<unknown>();
  return list.filter((p) => (seen.has(p.document) ? false : (seen.add(p.document), true)));
}

/** Trusted services (Service principals allowed sts:AssumeRole) of a trust policy. */
export function trustedServices(trust: PolicyDocument | undefined): string[] {
  const out: string[] = [];
  const sts = trust?.Statement;
  for (const s of Array.isArray(sts) ? sts : sts ? [sts] : []) {
    const st = s as Record<string, unknown>;
    if (st.Effect !== 'Allow') continue;
    const svc = (st.Principal as Record<string, unknown> | undefined)?.Service;
    for (const v of Array.isArray(svc) ? svc : svc ? [svc] : []) if (typeof v === 'string') out.push(v.toLowerCase());
  }
  return out;
}
