/**
 * Checks built on the IAM engine (src/iam): effective administrators, privilege-escalation paths,
 * role trust policies (public, cross-account without an external id) and a least-privilege lint of
 * the customer's own policies. They read the account model the engine builds from the inventory
 * (users and roles with their inline, attached and group policies and boundaries) and evaluate
 * requests the way IAM does, rather than matching policy text.
 *
 * No false PASS: a principal whose policies, groups or boundary could not be read is ERROR unless
 * what was read already proves the problem (then FAIL, with what was not read in the evidence).
 */
import type { AccountInventory, IamRole, IamUser, ManagedPolicy, PolicyDocument } from '../model/inventory.js';
import type { Collected } from '../model/collected.js';
import type { Check, CheckContext, Finding } from './types.js';
import { accountRef, errorFinding, fail, GLOBAL, pass, type ResourceRef } from './helpers.js';
import { parsePolicy, type CompiledStatement, type DecidingStatement } from '../iam/index.js';
import { accountModel, type AccountModel, type PrincipalModel } from '../iam/analyze/account.js';
import { analyzeAccount, type IamAnalysis } from '../iam/analyze/report.js';
import { lintPolicy, type LintFinding } from '../iam/analyze/lint.js';
import { exposureOf } from './policyExposure.js';

const USER = 'AWS::IAM::User';
const ROLE = 'AWS::IAM::Role';
const USERS_READ = 'IAM users (iam:GetAccountAuthorizationDetails)';
const ROLES_READ = 'IAM roles (iam:GetAccountAuthorizationDetails)';

// ---------------------------------------------------------------- the account model, once per account

interface Analysed {
  model: AccountModel;
  analysis: IamAnalysis;
  /** Per principal ARN: what could not be read about its permissions. */
  unread: Map<string, string[]>;
}

const cache = new WeakMap<AccountInventory, Analysed>();

/** The engine's model and analyses of the account (computed once per account object). */
function analysed(account: AccountInventory): Analysed {
  const hit = cache.get(account);
  if (hit) return hit;
  const model = accountModel(account);
  const analysis = analyzeAccount(model);
  const a: Analysed = { model, analysis, unread: unreadPerPrincipal(account) };
  cache.set(account, a);
  return a;
}

/** What the engine could not see for each user and role: missing managed policy documents, groups, boundary. */
function unreadPerPrincipal(account: AccountInventory): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const policies = account.iam.policies;
  const known = new Set(policies.status === 'ok' ? policies.value.map((p) => p.arn) : []);
  const missingDoc = (arn: string) =>
    policies.status === 'ok' ? !known.has(arn) : true;
  const policyWhy = (arn: string, how: string) =>
    policies.status === 'ok'
      ? `managed policy ${arn} (${how}): its document was not collected`
      : `managed policy ${arn} (${how}): managed policies were not read (iam:GetAccountAuthorizationDetails)`;
  const groups = account.iam.groups;
  const groupByName = new Map(groups.status === 'ok' ? groups.value.map((g) => [g.name, g]) : []);
  const principal = (arn: string, attached: string[], boundary: string | undefined, extra: string[]) => {
    const why = [...extra];
    for (const a of attached) if (missingDoc(a)) why.push(policyWhy(a, 'attached'));
    if (boundary && missingDoc(boundary)) why.push(policyWhy(boundary, 'permissions boundary'));
    out.set(arn, why);
  };
  for (const u of account.iam.users.status === 'ok' ? account.iam.users.value : []) {
    const extra: string[] = [];
    const attached = u.attachedPolicies.map((p) => p.arn);
    for (const g of u.groups) {
      if (groups.status !== 'ok') {
        extra.push(`group ${g}: IAM groups were not read (iam:GetAccountAuthorizationDetails)`);
        continue;
      }
      const group = groupByName.get(g);
      if (!group) extra.push(`group ${g}: not found among the groups read`);
      else attached.push(...group.attachedPolicies.map((p) => p.arn));
    }
    principal(u.arn, attached, u.permissionsBoundary, extra);
  }
  for (const r of account.iam.roles.status === 'ok' ? account.iam.roles.value : []) {
    principal(r.arn, r.attachedPolicies.map((p) => p.arn), r.permissionsBoundary, []);
  }
  return out;
}

function userRef(u: IamUser): ResourceRef {
  return { region: GLOBAL, resourceId: u.name, resourceArn: u.arn, resourceType: USER, origin: u.origin };
}

