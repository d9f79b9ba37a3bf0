/**
 * Checks that a parsed document is a CloudFormation template (a `Resources` map whose entries each
 * have a `Type`) and indexes its sections. Anything else is a TemplateError with file and line.
 */
import { TemplateError, child, entry, type CfnMap, type CfnNode, type Pos } from './yaml.js';

export interface TemplateResource {
  logicalId: string;
  type: string;
  /** The logical id key. */
  pos: Pos;
  typePos: Pos;
  node: CfnMap;
  /** The `Properties` map (absent when the resource has none). */
  properties?: CfnMap;
  propertiesPos?: Pos;
  condition?: string;
  metadata?: CfnNode;
}

export interface TemplateParameter {
  name: string;
  type: string;
  default?: CfnNode;
  noEcho: boolean;
  pos: Pos;
}

export interface Template {
  file: string;
  /** Index of the YAML document in the file (0 for single-document files). */
  doc: number;
  root: CfnMap;
  resources: TemplateResource[];
  parameters: Map<string, TemplateParameter>;
  conditions: Map<string, CfnNode>;
  mappings?: CfnNode;
  transforms: string[];
  /** Problems that do not stop the scan (file:line:column: message). */
  warnings: string[];
}

const TOP_LEVEL = new Set([
  'AWSTemplateFormatVersion',
  'Description',
  'Metadata',
  'Parameters',
  'Rules',
  'Mappings',
  'Conditions',
  'Transform',
  'Resources',
  'Outputs',
  'Hooks',
]);

export function readTemplate(file: string, root: CfnNode, doc = 0): Template {
  const err = (p: Pos, m: string) => new TemplateError(file, p.line, p.column, m);
  if (root.kind !== 'map') throw err(root.pos, 'not a template: the document is not a mapping');
  const res = entry(root, 'Resources');
  if (!res) {
    const looksLikeCfn = root.entries.some((e) => TOP_LEVEL.has(e.key));
    throw err(root.pos, looksLikeCfn ? 'not a template: it has no Resources section' : 'not a template: no Resources section (is this a CloudFormation template?)');
  }
  if (res.value.kind !== 'map') throw err(res.keyPos, 'Resources must be a mapping of logical ids to resources');
  const resources: TemplateResource[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const r of res.value.entries) {
    if (r.key.startsWith('Fn::ForEach::')) {
      warnings.push(`${file}:${r.keyPos.line}:${r.keyPos.column}: kenro does not expand ${r.key} (AWS::LanguageExtensions); the resources it generates are not checked`);
      continue;
    }
    if (!/^[A-Za-z0-9]+$/.test(r.key)) {
      // CloudFormation rejects it, but the resource is still worth checking: warn and go on.
      warnings.push(`${file}:${r.keyPos.line}:${r.keyPos.column}: resource logical id '${r.key}' is not alphanumeric (CloudFormation will reject the template)`);
    }
    if (seen.has(r.key)) throw err(r.keyPos, `duplicate resource logical id '${r.key}'`);
    seen.add(r.key);
    if (r.value.kind !== 'map') throw err(r.keyPos, `resource ${r.key} must be a mapping with a Type`);
    const type = entry(r.value, 'Type');
    if (!type) throw err(r.keyPos, `resource ${r.key} has no Type`);
    if (type.value.kind !== 'scalar' || typeof type.value.value !== 'string') {
      throw err(type.keyPos, `resource ${r.key}: Type must be a string`);
    }
    const props = entry(r.value, 'Properties');
    if (props && props.value.kind !== 'map' && !(props.value.kind === 'scalar' && props.value.value === null)) {
      throw err(props.keyPos, `resource ${r.key}: Properties must be a mapping`);
    }
    const cond = child(r.value, 'Condition');
    const tr: TemplateResource = {
      logicalId: r.key,
      type: type.value.value,
      pos: r.keyPos,
      typePos: type.keyPos,
      node: r.value,
    };
    if (props?.value.kind === 'map') tr.properties = props.value;
    if (props) tr.propertiesPos = props.keyPos;
    if (cond?.kind === 'scalar' && typeof cond.value === 'string') tr.condition = cond.value;
    const md = child(r.value, 'Metadata');
    if (md) tr.metadata = md;
    resources.push(tr);
  }

  const parameters = new Map<string, TemplateParameter>();
  const params = child(root, 'Parameters');
  if (params?.kind === 'map') {
    for (const p of params.entries) {
      const t = child(p.value, 'Type');
      const noEcho = child(p.value, 'NoEcho');
      const param: TemplateParameter = {
        name: p.key,
        type: t?.kind === 'scalar' ? String(t.value) : 'String',
        noEcho: noEcho?.kind === 'scalar' && String(noEcho.value).toLowerCase() === 'true',
        pos: p.keyPos,
      };
      const d = child(p.value, 'Default');
      if (d) param.default = d;
      parameters.set(p.key, param);
    }
  }
  const conditions = new Map<string, CfnNode>();
  const conds = child(root, 'Conditions');
  if (conds?.kind === 'map') for (const c of conds.entries) conditions.set(c.key, c.value);

  const transforms: string[] = [];
  const tf = child(root, 'Transform');
  if (tf?.kind === 'scalar' && typeof tf.value === 'string') transforms.push(tf.value);
  if (tf?.kind === 'seq') for (const i of tf.items) if (i.kind === 'scalar') transforms.push(String(i.value));

  for (const x of transforms) {
    if (x !== 'AWS::Serverless-2016-10-31' && x !== 'AWS::LanguageExtensions') {
      const at = entry(root, 'Transform')!.keyPos;
      warnings.push(`${file}:${at.line}:${at.column}: Transform ${x} is a macro kenro cannot run; the template is checked as written, before the macro changes it`);
    }
  }
  const t: Template = { file, doc, root, resources, parameters, conditions, transforms, warnings };
  const mappings = child(root, 'Mappings');
  if (mappings) t.mappings = mappings;
  return t;
}
