/** AWS::IAM::Role/User/Group/Policy/ManagedPolicy/AccessKey/InstanceProfile/UserToGroupAddition. */
import { ok } from '../../model/collected.js';
import type { AccessKey, IamGroup, IamRole, IamUser, InlinePolicy, ManagedPolicy } from '../../model/inventory.js';
import type { Builder } from './builder.js';
import { policyValue, type Res } from './context.js';
import type { MapperTable } from './mappers.js';
import { asText, findUnknown, isObj, ResRef } from './values.js';
import { tagsOf } from './map-s3.js';

const EPOCH = '1970-01-01T00:00:00Z';

/** Inline `Policies`: documents that cannot be resolved are kept with the unresolved recorded. */
function inlinePolicies(res: Res, field = 'inlinePolicies'): InlinePolicy[] {
  const out: InlinePolicy[] = [];
  // Mark the field only when set here: an AWS::IAM::Policy elsewhere may be what attaches it.
  res.list('Policies', res.get('Policies') !== undefined ? field : undefined).forEach((p, i) => {
    if (!isObj(p)) return;
    const f = `${field}[${i}]`;
    res.mark(f, ['Policies', i]);
    const doc = policyValue(p.PolicyDocument, () => res.locate(['Policies', i]));
    if (doc.status !== 'ok') {
      res.unknownAt(field, ['Policies', i], doc.error.message);
      res.unknownAt(f, ['Policies', i], doc.error.message);
    }
    out.push({ name: asText(p.PolicyName) ?? `policy${i}`, document: doc.status === 'ok' && doc.value ? doc.value : {} });
  });
  return out;
}

function managedArns(b: Builder, res: Res): { arn: string; name: string }[] {
  return res.strList('ManagedPolicyArns', res.get('ManagedPolicyArns') !== undefined ? 'attachedPolicies' : undefined).map((arn) => ({ arn, name: arn.split('/').pop() ?? arn }));
}

/** A name property that cannot be resolved: the principal's real name is unknown. */
function nameUnknown(res: Res, prop: string): void {
  const u = findUnknown(res.get(prop));
  if (u) res.unknown('name', u);
}

function role(b: Builder, res: Res): void {
  const name = b.resolver.physicalName(res.logicalId);
  nameUnknown(res, 'RoleName');
  const path = res.str('Path', 'path') ?? '/';
  const trust = res.policy('AssumeRolePolicyDocument', 'trustPolicy');
  if (trust.status !== 'ok') res.unknownAt('trustPolicy', 'AssumeRolePolicyDocument', trust.error.message);
  const arn = `arn:${b.pseudo.partition}:iam::${b.pseudo.accountId}:role${path}${name}`;
  const model: IamRole = {
    arn,
    name,
    id: `AROA${res.logicalId.toUpperCase()}`,
    path,
    createDate: EPOCH,
    trustPolicy: trust.status === 'ok' && trust.value ? trust.value : {},
    inlinePolicies: inlinePolicies(res),
    attachedPolicies: managedArns(b, res),
    origin: res.origin,
  };
  const pb = res.str('PermissionsBoundary', 'permissionsBoundary');
  if (pb) model.permissionsBoundary = pb;
  const msd = res.num('MaxSessionDuration', 'maxSessionDuration');
  model.maxSessionDuration = msd ?? 3600;
  const tags = tagsOf(res);
  if (tags) model.tags = tags;
  b.lists.roles.push(model);
  b.add(res, model, [name, arn]);
}

function user(b: Builder, res: Res): void {
  const name = b.resolver.physicalName(res.logicalId);
  nameUnknown(res, 'UserName');
  const path = res.str('Path', 'path') ?? '/';
  const arn = `arn:${b.pseudo.partition}:iam::${b.pseudo.accountId}:user${path}${name}`;
  const lp = res.get('LoginProfile');
  res.mark('loginProfile', 'LoginProfile');
  const model: IamUser = {
    arn,
    name,
    id: `AIDA${res.logicalId.toUpperCase()}`,
    path,
    createDate: EPOCH,
    inlinePolicies: inlinePolicies(res),
    attachedPolicies: managedArns(b, res),
    groups: res.strList('Groups', 'groups'),
    accessKeys: ok([]),
    mfaDevices: { status: 'not_available', error: { code: 'NotInTemplate', message: 'MFA devices: not described by a template' } },
    loginProfile: ok(
      lp === undefined
        ? null
        : { createDate: EPOCH, passwordResetRequired: res.bool(['LoginProfile', 'PasswordResetRequired'], 'loginProfile', false) },
    ),
    origin: res.origin,
  };
  const pb = res.str('PermissionsBoundary', 'permissionsBoundary');
  if (pb) model.permissionsBoundary = pb;
  const tags = tagsOf(res);
  if (tags) model.tags = tags;
  b.lists.users.push(model);
  b.add(res, model, [name, arn]);
}

