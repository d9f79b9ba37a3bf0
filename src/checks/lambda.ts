/**
 * Lambda checks: supported runtimes, function URL authentication, and function-policy exposure
 * (read through the IAM engine).
 */
import type { LambdaFunction } from '../model/inventory.js';
import { fail, manual, pass, type ResourceRef } from './helpers.js';
import { runtimeStatus } from './lambdaRuntimes.js';
import type { Check } from './types.js';
import { judgePolicy } from './policyExposure.js';
import { readError, perRegionRead } from './readErrors.js';

const ref = (f: LambdaFunction, region: string): ResourceRef => ({ region, resourceId: f.name, resourceArn: f.arn, origin: f.origin });
const FUNCTIONS = 'Lambda functions (lambda:ListFunctions)';

const supportedRuntime: Check = {
  meta: {
    id: 'lambda_runtime_supported',
    title: 'Lambda functions use supported runtimes',
    severity: 'medium',
    service: 'lambda',
    resourceType: 'AWS::Lambda::Function',
    description:
      "Each zip-packaged function uses a managed runtime that AWS has not yet deprecated at the scan's date. Container-image " +
      'functions have no managed runtime and are not evaluated; a runtime kenro does not know is reported for manual review.',
    risk: 'Deprecated runtimes no longer receive security patches, and AWS eventually blocks updates to functions that use them.',
    remediation: {
      cli: 'aws lambda update-function-configuration --function-name <name> --runtime <current runtime, e.g. nodejs22.x or python3.13>',
      cloudformation: 'Function:\n  Type: AWS::Lambda::Function\n  Properties:\n    Runtime: python3.13',
      console: 'Lambda console > the function > Code > Runtime settings > Edit > choose a supported runtime (test the code first).',
      docs: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    },
    configRule: 'LAMBDA_FUNCTION_SETTINGS_CHECK',
  },
  run(account, ctx) {
    return perRegionRead(account, (r) => r.lambda.functions, FUNCTIONS, (f, region) => {
      if (!f.runtime) return [];
      const r = ref(f, region);
      const s = runtimeStatus(f.runtime, ctx.now);
      if (s.kind === 'deprecated') return [fail(r, `runtime ${f.runtime} was deprecated on ${s.since}`, { runtime: f.runtime, deprecated: s.since }, 'runtime')];
      if (s.kind === 'supported') return [pass(r, `runtime ${f.runtime} is supported until ${s.deprecates}`, { runtime: f.runtime })];
      return [manual(r, `runtime ${f.runtime} is not in kenro's runtime table; check its status on the AWS Lambda runtimes page`)];
    });
  },
};

const urlAuth: Check = {
  meta: {
    id: 'lambda_function_url_auth',
    title: 'Lambda function URLs require IAM authentication',
    severity: 'high',
    service: 'lambda',
    resourceType: 'AWS::Lambda::Function',
    description:
      'A function URL, when there is one, uses AuthType AWS_IAM. AuthType NONE lets anyone on the internet invoke the function ' +
      'unless the function code checks callers itself. Functions without a URL pass.',
    risk: 'An unauthenticated function URL is a public HTTPS endpoint running your code with your function role.',
    remediation: {
      cli: 'aws lambda update-function-url-config --function-name <name> --auth-type AWS_IAM',
      cloudformation: 'Url:\n  Type: AWS::Lambda::Url\n  Properties:\n    TargetFunctionArn: !Ref Function\n    AuthType: AWS_IAM',
      console: 'Lambda console > the function > Configuration > Function URL > Edit > Auth type: AWS_IAM.',
      docs: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html',
    },
  },
  run(account) {
    return perRegionRead(account, (r) => r.lambda.functions, FUNCTIONS, (f, region) => {
      const r = ref(f, region);
      if (!f.url) return [{ status: 'ERROR', ...r, reason: 'the function URL configuration was not collected (lambda:GetFunctionUrlConfig)' }];
      if (f.url.status !== 'ok') return [readError(r, f.url, `the function URL of ${f.name} (lambda:GetFunctionUrlConfig)`)];
      if (!f.url.value) return [pass(r, 'the function has no function URL')];
      return f.url.value.authType === 'AWS_IAM'
        ? [pass(r, 'the function URL requires IAM authentication', f.url.value)]
        : [fail(r, 'the function URL has AuthType NONE (anyone can invoke it)', f.url.value, 'url')];
    });
  },
};

const policyNotPublic: Check = {
  meta: {
    id: 'lambda_function_policy_not_public',
    title: 'Lambda function policies do not allow public access',
    severity: 'critical',
    service: 'lambda',
    resourceType: 'AWS::Lambda::Function',
    description:
      'No statement of the function resource policy lets anyone invoke or manage the function. ' +
      'The resource policy is read as IAM reads it: an Allow whose principal is "*" (or {"AWS": "*"}) is public unless a condition really pins who the caller is (account, organization, principal ARN, source ARN/account, VPC endpoint or IP range). Conditions such as aws:SecureTransport do not restrict who can call.' +
      ' Service principals (such as s3.amazonaws.com) count as public unless aws:SourceArn or aws:SourceAccount pins the calling resource.',
    risk: 'A public function can be invoked by anyone, running your code with your function role and at your cost.',
    remediation: {
      cli: 'aws lambda remove-permission --function-name <name> --statement-id <sid>\naws lambda add-permission --function-name <name> --statement-id s3 --action lambda:InvokeFunction --principal s3.amazonaws.com --source-arn <bucket-arn> --source-account <account-id>',
      console: 'Lambda console > the function > Configuration > Permissions > Resource-based policy statements: delete statements with principal "*" or add a source ARN/account.',
      docs: 'https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html',
    },
    configRule: 'LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED',
  },
  run(account) {
    return perRegionRead(account, (r) => r.lambda.functions, FUNCTIONS, (f, region) => [
      judgePolicy({ account, ref: ref(f, region), policy: f.policy, service: 'lambda', what: 'the function policy', permission: 'lambda:GetPolicy' }),
    ]);
  },
};

const inVpc: Check = {
  meta: {
    id: 'lambda_function_in_vpc',
    title: 'Lambda functions are connected to a VPC',
    severity: 'low',
    service: 'lambda',
    resourceType: 'AWS::Lambda::Function',
    description:
      'Each function is attached to a VPC (VpcConfig with subnets), so its network access goes through security groups, ' +
      'routes and endpoints you control. A function with no VPC id in the inventory counts as not attached.',
    risk: 'A function outside a VPC reaches the internet directly, outside the network controls and logs that apply to the rest of the workload.',
    remediation: {
      cli: 'aws lambda update-function-configuration --function-name <name> --vpc-config SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-0123',
      cloudformation: 'Function:\n  Type: AWS::Lambda::Function\n  Properties:\n    VpcConfig:\n      SubnetIds: [!Ref SubnetA, !Ref SubnetB]\n      SecurityGroupIds: [!Ref FunctionSg]',
      console: 'Lambda console > the function > Configuration > VPC > Edit: choose the VPC, at least two subnets and a security group.',
      docs: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html',
    },
    configRule: 'LAMBDA_INSIDE_VPC',
  },
  run(account) {
    return perRegionRead(account, (r) => r.lambda.functions, FUNCTIONS, (f, region) => [
      f.vpcId ? pass(ref(f, region), `attached to ${f.vpcId}`) : fail(ref(f, region), 'the function is not attached to a VPC', { vpcId: null }, 'vpcId'),
    ]);
  },
};

export const checks: Check[] = [supportedRuntime, urlAuth, policyNotPublic, inVpc];
