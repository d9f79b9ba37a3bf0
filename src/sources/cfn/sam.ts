/**
 * Expands AWS SAM resources (Transform: AWS::Serverless-2016-10-31) into the CloudFormation
 * resources SAM generates, as far as the checks need (AWS SAM specification, "Generated AWS
 * CloudFormation resources"):
 * - AWS::Serverless::Function -> AWS::Lambda::Function (same logical id) and, without `Role`, an
 *   execution role `<id>Role` with the Lambda trust policy, AWSLambdaBasicExecutionRole, the
 *   managed policies named in `Policies` and its inline policy documents (SAM policy templates are
 *   not expanded); `FunctionUrlConfig` -> AWS::Lambda::Url `<id>Url`.
 * - AWS::Serverless::SimpleTable -> AWS::DynamoDB::Table; Api/HttpApi keep their ids with the
 *   generated type (AWS::ApiGateway::RestApi / AWS::ApiGatewayV2::Api).
 * `Globals` (Function section) are merged into each function; the function's own values win.
 */
import type { Template, TemplateResource } from './template.js';
import { child, entry, type CfnEntry, type CfnMap, type CfnNode, type Pos } from './yaml.js';

const scalar = (value: string, pos: Pos): CfnNode => ({ kind: 'scalar', value, pos });
const map = (pos: Pos, e: [string, CfnNode][]): CfnMap => ({ kind: 'map', pos, entries: e.map(([key, value]) => ({ key, keyPos: pos, value })) });

function merge(globals: CfnNode | undefined, own: CfnMap | undefined, pos: Pos): CfnMap {
  const entries: CfnEntry[] = [];
  const ownKeys = new Set(own?.entries.map((e) => e.key));
  if (globals?.kind === 'map') {
    for (const g of globals.entries) {
      const o = own ? entry(own, g.key) : undefined;
      if (o && o.value.kind === 'map' && g.value.kind === 'map') {
        entries.push({ ...o, value: merge(g.value, o.value, o.keyPos) });
        ownKeys.delete(g.key);
      } else if (!o) entries.push(g);
    }
  }
  for (const e of own?.entries ?? []) if (ownKeys.has(e.key)) entries.push(e);
  return { kind: 'map', entries, pos: own?.pos ?? pos };
}

function lambdaTrust(pos: Pos): CfnNode {
  return map(pos, [
    ['Version', scalar('2012-10-17', pos)],
    [
      'Statement',
      {
        kind: 'seq',
        pos,
        items: [
          map(pos, [
            ['Effect', scalar('Allow', pos)],
            ['Principal', map(pos, [['Service', { kind: 'seq', pos, items: [scalar('lambda.amazonaws.com', pos)] }]])],
            ['Action', { kind: 'seq', pos, items: [scalar('sts:AssumeRole', pos)] }],
          ]),
        ],
      },
    ],
  ]);
}

