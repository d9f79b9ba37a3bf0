/**
 * IAM (global): users, groups, roles and managed policies with every inline/attached policy in
 * one paginated GetAccountAuthorizationDetails; per-user access keys (+ last used), MFA devices
 * and login profile; the credential report; account summary, password policy; virtual MFA
 * devices, server certificates, SAML/OIDC providers, instance profiles.
 */
import type { GetAccountAuthorizationDetailsCommandOutput, UserDetail } from '@aws-sdk/client-iam';
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
import type { Collected } from '../../../model/collected.js';
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
import { mapOk, tryMapOk } from '../call.js';
import type { RegionContext } from '../context.js';
import { iso, parsePolicyDocument, tagsOf } from '../convert.js';
import { parseCredentialReport } from '../credentialReport.js';

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
    credentialReport,
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

async function authorizationDetails(ctx: RegionContext, iam: IAMClient): Promise<Details> {
  const pages = await ctx.list(
    'iam:GetAccountAuthorizationDetails',
    () => paginateGetAccountAuthorizationDetails({ client: iam, pageSize: 1000 }, {}),
    (p: Page) => [p],
    { what: 'iam users, groups, roles and policies' },
  );
  if (pages.status !== 'ok') return { users: pages, groups: pages, roles: pages, policies: pages };

  const converted = tryMapOk(
    pages,
    (ps) => ({
      userDetails: ps.flatMap((p) => p.UserDetailList ?? []).map((u) => ({ u, inlinePolicies: inline(u.UserPolicyList, `user ${u.UserName}`) })),
      groups: ps.flatMap((p) => p.GroupDetailList ?? []).map(
        (g): IamGroup => ({
          arn: g.Arn ?? '',
          name: g.GroupName ?? '',
          id: g.GroupId ?? '',
          path: g.Path ?? '/',
          inlinePolicies: inline(g.GroupPolicyList, `group ${g.GroupName}`),
          attachedPolicies: attached(g.AttachedManagedPolicies),
        }),
      ),
      roles: ps.flatMap((p) => p.RoleDetailList ?? []).map(
        (r): IamRole => ({
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
        }),
      ),
      policies: ps
        .flatMap((p) => p.Policies ?? [])
        .map((p): ManagedPolicy => {
          const awsManaged = (p.Arn ?? '').includes(':iam::aws:policy/');
          const version = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion) ?? (p.PolicyVersionList ?? []).find((v) => v.VersionId === p.DefaultVersionId);
          if (!version) throw new Error(`managed policy ${p.Arn} has no default version document`);
          return {
            arn: p.Arn ?? '',
            name: p.PolicyName ?? '',
            id: p.PolicyId ?? '',
            path: p.Path ?? '/',
            awsManaged,
            attachmentCount: p.AttachmentCount ?? 0,
            ...(p.PermissionsBoundaryUsageCount !== undefined ? { permissionsBoundaryUsageCount: p.PermissionsBoundaryUsageCount } : {}),
            defaultVersionId: p.DefaultVersionId ?? version.VersionId ?? '',
            document: doc(version.Document, `managed policy ${p.Arn}`),
          };
        })
        .filter((p) => !p.awsManaged || p.attachmentCount > 0 || (p.permissionsBoundaryUsageCount ?? 0) > 0),
    }),
    'iam:GetAccountAuthorizationDetails',
    undefined,
  );
  if (converted.status !== 'ok') {
    ctx.note('iam:GetAccountAuthorizationDetails', 'iam users, groups, roles and policies', converted.error.code, converted.error.message);
    return { users: converted, groups: converted, roles: converted, policies: converted };
  }
  const { userDetails, groups, roles, policies } = converted.value;
  const users = await Promise.all(userDetails.map(({ u, inlinePolicies }) => toUser(ctx, iam, u, inlinePolicies)));
  return { users: ok(users), groups: ok(groups), roles: ok(roles), policies: ok(policies) };
}

function doc(text: string | undefined, what: string): PolicyDocument {
  try {
    return parsePolicyDocument(text);
  } catch (e) {
    throw new Error(`${what}: ${(e as Error).message}`);
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

/**
 * GenerateCredentialReport until its State is COMPLETE (bounded polls), then GetCredentialReport,
 * re-polling a bounded number of times if AWS still answers ReportInProgress / ReportNotPresent.
 */
export async function collectCredentialReport(ctx: RegionContext, iam: IAMClient): Promise<IamInventory['credentialReport']> {
  const t = credentialReportTiming;
  for (let attempt = 0; attempt < t.maxPolls; attempt++) {
    const gen = await ctx.call('iam:GenerateCredentialReport', () => iam.send(new GenerateCredentialReportCommand({})), {
      what: 'iam credential report',
    });
    if (gen.status !== 'ok') return gen;
    if (gen.value.State === 'COMPLETE') {
      const got = await ctx.call('iam:GetCredentialReport', () => iam.send(new GetCredentialReportCommand({})), {
        what: 'iam credential report',
        absentCodes: REPORT_NOT_READY,
      });
      if (got.status !== 'ok') return got;
      if (got.value) {
        const content = got.value.Content;
        if (!content) {
          ctx.note('iam:GetCredentialReport', 'iam credential report', 'MalformedResponse', 'GetCredentialReport returned no Content');
          return notCollected('failed', { code: 'MalformedResponse', message: 'GetCredentialReport returned no Content', permission: 'iam:GetCredentialReport' });
        }
        return parsedReport(ctx, content);
      }
    }
    await t.sleep(t.delayMs(attempt));
  }
  const message = `credential report not ready after ${t.maxPolls} polls`;
  ctx.note('iam:GetCredentialReport', 'iam credential report', 'ReportNotReady', message);
  return notCollected('failed', { code: 'ReportNotReady', message, permission: 'iam:GetCredentialReport' });
}

function parsedReport(ctx: RegionContext, content: Uint8Array): IamInventory['credentialReport'] {
  let message: string;
  try {
    return ok(parseCredentialReport(content));
  } catch (e) {
    message = `credential report could not be parsed: ${(e as Error).message}`;
  }
  ctx.note('iam:GetCredentialReport', 'iam credential report', 'MalformedResponse', message);
  return notCollected('failed', { code: 'MalformedResponse', message, permission: 'iam:GetCredentialReport' });
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
