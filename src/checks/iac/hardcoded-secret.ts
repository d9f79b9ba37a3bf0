/**
 * iac_hardcoded_secret: a secret written into the template. Looks at every property whose name
 * says it holds a secret (Password, SecretString, ClientSecret, AuthToken, PrivateKey...,
 * including environment variable names) and at every string for AWS access key ids, private
 * keys (also base64-encoded, as in UserData) and URLs with an embedded password. A value is safe
 * when it comes from a dynamic reference ({{resolve:secretsmanager:...}} / {{resolve:ssm-secure:...}}), from a parameter
 * without a literal default, or from another resource (Fn::GetAtt). Values are never printed.
 */
import type { Res } from '../../sources/cfn/context.js';
import { intrinsicName } from '../../sources/cfn/resolve.js';
import type { Template } from '../../sources/cfn/template.js';
import { findUnknown } from '../../sources/cfn/values.js';
import { child, toPlain, type CfnMap, type CfnNode, type Pos } from '../../sources/cfn/yaml.js';
import type { Finding } from '../types.js';
import type { IacCheck, IacContext } from './types.js';

const SECRET_NAME = /(password|passwd|passphrase|secret|token|privatekey|private_key|apikey|api_key|accesskey|access_key|authkey|credential|secretkey)/i;
const NOT_SECRET =
  /(arn|id|ids|name|names|length|enabled|required|type|policy|policies|template|version|rotation|kmskey\w*|manager|expiration|count|ttl|validity|units?|header|location|source|parameter|endpoint|config|configuration|set|ref|url|uri|path|mode|behaviou?r|method|reset|usage|age|prompt|characters|store|scope|scopes|lambda|function|role|format|hash|audience|issuer|size|digest|duration|days|minutes|seconds|hours|arns|provider|selection|status|strategy|revocation|policyname|enforcement|requirement|expiry|expires|rotationdays)$/i;