function group(b: Builder, res: Res): void {
  const name = b.resolver.physicalName(res.logicalId);
  nameUnknown(res, 'GroupName');
  const path = res.str('Path', 'path') ?? '/';
  const arn = `arn:${b.pseudo.partition}:iam::${b.pseudo.accountId}:group${path}${name}`;
  const model: IamGroup = {
    arn,
    name,
    id: `AGPA${res.logicalId.toUpperCase()}`,
    path,
    inlinePolicies: inlinePolicies(res),
    attachedPolicies: managedArns(b, res),
    origin: res.origin,
  };
  b.lists.groups.push(model);
  b.add(res, model, [name, arn]);
}

/** Targets named in Roles/Users/Groups: template principals by Ref, or by name. */
function targets(b: Builder, res: Res): (IamRole | IamUser | IamGroup)[] {
  const out: (IamRole | IamUser | IamGroup)[] = [];
  const pick = (prop: string, list: (IamRole | IamUser | IamGroup)[]) => {
    for (const v of res.list(prop)) {
      const u = findUnknown(v);
      if (u) {
        // An unresolvable target may be any principal of this list whose name is unknown too.
        for (const x of list) {
          const owner = x.origin ? b.built.get(x.origin.logicalId)?.res : undefined;
          if (owner?.unresolved.has('name')) {
            owner.unknownAt('inlinePolicies', 'Policies', `policy ${res.logicalId} (line ${res.tr.pos.line}) attaches to ${u.describe()}, which may be this principal`);
            owner.unknownAt('attachedPolicies', 'ManagedPolicyArns', `policy ${res.logicalId} (line ${res.tr.pos.line}) attaches to ${u.describe()}, which may be this principal`);
          }
        }
        continue;
      }
      const byRef = v instanceof ResRef ? b.built.get(v.logicalId)?.model : undefined;
      const name = asText(v);
      const found = (byRef as IamRole | undefined) ?? list.find((x) => x.name === name);
      if (found && list.includes(found)) out.push(found);
    }
  };
  pick('Roles', b.lists.roles);
  pick('Users', b.lists.users);
  pick('Groups', b.lists.groups);
  return out;
}

function policy(b: Builder, res: Res): void {
  const doc = res.policy('PolicyDocument', 'document');
  const name = res.str('PolicyName') ?? res.logicalId;
  for (const t of targets(b, res)) {
    t.inlinePolicies.push({ name, document: doc.status === 'ok' && doc.value ? doc.value : {} });
    const tres = b.built.get(t.origin!.logicalId)!.res;
    const i = t.inlinePolicies.length - 1;
    tres.markPos(`inlinePolicies[${i}]`, res.locate('PolicyDocument'));
    tres.markPos('inlinePolicies', res.tr.pos);
    tres.markPos('attachedPolicies', res.tr.pos);
    if (doc.status !== 'ok') {
      tres.unknownAt('inlinePolicies', 'Policies', `policy ${res.logicalId}: ${doc.error.message}`);
    }
  }
  b.add(res, { name, document: doc }, []);
}

function managedPolicy(b: Builder, res: Res): void {
  const name = b.resolver.physicalName(res.logicalId);
  const path = res.str('Path', 'path') ?? '/';
  const arn = `arn:${b.pseudo.partition}:iam::${b.pseudo.accountId}:policy${path}${name}`;
  const doc = res.policy('PolicyDocument', 'document');
  if (doc.status !== 'ok') res.unknownAt('document', 'PolicyDocument', doc.error.message);
  const ts = targets(b, res);
  for (const t of ts) {
    t.attachedPolicies.push({ arn, name });
    b.built.get(t.origin!.logicalId)?.res.markPos('attachedPolicies', res.tr.pos);
  }
  // Principals in the template that list this policy in ManagedPolicyArns by Ref.
  let count = ts.length;
  for (const x of [...b.lists.roles, ...b.lists.users, ...b.lists.groups]) {
    if (x.attachedPolicies.some((p) => p.arn === arn) && !ts.includes(x)) count++;
  }
  const model: ManagedPolicy = {
    arn,
    name,
    id: `ANPA${res.logicalId.toUpperCase()}`,
    path,
    awsManaged: false,
    attachmentCount: count,
    defaultVersionId: 'v1',
    document: doc.status === 'ok' && doc.value ? doc.value : {},
    origin: res.origin,
  };
  b.lists.policies.push(model);
  b.add(res, model, [name, arn]);
}