function roleRef(r: IamRole): ResourceRef {
  return { region: GLOBAL, resourceId: r.name, resourceArn: r.arn, resourceType: ROLE, origin: r.origin };
}

const isServiceLinked = (r: IamRole) => r.path.startsWith('/aws-service-role/');

/**
 * One finding per user and per (customer) role, or an ERROR per list that was not read.
 * Service-linked roles are AWS's own (their policies cannot be changed) and are not judged.
 */
function perPrincipal(account: AccountInventory, judge: (ref: ResourceRef, p: PrincipalModel, a: Analysed) => Finding): Finding[] {
  const out: Finding[] = [];
  const a = analysed(account);
  const byArn = new Map(a.model.principals.map((p) => [p.arn, p]));
  const users = account.iam.users;
  const roles = account.iam.roles;
  if (users.status !== 'ok') out.push(errorFinding(accountRef(account), users, USERS_READ));
  else for (const u of users.value) out.push(judge(userRef(u), byArn.get(u.arn)!, a));
  if (roles.status !== 'ok') out.push(errorFinding(accountRef(account), roles, ROLES_READ));
  else for (const r of roles.value) if (!isServiceLinked(r)) out.push(judge(roleRef(r), byArn.get(r.arn)!, a));
  if (out.length === 0) out.push(pass(accountRef(account), 'the account has no IAM users and no customer IAM roles'));
  return out;
}

/** How a granting policy reaches the principal: inline, attached, through a group, or as named by the engine. */
function via(p: PrincipalModel, a: Analysed, policy: string): string {
  if (policy.startsWith('arn:')) {
    if (p.attachedPolicyArns.includes(policy)) {
      const group = a.model.groups.find((g) => p.groups.includes(g.arn) && g.policies.some((x) => x.arn === policy));
      return group ? `managed policy ${policy} attached to group ${group.name}` : `managed policy ${policy} attached to the ${p.kind}`;
    }
    return `managed policy ${policy}`;
  }
  const owner = policy.split('/')[0];
  if (owner && owner !== p.name && a.model.groups.some((g) => g.name === owner)) return `inline policy ${policy} of group ${owner}`;
  return `inline policy ${policy}`;
}

function grants(p: PrincipalModel, a: Analysed, by: DecidingStatement[]): { policy: string; statement: number | string; via: string }[] {
  return by.map((d) => ({ policy: d.policy, statement: d.statement, via: via(p, a, d.policy) }));
}

// ---------------------------------------------------------------- administrators

/** Roles that exist to be administrators, created by AWS services for that purpose. */
const ADMIN_BY_DESIGN: { match: RegExp; why: string }[] = [
  { match: /^OrganizationAccountAccessRole$/, why: 'created by AWS Organizations so the management account can administer this member account' },
  { match: /^AWSReservedSSO_AdministratorAccess_/, why: 'provisioned by IAM Identity Center for its AdministratorAccess permission set' },
  { match: /^AWSControlTowerExecution$/, why: 'used by AWS Control Tower to administer enrolled accounts' },
  { match: /^AWSCloudFormationStackSetExecutionRole$/, why: 'used by CloudFormation StackSets (self-managed permissions) to deploy into this account' },
  { match: /^stacksets-exec-/, why: 'used by CloudFormation StackSets (service-managed permissions) to deploy into this account' },
];

export function adminByDesign(roleName: string): string | undefined {
  return ADMIN_BY_DESIGN.find((x) => x.match.test(roleName))?.why;
}

