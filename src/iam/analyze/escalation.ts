/**
 * Privilege-escalation paths: the known ways an IAM principal can raise its own permissions
 * (Rhino Security Labs' catalogue and later additions), each checked with the evaluation engine
 * against the principal's real policies (identity, boundary, SCPs) and listed step by step.
 *
 * Targets: the principal itself (its user/role, its groups, the managed policies attached to it),
 * other users, and roles it could pass to a compute service or assume. With an account model the
 * real users/roles are used (and a passed role is reported with what it would give); without one
 * a stand-in ARN stands for "any such resource".
 */
import { evaluate, toParsed, type DecidingStatement, type EvaluationInput, type PolicyRef } from '../evaluate.js';
import { matchActions } from '../match/action.js';
import type { OrganizationInfo } from '../context.js';

export interface EscalationStep {
  action: string;
  resource: string;
  note: string;
}

export interface EscalationPath {
  id: string;
  title: string;
  steps: EscalationStep[];
  /** What the principal ends up with. */
  gains: string;
  confidence: 'high' | 'medium';
  /** The statements that allow the steps. */
  grantedBy: DecidingStatement[];
}

export interface PrincipalUnderTest {
  /** IAM user ARN or role ARN. */
  arn: string;
  identityPolicies: PolicyRef[];
  permissionsBoundary?: PolicyRef;
  scps?: PolicyRef[][];
  /** Group ARNs (users). */
  groups?: string[];
  /** ARNs of the managed policies attached to the principal or its groups. */
  attachedPolicyArns?: string[];
  organization?: OrganizationInfo;
}

export interface RoleCandidate {
  arn: string;
  /** Service principals its trust policy trusts (ec2.amazonaws.com, ...). */
  trustedServices: string[];
  /** Whether the principal under test may assume it per its trust policy. */
  assumableBy?: (principalArn: string) => boolean;
  admin: boolean;
}

export interface EscalationContext {
  /** Other users of the account (ARNs); default: a stand-in. */
  users?: string[];
  /** Roles of the account; default: a stand-in for any role. */
  roles?: RoleCandidate[];
  /** Groups of the account with whether they are administrators. */
  groups?: { arn: string; admin: boolean }[];
  /** Lambda functions and EC2 instances that run with roles (ARNs of their roles). */
  compute?: { arn: string; kind: 'lambda' | 'ec2'; roleArns: string[] }[];
  /** ARNs of the administrator roles (to rate the compute paths). */
  adminRoles?: string[];
}

interface ComputeMethod {
  id: string;
  title: string;
  service: string; // service principal the role must trust
  actions: [string, string][]; // [action, resource kind]
}

