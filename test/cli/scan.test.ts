import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { FRAMEWORK_IDS } from '../../src/frameworks/types.js';
import { packageRoot } from '../../src/util/paths.js';
import { run } from './capture.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'kenro-cli-'));

interface JsonReport {
  results: { checkId: string; status: string; severity: string; region: string; controls: Record<string, string[]>; resourceId: string; resourceArn?: string; muted?: { reason: string } }[];
  frameworks: { id: string; score: number }[];
  collectionIssues: { permission?: string }[];
}

async function demoJson(...extra: string[]): Promise<JsonReport> {
  const { code, stdout } = await run('scan', '--demo', '--format', 'json', ...extra);
  expect(code).toBe(0);
  return JSON.parse(stdout) as JsonReport;
}

describe('kenro scan --demo', () => {
  it('produces a JSON report that matches its published schema', async () => {
    const report = await demoJson();
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'docs/schemas/kenro-report.schema.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const valid = ajv.validate(schema, report);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('finds the demo account\'s mistakes and passes its good settings, with controls on every result', async () => {
    const { results } = await demoJson();
    const status = (checkId: string, resourceId: string) => results.find((r) => r.checkId === checkId && r.resourceId === resourceId)?.status;
    expect(status('ec2_default_sg_closed', 'sg-ue100000def')).toBe('FAIL');
    expect(status('ec2_default_sg_closed', 'sg-ew100000def')).toBe('PASS');
    expect(status('s3_bucket_tls_only', 'kumo-public-website')).toBe('FAIL');
    expect(status('s3_bucket_tls_only', 'kumo-backups-tokyo')).toBe('PASS');
    expect(status('iam_password_policy_min_length_14', '111122223333')).toBe('FAIL');
    expect(results.filter((r) => r.checkId === 'cloudtrail_multi_region_enabled').map((r) => r.status)).toContain('PASS');
    expect(results.some((r) => r.status === 'MANUAL')).toBe(true);
    const mapped = results.filter((r) => Object.keys(r.controls).length > 0);
    expect(mapped.length / results.length).toBeGreaterThan(0.9);
  });

  it('reports unreadable data as ERROR naming the permission, never PASS', async () => {
    const { results, collectionIssues } = await demoJson();
    const ecr = results.filter((r) => r.checkId.startsWith('ecr_') && r.region === 'ap-northeast-1');
    expect(ecr.length).toBeGreaterThan(0);
    expect(ecr.every((r) => r.status === 'ERROR')).toBe(true);
    expect(collectionIssues.map((i) => i.permission)).toContain('ecr:DescribeRepositories');
  });

  it('summarises every framework with a score', async () => {
    const { frameworks } = await demoJson();
    expect(frameworks.map((f) => f.id)).toEqual([...FRAMEWORK_IDS]);
    for (const f of frameworks) expect(f.score).toBeGreaterThanOrEqual(0);
  });

  it('--framework runs only that framework\'s checks', async () => {
    const all = await demoJson();
    const cis = await demoJson('--framework', 'cis-aws-5.0');
    expect(cis.frameworks.map((f) => f.id)).toEqual(['cis-aws-5.0']);
    expect(cis.results.length).toBeLessThan(all.results.length);
    expect(cis.results.every((r) => r.controls['cis-aws-5.0'])).toBe(true);
  });

  it('--check and --exclude-check select by id or glob, and reject unknown ids', async () => {
    const s3 = await demoJson('--check', 's3_*', '--exclude-check', 's3_bucket_mfa_delete');
    expect(s3.results.every((r) => r.checkId.startsWith('s3_') && r.checkId !== 's3_bucket_mfa_delete')).toBe(true);
    await expect(run('scan', '--demo', '--check', 'no_such_check')).rejects.toThrow(/no check has that id/);
  });

  it('--fail-on sets exit code 1 when a failure at or above the severity exists', async () => {
    expect((await run('scan', '--demo', '--fail-on', 'critical')).code).toBe(1);
    expect((await run('scan', '--demo', '--check', 'iam_root_no_access_keys', '--fail-on', 'low')).code).toBe(0);
  });

  it('mutes accepted risks from a suppressions file and lists expired ones', async () => {
    const dir = tmp();
    const file = join(dir, 'risks.yaml');
    writeFileSync(file, 'suppressions:\n  - id: web\n    check: s3_bucket_tls_only\n    resource: "arn:aws:s3:::kumo-public-*"\n    reason: static website, reviewed\n    expires: 2099-01-01\n  - id: old\n    check: "*"\n    reason: forgotten\n    expires: 2020-01-01\n');
    const report = (await demoJson('--suppressions', file)) as JsonReport & { expiredSuppressions: { id: string }[] };
    const web = report.results.find((r) => r.checkId === 's3_bucket_tls_only' && r.resourceId === 'kumo-public-website');
    expect(web?.status).toBe('MUTED');
    expect(web?.muted?.reason).toBe('static website, reviewed');
    expect(report.expiredSuppressions.map((s) => s.id)).toEqual(['old']);
    expect(report.results.filter((r) => r.status === 'FAIL').length).toBeGreaterThan(0);
  });

  it('refuses a bad suppressions file with its line', async () => {
    const file = join(tmp(), 'bad.yaml');
    writeFileSync(file, 'suppressions:\n  - check: x\n    reason: because\n');
    await expect(run('scan', '--demo', '--suppressions', file)).rejects.toThrow(/bad\.yaml line 2: suppressions\[0\]\.expires is required/);
  });

  it('saves a snapshot that scans to the same results', async () => {
    const dir = tmp();
    const snap = join(dir, 'snap.json');
    const first = await demoJson('--save-snapshot', snap);
    const { code, stdout } = await run('scan', '--snapshot', snap, '--format', 'json');
    expect(code).toBe(0);
    const second = JSON.parse(stdout) as JsonReport;
    const key = (r: JsonReport['results'][number]) => `${r.checkId} ${r.resourceId} ${r.region} ${r.status}`;
    expect(second.results.map(key).sort()).toEqual(first.results.map(key).sort());
  });

  it('refuses a truncated snapshot instead of scanning part of it', async () => {
    const dir = tmp();
    const snap = join(dir, 'snap.json');
    await demoJson('--save-snapshot', snap);
    const text = readFileSync(snap, 'utf8');
    writeFileSync(snap, text.slice(0, text.length / 3));
    await expect(run('scan', '--snapshot', snap)).rejects.toThrow(/snap\.json: (truncated|invalid JSON)/);
  });

  it('writes every format to --output-dir and the text summary to stdout', async () => {
    const dir = tmp();
    const { code, stdout, stderr } = await run('scan', '--demo', '--no-color', '--format', 'json,ocsf,asff,sarif,junit,csv,html', '--output-dir', dir);
    expect(code).toBe(0);
    expect(readdirSync(dir).map((f) => f.replace(/^kenro-[^.]+\./, '')).sort()).toEqual(['asff.json', 'csv', 'html', 'json', 'ocsf.json', 'sarif', 'xml'].sort());
    expect(stdout).toMatch(/^kenro scan: \d+ FAIL, \d+ ERROR, \d+ MANUAL, \d+ PASS, \d+ MUTED \(demo\)\n$/);
    expect(stdout).not.toMatch(/\x1b\[/);
    expect(stderr).toMatch(/wrote html report/);
  });

  it('needs --output-dir for several formats at once, and rejects unknown formats', async () => {
    await expect(run('scan', '--demo', '--format', 'json,csv')).rejects.toThrow(/need --output-dir/);
    await expect(run('scan', '--demo', '--format', 'pdf')).rejects.toThrow(/unknown report format/);
  });

  it('rejects --demo together with --snapshot', async () => {
    await expect(run('scan', '--demo', '--snapshot', 'x.json')).rejects.toThrow(/cannot be combined/);
  });
});

describe('kenro checks and frameworks', () => {
  it('lists every check with its metadata and controls', async () => {
    const { stdout } = await run('checks', '--format', 'json');
    const checks = JSON.parse(stdout) as { id: string; title: string; severity: string; description: string; risk: string; remediation: object; controls: object }[];
    expect(checks.length).toBeGreaterThanOrEqual(40);
    for (const c of checks) {
      expect(c.id).toMatch(/^[a-z0-9]+(_[a-z0-9]+)*$/);
      expect(c.title.length).toBeGreaterThan(5);
      expect(['critical', 'high', 'medium', 'low', 'informational']).toContain(c.severity);
      expect(c.description.length).toBeGreaterThan(10);
    }
    expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length);
  });

  it('lists the eight frameworks with coverage', async () => {
    const { stdout } = await run('frameworks', '--format', 'json');
    const rows = JSON.parse(stdout) as { id: string; controls: number; covered: number }[];
    expect(rows.map((r) => r.id)).toEqual([...FRAMEWORK_IDS]);
    for (const r of rows) expect(r.covered).toBeGreaterThan(0);
  });
});

describe('help', () => {
  it.each(['scan', 'checks', 'frameworks', 'fix', 'iam', 'iac', 'detect'])('kenro %s --help says what it does', async (cmd) => {
    const { code, stdout } = await run(cmd, '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: kenro/);
    expect(stdout.length).toBeGreaterThan(200);
  });
});

describe('suppressions that match no check', () => {
  it('are refused instead of silently muting nothing', async () => {
    const file = join(tmp(), 'typo.yaml');
    writeFileSync(file, 'suppressions:\n  - id: web\n    check: s3_bucket_block_public_access\n    reason: static website\n    expires: 2099-01-01\n');
    await expect(run('scan', '--demo', '--suppressions', file)).rejects.toThrow(/suppression web \(line 2\): check s3_bucket_block_public_access matches no check/);
  });
});