const principalAdmin: Check = {
  meta: {
    id: 'iam_principal_admin_rights',
    title: 'IAM users and roles do not have effective administrator rights',
    severity: 'high',
    service: 'iam',
    resourceType: 'AWS::IAM::User',
    description:
      'For every IAM user and customer role, kenro evaluates requests for a set of high-impact actions on "*" (creating users, ' +
      'attaching policies, passing roles, reading secrets, stopping CloudTrail, deleting keys and databases...) against all of the ' +
      'principal\'s real policies: inline, attached managed, those of its groups, limited by its permissions boundary. When every ' +
      'probe is allowed the principal is an effective administrator, however the policies are written (AdministratorAccess, "*:*", ' +
      'NotAction, many service wildcards). Roles that AWS services create to be administrators (OrganizationAccountAccessRole, ' +
      'Identity Center AdministratorAccess, Control Tower, StackSets) still fail, with a note: they are expected, so review who can ' +
      'assume them and suppress the result. Organization SCPs are reported as guardrails, not subtracted.',
    risk:
      'Every administrator is a credential that, once stolen or misused, gives the whole account. Administration spread over many ' +
      'users and roles cannot be reviewed or protected (MFA, session limits, monitoring) as a small, known set can.',
    remediation: {
      cli:
        'aws iam list-attached-role-policies --role-name ROLE\n' +
        'aws iam detach-role-policy --role-name ROLE --policy-arn arn:aws:iam::aws:policy/AdministratorAccess\n' +
        'aws iam attach-role-policy --role-name ROLE --policy-arn arn:aws:iam::ACCOUNT:policy/JOB_POLICY\n' +
        '# or limit it: aws iam put-role-permissions-boundary --role-name ROLE --permissions-boundary arn:aws:iam::ACCOUNT:policy/BOUNDARY',
      cloudformation:
        'JobRole:\n  Type: AWS::IAM::Role\n  Properties:\n    AssumeRolePolicyDocument: { ... }\n' +
        '    PermissionsBoundary: !Sub arn:aws:iam::${AWS::AccountId}:policy/Boundary\n' +
        '    ManagedPolicyArns:\n      - !Ref JobPolicy   # only the actions this job needs',
      console:
        'IAM > Users or Roles > the principal > Permissions: remove AdministratorAccess or the statement named in the evidence, grant a ' +
        'policy scoped to the job, and keep administration in a few roles assumed with MFA (or IAM Identity Center permission sets).',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    },
  },
  run(account) {
    return perPrincipal(account, (ref, p, a) => {
      const admin = a.analysis.administrators.find((x) => x.principal === p.arn);
      const unread = a.unread.get(p.arn) ?? [];
      if (admin) {
        const granted = grants(p, a, admin.grantedBy);
        const designed = p.kind === 'role' ? adminByDesign(p.name) : undefined;
        const evidence = {
          grantedBy: granted,
          ...(designed ? { adminByDesign: designed } : {}),
          ...(admin.deniedBySCP.length ? { deniedBySCP: admin.deniedBySCP } : {}),
          ...(unread.length ? { notRead: unread } : {}),
        };
        const first = granted[0];
        const how = first ? `through ${first.via}, statement ${String(first.statement)}${granted.length > 1 ? ` (and ${granted.length - 1} more)` : ''}` : '';
        const note = designed ? ` — expected: this role is ${designed}; review who can assume it and suppress this result` : '';
        const scp = admin.deniedBySCP.length ? `; organization SCPs still deny ${admin.deniedBySCP.length} of the probe actions` : '';
        return fail(ref, `the ${p.kind} has effective administrator rights ${how}${scp}${note}`, evidence);
      }
      if (unread.length) {
        return { status: 'ERROR', ...ref, reason: `could not judge the ${p.kind}'s effective rights: ${unread.join('; ')}`, evidence: { notRead: unread } };
      }
      return pass(ref, `the ${p.kind} does not have administrator rights (at least one high-impact action is not allowed on "*")`);
    });
  },
};

// ---------------------------------------------------------------- privilege escalation

const BOUNDARY_PATHS = /PermissionsBoundary$/;

