/**
 * Writes the check table of docs/checks-services.md (between the BEGIN/END markers) from the
 * checks' own metadata and the framework catalogues, so the table never drifts from the code.
 *
 *   npx tsx scripts/gen-checks-services-doc.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALL_CHECKS } from '../src/checks/index.js';
import { controlIndex, loadFrameworks } from '../src/frameworks/catalog.js';

const SERVICES = /^(ec2|s3|kms|rds|efs|elbv2|lambda|sns|sqs|ecr|secretsmanager)_/;
const SHORT: Record<string, string> = {
  'cis-aws-3.0': 'CIS3',
  'cis-aws-4.0': 'CIS4',
  'cis-aws-5.0': 'CIS5',
  'cis-aws-6.0': 'CIS6',
  'cis-aws-7.0': 'CIS7',
  fsbp: 'FSBP',
  'pci-dss-4.0': 'PCI',
  'aws-security-checklist': 'Checklist',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const idx = controlIndex(loadFrameworks());
const rows = ALL_CHECKS.filter((c) => SERVICES.test(c.meta.id)).map((c) => {
  const m = c.meta;
  const controls = Object.entries(idx.get(m.id) ?? {})
    .map(([fw, ids]) => `${SHORT[fw] ?? fw} ${ids.join(', ')}`)
    .join('; ');
  return `| \`${m.id}\` | ${m.severity} | ${m.configRule ?? '—'} | ${cell(controls) || '—'} | ${cell(m.description)}${m.fixerId ? ` Fixer: \`${m.fixerId}\`.` : ''} |`;
});
const table = ['| Check | Severity | AWS Config rule | Controls | How it decides |', '|---|---|---|---|---|', ...rows].join('\n');

const file = join(resolve(import.meta.dirname, '..'), 'docs', 'checks-services.md');
const text = readFileSync(file, 'utf8');
const begin = '<!-- BEGIN CHECK TABLE -->';
const end = '<!-- END CHECK TABLE -->';
const a = text.indexOf(begin);
const b = text.indexOf(end);
if (a < 0 || b < a) throw new Error(`${file}: markers ${begin} / ${end} not found`);
writeFileSync(file, text.slice(0, a + begin.length) + '\n' + table + '\n' + text.slice(b));
console.log(`${rows.length} checks written to ${file}`);
