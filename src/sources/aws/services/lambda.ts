/**
 * Lambda functions for one region: the `lambda` key of RegionInventory.
 * ListFunctions (paginated; unqualified functions), then per function GetPolicy
 * (ResourceNotFoundException: no resource policy => null) and ListFunctionUrlConfigs (paginated).
 * A function can have a URL on the unqualified function and on each alias; GetFunctionUrlConfig
 * would only see the unqualified one, so a public (AuthType NONE) URL on an alias would be missed.
 * `url` is null when the function has no URL, else the least restrictive auth type among them.
 *
 * Environment variables: only their NAMES are kept. Values can hold secrets; they are never
 * stored, logged or put in an issue.
 */
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { GetPolicyCommand, LambdaClient, paginateListFunctionUrlConfigs, paginateListFunctions } from '@aws-sdk/client-lambda';
import type { LambdaFunction, RegionInventory } from '../../../model/inventory.js';
import { mapOk } from '../call.js';
import type { RegionContext } from '../context.js';
import { forService } from '../notInRegion.js';
import { policyFrom } from '../policyResult.js';

/** What ListFunctions gives that kenro keeps: no environment values. */
interface FunctionSummary {
  name: string;
  arn: string;
  runtime?: string;
  role?: string;
  environmentVariableNames: string[];
  vpcId?: string;
}

export async function collect(base: RegionContext): Promise<RegionInventory['lambda']> {
  const ctx = forService(base, 'Lambda');
  const lambda = ctx.client(LambdaClient);
  const listed = await ctx.list('lambda:ListFunctions', () => paginateListFunctions({ client: lambda, pageSize: 50 }, {}), (p) => (p.Functions ?? []).map(summarize), {
    what: 'lambda functions',
  });
  if (listed.status !== 'ok') return { functions: listed };
  const functions = await Promise.all(listed.value.map((f) => collectFunction(ctx, lambda, f)));
  return { functions: { status: 'ok', value: functions } };
}

/** Drops everything but what the model keeps, so environment values go no further than the SDK page. */
function summarize(f: FunctionConfiguration): FunctionSummary {
  const out: FunctionSummary = {
    name: f.FunctionName ?? '',
    arn: f.FunctionArn ?? '',
    environmentVariableNames: Object.keys(f.Environment?.Variables ?? {}).sort(),
  };
  if (f.Runtime) out.runtime = f.Runtime;
  if (f.Role) out.role = f.Role;
  if (f.VpcConfig?.VpcId) out.vpcId = f.VpcConfig.VpcId;
  return out;
}

async function collectFunction(ctx: RegionContext, lambda: LambdaClient, f: FunctionSummary): Promise<LambdaFunction> {
  const [policy, url] = await Promise.all([
    ctx.call('lambda:GetPolicy', () => lambda.send(new GetPolicyCommand({ FunctionName: f.name })), {
      what: `lambda function policy (${f.name})`,
      absentCodes: ['ResourceNotFoundException'],
    }),
    ctx.list(
      'lambda:ListFunctionUrlConfigs',
      () => paginateListFunctionUrlConfigs({ client: lambda, pageSize: 50 }, { FunctionName: f.name }),
      (p) => (p.FunctionUrlConfigs ?? []).map((u) => u.AuthType),
      { what: `lambda function URLs (${f.name})` },
    ),
  ]);
  const out: LambdaFunction = {
    name: f.name,
    arn: f.arn,
    policy: policyFrom(ctx, policy, (r) => r.Policy, 'lambda:GetPolicy', `lambda function policy (${f.name})`),
    url: mapOk(url, (authTypes) =>
      authTypes.length === 0 ? null : { authType: authTypes.every((a) => a === 'AWS_IAM') ? ('AWS_IAM' as const) : ('NONE' as const) },
    ),
    environmentVariableNames: f.environmentVariableNames,
  };
  if (f.runtime) out.runtime = f.runtime;
  if (f.role) out.role = f.role;
  if (f.vpcId) out.vpcId = f.vpcId;
  return out;
}