const noEscalation: Check = {
  meta: {
    id: 'iam_no_privilege_escalation',
    title: 'IAM users and roles cannot escalate their own privileges',
    severity: 'high',
    service: 'iam',
    resourceType: 'AWS::IAM::User',
    description:
      'For every IAM user and customer role that is not already an administrator, kenro tries the known privilege-escalation ' +
      'methods (new policy versions, attaching or putting policies on oneself or one\'s groups, removing one\'s boundary, creating ' +
      'keys or passwords for other users, rewriting trust policies, passing privileged roles to EC2, Lambda, Glue, CloudFormation, ' +
      'ECS, SageMaker, CodeBuild..., and taking over existing compute) by evaluating each step against the principal\'s real ' +
      'policies, boundary and SCPs. The account\'s real roles are used as targets. A principal with any path fails; the evidence ' +
      'lists each path step by step with the statements that allow it, high-confidence paths (to administrator or a known more ' +
      'privileged role) first; medium-confidence paths gain the rights of roles whose reach is not known to exceed the principal\'s.',
    risk:
      'A principal that can raise its own rights is an administrator in waiting: whoever controls it (a leaked key, a compromised ' +
      'instance or function) can take the account, while reviews see only a narrow policy.',
    remediation: {
      cli:
        'aws iam get-policy-version --policy-arn ARN --version-id VERSION   # find the statement named in the evidence\n' +
        'aws iam create-policy-version --policy-arn ARN --policy-document file://narrowed.json --set-as-default',
      cloudformation:
        'PassRoleScoped:\n  Effect: Allow\n  Action: iam:PassRole\n  Resource: !GetAtt AppRole.Arn\n' +
        '  Condition:\n    StringEquals:\n      iam:PassedToService: lambda.amazonaws.com',
      console:
        'Remove the actions named in each path\'s steps (iam:Attach*/Put*/CreatePolicyVersion, iam:PassRole on "*", ' +
        'iam:UpdateAssumeRolePolicy...) or scope them to resources the principal may change; use a permissions boundary.',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
    },
  },
  run(account) {
    return perPrincipal(account, (ref, p, a) => {
      if (a.analysis.administrators.some((x) => x.principal === p.arn)) {
        return pass(ref, `the ${p.kind} is already an administrator, so there is nothing to escalate to (see iam_principal_admin_rights)`);
      }
      const unread = a.unread.get(p.arn) ?? [];
      const found = a.analysis.escalation.find((x) => x.principal === p.arn);
      // Removing or replacing a boundary gains nothing when there is none.
      const paths = (found?.paths ?? [])
        .filter((x) => p.boundary || !BOUNDARY_PATHS.test(x.id))
        .sort((x, y) => (x.confidence === y.confidence ? 0 : x.confidence === 'high' ? -1 : 1));
      if (paths.length) {
        const evidence = {
          paths: paths.map((x) => ({
            id: x.id,
            title: x.title,
            gains: x.gains,
            confidence: x.confidence,
            steps: x.steps,
            grantedBy: grants(p, a, x.grantedBy),
          })),
          ...(unread.length ? { notRead: unread } : {}),
        };
        const high = paths.filter((x) => x.confidence === 'high').length;
        const first = paths[0]!;
        const summary = high
          ? `${high} privilege-escalation path(s) of high confidence${paths.length > high ? ` and ${paths.length - high} of medium confidence` : ''}`
          : `${paths.length} privilege-escalation path(s) of medium confidence (they gain other roles' or compute's rights; how much depends on those roles)`;
        return fail(ref, `${summary}, e.g. ${first.id}: ${first.title}, gaining ${first.gains}`, evidence);
      }
      if (unread.length) {
        return { status: 'ERROR', ...ref, reason: `could not judge the ${p.kind}'s escalation paths: ${unread.join('; ')}`, evidence: { notRead: unread } };
      }
      return pass(ref, `no known privilege-escalation path is allowed for the ${p.kind}`);
    });
  },
};

// ---------------------------------------------------------------- role trust policies

function perRole(account: AccountInventory, judge: (r: IamRole, ref: ResourceRef) => Finding): Finding[] {
  const roles = account.iam.roles;
  if (roles.status !== 'ok') return [errorFinding(accountRef(account), roles, ROLES_READ)];
  const customer = roles.value.filter((r) => !isServiceLinked(r));
  if (customer.length === 0) return [pass(accountRef(account), 'the account has no customer IAM roles')];
  return customer.map((r) => judge(r, roleRef(r)));
}

