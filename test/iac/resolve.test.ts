import { describe, expect, it } from 'vitest';
import { Resolver } from '../../src/sources/cfn/resolve.js';
import { checkCircularDependencies } from '../../src/sources/cfn/deps.js';
import { NO_VALUE, ResRef, Unknown } from '../../src/sources/cfn/values.js';
import { TemplateError, child, type CfnNode } from '../../src/sources/cfn/yaml.js';
import { pseudoFor } from '../../src/sources/cfn/to-inventory.js';
import { tpl } from './helpers.js';

const BASE = `
Parameters:
  Env: {Type: String, Default: dev}
  Open: {Type: String}
  Subnets: {Type: CommaDelimitedList, Default: "a,b,c"}
Mappings:
  Sizes:
    dev: {Instance: t3.micro}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  IsOpen: !Equals [!Ref Open, "yes"]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties: {BucketName: my-bucket}
  Role:
    Type: AWS::IAM::Role
  Probe:
    Type: AWS::SNS::Topic
    Properties:
`;

function probe(body: string, overrides: Record<string, string> = {}, assignment?: Map<string, boolean>) {
  const t = tpl(`${BASE}      V: ${body}\n`);
  const r = new Resolver(t, pseudoFor(t, { region: 'eu-west-1' }), overrides, assignment);
  const props = t.resources.find((x) => x.logicalId === 'Probe')!.properties!;
  return { value: r.resolve(child(props, 'V') as CfnNode), resolver: r };
}

