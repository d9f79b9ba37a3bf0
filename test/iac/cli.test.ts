import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parseParameters } from '../../src/sources/cfn/parameters.js';
import { packageRoot } from '../../src/util/paths.js';
import { run } from '../cli/capture.js';

function files(entries: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kenro-iac-cli-'));
  for (const [name, text] of Object.entries(entries)) writeFileSync(join(dir, name), text);
  return dir;
}

const VOLUME = 'Parameters:\n  Enc: {Type: String, Default: "false"}\nResources:\n  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 1\n      AvailabilityZone: a\n      Encrypted: !Ref Enc\n  Att:\n    Type: AWS::EC2::VolumeAttachment\n    Properties: {VolumeId: !Ref Vol, InstanceId: i-0123456789abcdef0, Device: /dev/sdf}\n';

describe('kenro iac (command line)', () => {
  it('writes a JSON report of kind iac that matches the published schema, with file and line', async () => {
    const dir = files({ 'vol.yaml': VOLUME });
    const { code, stdout } = await run('iac', join(dir, 'vol.yaml'), '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.kind).toBe('iac');
    const r = report.results.find((x: { checkId: string }) => x.checkId === 'ec2_ebs_volume_encrypted');
    expect(r).toMatchObject({ status: 'FAIL', file: join(dir, 'vol.yaml'), line: 9, column: 7 });
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'docs/schemas/kenro-report.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    expect(ajv.validate(schema, report), JSON.stringify(ajv.errors?.slice(0, 3))).toBe(true);
  });

  it('takes parameter values from --parameters', async () => {
    const dir = files({ 'vol.yaml': VOLUME, 'p.json': '[{"ParameterKey": "Enc", "ParameterValue": "true"}]' });
    const { stdout } = await run('iac', join(dir, 'vol.yaml'), '--parameters', join(dir, 'p.json'), '--format', 'json');
    const r = JSON.parse(stdout).results.find((x: { checkId: string }) => x.checkId === 'ec2_ebs_volume_encrypted');
    expect(r.status).toBe('PASS');
    expect(parseParameters('{"Parameters": {"A": 1, "B": ["x", "y"]}}')).toEqual({ A: '1', B: 'x,y' });
    expect(parseParameters('["A=1", "B=two=2"]')).toEqual({ A: '1', B: 'two=2' });
    expect(parseParameters('A: x\n')).toEqual({ A: 'x' });
    expect(parseParameters('{"StackName": "s", "Parameters": [{"ParameterKey": "A", "ParameterValue": "1"}]}')).toEqual({ A: '1' });
  });

  it('exits 1 for --fail-on and 2 for a bad file, still scanning the others', async () => {
    const dir = files({ 'vol.yaml': VOLUME, 'bad.yaml': 'Resources:\n  X:\n    Type: [\n' });
    const failOn = await run('iac', join(dir, 'vol.yaml'), '--fail-on', 'medium', '--format', 'json');
    expect(failOn.code).toBe(1);
    const both = await run('iac', dir, '--format', 'json');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/bad\.yaml:\d+:\d+: invalid YAML/);
    expect(JSON.parse(both.stdout).results.some((x: { checkId: string }) => x.checkId === 'ec2_ebs_volume_encrypted')).toBe(true);
  });

  it('shows the offending template line in text output, never the secret', async () => {
    const dir = files({ 'db.yaml': 'Resources:\n  Db:\n    Type: AWS::RDS::DBCluster\n    Properties:\n      Engine: aurora-mysql\n      MasterUserPassword: "correct-horse-battery"\n' });
    const { stdout } = await run('iac', join(dir, 'db.yaml'), '--no-color');
    expect(stdout).toContain('Template lines:');
    expect(stdout).toContain('MasterUserPassword: ****');
    expect(stdout).not.toContain('correct-horse-battery');
  });
});
