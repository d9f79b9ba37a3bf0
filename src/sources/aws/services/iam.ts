/**
 * IAM (global): users, groups, roles and managed policies with every inline/attached policy in
 * one paginated GetAccountAuthorizationDetails; per-user access keys (+ last used), MFA devices
 * and login profile; the credential report; account summary, password policy; virtual MFA
 * devices, server certificates, SAML/OIDC providers, instance profiles.
 */
import type { GetAccountAuthorizationDetailsCommandOutput, GetCredentialReportCommandOutput, UserDetail } from '@aws-sdk/client-iam';
import {
  GenerateCredentialReportCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetLoginProfileCommand,
  GetOpenIDConnectProviderCommand,
  IAMClient,
  ListSAMLProvidersCommand,
  ListOpenIDConnectProvidersCommand,
  paginateGetAccountAuthorizationDetails,
  paginateListAccessKeys,
  paginateListAccountAliases,
  paginateListInstanceProfiles,
  paginateListMFADevices,
  paginateListServerCertificates,
  paginateListVirtualMFADevices,
} from '@aws-sdk/client-iam';
import type { Collected, CollectionError } from '../../../model/collected.js';
import { notCollected, ok } from '../../../model/collected.js';
import type {
  AccessKey,
  AttachedPolicyRef,
  IamGroup,
  IamInventory,
  IamRole,
  IamUser,
  InlinePolicy,
  ManagedPolicy,
  PolicyDocument,
} from '../../../model/inventory.js';
import { mapOk } from '../call.js';
import type { RegionContext } from '../context.js';
import { iso, parsePolicyDocument, tagsOf } from '../convert.js';
import { parseCredentialReport } from '../credentialReport.js';
import type { Permission } from '../permissions.js';

/** Waits between credential report polls; replaceable so tests do not wait. */
export const credentialReportTiming = {
  maxPolls: 12,
  delayMs: (attempt: number): number => Math.min(500 * 2 ** attempt, 4000),
  sleep: (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms)),
};

