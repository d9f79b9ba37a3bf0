import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { runIac } from '../../src/checks/iac/run.js';
import { renderTemplate } from '../../src/fix/baseline/emit.js';
import { MANAGED_RULES } from '../../src/fix/baseline/rules.js';
import { buildBaseline, type CfnTemplate } from '../../src/fix/baseline/template.js';
import { selectChecks } from '../../src/scan/run.js';
import { runBaseline } from '../../src/cli/commands/baseline.js';

// ------------------------------------------------------------------ the CloudFormation resource specification
// @aws-cdk/aws-service-spec ships AWS's CloudFormation resource schemas as one database (db.json.gz).
interface SpecType { type: string; reference?: { $ref: string }; element?: SpecType; types?: SpecType[] }
interface SpecProp { type: SpecType; required?: boolean }
interface SpecEntity { $id: string; cloudFormationType?: string; name?: string; properties: Record<string, SpecProp>; attributes?: Record<string, unknown> }

const require = createRequire(import.meta.url);
const dbFile = join(require.resolve('@aws-cdk/aws-service-spec/package.json'), '..', 'db.json.gz');
const db = JSON.parse(gunzipSync(readFileSync(dbFile)).toString('utf8')) as { schema: { resource: { entities: SpecEntity[] }; typeDefinition: { entities: SpecEntity[] } } };
const resources = new Map(db.schema.resource.entities.map((e) => [e.cloudFormationType!, e]));
const typeDefs = new Map(db.schema.typeDefinition.entities.map((e) => [e.$id, e]));

const isIntrinsic = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 1 && /^(Ref|Fn::|Condition$)/.test(Object.keys(v)[0]!);

/** Problems of a value against a spec type: unknown keys and missing required keys in nested types. */
function checkValue(v: unknown, t: SpecType, path: string, out: string[]): void {
  if (v === undefined || isIntrinsic(v)) return;
  switch (t.type) {
    case 'ref': {
      const def = typeDefs.get(t.reference!.$ref);
      if (!def || typeof v !== 'object' || Array.isArray(v)) {
        if (def) out.push(`${path}: expected an object`);
        return;
      }
      checkObject(v as Record<string, unknown>, def.properties, path, out);
      return;
    }
    case 'array':
      if (!Array.isArray(v)) return void out.push(`${path}: expected a list`);
      v.forEach((x, i) => checkValue(x, t.element!, `${path}[${i}]`, out));
      return;
    case 'map':
      if (typeof v !== 'object' || Array.isArray(v)) return void out.push(`${path}: expected a map`);
      for (const [k, x] of Object.entries(v as object)) checkValue(x, t.element!, `${path}.${k}`, out);
      return;
    case 'union': {
      const attempts = t.types!.map((u) => {
        const o: string[] = [];
        checkValue(v, u, path, o);
        return o;
      });
      if (!attempts.some((o) => o.length === 0)) out.push(...attempts[0]!);
      return;
    }
    case 'string':
      if (typeof v !== 'string') out.push(`${path}: expected a string, got ${JSON.stringify(v)}`);
      return;
    case 'boolean':
      if (typeof v !== 'boolean' && v !== 'true' && v !== 'false') out.push(`${path}: expected a boolean`);
      return;
    case 'integer':
    case 'number':
      if (typeof v !== 'number' && !/^\d+(\.\d+)?$/.test(String(v))) out.push(`${path}: expected a number`);
      return;
    default:
      return; // json, tag: free-form
  }
}

function checkObject(v: Record<string, unknown>, props: Record<string, SpecProp>, path: string, out: string[]): void {
  for (const [k, p] of Object.entries(props)) if (p.required && v[k] === undefined) out.push(`${path}.${k}: required property missing`);
  for (const [k, x] of Object.entries(v)) {
    const p = props[k];
    if (!p) out.push(`${path}.${k}: not a property of this type`);
    else checkValue(x, p.type, `${path}.${k}`, out);
  }
}