const trustNotPublic: Check = {
  meta: {
    id: 'iam_role_trust_not_public',
    title: 'No IAM role can be assumed by anyone',
    severity: 'critical',
    service: 'iam',
    resourceType: ROLE,
    description:
      'Each role\'s trust policy is read by kenro\'s IAM engine: a statement that allows Principal "*" (or {"AWS": "*"}, or ' +
      'NotPrincipal) or trusts a web identity / SAML provider, without a condition that really restricts the caller ' +
      '(aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount, the provider\'s sub/aud claims, ...) ' +
      'with a positive operator and no wildcard-only value, lets anyone — any AWS account, or any user of the identity provider — ' +
      'assume the role. sts:ExternalId alone is not a restriction: AWS documents it as not secret.',
    risk: 'Anyone on the internet with AWS credentials (or a token from the provider) can obtain the role\'s permissions.',
    remediation: {
      cli: 'aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json   # name the trusted account or role ARN',
      cloudformation:
        'AssumeRolePolicyDocument:\n  Version: "2012-10-17"\n  Statement:\n    - Effect: Allow\n' +
        '      Principal: { AWS: arn:aws:iam::111122223333:role/Deployer }\n      Action: sts:AssumeRole',
      console: 'IAM > Roles > ROLE > Trust relationships > Edit trust policy: replace "*" with the account or role ARNs that need it, or add an aws:PrincipalOrgID condition.',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html#iam-term-trust-policy',
    },
  },
  run(account) {
    return perRole(account, (r, ref) => {
      const ex = exposureOf(r.trustPolicy, account, r.arn, 'iam');
      const statements = ex.statements.map((s) => ({ statement: s.index, access: s.access, principals: s.principals, restrictedBy: s.restrictedBy, notRestricting: s.notRestricting }));
      if (ex.public) {
        const s = ex.publicStatements[0]!;
        return fail(ref, `the trust policy lets anyone assume the role: ${s.reason}`, { publicStatements: ex.publicStatements, statements }, 'trustPolicy');
      }
      if (ex.errors.length) {
        const e = ex.errors[0]!;
        return { status: 'ERROR', ...ref, reason: `the trust policy is malformed (${e.code}: ${e.message})`, evidence: { errors: ex.errors } };
      }
      const who = [...new Set(ex.statements.map((s) => s.access))].join(', ') || 'nobody (no Allow statement)';
      return pass(ref, `the trust policy does not allow public assumption (trusts: ${who})`, { statements });
    });
  },
};

/** True when the statement allows sts:AssumeRole (the action third parties use; SAML / web identity have their own). */
function allowsAssumeRole(st: CompiledStatement): boolean {
  const a = st.actions;
  if (a) return a.all || a.exact.has('sts:assumerole') || a.wild.some((m) => m('sts:assumerole'));
  const n = st.notActions;
  return !!n && !(n.all || n.exact.has('sts:assumerole') || n.wild.some((m) => m('sts:assumerole')));
}

/** A positive sts:ExternalId condition with a real value (not IfExists, not negated, not only wildcards). */
function externalIdCondition(st: CompiledStatement): string | undefined {
  const c = st.conditions.find(
    (x) => x.keyLower === 'sts:externalid' && !x.negated && !x.ifExists && x.qualifier !== 'all' && (x.base === 'StringEquals' || x.base === 'StringLike') && x.values.length > 0 && x.values.every((v) => !/^[*?]+$/.test(v)),
  );
  return c ? `${c.operator} sts:ExternalId` : undefined;
}

const trustExternalId: Check = {
  meta: {
    id: 'iam_role_trust_cross_account_external_id',
    title: 'Roles trusted by other AWS accounts require an external ID',
    severity: 'medium',
    service: 'iam',
    resourceType: ROLE,
    description:
      'A role whose trust policy lets principals of an AWS account outside the scanned accounts (and outside the organization, when ' +
      'the trust is pinned to it) call sts:AssumeRole should require sts:ExternalId with StringEquals, as AWS advises for roles ' +
      'given to third parties, so that the third party cannot be tricked into using its access to this account for another ' +
      'customer (the confused-deputy problem). Accounts scanned together, and the organization\'s management account, are treated ' +
      'as your own. If the other account is yours, ' +
      'scan it with this one or suppress the result.',
    risk: 'A third party serving many customers can be made to act on this account by another of its customers who names this role.',
    remediation: {
      cli: 'aws iam update-assume-role-policy --role-name ROLE --policy-document file://trust.json   # add Condition StringEquals sts:ExternalId',
      cloudformation:
        'AssumeRolePolicyDocument:\n  Version: "2012-10-17"\n  Statement:\n    - Effect: Allow\n' +
        '      Principal: { AWS: arn:aws:iam::999988887777:root }\n      Action: sts:AssumeRole\n' +
        '      Condition:\n        StringEquals:\n          sts:ExternalId: UNIQUE-ID-FROM-THE-THIRD-PARTY',
      console: 'IAM > Roles > ROLE > Trust relationships > Edit: add a StringEquals condition on sts:ExternalId with the value the third party gave you.',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
    },
  },
  run(account, ctx: CheckContext) {
    // First-party accounts: those scanned together, and the organization's management account.
    const own = new Set(ctx.inventory.accounts.map((a) => a.accountId));
    for (const a of [account, ...ctx.inventory.accounts]) if (a.organization.status === 'ok' && a.organization.value) own.add(a.organization.value.managementAccountId);
    return perRole(account, (r, ref) => {
      const ex = exposureOf(r.trustPolicy, account, r.arn, 'iam');
      const parsed = parsePolicy(r.trustPolicy, 'trust');
      const byId = new Map(parsed.compiled.statements.map((s) => [String(s.id), s]));
      const missing: { statement: number | string; accounts: string[] }[] = [];
      const guarded: { statement: number | string; accounts: string[]; condition: string }[] = [];
      for (const s of ex.statements) {
        if (s.access !== 'cross-account') continue;
        const third = s.accounts.filter((x) => !own.has(x));
        const st = byId.get(String(s.index));
        if (!third.length || !st || !allowsAssumeRole(st)) continue;
        const cond = externalIdCondition(st);
        if (cond) guarded.push({ statement: s.index, accounts: third, condition: cond });
        else missing.push({ statement: s.index, accounts: third });
      }
      if (missing.length) {
        const accts = [...new Set(missing.flatMap((m) => m.accounts))];
        return fail(ref, `the role trusts account(s) ${accts.join(', ')} to assume it without an sts:ExternalId condition (statement ${missing.map((m) => String(m.statement)).join(', ')})`, { missing, guarded }, 'trustPolicy');
      }
      if (ex.errors.length && !guarded.length) {
        const e = ex.errors[0]!;
        return { status: 'ERROR', ...ref, reason: `the trust policy is malformed (${e.code}: ${e.message})`, evidence: { errors: ex.errors } };
      }
      return guarded.length
        ? pass(ref, `every cross-account trust requires an external ID (${guarded.map((g) => g.accounts.join(', ')).join('; ')})`, { guarded })
        : pass(ref, 'the role trusts no AWS account outside the scanned accounts');
    });
  },
};