export async function collect(ctx: RegionContext): Promise<IamInventory> {
  const iam = ctx.client(IAMClient);
  const [details, credentialReport, accountSummary, passwordPolicy, virtualMfaDevices, serverCertificates, samlProviders, oidcProviders, instanceProfiles] =
    await Promise.all([
      authorizationDetails(ctx, iam),
      collectCredentialReport(ctx, iam),
      ctx
        .call('iam:GetAccountSummary', () => iam.send(new GetAccountSummaryCommand({})), { what: 'iam account summary' })
        .then((c) => mapOk(c, (r) => ({ ...(r.SummaryMap ?? {}) }) as Record<string, number>)),
      ctx
        .call('iam:GetAccountPasswordPolicy', () => iam.send(new GetAccountPasswordPolicyCommand({})), {
          what: 'iam password policy',
          absentCodes: ['NoSuchEntity'],
        })
        .then((c) =>
          mapOk(c, (r) => {
            const p = r?.PasswordPolicy;
            if (!p) return null;
            return {
              minimumPasswordLength: p.MinimumPasswordLength,
              requireSymbols: p.RequireSymbols,
              requireNumbers: p.RequireNumbers,
              requireUppercaseCharacters: p.RequireUppercaseCharacters,
              requireLowercaseCharacters: p.RequireLowercaseCharacters,
              allowUsersToChangePassword: p.AllowUsersToChangePassword,
              expirePasswords: p.ExpirePasswords,
              maxPasswordAge: p.MaxPasswordAge,
              passwordReusePrevention: p.PasswordReusePrevention,
              hardExpiry: p.HardExpiry,
            };
          }),
        ),
      ctx.list(
        'iam:ListVirtualMFADevices',
        () => paginateListVirtualMFADevices({ client: iam, pageSize: 1000 }, {}),
        (p) =>
          (p.VirtualMFADevices ?? []).map((d) => ({
            serialNumber: d.SerialNumber ?? '',
            ...(d.User?.Arn ? { userArn: d.User.Arn } : {}),
            ...(d.EnableDate ? { enableDate: iso(d.EnableDate) } : {}),
          })),
        { what: 'iam virtual mfa devices' },
      ),
      ctx.list(
        'iam:ListServerCertificates',
        () => paginateListServerCertificates({ client: iam, pageSize: 1000 }, {}),
        (p) =>
          (p.ServerCertificateMetadataList ?? []).map((c) => ({
            arn: c.Arn ?? '',
            name: c.ServerCertificateName ?? '',
            ...(c.Expiration ? { expiration: iso(c.Expiration) } : {}),
            ...(c.UploadDate ? { uploadDate: iso(c.UploadDate) } : {}),
          })),
        { what: 'iam server certificates' },
      ),
      ctx
        .call('iam:ListSAMLProviders', () => iam.send(new ListSAMLProvidersCommand({})), { what: 'iam saml providers' })
        .then((c) =>
          mapOk(c, (r) =>
            (r.SAMLProviderList ?? []).map((p) => ({ arn: p.Arn ?? '', ...(p.ValidUntil ? { validUntil: iso(p.ValidUntil) } : {}) })),
          ),
        ),
      collectOidcProviders(ctx, iam),
      ctx.list(
        'iam:ListInstanceProfiles',
        () => paginateListInstanceProfiles({ client: iam, pageSize: 1000 }, {}),
        (p) =>
          (p.InstanceProfiles ?? []).map((ip) => ({
            arn: ip.Arn ?? '',
            name: ip.InstanceProfileName ?? '',
            roleNames: (ip.Roles ?? []).map((r) => r.RoleName ?? ''),
          })),
        { what: 'iam instance profiles' },
      ),
    ]);

  return {
    credentialReport: credentialReport.report,
    ...(credentialReport.generatedAt ? { credentialReportGeneratedAt: credentialReport.generatedAt } : {}),
    accountSummary,
    passwordPolicy,
    users: details.users,
    groups: details.groups,
    roles: details.roles,
    policies: details.policies,
    virtualMfaDevices,
    serverCertificates,
    samlProviders,
    oidcProviders,
    instanceProfiles,
  };
}

/** The account alias (iam:ListAccountAliases), if any. Failures are recorded and give undefined. */
export async function collectAlias(ctx: RegionContext): Promise<string | undefined> {
  const iam = ctx.client(IAMClient);
  const aliases = await ctx.list('iam:ListAccountAliases', () => paginateListAccountAliases({ client: iam }, {}), (p) => p.AccountAliases ?? [], {
    what: 'iam account alias',
  });
  return aliases.status === 'ok' ? aliases.value[0] : undefined;
}

type Page = GetAccountAuthorizationDetailsCommandOutput;

interface Details {
  users: Collected<IamUser[]>;
  groups: Collected<IamGroup[]>;
  roles: Collected<IamRole[]>;
  policies: Collected<ManagedPolicy[]>;
}

/** A document or version that could not be read, with the code kenro records for it. */
class UnreadableDocument extends Error {
  constructor(
    readonly code: 'MalformedPolicy' | 'MalformedResponse',
    message: string,
  ) {
    super(message);
  }
}

const DETAILS: Permission = 'iam:GetAccountAuthorizationDetails';

/**
 * One paginated GetAccountAuthorizationDetails, converted per entity kind. A document that cannot
 * be parsed fails only the list of its own kind (a user's inline policy fails `users`, a role's
 * trust or inline policy fails `roles`, a managed policy's default version fails `policies`), and
 * every unreadable document is recorded as an issue naming its entity. The list of the kind is
 * failed rather than the entity dropped or kept without the document, because consumers evaluate
 * a principal's permissions from the documents in an ok list: a principal with a missing document
 * would look less privileged than it is (a false PASS). See docs/collection.md.
 */