/** Every resource against the specification: known type, required properties, no unknown properties, nested types. */
export function specProblems(t: CfnTemplate): string[] {
  const out: string[] = [];
  for (const [id, r] of Object.entries(t.Resources)) {
    const spec = resources.get(r.Type);
    if (!spec) {
      out.push(`${id}: ${r.Type} is not a CloudFormation resource type`);
      continue;
    }
    checkObject(r.Properties ?? {}, spec.properties, `${id}(${r.Type})`, out);
  }
  return out;
}

// ------------------------------------------------------------------ template-level consistency
const PSEUDO = new Set(['AWS::AccountId', 'AWS::Region', 'AWS::Partition', 'AWS::StackName', 'AWS::StackId', 'AWS::URLSuffix', 'AWS::NoValue']);

function implies(t: CfnTemplate, a: string | undefined, b: string): boolean {
  if (a === b) return true;
  if (!a) return false;
  const def = t.Conditions[a] as { 'Fn::And'?: unknown[] } | undefined;
  return (def?.['Fn::And'] ?? []).some((x) => !!x && typeof x === 'object' && 'Condition' in (x as object) && implies(t, (x as { Condition: string }).Condition, b));
}

/** Refs, GetAtts, Subs, DependsOn and conditions that CloudFormation would reject. */
export function consistencyProblems(t: CfnTemplate): string[] {
  const out: string[] = [];
  const cond = (id: string) => t.Resources[id]?.Condition;
  const target = (from: string, ctx: string | undefined, name: string, how: string) => {
    if (PSEUDO.has(name) || t.Parameters[name]) return;
    const r = t.Resources[name];
    if (!r) return void out.push(`${from}: ${how} ${name} does not exist`);
    if (r.Condition && !implies(t, ctx, r.Condition)) out.push(`${from}: ${how} ${name} (condition ${r.Condition}) outside that condition (${ctx ?? 'none'})`);
  };
  const walk = (from: string, ctx: string | undefined, v: unknown): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(from, ctx, x));
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o.Ref === 'string') return target(from, ctx, o.Ref, 'Ref');
    if (Array.isArray(o['Fn::GetAtt'])) return target(from, ctx, String((o['Fn::GetAtt'] as unknown[])[0]), 'GetAtt');
    if (o['Fn::If']) {
      const [c, a, b] = o['Fn::If'] as [string, unknown, unknown];
      if (!t.Conditions[c]) out.push(`${from}: unknown condition ${c}`);
      walk(from, c, a);
      walk(from, ctx, b);
      return;
    }
    if (o['Fn::Sub'] !== undefined) {
      const [s, vars] = Array.isArray(o['Fn::Sub']) ? (o['Fn::Sub'] as [string, Record<string, unknown>]) : [o['Fn::Sub'] as string, {}];
      for (const m of s.matchAll(/\$\{([^}!]+)\}/g)) {
        const name = m[1]!.split('.')[0]!;
        if (!(name in vars)) target(from, ctx, name, 'Sub');
      }
      walk(from, ctx, vars);
      return;
    }
    if (typeof o.Condition === 'string' && Object.keys(o).length === 1 && !t.Conditions[o.Condition]) out.push(`${from}: unknown condition ${o.Condition}`);
    for (const x of Object.values(o)) walk(from, ctx, x);
  };
  for (const [id, r] of Object.entries(t.Resources)) {
    if (r.Condition && !t.Conditions[r.Condition]) out.push(`${id}: unknown condition ${r.Condition}`);
    for (const d of [r.DependsOn ?? []].flat()) target(id, r.Condition, d, 'DependsOn');
    walk(id, r.Condition, r.Properties);
    walk(id, r.Condition, r.Metadata);
  }
  for (const [id, o] of Object.entries(t.Outputs)) walk(`Outputs.${id}`, o.Condition as string | undefined, o.Value);
  walk('Conditions', undefined, t.Conditions);
  return out;
}