function accessKey(b: Builder, res: Res): void {
  const id = res.refId('UserName');
  const name = res.str('UserName');
  const u = b.target<IamUser>(id, 'AWS::IAM::User')?.model ?? b.lists.users.find((x) => x.name === name);
  if (!u || u.accessKeys.status !== 'ok') return;
  const status = res.str('Status') === 'Inactive' ? 'Inactive' : 'Active';
  const key: AccessKey = {
    id: `AKIA${res.logicalId.toUpperCase()}`,
    status,
    createDate: EPOCH,
    lastUsed: { status: 'not_available', error: { code: 'NotInTemplate', message: 'access key use: not described by a template' } },
  };
  u.accessKeys.value.push(key);
  const ures = b.built.get(u.origin!.logicalId)!.res;
  ures.markPos('accessKeys', res.tr.pos);
}

function userToGroup(b: Builder, res: Res): void {
  const groupName = res.str('GroupName');
  for (const u of res.list('Users')) {
    const m = u instanceof ResRef ? b.target<IamUser>(u.logicalId, 'AWS::IAM::User')?.model : b.lists.users.find((x) => x.name === asText(u));
    if (m && groupName && !m.groups.includes(groupName)) m.groups.push(groupName);
  }
}

function instanceProfile(b: Builder, res: Res): void {
  const name = b.resolver.physicalName(res.logicalId);
  const roleNames = res.strList('Roles');
  const arn = `arn:${b.pseudo.partition}:iam::${b.pseudo.accountId}:instance-profile/${name}`;
  b.lists.instanceProfiles.push({ arn, name, roleNames });
  b.add(res, { arn, name, roleNames }, []);
}

/**
 * AWS managed policies whose documents kenro knows without reading them from AWS, so that a
 * template attaching them can be judged. (Others stay "not collected": the checks say ERROR.)
 */
const KNOWN_AWS_MANAGED: Record<string, { name: string; document: ManagedPolicy['document'] }> = {
  'arn:aws:iam::aws:policy/AdministratorAccess': {
    name: 'AdministratorAccess',
    document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  },
};

/** After every IAM resource is mapped: add the known AWS managed policies the template attaches. */
export function addKnownAwsManagedPolicies(b: Builder): void {
  const principals = [...b.lists.roles, ...b.lists.users, ...b.lists.groups];
  for (const [arn, known] of Object.entries(KNOWN_AWS_MANAGED)) {
    const partitionArn = arn.replace('arn:aws:', `arn:${b.pseudo.partition}:`);
    const users = principals.filter((p) => p.attachedPolicies.some((a) => a.arn === partitionArn));
    const count = users.length;
    if (count === 0 || b.lists.policies.some((p) => p.arn === partitionArn)) continue;
    // Located where the template attaches it (the first principal's ManagedPolicyArns).
    const first = users[0]!.origin ? b.built.get(users[0]!.origin.logicalId)?.res : undefined;
    const at = first ? (first.origin.fields?.attachedPolicies ?? first.origin) : undefined;
    if (first) b.unresolvedByResource.set(partitionArn, { logicalId: first.logicalId, fields: new Map() });
    b.lists.policies.push({
      ...(first && at ? { origin: { file: first.origin.file, logicalId: first.logicalId, line: at.line, column: at.column } } : {}),
      arn: partitionArn,
      name: known.name,
      id: `ANPA${known.name.toUpperCase()}`,
      path: '/',
      awsManaged: true,
      attachmentCount: count,
      defaultVersionId: 'v1',
      document: known.document,
    });
  }
}

export const iamMappers: MapperTable = {
  'AWS::IAM::Role': { phase: 1, map: role },
  'AWS::IAM::User': { phase: 1, map: user },
  'AWS::IAM::Group': { phase: 1, map: group },
  'AWS::IAM::InstanceProfile': { phase: 1, map: instanceProfile },
  'AWS::IAM::Policy': { phase: 2, map: policy },
  'AWS::IAM::ManagedPolicy': { phase: 2, map: managedPolicy },
  'AWS::IAM::AccessKey': { phase: 2, map: accessKey },
  'AWS::IAM::UserToGroupAddition': { phase: 2, map: userToGroup },
};