// ---------------------------------------------------------------- least-privilege lint of customer policies

/** Lint codes that fail the check: grants too broad to review. */
const BROAD: Record<string, string> = {
  FULL_ADMIN: '"*" on "*"',
  ALLOW_WITH_NOT_ACTION: 'Allow with NotAction',
  ALLOW_WITH_NOT_RESOURCE: 'Allow with NotResource',
  WILDCARD_ACTION_SENSITIVE_SERVICE: 'service:* on a sensitive service',
  PASS_ROLE_WITH_STAR_IN_RESOURCE: 'iam:PassRole on every role',
  PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: 'iam:PassRole on every role (through a wildcard action)',
};

interface CustomerPolicy {
  ref: ResourceRef;
  label: string;
  document: PolicyDocument;
  attachedTo?: number;
  /** The model field a template location points at: the managed policy's document, or the owner's inline policies. */
  field: 'document' | 'inlinePolicies';
}

function judgeCustomerPolicy(p: CustomerPolicy): Finding {
  const parsed = parsePolicy(p.document, 'identity', p.label);
  let findings: LintFinding[];
  try {
    findings = lintPolicy(p.document, 'identity', p.label);
  } catch (err) {
    return { status: 'ERROR', ...p.ref, reason: `${p.label} could not be read: ${(err as Error).message}` };
  }
  const broad = findings.filter((f) => BROAD[f.code]);
  const attach = p.attachedTo === undefined ? '' : p.attachedTo === 0 ? ' (not attached to anything at present)' : '';
  if (broad.length) {
    const kinds = [...new Set(broad.map((f) => BROAD[f.code]!))];
    const evidence = { findings: broad.map((f) => ({ code: f.code, statement: f.statement, message: f.message })), ...(p.attachedTo !== undefined ? { attachmentCount: p.attachedTo } : {}) };
    return fail(p.ref, `${p.label} grants ${kinds.join(', ')}${attach}: ${broad[0]!.message}`, evidence, p.field);
  }
  if (!parsed.valid) {
    const why = parsed.errors.slice(0, 3).map((e) => e.message).join('; ');
    return { status: 'ERROR', ...p.ref, reason: `${p.label} is not a valid policy document: ${why}` };
  }
  return pass(p.ref, `${p.label} has no NotAction/NotResource Allow, no service-wide wildcard on a sensitive service and no iam:PassRole on "*"`);
}