describe('intrinsic function resolution', () => {
  it('resolves Ref to parameters (default, --parameters) and pseudo parameters', () => {
    expect(probe('!Ref Env').value).toBe('dev');
    expect(probe('!Ref Env', { Env: 'prod' }).value).toBe('prod');
    expect(probe('!Ref Subnets').value).toEqual(['a', 'b', 'c']);
    expect(probe('!Ref AWS::Region').value).toBe('eu-west-1');
    expect(probe('!Ref AWS::Partition').value).toBe('aws');
    expect(probe('!Ref AWS::AccountId').value).toBe('000000000000');
    expect(probe('!Ref AWS::URLSuffix').value).toBe('amazonaws.com');
    expect(probe('!Ref AWS::StackName').value).toBe('test');
    expect(probe('!Ref AWS::NoValue').value).toBe(NO_VALUE);
  });

  it('makes a parameter without a value Unknown, naming it', () => {
    const v = probe('!Ref Open').value;
    expect(v).toBeInstanceOf(Unknown);
    expect((v as Unknown).describe()).toContain('parameter Open has no default');
  });

  it('resolves Ref and GetAtt to other resources as references with stand-in names', () => {
    const b = probe('!Ref Bucket').value as ResRef;
    expect(b).toBeInstanceOf(ResRef);
    expect(b.logicalId).toBe('Bucket');
    expect(b.text).toBe('my-bucket');
    expect((probe('!GetAtt Bucket.Arn').value as ResRef).text).toBe('arn:aws:s3:::my-bucket');
    expect((probe('!GetAtt Role.Arn').value as ResRef).text).toBe('arn:aws:iam::000000000000:role/test-Role');
  });

  it('computes Sub (with variables and ${!Literal}), Join, Select, Split, FindInMap, Base64', () => {
    expect(probe('!Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"').value).toBe('arn:aws:s3:::my-bucket/*');
    expect(probe('!Sub ["${A}-${Env}", {A: x}]').value).toBe('x-dev');
    expect(probe('!Sub "${!Literal}-${Env}"').value).toBe('${Literal}-dev');
    expect(probe('!Join ["-", [a, !Ref Env]]').value).toBe('a-dev');
    expect(probe('!Select [1, !Ref Subnets]').value).toBe('b');
    expect(probe('!Split [",", "x,y"]').value).toEqual(['x', 'y']);
    expect(probe('!FindInMap [Sizes, !Ref Env, Instance]').value).toBe('t3.micro');
    expect(probe('!Base64 hello').value).toBe('hello');
  });

  it('keeps unknown parts unknown: ImportValue, GetAZs, Sub over an unknown parameter', () => {
    expect(probe('!ImportValue shared-vpc').value).toBeInstanceOf(Unknown);
    expect(probe('!Select [0, !GetAZs ""]').value).toBeInstanceOf(Unknown);
    const s = probe('!Sub "${Open}-x"').value as Unknown;
    expect(s).toBeInstanceOf(Unknown);
    expect(s.describe()).toContain('Open');
  });

  it('evaluates conditions for Fn::If, and leaves an undecidable one unknown unless a world fixes it', () => {
    expect(probe('!If [IsProd, a, b]').value).toBe('b');
    expect(probe('!If [IsDev, a, b]').value).toBe('a');
    expect(probe('!If [IsProd, a, b]', { Env: 'prod' }).value).toBe('a');
    const { value, resolver } = probe('!If [IsOpen, a, b]');
    expect(value).toBeInstanceOf(Unknown);
    resolver.evaluateAllConditions();
    expect(resolver.atoms.size).toBe(1);
    const key = [...resolver.atoms.keys()][0]!;
    expect(probe('!If [IsOpen, a, b]', {}, new Map([[key, true]])).value).toBe('a');
    expect(probe('!If [IsOpen, a, b]', {}, new Map([[key, false]])).value).toBe('b');
  });

  it('drops AWS::NoValue from lists and maps', () => {
    expect(probe('[a, !Ref AWS::NoValue, b]').value).toEqual(['a', 'b']);
    expect(probe('{K: !Ref AWS::NoValue, L: 1}').value).toEqual({ L: 1 });
  });

  it('rejects an unknown intrinsic function with its line', () => {
    try {
      probe('{"Fn::Frobnicate": [1]}');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TemplateError);
      expect((err as TemplateError).message).toContain('unknown intrinsic function Fn::Frobnicate');
      expect((err as TemplateError).line).toBeGreaterThan(20);
    }
  });

  it('detects circular conditions and circular resource dependencies', () => {
    const t = tpl('Conditions:\n  A: !Condition B\n  B: !Condition A\nResources:\n  X: {Type: AWS::SNS::Topic}\n');
    const r = new Resolver(t, pseudoFor(t, {}));
    expect(() => r.evaluateAllConditions()).toThrow(/circular reference/);
    const c = tpl('Resources:\n  A:\n    Type: AWS::EC2::Subnet\n    Properties: {VpcId: !Ref B}\n  B:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !GetAtt A.CidrBlock}\n');
    expect(() => checkCircularDependencies(c)).toThrow(/circular dependency between resources: A -> B -> A/);
  });
});

describe('parameters read from SSM and Fn::ForEach', () => {
  it('treats an SSM parameter type as unknown (its default is a parameter name, not the value)', () => {
    const t = tpl('Parameters:\n  Ami:\n    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>\n    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64\nResources:\n  T: {Type: AWS::SNS::Topic}\n');
    const r = new Resolver(t, pseudoFor(t, {}));
    const v = r.ref('Ami', { line: 1, column: 1 });
    expect(v).toBeInstanceOf(Unknown);
    expect((v as Unknown).reason).toContain('read from SSM parameter /aws/service/ami-amazon-linux-latest');
  });

  it('skips Fn::ForEach resource blocks with a warning instead of failing the template', () => {
    const t = tpl('Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Topics:\n    - Name\n    - [A, B]\n    - Topic${Name}: {Type: AWS::SNS::Topic}\n  Real: {Type: AWS::SNS::Topic}\n');
    expect(t.resources.map((r) => r.logicalId)).toEqual(['Real']);
    expect(t.warnings.join('\n')).toContain('does not expand Fn::ForEach::Topics');
  });
});
