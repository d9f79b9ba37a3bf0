/**
 * iac_iam_inline_wildcard: an inline IAM policy written in the template (Policies of a role, user
 * or group, AWS::IAM::Policy, SAM function Policies) has an Allow statement granting every action
 * ("*"), every action of a service ("s3:*") or everything but a few (NotAction) on every resource
 * ("*"). Inline policies are not in the inventory's managed-policy list, so the live policy checks
 * (iam_no_custom_full_admin_policies, iam_policy_no_wildcard_sensitive) do not see them;
 * AWS::IAM::ManagedPolicy documents are left to those checks.
 */
import type { Path, Res } from '../../sources/cfn/context.js';
import { findUnknown, isObj, toJson, type Value } from '../../sources/cfn/values.js';
import type { Finding } from '../types.js';
import type { IacCheck, IacContext } from './types.js';

const IDENTITY_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group', 'AWS::IAM::Policy']);

function list(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Documents of a resource with their property paths. */
function documents(res: Res): { path: (string | number)[]; value: Value | undefined }[] {
  if (res.tr.type === 'AWS::IAM::Policy') return [{ path: ['PolicyDocument'], value: res.get('PolicyDocument') }];
  const ps = res.get('Policies');
  if (!Array.isArray(ps)) return ps === undefined ? [] : [{ path: ['Policies'], value: ps }];
  return ps.map((p, i) => ({ path: ['Policies', i, 'PolicyDocument'], value: isObj(p) ? p.PolicyDocument : p }));
}

export const iamInlineWildcard: IacCheck = {
  meta: {
    id: 'iac_iam_inline_wildcard',
    title: 'Inline IAM policies in templates do not allow all actions on all resources',
    severity: 'high',
    service: 'iam',
    resourceType: 'AWS::IAM::Policy',
    description:
      'A policy statement that allows "*" (or every action of a service, or NotAction) on Resource "*" grants far more than a workload needs. ' +
      'Write the actions and resources the workload uses (least privilege).',
    risk: 'Whoever gets the role, user or group credentials can do anything the wildcard covers, including escalating their own privileges.',
    remediation: {
      cloudformation: 'Statement:\n  - Effect: Allow\n    Action: [s3:GetObject]\n    Resource: !Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    },
  },
  runTemplate({ world }: IacContext): Finding[] {
    const out: Finding[] = [];
    for (const res of world.builder.all) {
      if (!IDENTITY_TYPES.has(res.tr.type)) continue;
      const ref = { region: 'global', resourceId: res.logicalId, resourceType: res.tr.type, origin: res.origin };
      const docs = documents(res);
      if (docs.length === 0) continue;
      let bad = 0;
      let unknown = 0;
      for (const d of docs) {
        const u = findUnknown(d.value);
        const doc = toJson(d.value ?? null) as Record<string, unknown> | null;
        const stmts = doc && typeof doc === 'object' ? (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) : [];
        stmts.forEach((s, j) => {
          if (!s || typeof s !== 'object') return;
          const st = s as Record<string, unknown>;
          if (st.Effect !== 'Allow') return;
          const actions = list(st.Action);
          const resources = list(st.Resource);
          const wildAction = actions.find((a) => a === '*' || /^[a-z0-9-]+:\*$/i.test(a)) ?? (st.NotAction !== undefined ? 'NotAction' : undefined);
          if (!wildAction || !resources.includes('*')) return;
          const sp: Path = [...d.path, 'Statement', ...(Array.isArray(doc!.Statement) ? [j] : []), st.NotAction !== undefined && !actions.length ? 'NotAction' : 'Action'];
          const field = `statement:${sp.join('.')}`;
          const origin = { ...res.origin, fields: { ...res.origin.fields, [field]: res.locate(sp) } };
          bad++;
          out.push({
            status: 'FAIL',
            ...ref,
            origin,
            field,
            reason: `statement ${String(st.Sid ?? j)} allows ${wildAction === 'NotAction' ? 'everything except NotAction' : `"${wildAction}"`} on Resource "*"`,
            evidence: st,
          });
        });
        if (u && bad === 0) {
          unknown++;
          out.push({ status: 'ERROR', ...ref, reason: `the policy cannot be fully resolved: ${u.describe()}` });
        }
      }
      if (bad === 0 && unknown === 0) out.push({ status: 'PASS', ...ref, reason: 'no statement allows a wildcard action on Resource "*"' });
    }
    return out;
  },
};