const VARIANTS = {
  default: buildBaseline({ regions: ['us-east-1', 'eu-west-1'] }),
  stackset: buildBaseline({ regions: ['eu-west-1', 'us-east-1', 'ap-northeast-1'], stackset: true }),
  narrowed: buildBaseline({ regions: ['eu-central-1'], checks: ['cloudtrail_*', 'cloudwatch_alarm_root_usage'] }),
};

describe('kenro baseline: valid CloudFormation', () => {
  for (const [name, { template }] of Object.entries(VARIANTS)) {
    it(`${name}: every resource type exists, with its required properties and no unknown ones (CloudFormation resource specification)`, () => {
      expect(Object.keys(template.Resources).length).toBeGreaterThan(5);
      expect(specProblems(template)).toEqual([]);
    });
    it(`${name}: every Ref, GetAtt, Sub, DependsOn and condition resolves, and conditional resources are only used under their condition`, () => {
      expect(consistencyProblems(template)).toEqual([]);
    });
    it(`${name}: round-trips through YAML and JSON`, () => {
      expect(parse(renderTemplate(template, 'yaml'))).toEqual(JSON.parse(renderTemplate(template, 'json')));
    });
  }

  it('the spec check catches what it should (a missing required property, an unknown property, a made-up type)', () => {
    const bad: CfnTemplate = {
      ...VARIANTS.narrowed.template,
      Resources: {
        T: { Type: 'AWS::CloudTrail::Trail', Properties: { IsLogging: true, Bogus: 1 } },
        P: { Type: 'AWS::IAM::AccountPasswordPolicy', Properties: {} },
        R: { Type: 'AWS::Config::RemediationConfiguration', Properties: { ConfigRuleName: 'x', TargetId: 'd', TargetType: 'SSM_DOCUMENT', ExecutionControls: { SsmControls: { Nope: 1 } } } },
      },
    };
    const problems = specProblems(bad).join('\n');
    expect(problems).toMatch(/T\(AWS::CloudTrail::Trail\)\.S3BucketName: required property missing/);
    expect(problems).toMatch(/Bogus: not a property/);
    expect(problems).toMatch(/AWS::IAM::AccountPasswordPolicy is not a CloudFormation resource type/);
    expect(problems).toMatch(/SsmControls\.Nope: not a property/);
  });

  it('the consistency check catches an unconditional use of a conditional resource', () => {
    const t = VARIANTS.default.template;
    const bad: CfnTemplate = { ...t, Resources: { ...t.Resources, X: { Type: 'AWS::SNS::Topic', DependsOn: 'Trail', Properties: {} } } };
    expect(consistencyProblems(bad)).toEqual(['X: DependsOn Trail (condition IsHomeRegion) outside that condition (none)']);
  });
});