const COMPUTE: ComputeMethod[] = [
  { id: 'PassRole+EC2', title: 'Launch an EC2 instance with a privileged instance profile', service: 'ec2.amazonaws.com', actions: [['ec2:RunInstances', '*']] },
  { id: 'PassRole+EC2Spot', title: 'Request a spot instance with a privileged instance profile', service: 'ec2.amazonaws.com', actions: [['ec2:RequestSpotInstances', '*']] },
  { id: 'PassRole+AutoScaling', title: 'Create a launch configuration and an Auto Scaling group running as a privileged role', service: 'ec2.amazonaws.com', actions: [['autoscaling:CreateLaunchConfiguration', '*'], ['autoscaling:CreateAutoScalingGroup', '*']] },
  { id: 'PassRole+Lambda', title: 'Create a Lambda function with a privileged role and invoke it', service: 'lambda.amazonaws.com', actions: [['lambda:CreateFunction', 'function'], ['lambda:InvokeFunction', 'function']] },
  { id: 'PassRole+LambdaEventSource', title: 'Create a Lambda function with a privileged role and trigger it from an event source', service: 'lambda.amazonaws.com', actions: [['lambda:CreateFunction', 'function'], ['lambda:CreateEventSourceMapping', '*']] },
  { id: 'PassRole+Glue', title: 'Create a Glue development endpoint with a privileged role and log in to it', service: 'glue.amazonaws.com', actions: [['glue:CreateDevEndpoint', '*']] },
  { id: 'PassRole+GlueJob', title: 'Create and start a Glue job with a privileged role', service: 'glue.amazonaws.com', actions: [['glue:CreateJob', '*'], ['glue:StartJobRun', '*']] },
  { id: 'PassRole+CloudFormation', title: 'Create a CloudFormation stack with a privileged service role', service: 'cloudformation.amazonaws.com', actions: [['cloudformation:CreateStack', '*']] },
  { id: 'PassRole+DataPipeline', title: 'Create a Data Pipeline running as a privileged role', service: 'datapipeline.amazonaws.com', actions: [['datapipeline:CreatePipeline', '*'], ['datapipeline:PutPipelineDefinition', '*']] },
  { id: 'PassRole+ECS', title: 'Register an ECS task definition with a privileged task role and run it', service: 'ecs-tasks.amazonaws.com', actions: [['ecs:RegisterTaskDefinition', '*'], ['ecs:RunTask', '*']] },
  { id: 'PassRole+SageMakerNotebook', title: 'Create a SageMaker notebook with a privileged role and open it', service: 'sagemaker.amazonaws.com', actions: [['sagemaker:CreateNotebookInstance', '*'], ['sagemaker:CreatePresignedNotebookInstanceUrl', '*']] },
  { id: 'PassRole+SageMakerJob', title: 'Run a SageMaker training job with a privileged role', service: 'sagemaker.amazonaws.com', actions: [['sagemaker:CreateTrainingJob', '*']] },
  { id: 'PassRole+CodeBuild', title: 'Create a CodeBuild project with a privileged service role and start a build', service: 'codebuild.amazonaws.com', actions: [['codebuild:CreateProject', '*'], ['codebuild:StartBuild', '*']] },
  { id: 'PassRole+AppRunner', title: 'Create an App Runner service with a privileged instance role', service: 'tasks.apprunner.amazonaws.com', actions: [['apprunner:CreateService', '*']] },
];

