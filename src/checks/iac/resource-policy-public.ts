/**
 * iac_resource_policy_public: a resource-based policy written in the template for a resource
 * that is NOT in the template (an existing bucket, topic, queue, secret or function named by ARN,
 * URL or name) lets anyone (Principal "*", or NotPrincipal) use it, with no condition confining it to
 * accounts, an organization, a source ARN or a network. Policies on resources the template
 * defines become part of their inventory object and are judged by the live checks
 * (sns_topic_policy_not_public, sqs_queue_policy_not_public, secretsmanager_policy_not_public,
 * lambda_function_policy_not_public, ...); this check covers what only the template shows.
 */
import type { Res } from '../../sources/cfn/context.js';
import { asText, findUnknown, ResRef, toJson, type Value } from '../../sources/cfn/values.js';
import type { Finding } from '../types.js';
import { resourcePolicyExposure } from '../../iam/index.js';
import type { IacCheck, IacContext } from './types.js';

/** Resource type -> policy property and the IAM service prefix the policy governs. */
const POLICY_PROP: Record<string, { prop: string; service: string; targets: string; targetType: string }> = {
  'AWS::SNS::TopicPolicy': { prop: 'PolicyDocument', service: 'sns', targets: 'Topics', targetType: 'AWS::SNS::Topic' },
  'AWS::SQS::QueuePolicy': { prop: 'PolicyDocument', service: 'sqs', targets: 'Queues', targetType: 'AWS::SQS::Queue' },
  'AWS::SecretsManager::ResourcePolicy': { prop: 'ResourcePolicy', service: 'secretsmanager', targets: 'SecretId', targetType: 'AWS::SecretsManager::Secret' },
  'AWS::S3::BucketPolicy': { prop: 'PolicyDocument', service: 's3', targets: 'Bucket', targetType: 'AWS::S3::Bucket' },
};

/** Whether every target of the policy is a resource of this template (then the live checks judge it). */
function targetsInTemplate(res: Res, targets: string, targetType: string, ids: Set<string>): boolean {
  const v = res.get(targets);
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  if (list.length === 0) return false;
  return list.every((x) => (x instanceof ResRef && res.r.template.resources.some((r) => r.logicalId === x.logicalId && r.type === targetType)) || ids.has(asText(x as Value) ?? '\u0000'));
}

function lambdaPermission(res: Res, ids: Set<string>): Finding[] {
  const fn = res.get('FunctionName');
  if ((fn instanceof ResRef && res.r.template.resources.some((r) => r.logicalId === fn.logicalId && r.type === 'AWS::Lambda::Function')) || ids.has(asText(fn) ?? '\u0000')) return [];
  const ref = { region: res.r.pseudo.region, resourceId: res.logicalId, resourceType: res.tr.type, origin: res.origin };
  const principal = res.get('Principal');
  const u = findUnknown(principal);
  if (u) return [{ status: 'ERROR', ...ref, reason: `the principal cannot be resolved: ${u.describe()}` }];
  if (asText(principal) !== '*') return [{ status: 'PASS', ...ref, reason: `only ${asText(principal)} may invoke the function` }];
  const confined = ['SourceArn', 'SourceAccount', 'PrincipalOrgID', 'EventSourceToken'].filter((k) => res.get(k) !== undefined);
  if (confined.length) return [{ status: 'PASS', ...ref, reason: `Principal "*" is confined by ${confined.join(', ')}` }];
  return [{ status: 'FAIL', ...ref, field: 'principal', origin: { ...res.origin, fields: { ...res.origin.fields, principal: res.locate('Principal') } }, reason: 'anyone may invoke the function (Principal "*" without SourceArn, SourceAccount or PrincipalOrgID)' }];
}

export const resourcePolicyPublic: IacCheck = {
  meta: {
    id: 'iac_resource_policy_public',
    title: 'Resource policies a template sets on resources outside it do not grant access to everyone',
    severity: 'high',
    service: 'cloudformation',
    resourceType: 'AWS::CloudFormation::Resource',
    description:
      'A resource-based policy (S3 bucket policy, SNS topic policy, SQS queue policy, Secrets Manager resource policy, Lambda permission) that a template sets on an existing resource and that allows Principal "*" without a condition on the source account, ARN or organization lets anyone on the internet use the resource.',
    risk: 'Anyone can publish to the topic, read or send queue messages, pull images, read the secret or invoke the function.',
    remediation: {
      cloudformation: 'Principal: {AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}\n# or keep "*" with Condition: {StringEquals: {"aws:PrincipalOrgID": o-xxxxxxxxxx}}',
      docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    },
  },
  runTemplate({ world }: IacContext): Finding[] {
    const out: Finding[] = [];
    // Names, ARNs and URLs of the template's own resources, as policies may name them literally.
    const ids = new Set(world.builder.unresolvedByResource.keys());
    for (const res of world.builder.all) {
      if (res.tr.type === 'AWS::Lambda::Permission') {
        out.push(...lambdaPermission(res, ids));
        continue;
      }
      const kind = POLICY_PROP[res.tr.type];
      if (!kind || targetsInTemplate(res, kind.targets, kind.targetType, ids)) continue;
      const prop = kind.prop;
      const v = res.get(prop);
      if (v === undefined) continue;
      const ref = { region: world.builder.region, resourceId: res.logicalId, resourceType: res.tr.type, origin: res.origin };
      let doc = toJson(v);
      if (typeof doc === 'string') {
        try {
          doc = JSON.parse(doc);
        } catch {
          out.push({ status: 'ERROR', ...ref, reason: `${prop} is not JSON` });
          continue;
        }
      }
      // The IAM engine's exposure analysis: "*" is public unless a condition really pins the caller.
      const exposure = resourcePolicyExposure(doc, {
        resourceArn: `arn:${world.builder.pseudo.partition}:${kind.service}:${world.builder.region}:${world.builder.pseudo.accountId}:${res.logicalId}`,
        resourceAccount: world.builder.pseudo.accountId,
        service: kind.service,
      });
      const stmtList = (doc as { Statement?: unknown }).Statement;
      const list = Array.isArray(stmtList) ? stmtList : [stmtList];
      const pub = exposure.publicStatements.map((p) => {
        const index = typeof p.index === 'number' ? p.index : Math.max(0, list.findIndex((x) => (x as { Sid?: unknown })?.Sid === p.index));
        return { index, statement: (list[index] ?? {}) as Record<string, unknown>, why: p.reason };
      });
      const u = findUnknown(v);
      if (pub.length === 0 && u) {
        out.push({ status: 'ERROR', ...ref, reason: `the policy cannot be fully resolved: ${u.describe()}` });
        continue;
      }
      const stmts = (doc as { Statement?: unknown }).Statement;
      for (const { index, statement, why } of pub) {
        const path = [prop, 'Statement', ...(Array.isArray(stmts) ? [index] : []), statement.NotPrincipal !== undefined ? 'NotPrincipal' : 'Principal'];
        const field = `statement:${path.join('.')}`;
        out.push({
          status: 'FAIL',
          ...ref,
          field,
          origin: { ...res.origin, fields: { ...res.origin.fields, [field]: res.locate(path) } },
          reason: why,
          evidence: statement,
        });
      }
      if (pub.length === 0) out.push({ status: 'PASS', ...ref, reason: 'no statement allows everyone' });
    }
    return out;
  },
};