async function authorizationDetails(ctx: RegionContext, iam: IAMClient): Promise<Details> {
  const pages = await ctx.list(
    DETAILS,
    () => paginateGetAccountAuthorizationDetails({ client: iam, pageSize: 1000 }, {}),
    (p: Page) => [p],
    { what: 'iam users, groups, roles and policies' },
  );
  if (pages.status !== 'ok') return { users: pages, groups: pages, roles: pages, policies: pages };
  const ps = pages.value;

  const userDetails = convertKind(ctx, 'users', ps.flatMap((p) => p.UserDetailList ?? []), (u) => `user ${u.UserName}`, (u) => ({
    u,
    inlinePolicies: inline(u.UserPolicyList, `user ${u.UserName}`),
  }));
  const groups = convertKind(ctx, 'groups', ps.flatMap((p) => p.GroupDetailList ?? []), (g) => `group ${g.GroupName}`, (g): IamGroup => ({
    arn: g.Arn ?? '',
    name: g.GroupName ?? '',
    id: g.GroupId ?? '',
    path: g.Path ?? '/',
    inlinePolicies: inline(g.GroupPolicyList, `group ${g.GroupName}`),
    attachedPolicies: attached(g.AttachedManagedPolicies),
  }));
  const roles = convertKind(ctx, 'roles', ps.flatMap((p) => p.RoleDetailList ?? []), (r) => `role ${r.RoleName}`, (r): IamRole => ({
    arn: r.Arn ?? '',
    name: r.RoleName ?? '',
    id: r.RoleId ?? '',
    path: r.Path ?? '/',
    createDate: iso(r.CreateDate) ?? '',
    trustPolicy: doc(r.AssumeRolePolicyDocument, `trust policy of role ${r.RoleName}`),
    inlinePolicies: inline(r.RolePolicyList, `role ${r.RoleName}`),
    attachedPolicies: attached(r.AttachedManagedPolicies),
    ...(r.PermissionsBoundary?.PermissionsBoundaryArn ? { permissionsBoundary: r.PermissionsBoundary.PermissionsBoundaryArn } : {}),
    ...(r.RoleLastUsed && (r.RoleLastUsed.LastUsedDate || r.RoleLastUsed.Region)
      ? {
          lastUsed: {
            ...(r.RoleLastUsed.LastUsedDate ? { date: iso(r.RoleLastUsed.LastUsedDate) } : {}),
            ...(r.RoleLastUsed.Region ? { region: r.RoleLastUsed.Region } : {}),
          },
        }
      : {}),
    ...(tagsOf(r.Tags) ? { tags: tagsOf(r.Tags) } : {}),
  }));
  // AWS managed policies are kept only when attached or used as a boundary; the others are
  // dropped before their documents are read, so they cannot fail the list.
  const wanted = ps
    .flatMap((p) => p.Policies ?? [])
    .filter((p) => !(p.Arn ?? '').includes(':iam::aws:policy/') || (p.AttachmentCount ?? 0) > 0 || (p.PermissionsBoundaryUsageCount ?? 0) > 0);
  const policies = convertKind(ctx, 'policies', wanted, (p) => `managed policy ${p.Arn}`, (p): ManagedPolicy => {
    const version = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion) ?? (p.PolicyVersionList ?? []).find((v) => v.VersionId === p.DefaultVersionId);
    if (!version) throw new UnreadableDocument('MalformedResponse', `managed policy ${p.Arn} has no default version document`);
    return {
      arn: p.Arn ?? '',
      name: p.PolicyName ?? '',
      id: p.PolicyId ?? '',
      path: p.Path ?? '/',
      awsManaged: (p.Arn ?? '').includes(':iam::aws:policy/'),
      attachmentCount: p.AttachmentCount ?? 0,
      ...(p.PermissionsBoundaryUsageCount !== undefined ? { permissionsBoundaryUsageCount: p.PermissionsBoundaryUsageCount } : {}),
      defaultVersionId: p.DefaultVersionId ?? version.VersionId ?? '',
      document: doc(version.Document, `managed policy ${p.Arn}`),
    };
  });

  const users =
    userDetails.status === 'ok'
      ? ok(await Promise.all(userDetails.value.map(({ u, inlinePolicies }) => toUser(ctx, iam, u, inlinePolicies))))
      : userDetails;
  return { users, groups, roles, policies };
}