const DYNAMIC_REF = /\{\{resolve:(secretsmanager|ssm-secure):/;
const ACCESS_KEY_ID = /\b(AKIA|ASIA)[0-9A-Z]{16}\b/;
const SECRET_ACCESS_KEY_NAMED = /aws_?secret_?access_?key/i;
const PRIVATE_KEY = /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/;
/** "-----BEGIN" base64-encoded at the three possible alignments. */
const PRIVATE_KEY_B64 = /LS0tLS1CRUdJTi|0tLS0tQkVHSU4|tLS0tLUJFR0lO/;

/** Names that contain a secret-ish word but never hold a secret. */
const NOT_SECRET_EXACT = new Set(['servicetoken', 'generatesecretstring', 'secretstringtemplate', 'keyname', 'tokenkey']);

/** scheme://user:password@host with a literal password (not ${Param} nor a dynamic reference). */
function urlWithPassword(v: string): boolean {
  for (const m of v.matchAll(/:\/\/[^/\s:@]+:([^/\s@]+)@/g)) {
    const pw = m[1]!;
    if (!pw.includes('${') && !pw.includes('{{resolve:')) return true;
  }
  return false;
}

export function isSecretName(key: string): boolean {
  const k = key.replace(/[^A-Za-z0-9_]/g, '');
  const flat = k.replace(/_/g, '').toLowerCase();
  return SECRET_NAME.test(k) && !NOT_SECRET.test(flat) && !NOT_SECRET_EXACT.has(flat);
}

interface Hit {
  path: string;
  pos: Pos;
  why: string;
}

/** Whether a secret-named property's node is a literal secret (written in the template). */
function literalSecret(t: Template, n: CfnNode): string | undefined {
  if (n.kind === 'scalar') {
    if (typeof n.value !== 'string' || n.value.trim() === '') return undefined;
    if (/^(true|false|yes|no|enabled|disabled|none|null)$/i.test(n.value.trim())) return undefined;
    // A one- or two-digit number is a setting (e.g. MySQL old_passwords: '0'), not a credential.
    if (/^\d{1,2}$/.test(n.value.trim())) return undefined;
    if (DYNAMIC_REF.test(n.value)) return undefined;
    return 'a literal value';
  }
  const fn = intrinsicName(n);
  if (fn === 'Ref') {
    const name = String(toPlain((n as CfnMap).entries[0]!.value));
    const p = t.parameters.get(name);
    // SSM parameter types: the default is a parameter name, not the value.
    if (!p?.default || p.type.startsWith('AWS::SSM::Parameter::Value<')) return undefined;
    const d = toPlain(p.default);
    if (typeof d === 'string' && d.trim() !== '' && !DYNAMIC_REF.test(d)) return `the default of parameter ${name} (line ${p.default.pos.line})`;
    return undefined;
  }
  return undefined;
}

function scan(t: Template, res: Res, n: CfnNode, path: string, hits: Hit[], inspected: { n: number }): void {
  if (n.kind === 'seq') n.items.forEach((x, i) => scan(t, res, x, `${path}[${i}]`, hits, inspected));
  if (n.kind === 'scalar' && typeof n.value === 'string') {
    if (ACCESS_KEY_ID.test(n.value)) hits.push({ path, pos: n.pos, why: 'an AWS access key id' });
    else if (PRIVATE_KEY.test(n.value) || PRIVATE_KEY_B64.test(n.value)) hits.push({ path, pos: n.pos, why: 'a private key' });
    else if (urlWithPassword(n.value)) hits.push({ path, pos: n.pos, why: 'a URL with an embedded password' });
  }
  if (n.kind !== 'map') return;
  if (intrinsicName(n)) {
    // Look inside Fn::Sub/Join/Base64 literals for keys; the pieces are template text.
    for (const e of n.entries) scan(t, res, e.value, path, hits, inspected);
    return;
  }
  for (const e of n.entries) {
    const p = path ? `${path}.${e.key}` : e.key;
    if (isSecretName(e.key) || SECRET_ACCESS_KEY_NAMED.test(e.key)) {
      inspected.n++;
      const why = literalSecret(t, e.value);
      if (why) {
        hits.push({ path: p, pos: e.keyPos, why });
        continue;
      }
      // A computed value (Fn::Sub/Join) that resolves to text with no reference is also literal.
      const fn = intrinsicName(e.value);
      if (fn === 'Fn::Sub' || fn === 'Fn::Join' || fn === 'Fn::Base64') {
        const v = res.r.resolve(e.value);
        if (typeof v === 'string' && v.trim() !== '' && !DYNAMIC_REF.test(v) && !findUnknown(v) && !refersTo(e.value)) {
          hits.push({ path: p, pos: e.keyPos, why: 'a value computed from literals' });
          continue;
        }
      }
    }
    scan(t, res, e.value, p, hits, inspected);
  }
}

function refersTo(n: CfnNode): boolean {
  const s = JSON.stringify(toPlain(n));
  return /"Ref"|Fn::GetAtt|Fn::ImportValue|\$\{[^!]/.test(s);
}

/** Outputs that publish a secret attribute (an access key's SecretAccessKey, a secret's value). */
function secretOutputs(t: Template, region: string): Finding[] {
  const outputs = child(t.root, 'Outputs');
  if (outputs?.kind !== 'map') return [];
  const out: Finding[] = [];
  for (const o of outputs.entries) {
    const text = JSON.stringify(toPlain(child(o.value, 'Value') ?? { kind: 'scalar', value: null, pos: o.keyPos }));
    const m = /SecretAccessKey|SecretString|\{\{resolve:(secretsmanager|ssm-secure):/.exec(text);
    if (!m) continue;
    out.push({
      status: 'FAIL',
      region,
      resourceId: `Outputs.${o.key}`,
      resourceType: 'AWS::CloudFormation::Output',
      origin: { file: t.file, logicalId: o.key, line: o.keyPos.line, column: o.keyPos.column },
      reason: `output ${o.key} publishes a secret (${m[0].startsWith('{{') ? 'a dynamic reference to a secret' : m[0]}): stack outputs are readable by anyone who can describe the stack`,
    });
  }
  return out;
}

/** Secret-named parameters with a literal Default that no finding above already reported. */
function secretParameterDefaults(t: Template, region: string, found: Finding[]): Finding[] {
  const reported = new Set(found.flatMap((f) => [...f.reason.matchAll(/default of parameter (\S+)/g)].map((m) => m[1]!)));
  const out: Finding[] = [];
  for (const p of t.parameters.values()) {
    if (!p.default || reported.has(p.name) || !isSecretName(p.name) || p.type.startsWith('AWS::SSM::Parameter::Value<')) continue;
    const d = toPlain(p.default);
    if (typeof d !== 'string' || d.trim() === '' || DYNAMIC_REF.test(d) || /^\d{1,2}$/.test(d.trim()) || /^(true|false)$/i.test(d.trim())) continue;
    out.push({
      status: 'FAIL',
      region,
      resourceId: `Parameters.${p.name}`,
      resourceType: 'AWS::CloudFormation::Parameter',
      origin: { file: t.file, logicalId: p.name, line: p.default.pos.line, column: p.default.pos.column },
      reason: `parameter ${p.name} has a literal Default written in the template (value not shown)`,
    });
  }
  return out;
}

export const hardcodedSecret: IacCheck = {
  meta: {
    id: 'iac_hardcoded_secret',
    title: 'Templates do not contain secrets',
    severity: 'high',
    service: 'cloudformation',
    resourceType: 'AWS::CloudFormation::Resource',
    description:
      'Passwords, tokens, access keys and private keys must not be written into a template (or into a parameter default): ' +
      'templates live in version control, in S3 and in the CloudFormation console, where anyone who can read them can read the secret.',
    risk: 'A secret in a template is readable by everyone with access to the repository, the template bucket or the stack, and stays in history after it is changed.',
    remediation: {
      cloudformation:
        "MasterUserPassword: '{{resolve:secretsmanager:MyDbSecret:SecretString:password}}'\n" +
        '# or a NoEcho parameter without a Default, or AWS::SecretsManager::Secret with GenerateSecretString',
      docs: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/security-best-practices.html#creds',
    },
  },
  runTemplate({ template, world }: IacContext): Finding[] {
    const out: Finding[] = [];
    for (const res of world.builder.all) {
      const hits: Hit[] = [];
      const inspected = { n: 0 };
      if (res.tr.properties) scan(template, res, res.tr.properties, '', hits, inspected);
      // cfn-init credentials: Metadata AWS::CloudFormation::Authentication (accessKeyId, secretKey, password).
      const auth = res.tr.metadata?.kind === 'map' ? res.tr.metadata.entries.find((e) => e.key === 'AWS::CloudFormation::Authentication') : undefined;
      if (auth) scan(template, res, { kind: 'map', entries: [auth], pos: auth.keyPos }, 'Metadata', hits, inspected);
      if (hits.length === 0 && inspected.n === 0 && !res.tr.properties) continue;
      const ref = { region: world.builder.region, resourceId: res.logicalId, resourceType: res.tr.type };
      for (const h of hits) {
        const origin = { ...res.origin, fields: { ...res.origin.fields, [`secret:${h.path}`]: h.pos } };
        out.push({ status: 'FAIL', ...ref, origin, field: `secret:${h.path}`, reason: `${h.path} holds ${h.why} written in the template (value not shown)` });
      }
      if (hits.length === 0 && inspected.n > 0) {
        out.push({ status: 'PASS', ...ref, origin: res.origin, reason: `${inspected.n} secret-named propert${inspected.n === 1 ? 'y comes' : 'ies come'} from parameters, dynamic references or other resources` });
      }
    }
    out.push(...secretOutputs(template, world.builder.region));
    out.push(...secretParameterDefaults(template, world.builder.region, out));
    return out;
  },
};