describe('kenro baseline: content', () => {
  const { template: t, summary } = VARIANTS.default;
  const ofType = (type: string) => Object.entries(t.Resources).filter(([, r]) => r.Type === type);

  it('deploys a Config rule for every AWS Config managed rule that kenro\'s checks name, or says why not', () => {
    const named = new Set(ALL_CHECKS.map((c) => c.meta.configRule).filter((x): x is string => !!x));
    const deployed = new Set(ofType('AWS::Config::ConfigRule').map(([, r]) => (r.Properties!.Source as { SourceIdentifier: string }).SourceIdentifier));
    const omitted = new Set(summary.omittedRules.map((o) => o.rule));
    for (const rule of named) expect(deployed.has(rule) || omitted.has(rule), rule).toBe(true);
    expect(deployed.size).toBeGreaterThan(50);
  });

  it('remediates automatically, with retries, through AWS-owned runbooks and a role only SSM can assume', () => {
    const rems = ofType('AWS::Config::RemediationConfiguration');
    expect(rems.length).toBeGreaterThanOrEqual(5);
    const documents = new Set(Object.values(MANAGED_RULES).flatMap((s) => (s.remediation ? [s.remediation.document] : [])));
    for (const [, r] of rems) {
      const p = r.Properties!;
      expect(p.Automatic).toBe(true);
      expect(p.MaximumAutomaticAttempts).toBeGreaterThan(1);
      expect(p.RetryAttemptSeconds).toBeGreaterThan(0);
      expect(documents.has(p.TargetId as string)).toBe(true);
      expect(String(p.TargetId)).toMatch(/^(AWS-|AWSConfigRemediation-)/);
    }
    const role = t.Resources.RemediationRole!.Properties!;
    expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain('ssm.amazonaws.com');
    const actions = ((role.Policies as { PolicyDocument: { Statement: { Action: string[] }[] } }[])[0]!.PolicyDocument.Statement[0]!.Action);
    expect(actions).toContain('iam:UpdateAccountPasswordPolicy');
    expect(actions.some((a) => a.endsWith(':*'))).toBe(false);
  });

  it('handles the password policy through the IAM_PASSWORD_POLICY rule with the CIS values and its remediation (no invented resource type)', () => {
    const rule = t.Resources.RuleIamPasswordPolicy!;
    expect(rule.Condition).toBe('IsHomeRegion');
    expect(rule.Properties!.InputParameters).toMatchObject({ MinimumPasswordLength: '14', PasswordReusePrevention: '24' });
    expect(t.Resources.RuleIamPasswordPolicyRemediation!.Properties!.TargetId).toBe('AWSConfigRemediation-SetIAMPasswordPolicy');
  });

  it('keeps account-wide resources in the home region and records global types there only', () => {
    for (const id of ['Trail', 'TrailBucket', 'TrailKey', 'ConfigBucket', 'RemediationRole', 'AlarmTopic', 'RuleIamPasswordPolicy']) {
      expect(t.Resources[id]!.Condition === 'IsHomeRegion' || t.Resources[id]!.Condition === 'CreateConfigBucket', id).toBe(true);
    }
    expect((t.Resources.ConfigRecorder!.Properties!.RecordingGroup as Record<string, unknown>).IncludeGlobalResourceTypes).toEqual({ 'Fn::If': ['IsHomeRegion', true, false] });
    expect(t.Parameters.HomeRegion!.Default).toBe('us-east-1');
  });

  it('protects the buckets: encryption, TLS-only, Block Public Access, versioning; the Config bucket expires history', () => {
    for (const id of ['ConfigBucket', 'TrailBucket']) {
      const p = t.Resources[id]!.Properties!;
      expect(p.BucketEncryption).toBeDefined();
      expect(p.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
      expect(p.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(t.Resources[id]!.DeletionPolicy).toBe('Retain');
    }
    expect(JSON.stringify(t.Resources.ConfigBucket!.Properties!.LifecycleConfiguration)).toContain('ExpirationInDays');
    for (const id of ['ConfigBucketPolicy', 'TrailBucketPolicy']) expect(JSON.stringify(t.Resources[id]!.Properties!.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('the trail is multi-region, validated, KMS-encrypted and logs to the group the CIS alarms watch', () => {
    const p = t.Resources.Trail!.Properties!;
    expect(p).toMatchObject({ IsMultiRegionTrail: true, EnableLogFileValidation: true, IsLogging: true, KMSKeyId: { 'Fn::GetAtt': ['TrailKey', 'Arn'] } });
    expect(t.Resources.TrailKey!.Properties!.EnableKeyRotation).toBe(true);
    expect(ofType('AWS::Logs::MetricFilter')).toHaveLength(15);
    expect(ofType('AWS::CloudWatch::Alarm')).toHaveLength(15);
    for (const [, r] of ofType('AWS::Logs::MetricFilter')) expect(r.Properties!.LogGroupName).toEqual({ Ref: 'TrailLogGroup' });
    expect(t.Resources.AlarmSubscription!.Properties).toMatchObject({ Protocol: 'email', Endpoint: { Ref: 'NotificationEmail' } });
  });

  it('turns on GuardDuty, Security Hub with FSBP and CIS, and IAM Access Analyzer in every region', () => {
    expect(t.Resources.GuardDutyDetector!.Condition).toBeUndefined();
    expect(ofType('AWS::SecurityHub::Standard').map(([, r]) => JSON.stringify(r.Properties!.StandardsArn))).toEqual([
      expect.stringContaining('aws-foundational-security-best-practices'),
      expect.stringContaining('cis-aws-foundations-benchmark'),
    ]);
    expect(t.Resources.AccessAnalyzer!.Properties).toEqual({ AnalyzerName: 'kenro-account-analyzer', Type: 'ACCOUNT' });
  });

  it('--controls narrows the template', () => {
    const n = VARIANTS.narrowed.template.Resources;
    expect(n.GuardDutyDetector).toBeUndefined();
    expect(n.SecurityHub).toBeUndefined();
    expect(Object.values(n).filter((r) => r.Type === 'AWS::CloudWatch::Alarm')).toHaveLength(1);
    expect(n.Trail).toBeDefined();
  });

  it('the StackSet variant names no account and takes the Config bucket account and organization as parameters', () => {
    const s = VARIANTS.stackset.template;
    expect(s.Parameters.ConfigBucketAccountId).toBeDefined();
    expect(s.Parameters.OrganizationId).toBeDefined();
    expect(JSON.stringify(s)).not.toMatch(/\b\d{12}\b/);
    expect(s.Conditions.CreateConfigBucket).toBeDefined();
    expect(s.Resources.ConfigBucket!.Condition).toBe('CreateConfigBucket');
  });
});

describe('kenro baseline: kenro iac scans it clean at high severity and above', () => {
  const scans: [string, CfnTemplate, string][] = [
    ['default, home region', VARIANTS.default.template, 'us-east-1'],
    ['default, other region', VARIANTS.default.template, 'eu-west-1'],
    ['stackset, home region', VARIANTS.stackset.template, 'eu-west-1'],
    ['stackset, other region', VARIANTS.stackset.template, 'ap-northeast-1'],
    ['narrowed', VARIANTS.narrowed.template, 'eu-central-1'],
  ];
  for (const [name, template, region] of scans) {
    it(name, () => {
      const dir = mkdtempSync(join(tmpdir(), 'kenro-baseline-'));
      const file = join(dir, 'baseline.yaml');
      writeFileSync(file, renderTemplate(template, 'yaml'));
      const run = runIac([file], { checks: selectChecks({}), region, now: new Date('2026-06-15T12:00:00Z') });
      expect(run.errors.map((e) => e.format())).toEqual([]);
      expect(run.templates).toBe(1);
      // In the home region the scan sees the account-wide resources (the region decides IsHomeRegion).
      if (region === template.Parameters.HomeRegion!.Default) expect(run.report.results.filter((r) => r.status === 'PASS').length).toBeGreaterThan(20);
      const bad = run.report.results
        .filter((r) => r.status === 'FAIL' && (r.severity === 'high' || r.severity === 'critical'))
        .map((r) => `${r.checkId} ${r.resourceId}: ${r.reason}`);
      expect(bad).toEqual([]);
      expect(run.report.results.find((r) => r.checkId === 'iac_template_valid')?.status).not.toBe('FAIL');
    });
  }
});

describe('kenro baseline CLI', () => {
  it('writes the template in the format asked for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kenro-baseline-cli-'));
    const out = join(dir, 'b.json');
    const code = runBaseline({ regions: ['eu-west-1'], format: 'json', output: out, stackset: true });
    expect(code).toBe(0);
    const t = JSON.parse(readFileSync(out, 'utf8')) as CfnTemplate;
    expect(t.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(t.Parameters.HomeRegion!.Default).toBe('eu-west-1');
    expect(t.Parameters.ConfigBucketAccountId).toBeDefined();
  });
});