/**
 * Converts every entity of one kind; any unreadable document fails the kind's list (code of the
 * first failure), with one issue per entity that could not be read.
 */
function convertKind<S, T>(ctx: RegionContext, kind: string, items: S[], name: (s: S) => string, f: (s: S) => T): Collected<T[]> {
  const out: T[] = [];
  const bad: UnreadableDocument[] = [];
  for (const item of items) {
    try {
      out.push(f(item));
    } catch (e) {
      const err = e instanceof UnreadableDocument ? e : new UnreadableDocument('MalformedResponse', (e as Error).message);
      bad.push(err);
      ctx.note(DETAILS, `iam ${name(item)}`, err.code, err.message.slice(0, 500));
    }
  }
  const first = bad[0];
  if (!first) return ok(out);
  const more = bad.length > 1 ? ` (and ${bad.length - 1} more ${kind} with unreadable documents)` : '';
  return notCollected('failed', { code: first.code, message: `${first.message}${more}`.slice(0, 500), permission: DETAILS });
}

function doc(text: string | undefined, what: string): PolicyDocument {
  try {
    return parsePolicyDocument(text);
  } catch (e) {
    throw new UnreadableDocument('MalformedPolicy', `${what}: ${(e as Error).message}`);
  }
}

function inline(list: { PolicyName?: string; PolicyDocument?: string }[] | undefined, owner: string): InlinePolicy[] {
  return (list ?? []).map((p) => ({ name: p.PolicyName ?? '', document: doc(p.PolicyDocument, `inline policy ${p.PolicyName} of ${owner}`) }));
}

function attached(list: { PolicyName?: string; PolicyArn?: string }[] | undefined): AttachedPolicyRef[] {
  return (list ?? []).map((p) => ({ arn: p.PolicyArn ?? '', name: p.PolicyName ?? '' }));
}

async function toUser(ctx: RegionContext, iam: IAMClient, u: UserDetail, inlinePolicies: InlinePolicy[]): Promise<IamUser> {
  const name = u.UserName ?? '';
  const [accessKeys, mfaDevices, loginProfile] = await Promise.all([
    userAccessKeys(ctx, iam, name),
    ctx.list(
      'iam:ListMFADevices',
      () => paginateListMFADevices({ client: iam, pageSize: 1000 }, { UserName: name }),
      (p) => (p.MFADevices ?? []).map((d) => ({ serialNumber: d.SerialNumber ?? '', ...(d.EnableDate ? { enableDate: iso(d.EnableDate) } : {}) })),
      { what: `iam mfa devices (${name})` },
    ),
    ctx
      .call('iam:GetLoginProfile', () => iam.send(new GetLoginProfileCommand({ UserName: name })), {
        what: `iam login profile (${name})`,
        absentCodes: ['NoSuchEntity'],
      })
      .then((c) =>
        mapOk(c, (r) =>
          r?.LoginProfile
            ? {
                createDate: iso(r.LoginProfile.CreateDate) ?? '',
                ...(r.LoginProfile.PasswordResetRequired !== undefined ? { passwordResetRequired: r.LoginProfile.PasswordResetRequired } : {}),
              }
            : null,
        ),
      ),
  ]);
  const user: IamUser = {
    arn: u.Arn ?? '',
    name,
    id: u.UserId ?? '',
    path: u.Path ?? '/',
    createDate: iso(u.CreateDate) ?? '',
    inlinePolicies,
    attachedPolicies: attached(u.AttachedManagedPolicies),
    groups: [...(u.GroupList ?? [])],
    accessKeys,
    mfaDevices,
    loginProfile,
  };
  if (u.PermissionsBoundary?.PermissionsBoundaryArn) user.permissionsBoundary = u.PermissionsBoundary.PermissionsBoundaryArn;
  const tags = tagsOf(u.Tags);
  if (tags) user.tags = tags;
  return user;
}