export function findEscalationPaths(p: PrincipalUnderTest, ctx: EscalationContext = {}): EscalationPath[] {
  const account = /^arn:[^:]+:iam::(\d{12}):/.exec(p.arn)?.[1] ?? '000000000000';
  const isUser = p.arn.includes(':user/');
  const isRole = p.arn.includes(':role/');
  const stand = (kind: string) => `arn:aws:iam::${account}:${kind}/kenro-any-${kind}`;
  const cache = new Map<string, DecidingStatement | null>();
  // Without a resource policy, a request needs an identity-policy Allow whose Action (or NotAction)
  // covers it: when no Allow statement can match the action, no resource can be allowed, so the
  // per-target loops below are skipped instead of evaluating every user and role of the account.
  const allows = p.identityPolicies.flatMap((ref) => toParsed(ref, 'identity').compiled.statements.filter((st) => st.effect === 'Allow'));
  const mayAllow = (...actions: string[]): boolean =>
    actions.some((a) => {
      const action = a.toLowerCase();
      return allows.some((st) => (st.actions ? matchActions(st.actions, action) : st.notActions ? !matchActions(st.notActions, action) : false));
    });
  const can = (action: string, resource: string, context: Record<string, string> = {}): DecidingStatement | null => {
    if (!mayAllow(action)) return null;
    const key = `${action}|${resource}|${JSON.stringify(context)}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const input: EvaluationInput = { identityPolicies: p.identityPolicies, request: { principal: p.arn, action, resource, resourceAccount: account, context }, explain: false };
    if (p.permissionsBoundary !== undefined) input.permissionsBoundary = p.permissionsBoundary;
    if (p.scps) input.scps = p.scps;
    if (p.organization) input.organization = p.organization;
    if (action.startsWith('sts:AssumeRole')) input.resourcePolicyKind = 'resource'; // identity side only here
    const r = evaluate(input);
    const v = r.decision === 'Allow' ? (r.decidedBy ?? { policy: 'root', kind: 'identity', statement: '-', effect: 'Allow' }) : null;
    cache.set(key, v);
    return v;
  };
  const paths: EscalationPath[] = [];
  const push = (id: string, title: string, steps: [string, string, string, Record<string, string>?][], gains: string, confidence: 'high' | 'medium' = 'high') => {
    const granted: DecidingStatement[] = [];
    for (const [action, resource, , context] of steps) {
      const d = can(action, resource, context);
      if (!d) return false;
      if (!granted.some((g) => g.policy === d.policy && g.statement === d.statement)) granted.push(d);
    }
    paths.push({ id, title, steps: steps.map(([action, resource, note]) => ({ action, resource, note })), gains, confidence, grantedBy: granted });
    return true;
  };
  const self = p.arn;
  const ADMIN_DOC = 'a policy document that allows "*" on "*"';

  // 1. policy-version tricks on managed policies attached to oneself
  // AWS managed policies cannot be versioned by customers; without an account model a stand-in stands for any attached policy
  for (const pol of p.attachedPolicyArns ? p.attachedPolicyArns.filter((a) => !/^arn:[^:]+:iam::aws:/.test(a)) : [stand('policy')]) {
    push('CreatePolicyVersion', 'Create a new default version of a managed policy attached to oneself', [['iam:CreatePolicyVersion', pol, `create a version of ${pol} with ${ADMIN_DOC} and --set-as-default`]], 'administrator');
    push('SetDefaultPolicyVersion', 'Switch an attached managed policy to an older, more permissive version', [['iam:SetDefaultPolicyVersion', pol, `make an older version of ${pol} the default`]], 'whatever an older version grants', 'medium');
  }
  // 2. attaching or putting policies on oneself, one's groups, one's role
  if (isUser) {
    push('AttachUserPolicy', 'Attach a managed policy (AdministratorAccess) to oneself', [['iam:AttachUserPolicy', self, 'attach arn:aws:iam::aws:policy/AdministratorAccess to oneself']], 'administrator');
    push('PutUserPolicy', 'Add an inline policy to oneself', [['iam:PutUserPolicy', self, `put an inline policy with ${ADMIN_DOC} on oneself`]], 'administrator');
    for (const g of p.groups ?? []) {
      push('AttachGroupPolicy', 'Attach a managed policy to a group one belongs to', [['iam:AttachGroupPolicy', g, `attach AdministratorAccess to ${g}`]], 'administrator');
      push('PutGroupPolicy', 'Add an inline policy to a group one belongs to', [['iam:PutGroupPolicy', g, `put an inline policy with ${ADMIN_DOC} on ${g}`]], 'administrator');
    }
    const groups = ctx.groups ?? [{ arn: stand('group'), admin: true }];
    for (const g of groups.filter((x) => x.admin && !(p.groups ?? []).includes(x.arn))) {
      push('AddUserToGroup', 'Add oneself to a privileged group', [['iam:AddUserToGroup', g.arn, `add oneself to ${g.arn}${ctx.groups ? ' (an administrator group)' : ' (any group with more rights)'}`]], ctx.groups ? 'administrator (group rights)' : "the group's rights");
    }
    push('DeleteUserPermissionsBoundary', 'Remove one’s own permissions boundary', [['iam:DeleteUserPermissionsBoundary', self, 'delete the boundary that limits oneself']], 'the full identity-policy rights', p.permissionsBoundary ? 'high' : 'medium');
    push('PutUserPermissionsBoundary', 'Replace one’s own permissions boundary with a permissive one', [['iam:PutUserPermissionsBoundary', self, 'set AdministratorAccess as one’s own boundary']], 'the full identity-policy rights', p.permissionsBoundary ? 'high' : 'medium');
  }
  if (isRole) {
    push('AttachRolePolicy', 'Attach a managed policy to one’s own role', [['iam:AttachRolePolicy', self, 'attach AdministratorAccess to the role one is using']], 'administrator');
    push('PutRolePolicy', 'Add an inline policy to one’s own role', [['iam:PutRolePolicy', self, `put an inline policy with ${ADMIN_DOC} on the role`]], 'administrator');
    push('DeleteRolePermissionsBoundary', 'Remove one’s own role’s permissions boundary', [['iam:DeleteRolePermissionsBoundary', self, 'delete the boundary of the role']], 'the full identity-policy rights', p.permissionsBoundary ? 'high' : 'medium');
    push('PutRolePermissionsBoundary', 'Replace one’s own role’s permissions boundary', [['iam:PutRolePermissionsBoundary', self, 'set AdministratorAccess as the role’s boundary']], 'the full identity-policy rights', p.permissionsBoundary ? 'high' : 'medium');
  }
  // 3. credentials of other users
  const credentialActions = mayAllow('iam:CreateAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile');
  for (const u of credentialActions ? (ctx.users ?? [stand('user')]).filter((x) => x !== self) : []) {
    push('CreateAccessKey', 'Create an access key for another user', [['iam:CreateAccessKey', u, `create an access key for ${u} and act as that user`]], "the other user's rights");
    push('CreateLoginProfile', 'Create a console password for another user', [['iam:CreateLoginProfile', u, `set a console password for ${u} and sign in as that user`]], "the other user's rights");
    push('UpdateLoginProfile', 'Change another user’s console password', [['iam:UpdateLoginProfile', u, `reset the console password of ${u}`]], "the other user's rights");
  }
  // 4. roles: trust-policy update + assume, new role, PassRole to compute services, existing compute
  const roles = ctx.roles ?? [{ arn: stand('role'), trustedServices: COMPUTE.map((c) => c.service), admin: true }];
  const gainsOf = (r: RoleCandidate) => (ctx.roles ? (r.admin ? `administrator (role ${r.arn})` : `the rights of ${r.arn}`) : 'the rights of any role in the account (administrator if one exists)');
  const roleActions = mayAllow('iam:UpdateAssumeRolePolicy', 'sts:AssumeRole', 'iam:PassRole');
  for (const r of roleActions ? roles.filter((x) => x.arn !== self) : []) {
    push('UpdateAssumeRolePolicy', 'Rewrite a role’s trust policy to trust oneself, then assume it', [['iam:UpdateAssumeRolePolicy', r.arn, `make ${r.arn} trust ${self}`], ['sts:AssumeRole', r.arn, `assume ${r.arn}`]], gainsOf(r), !ctx.roles || r.admin ? 'high' : 'medium');
    if (r.admin && r.assumableBy?.(self)) push('AssumeRole', 'Assume an administrator role that already trusts one', [['sts:AssumeRole', r.arn, `assume ${r.arn} (its trust policy allows it)`]], gainsOf(r));
    for (const m of COMPUTE) {
      if (!r.trustedServices.includes(m.service)) continue;
      const steps: [string, string, string, Record<string, string>?][] = [['iam:PassRole', r.arn, `pass ${r.arn} to ${m.service}`, { 'iam:PassedToService': m.service }]];
      for (const [a, kind] of m.actions) steps.push([a, kind === 'function' ? `arn:aws:lambda:us-east-1:${account}:function:kenro-any-function` : '*', `${a} — code then runs with the role's credentials`]);
      // a real role that is not an administrator may still give less than the principal has
      push(m.id, m.title, steps, gainsOf(r), !ctx.roles || r.admin ? 'high' : 'medium');
    }
  }
  push('CreateRole+AttachRolePolicy', 'Create a new role that trusts oneself, make it administrator, assume it', [['iam:CreateRole', stand('role'), `create a role whose trust policy names ${self}`], ['iam:AttachRolePolicy', stand('role'), 'attach AdministratorAccess to it'], ['sts:AssumeRole', stand('role'), 'assume it']], 'administrator');
  // 5. existing compute resources that already run with roles
  const admins = new Set(ctx.adminRoles ?? []);
  if (ctx.compute) {
    const computeActions = mayAllow('lambda:UpdateFunctionCode', 'ssm:SendCommand', 'ssm:StartSession', 'ec2-instance-connect:SendSSHPublicKey', 'ec2:ModifyInstanceAttribute');
    for (const c of computeActions ? ctx.compute : []) {
      if (!c.roleArns.length || c.roleArns.includes(self)) continue;
      const admin = c.roleArns.some((r) => admins.has(r));
      const gains = admin ? `administrator (role ${c.roleArns.join(', ')})` : `the rights of ${c.roleArns.join(', ')}`;
      const conf = admin ? 'high' : 'medium';
      if (c.kind === 'lambda') {
        push('UpdateFunctionCode', 'Replace the code of a Lambda function that runs with a role', [['lambda:UpdateFunctionCode', c.arn, `upload code to ${c.arn} that uses its role ${c.roleArns.join(', ')}`], ['lambda:InvokeFunction', c.arn, 'invoke it (or wait for its trigger)']], gains, conf) ||
          push('UpdateFunctionCode', 'Replace the code of a Lambda function that runs with a role', [['lambda:UpdateFunctionCode', c.arn, `upload code to ${c.arn} that uses its role ${c.roleArns.join(', ')}; it runs at the next trigger`]], gains, 'medium');
      } else {
        push('SSMSendCommand', 'Run commands on an EC2 instance with an instance profile through Systems Manager', [['ssm:SendCommand', c.arn, `run a command on ${c.arn} that reads its instance-profile credentials`]], gains, conf);
        push('SSMStartSession', 'Open a shell on an EC2 instance with an instance profile (Session Manager)', [['ssm:StartSession', c.arn, `open a session on ${c.arn} and use its instance-profile credentials`]], gains, conf);
        push('EC2InstanceConnect', 'Push an SSH key to an EC2 instance with an instance profile', [['ec2-instance-connect:SendSSHPublicKey', c.arn, `log in to ${c.arn} and use its instance-profile credentials`]], gains, conf);
        push('EC2UserData', 'Change the user data of an instance with an instance profile', [['ec2:StopInstances', c.arn, `stop ${c.arn}`], ['ec2:ModifyInstanceAttribute', c.arn, 'replace its user data'], ['ec2:StartInstances', c.arn, 'start it: the code runs with the instance profile']], gains, conf);
      }
    }
  } else {
    push('UpdateFunctionCode', 'Replace the code of an existing Lambda function that runs with a privileged role', [['lambda:UpdateFunctionCode', `arn:aws:lambda:us-east-1:${account}:function:kenro-any-function`, 'upload code that uses the function role, then wait for or trigger an invocation']], "the function role's rights", 'medium');
    push('SSMSendCommand', 'Run commands on EC2 instances through Systems Manager', [['ssm:SendCommand', '*', 'run a command on an instance and read its instance-profile credentials']], "the instance profiles' rights", 'medium');
    push('SSMStartSession', 'Open a shell on EC2 instances through Session Manager', [['ssm:StartSession', '*', 'open a session on an instance and use its instance-profile credentials']], "the instance profiles' rights", 'medium');
    push('EC2InstanceConnect', 'Push an SSH key to an EC2 instance with EC2 Instance Connect', [['ec2-instance-connect:SendSSHPublicKey', '*', 'log in to an instance and use its instance-profile credentials']], "the instance profiles' rights", 'medium');
    push('EC2UserData', 'Change the user data of a stopped instance with a privileged profile', [['ec2:ModifyInstanceAttribute', '*', 'replace the user data'], ['ec2:StartInstances', '*', 'start it so the code runs with the instance profile']], "the instance profiles' rights", 'medium');
  }
  push('UpdateDevEndpoint', 'Add one’s SSH key to an existing Glue development endpoint', [['glue:UpdateDevEndpoint', '*', 'set a public key on an endpoint with a privileged role']], "the endpoint role's rights", 'medium');
  push('CodeBuildUpdateProject', 'Change the buildspec of an existing CodeBuild project and start it', [['codebuild:UpdateProject', '*', 'point the project at a buildspec one controls'], ['codebuild:StartBuild', '*', 'start a build with the project role']], "the project role's rights", 'medium');
  push('CloudFormationUpdateStack', 'Update an existing CloudFormation stack that has a privileged service role', [['cloudformation:UpdateStack', '*', 'change the template; CloudFormation applies it with the stack role']], "the stack role's rights", 'medium');
  return paths;
}
