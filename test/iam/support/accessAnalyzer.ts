/** Compare kenro's lint with the Access Analyzer ValidatePolicy findings stored in shared data. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintPolicy } from '../../../src/iam/analyze/lint.js';

export interface CodeAgreement {
  code: string;
  aa: number;
  kenro: number;
  both: number;
  /** both / aa */
  recall: number;
  /** both / kenro */
  precision: number;
}

export function loadManagedPolicies(dir: string): { name: string; document: unknown }[] {
  const pdir = join(dir, 'policies');
  return readdirSync(pdir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const raw = JSON.parse(readFileSync(join(pdir, f), 'utf8')) as { PolicyVersion: { Document: unknown } };
      const d = raw.PolicyVersion.Document;
      return { name: f.replace(/\.json$/, ''), document: typeof d === 'string' ? JSON.parse(decodeURIComponent(d)) : d };
    });
}

interface AaFinding {
  issueCode: string;
  locations: { path: ({ value: string } | { index: number } | { key: string })[] }[];
}

/** Finding keys "policy|code|statementIndex" (statement "-" for policy-level findings). */
export function compareWithAccessAnalyzer(dir: string): { codes: CodeAgreement[]; policies: number } {
  const policies = loadManagedPolicies(dir);
  const aaKeys = new Set<string>();
  const kenroKeys = new Set<string>();
  const aaCodes = new Set<string>();
  for (const p of policies) {
    const f = join(dir, 'access-analyzer-findings', `${p.name}.json`);
    if (existsSync(f)) {
      for (const x of JSON.parse(readFileSync(f, 'utf8')) as AaFinding[]) {
        aaCodes.add(x.issueCode);
        const path = x.locations[0]?.path ?? [];
        const idx = path[1] && 'index' in path[1] ? path[1].index : '-';
        aaKeys.add(`${p.name}|${x.issueCode}|${idx}`);
      }
    }
    for (const k of lintPolicy(p.document, 'identity', p.name)) {
      kenroKeys.add(`${p.name}|${k.code}|${k.index ?? '-'}`);
    }
  }
  const codes: CodeAgreement[] = [];
  for (const code of [...aaCodes].sort()) {
    const a = [...aaKeys].filter((k) => k.split('|')[1] === code);
    const b = [...kenroKeys].filter((k) => k.split('|')[1] === code);
    const both = a.filter((k) => kenroKeys.has(k)).length;
    codes.push({ code, aa: a.length, kenro: b.length, both, recall: a.length ? both / a.length : 1, precision: b.length ? both / b.length : 1 });
  }
  return { codes, policies: policies.length };
}

export function formatAgreement(codes: CodeAgreement[]): string {
  const rows = codes.map((c) => `${c.code.padEnd(52)} AA ${String(c.aa).padStart(4)}  kenro ${String(c.kenro).padStart(5)}  both ${String(c.both).padStart(4)}  recall ${(c.recall * 100).toFixed(0).padStart(3)}%  precision ${(c.precision * 100).toFixed(0).padStart(3)}%`);
  return rows.join('\n');
}