async function userAccessKeys(ctx: RegionContext, iam: IAMClient, name: string): Promise<Collected<AccessKey[]>> {
  const keys = await ctx.list(
    'iam:ListAccessKeys',
    () => paginateListAccessKeys({ client: iam, pageSize: 1000 }, { UserName: name }),
    (p) => p.AccessKeyMetadata ?? [],
    { what: `iam access keys (${name})` },
  );
  if (keys.status !== 'ok') return keys;
  const out = await Promise.all(
    keys.value.map(async (k): Promise<AccessKey> => {
      const id = k.AccessKeyId ?? '';
      const used = await ctx.call('iam:GetAccessKeyLastUsed', () => iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id })), {
        what: `iam access key last used (${name})`,
      });
      return {
        id,
        status: k.Status === 'Active' ? 'Active' : 'Inactive',
        createDate: iso(k.CreateDate) ?? '',
        lastUsed: mapOk(used, (r) => {
          const l = r.AccessKeyLastUsed;
          // AWS answers ServiceName/Region `N/A` for a key never used.
          return {
            ...(l?.LastUsedDate ? { date: iso(l.LastUsedDate) } : {}),
            ...(l?.ServiceName && l.ServiceName !== 'N/A' ? { service: l.ServiceName } : {}),
            ...(l?.Region && l.Region !== 'N/A' ? { region: l.Region } : {}),
          };
        }),
      };
    }),
  );
  return ok(out);
}

const REPORT_NOT_READY = ['ReportInProgress', 'ReportNotPresent', 'ReportExpired', 'CredentialReportNotReadyException', 'CredentialReportNotPresentException', 'CredentialReportExpiredException'];
const REPORT_WHAT = 'iam credential report';

export interface CredentialReportResult {
  report: IamInventory['credentialReport'];
  /** GetCredentialReport GeneratedTime of the report that was read (ISO-8601). */
  generatedAt?: string;
}

/**
 * GenerateCredentialReport until its State is COMPLETE (bounded polls), then GetCredentialReport,
 * re-polling a bounded number of times if AWS still answers ReportInProgress / ReportNotPresent.
 * AWS returns a report generated in the last 4 hours instead of generating a new one, so the
 * report's GeneratedTime is returned with it.
 *
 * When GenerateCredentialReport is denied, an existing report may still be readable (AWS keeps
 * the last one for 4 hours): GetCredentialReport is tried once, and only when that finds no
 * report (or fails too) is the report recorded as access_denied.
 */
export async function collectCredentialReport(ctx: RegionContext, iam: IAMClient): Promise<CredentialReportResult> {
  const t = credentialReportTiming;
  for (let attempt = 0; attempt < t.maxPolls; attempt++) {
    const gen = await ctx.call('iam:GenerateCredentialReport', () => iam.send(new GenerateCredentialReportCommand({})), {
      what: REPORT_WHAT,
      quiet: true,
    });
    if (gen.status === 'access_denied') return existingReport(ctx, iam, gen.error);
    if (gen.status !== 'ok') {
      ctx.issue({ what: REPORT_WHAT, status: gen.status, ...gen.error });
      return { report: gen };
    }
    if (gen.value.State === 'COMPLETE') {
      const got = await getReport(ctx, iam, false);
      if (got.status !== 'ok') return { report: got };
      if (got.value) return readReport(ctx, got.value);
    }
    await t.sleep(t.delayMs(attempt));
  }
  const message = `credential report not ready after ${t.maxPolls} polls`;
  ctx.note('iam:GetCredentialReport', REPORT_WHAT, 'ReportNotReady', message);
  return { report: notCollected('failed', { code: 'ReportNotReady', message, permission: 'iam:GetCredentialReport' }) };
}