function inlineOf<T extends { arn: string; name: string; inlinePolicies: { name: string; document: PolicyDocument }[]; origin?: ResourceRef['origin'] }>(
  c: Collected<T[]>,
  kind: string,
  what: string,
  account: AccountInventory,
): { policies: CustomerPolicy[]; error?: Finding } {
  if (c.status !== 'ok') return { policies: [], error: errorFinding(accountRef(account), c, what) };
  return {
    policies: c.value.flatMap((o) =>
      o.inlinePolicies.map((p) => ({
        ref: { region: GLOBAL, resourceId: `${kind}/${o.name}/${p.name}`, resourceArn: o.arn, resourceType: 'AWS::IAM::Policy', origin: o.origin },
        label: `inline policy ${p.name} of ${kind} ${o.name}`,
        document: p.document,
        field: 'inlinePolicies' as const,
      })),
    ),
  };
}

const noBroadGrants: Check = {
  meta: {
    id: 'iam_policy_no_wildcard_sensitive',
    title: 'Customer policies grant no NotAction/NotResource, no wildcard on sensitive services and no iam:PassRole on "*"',
    severity: 'medium',
    service: 'iam',
    resourceType: 'AWS::IAM::ManagedPolicy',
    description:
      'Every customer managed policy and every inline policy of a user, group or role is linted by kenro\'s IAM engine. It fails ' +
      'when an Allow statement uses NotAction (every action not listed, including ones AWS adds later) or NotResource, grants ' +
      'service:* on a sensitive service (IAM, STS, KMS, Organizations, S3, Secrets Manager, Lambda, CloudTrail, SSM, EC2, ECR, RDS, ' +
      'DynamoDB, SSO, Account, Config, GuardDuty, CloudWatch Logs), allows "*" on "*", or allows iam:PassRole on every role without ' +
      'an iam:PassedToService condition (Access Analyzer\'s PASS_ROLE_WITH_STAR_IN_RESOURCE). AWS managed policies are not judged. ' +
      'Unattached customer managed policies are judged too, since they can be attached at any time.',
    risk: 'Broad grants hide far more access than anyone meant to give, and iam:PassRole on "*" lets a principal hand any role, including administrator roles, to code it controls.',
    remediation: {
      cli: 'aws iam create-policy-version --policy-arn ARN --policy-document file://scoped.json --set-as-default\naws iam put-role-policy --role-name ROLE --policy-name NAME --policy-document file://scoped.json',
      cloudformation:
        'PolicyDocument:\n  Version: "2012-10-17"\n  Statement:\n    - Effect: Allow\n      Action: [s3:GetObject, s3:PutObject]\n' +
        '      Resource: !Sub ${DataBucket.Arn}/*\n    - Effect: Allow\n      Action: iam:PassRole\n      Resource: !GetAtt TaskRole.Arn\n' +
        '      Condition: { StringEquals: { iam:PassedToService: ecs-tasks.amazonaws.com } }',
      console: 'IAM > Policies (or the principal\'s inline policy) > Edit: list the actions needed instead of service:* or NotAction, name resources, and scope iam:PassRole to role ARNs. IAM Access Analyzer can generate a policy from CloudTrail activity.',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-policy-generation.html',
    },
    configRule: 'IAM_POLICY_NO_STATEMENTS_WITH_FULL_ACCESS',
  },
  run(account) {
    const out: Finding[] = [];
    const candidates: CustomerPolicy[] = [];
    const managed = account.iam.policies;
    if (managed.status !== 'ok') out.push(errorFinding(accountRef(account), managed, 'IAM managed policies (iam:GetAccountAuthorizationDetails)'));
    else
      for (const p of managed.value.filter((x: ManagedPolicy) => !x.awsManaged)) {
        candidates.push({ ref: { region: GLOBAL, resourceId: p.name, resourceArn: p.arn, resourceType: 'AWS::IAM::ManagedPolicy', origin: p.origin }, label: `customer managed policy ${p.name}`, document: p.document, attachedTo: p.attachmentCount, field: 'document' });
      }
    for (const [c, kind, what] of [
      [account.iam.users, 'user', USERS_READ],
      [account.iam.groups, 'group', 'IAM groups (iam:GetAccountAuthorizationDetails)'],
      [account.iam.roles, 'role', ROLES_READ],
    ] as const) {
      const r = inlineOf(c as Collected<IamUser[]>, kind, what, account);
      if (r.error) out.push(r.error);
      candidates.push(...r.policies);
    }
    out.push(...candidates.map(judgeCustomerPolicy));
    if (out.length === 0) out.push(pass(accountRef(account), 'the account has no customer managed or inline IAM policies'));
    return out;
  },
};

export const checks: Check[] = [principalAdmin, noEscalation, trustNotPublic, trustExternalId, noBroadGrants];
