/**
 * Organizations (global): the organization, the account's path from the root, and the SCPs and
 * RCPs attached at each level with their documents. Not in an organization => ok(null). Member
 * accounts usually cannot call ListParents / ListPoliciesForTarget: those fields then carry the
 * access_denied error (the organization itself is still known from DescribeOrganization).
 */
import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  OrganizationsClient,
  paginateListParents,
  paginateListPoliciesForTarget,
} from '@aws-sdk/client-organizations';
import type { PolicyType } from '@aws-sdk/client-organizations';
import type { Collected } from '../../../model/collected.js';
import { ok } from '../../../model/collected.js';
import type { OrganizationInfo, PolicyAttachmentLevel, PolicyDocument } from '../../../model/inventory.js';
import { tryMapOk } from '../call.js';
import type { RegionContext } from '../context.js';
import { parsePolicyDocument } from '../convert.js';

const MAX_DEPTH = 10; // Organizations allows at most five OU levels under the root.

export async function collect(ctx: RegionContext): Promise<Collected<OrganizationInfo | null>> {
  const org = ctx.client(OrganizationsClient);
  const described = await ctx.call('organizations:DescribeOrganization', () => org.send(new DescribeOrganizationCommand({})), {
    what: 'organization',
    absentCodes: ['AWSOrganizationsNotInUseException'],
  });
  if (described.status !== 'ok') return described;
  const o = described.value?.Organization;
  if (!o) return ok(null);

  const info: OrganizationInfo = {
    id: o.Id ?? '',
    arn: o.Arn ?? '',
    managementAccountId: o.MasterAccountId ?? '',
    isManagementAccount: o.MasterAccountId === ctx.accountId,
  };
  const path = await accountPath(ctx, org);
  info.path = path;
  if (path.status !== 'ok') {
    info.scps = path;
    info.rcps = path;
    return ok(info);
  }
  const targets = [...path.value, ctx.accountId];
  const documents = new Map<string, Promise<Collected<PolicyDocument>>>();
  [info.scps, info.rcps] = await Promise.all([
    policiesAlong(ctx, org, targets, 'SERVICE_CONTROL_POLICY', documents),
    policiesAlong(ctx, org, targets, 'RESOURCE_CONTROL_POLICY', documents),
  ]);
  return ok(info);
}

/** Root id first, then each OU down to (not including) the account. */
async function accountPath(ctx: RegionContext, org: OrganizationsClient): Promise<Collected<string[]>> {
  const path: string[] = [];
  let child = ctx.accountId;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const parents = await ctx.list(
      'organizations:ListParents',
      () => paginateListParents({ client: org }, { ChildId: child }),
      (p) => p.Parents ?? [],
      { what: `organization parents of ${child}` },
    );
    if (parents.status !== 'ok') return parents;
    const parent = parents.value[0];
    if (!parent?.Id) break;
    path.unshift(parent.Id);
    if (parent.Type === 'ROOT') return ok(path);
    child = parent.Id;
  }
  return ok(path);
}

async function policiesAlong(
  ctx: RegionContext,
  org: OrganizationsClient,
  targets: string[],
  filter: PolicyType,
  documents: Map<string, Promise<Collected<PolicyDocument>>>,
): Promise<Collected<PolicyAttachmentLevel[]>> {
  const kind = filter === 'SERVICE_CONTROL_POLICY' ? 'SCPs' : 'RCPs';
  const levels = await Promise.all(
    targets.map(async (targetId): Promise<Collected<PolicyAttachmentLevel>> => {
      const attached = await ctx.list(
        'organizations:ListPoliciesForTarget',
        () => paginateListPoliciesForTarget({ client: org }, { TargetId: targetId, Filter: filter }),
        (p) => p.Policies ?? [],
        { what: `${kind} attached to ${targetId}` },
      );
      if (attached.status !== 'ok') return attached;
      const docs = await Promise.all(
        attached.value.map((p) => {
          const id = p.Id ?? '';
          let doc = documents.get(id);
          if (!doc) {
            doc = describePolicy(ctx, org, id);
            documents.set(id, doc);
          }
          return doc;
        }),
      );
      const policies: PolicyAttachmentLevel['policies'] = [];
      for (const [i, p] of attached.value.entries()) {
        const d = docs[i];
        if (!d) continue;
        if (d.status !== 'ok') return d;
        policies.push({ id: p.Id ?? '', name: p.Name ?? '', ...(p.Arn ? { arn: p.Arn } : {}), document: d.value });
      }
      return ok({ targetId, policies });
    }),
  );
  const out: PolicyAttachmentLevel[] = [];
  for (const l of levels) {
    if (l.status !== 'ok') return l;
    out.push(l.value);
  }
  return ok(out);
}

async function describePolicy(ctx: RegionContext, org: OrganizationsClient, id: string): Promise<Collected<PolicyDocument>> {
  const got = await ctx.call('organizations:DescribePolicy', () => org.send(new DescribePolicyCommand({ PolicyId: id })), {
    what: `organization policy ${id}`,
  });
  const parsed = tryMapOk(got, (r) => parsePolicyDocument(r.Policy?.Content), 'organizations:DescribePolicy');
  if (parsed.status !== 'ok' && got.status === 'ok') {
    ctx.note('organizations:DescribePolicy', `organization policy ${id}`, parsed.error.code, parsed.error.message);
  }
  return parsed;
}