function functionResources(r: TemplateResource, globals: CfnNode | undefined): TemplateResource[] {
  const pos = r.propertiesPos ?? r.pos;
  const props = merge(child(globals, 'Function'), r.properties, pos);
  const fn: TemplateResource = { ...r, type: 'AWS::Lambda::Function', properties: props };
  const out = [fn];
  const url = child(props, 'FunctionUrlConfig');
  if (url?.kind === 'map') {
    const urlPos = entry(props, 'FunctionUrlConfig')!.keyPos;
    const auth = entry(url, 'AuthType');
    const urlProps = map(urlPos, [['TargetFunctionArn', map(pos, [['Ref', scalar(r.logicalId, pos)]])]]);
    if (auth) urlProps.entries.push(auth);
    out.push({ logicalId: `${r.logicalId}Url`, type: 'AWS::Lambda::Url', pos: r.pos, typePos: r.typePos, node: r.node, properties: urlProps, propertiesPos: urlPos });
    // With AuthType NONE, SAM also adds the permission that lets anyone call the URL.
    if (auth?.value.kind === 'scalar' && auth.value.value === 'NONE') {
      out.push({
        logicalId: `${r.logicalId}UrlPublicPermissions`,
        type: 'AWS::Lambda::Permission',
        pos: r.pos,
        typePos: r.typePos,
        node: r.node,
        properties: map(auth.keyPos, [
          ['FunctionName', map(auth.keyPos, [['Ref', scalar(r.logicalId, auth.keyPos)]])],
          ['Action', scalar('lambda:InvokeFunctionUrl', auth.keyPos)],
          ['Principal', scalar('*', auth.keyPos)],
          ['FunctionUrlAuthType', scalar('NONE', auth.keyPos)],
        ]),
        propertiesPos: auth.keyPos,
      });
    }
  }
  if (entry(props, 'Role')) return out;
  const roleId = `${r.logicalId}Role`;
  const policiesEntry = entry(props, 'Policies');
  const ppos = policiesEntry?.keyPos ?? pos;
  const managed: CfnNode[] = [scalar('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole', pos)];
  const inline: CfnNode[] = [];
  const add = (p: CfnNode) => {
    if (p.kind === 'scalar' && typeof p.value === 'string') {
      managed.push(scalar(p.value.startsWith('arn:') ? p.value : `arn:aws:iam::aws:policy/${p.value}`, p.pos));
    } else if (p.kind === 'map' && (entry(p, 'Statement') || entry(p, 'Version'))) {
      inline.push(map(p.pos, [['PolicyName', scalar(`${roleId}Policy${inline.length}`, p.pos)], ['PolicyDocument', p]]));
    } else if (p.kind === 'map' && p.entries.length === 1 && (p.entries[0]!.key === 'Ref' || p.entries[0]!.key.startsWith('Fn::'))) {
      managed.push(p);
    }
    // SAM policy templates (e.g. S3ReadPolicy) are not expanded.
  };
  const pv = policiesEntry?.value;
  if (pv?.kind === 'seq') pv.items.forEach(add);
  else if (pv) add(pv);
  const role: TemplateResource = {
    logicalId: roleId,
    type: 'AWS::IAM::Role',
    pos: r.pos,
    typePos: r.typePos,
    node: r.node,
    properties: map(ppos, [
      ['AssumeRolePolicyDocument', lambdaTrust(pos)],
      ['ManagedPolicyArns', { kind: 'seq', pos: ppos, items: managed }],
      ['Policies', { kind: 'seq', pos: ppos, items: inline }],
      ...(child(props, 'PermissionsBoundary') ? [['PermissionsBoundary', child(props, 'PermissionsBoundary')!] as [string, CfnNode]] : []),
    ]),
    propertiesPos: ppos,
  };
  if (r.condition) role.condition = r.condition;
  // Suppressions written on the function apply to the role SAM generates for it.
  if (r.metadata) role.metadata = r.metadata;
  props.entries.push({ key: 'Role', keyPos: pos, value: map(pos, [['Fn::GetAtt', { kind: 'seq', pos, items: [scalar(roleId, pos), scalar('Arn', pos)] }]]) });
  out.push(role);
  return out;
}

const RENAMES: Record<string, string> = {
  'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::LayerVersion': 'AWS::Lambda::LayerVersion',
};

export function hasSam(t: Template): boolean {
  return t.resources.some((r) => r.type.startsWith('AWS::Serverless::'));
}

/** The template with SAM resources replaced by what SAM generates. */
export function expandSam(t: Template): Template {
  if (!hasSam(t)) return t;
  const globals = child(t.root, 'Globals');
  const resources: TemplateResource[] = [];
  const taken = new Set(t.resources.map((r) => r.logicalId));
  for (const r of t.resources) {
    if (r.type === 'AWS::Serverless::Function') {
      for (const x of functionResources(r, globals)) if (x === undefined || x.logicalId === r.logicalId || !taken.has(x.logicalId)) resources.push(x);
    } else if (RENAMES[r.type]) resources.push({ ...r, type: RENAMES[r.type]! });
    else resources.push(r);
  }
  return { ...t, resources };
}
