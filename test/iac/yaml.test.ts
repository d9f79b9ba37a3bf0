import { describe, expect, it } from 'vitest';
import { SHORT_FORMS, TemplateError, child, entry, parseTemplateText, toPlain } from '../../src/sources/cfn/yaml.js';

describe('CloudFormation YAML/JSON parser', () => {
  it('turns every short-form tag into its long form', () => {
    const src = [
      'A: !Ref P',
      'B: !GetAtt R.Arn',
      'C: !GetAtt [R, Endpoint.Address]',
      'D: !Sub "x-${P}"',
      'E: !Join [",", [a, b]]',
      'F: !If [C1, 1, 2]',
      'G: !Select [0, !GetAZs ""]',
      'H: !FindInMap [M, k1, k2]',
      'I: !ImportValue Exported',
      'J: !Base64 text',
      'K: !Split [",", "a,b"]',
      'L: !GetAZs',
      'M: !Equals [a, b]',
      'N: !And [!Condition C1, !Not [!Condition C2]]',
      'O: !Or [!Condition C1, !Condition C2]',
      'Q: !Cidr ["10.0.0.0/16", 4, 8]',
    ].join('\n');
    const root = parseTemplateText('t.yaml', src)[0]!;
    expect(toPlain(root)).toEqual({
      A: { Ref: 'P' },
      B: { 'Fn::GetAtt': ['R', 'Arn'] },
      C: { 'Fn::GetAtt': ['R', 'Endpoint.Address'] },
      D: { 'Fn::Sub': 'x-${P}' },
      E: { 'Fn::Join': [',', ['a', 'b']] },
      F: { 'Fn::If': ['C1', 1, 2] },
      G: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      H: { 'Fn::FindInMap': ['M', 'k1', 'k2'] },
      I: { 'Fn::ImportValue': 'Exported' },
      J: { 'Fn::Base64': 'text' },
      K: { 'Fn::Split': [',', 'a,b'] },
      L: { 'Fn::GetAZs': '' },
      M: { 'Fn::Equals': ['a', 'b'] },
      N: { 'Fn::And': [{ Condition: 'C1' }, { 'Fn::Not': [{ Condition: 'C2' }] }] },
      O: { 'Fn::Or': [{ Condition: 'C1' }, { Condition: 'C2' }] },
      Q: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
    });
    // The list of short forms is covered by the table.
    for (const t of ['!Ref', '!GetAtt', '!Sub', '!Join', '!If', '!Select', '!FindInMap', '!ImportValue', '!Base64', '!Split', '!GetAZs', '!Equals', '!And', '!Or', '!Not', '!Condition', '!Cidr']) {
      expect(SHORT_FORMS[t]).toBeDefined();
    }
  });

  it('keeps the line and column of keys, in YAML and in JSON', () => {
    const y = parseTemplateText('t.yaml', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n')[0]!;
    const b = entry(child(y, 'Resources'), 'B')!;
    expect(b.keyPos).toEqual({ line: 2, column: 3 });
    expect(entry(b.value, 'Type')!.keyPos).toEqual({ line: 3, column: 5 });
    const j = parseTemplateText('t.json', '{\n  "Resources": {\n    "B": { "Type": "AWS::S3::Bucket" }\n  }\n}\n')[0]!;
    expect(entry(child(j, 'Resources'), 'B')!.keyPos).toEqual({ line: 3, column: 5 });
  });

  it('reports JSON syntax errors as JSON, with line and column', () => {
    let e: unknown;
    try {
      parseTemplateText('bad.json', '{\n  "Resources": {\n    "B": { "Type": "x", }\n  }\n}\n');
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(TemplateError);
    const te = e as TemplateError;
    expect(te.message).toMatch(/^invalid JSON/);
    expect(te.line).toBe(3);
    expect(te.format()).toMatch(/^bad\.json:3:\d+: invalid JSON/);
  });

  it('reports YAML syntax errors with the line', () => {
    expect(() => parseTemplateText('bad.yaml', 'Resources:\n  X: [1\n')).toThrow(TemplateError);
    try {
      parseTemplateText('bad.yaml', 'a: 1\nb: [\n');
    } catch (err) {
      expect((err as TemplateError).line).toBeGreaterThanOrEqual(2);
      expect((err as TemplateError).message).toMatch(/^invalid YAML/);
    }
  });

  it('rejects unknown intrinsic tags with their position', () => {
    try {
      parseTemplateText('t.yaml', 'Resources:\n  A:\n    Type: !Reff X\n');
      expect.unreachable();
    } catch (err) {
      expect((err as TemplateError).message).toContain('unknown intrinsic function tag !Reff');
      expect((err as TemplateError).line).toBe(3);
    }
  });

  it('reads every document of a multi-document YAML file', () => {
    const docs = parseTemplateText('t.yaml', 'Resources: {A: {Type: X}}\n---\nResources: {B: {Type: Y}}\n');
    expect(docs).toHaveLength(2);
  });
});

describe('YAML scalars', () => {
  it('keeps numbers written with a leading zero as text (account ids)', () => {
    expect(toPlain(parseTemplateText('t.yaml', 'A: 012345678901\nB: 12\n')[0]!)).toEqual({ A: '012345678901', B: 12 });
  });
});

describe('encodings', () => {
  it('accepts a UTF-8 byte order mark and CRLF line ends, keeping lines right', () => {
    const root = parseTemplateText('t.json', '\uFEFF{\r\n  "Resources": {\r\n    "A": {"Type": "AWS::SNS::Topic"}\r\n  }\r\n}\r\n')[0]!;
    expect(entry(child(root, 'Resources'), 'A')!.keyPos.line).toBe(3);
    const y = parseTemplateText('t.yaml', '\uFEFFResources:\r\n  A:\r\n    Type: AWS::SNS::Topic\r\n')[0]!;
    expect(entry(child(y, 'Resources'), 'A')!.keyPos).toEqual({ line: 2, column: 3 });
  });
});