function getReport(ctx: RegionContext, iam: IAMClient, quiet: boolean) {
  return ctx.call('iam:GetCredentialReport', () => iam.send(new GetCredentialReportCommand({})), {
    what: REPORT_WHAT,
    absentCodes: REPORT_NOT_READY,
    quiet,
  });
}

/** After GenerateCredentialReport was denied: the report AWS still holds, if any. */
async function existingReport(ctx: RegionContext, iam: IAMClient, denied: CollectionError): Promise<CredentialReportResult> {
  const got = await getReport(ctx, iam, true);
  if (got.status === 'ok' && got.value) return readReport(ctx, got.value);
  const detail =
    got.status === 'ok'
      ? 'and GetCredentialReport found no report generated in the last 4 hours'
      : `and GetCredentialReport failed too (${got.error.code}: ${got.error.message}); a fresh report needs both iam:GenerateCredentialReport and iam:GetCredentialReport`;
  // One IAM action per error (reports list them as actions to grant): GetCredentialReport when it
  // was denied too (nothing can be read without it), else GenerateCredentialReport.
  const error: CollectionError = {
    code: denied.code,
    message: `GenerateCredentialReport: ${denied.message} ${detail}`.slice(0, 500),
    permission: got.status === 'access_denied' ? 'iam:GetCredentialReport' : 'iam:GenerateCredentialReport',
  };
  ctx.issue({ what: REPORT_WHAT, status: 'access_denied', ...error });
  return { report: notCollected('access_denied', error) };
}

function readReport(ctx: RegionContext, r: GetCredentialReportCommandOutput): CredentialReportResult {
  const generatedAt = iso(r.GeneratedTime);
  const at = generatedAt ? { generatedAt } : {};
  if (!r.Content) {
    const message = 'GetCredentialReport returned no Content';
    ctx.note('iam:GetCredentialReport', REPORT_WHAT, 'MalformedResponse', message);
    return { report: notCollected('failed', { code: 'MalformedResponse', message, permission: 'iam:GetCredentialReport' }) };
  }
  let message: string;
  try {
    return { report: ok(parseCredentialReport(r.Content)), ...at };
  } catch (e) {
    message = `credential report could not be parsed: ${(e as Error).message}`;
  }
  ctx.note('iam:GetCredentialReport', REPORT_WHAT, 'MalformedResponse', message);
  return { report: notCollected('failed', { code: 'MalformedResponse', message, permission: 'iam:GetCredentialReport' }) };
}

async function collectOidcProviders(ctx: RegionContext, iam: IAMClient): Promise<IamInventory['oidcProviders']> {
  const list = await ctx.call('iam:ListOpenIDConnectProviders', () => iam.send(new ListOpenIDConnectProvidersCommand({})), {
    what: 'iam oidc providers',
  });
  if (list.status !== 'ok') return list;
  const providers = await Promise.all(
    (list.value.OpenIDConnectProviderList ?? []).map(async (p) => {
      const arn = p.Arn ?? '';
      const got = await ctx.call('iam:GetOpenIDConnectProvider', () => iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })), {
        what: `iam oidc provider (${arn})`,
      });
      return mapOk(got, (r) => ({ arn, ...(r.Url ? { url: r.Url } : {}), clientIds: [...(r.ClientIDList ?? [])] }));
    }),
  );
  const out: { arn: string; url?: string; clientIds?: string[] }[] = [];
  for (const p of providers) {
    if (p.status !== 'ok') return p;
    out.push(p.value);
  }
  return ok(out);
}
