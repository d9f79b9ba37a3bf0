import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRuleFile, type Rule, type RuleIssue } from './sigma/rule.js';

/** The folder of kenro's own rules (`rules/` at the package root), found from this module's location. */
export function builtinRulesDir(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const c = join(d, 'rules');
    if (existsSync(join(d, 'package.json')) && existsSync(c)) return c;
    d = resolve(d, '..');
  }
  throw new Error('kenro rules/ folder not found');
}

function yamlFiles(p: string): string[] {
  const st = statSync(p);
  if (!st.isDirectory()) return [p];
  const out: string[] = [];
  for (const n of readdirSync(p).sort()) {
    if (n.startsWith('.')) continue;
    const q = join(p, n);
    if (statSync(q).isDirectory()) out.push(...yamlFiles(q));
    else if (/\.ya?ml$/i.test(n)) out.push(q);
  }
  return out;
}

export interface RuleSet {
  rules: Rule[];
  issues: RuleIssue[];
  files: number;
}

/** Load rules from files and folders (recursively, *.yml / *.yaml). Unsupported rules come back as issues. */
export function loadRules(paths: string[], origin: 'kenro' | 'sigma'): RuleSet {
  const set: RuleSet = { rules: [], issues: [], files: 0 };
  for (const p of paths) {
    let files: string[];
    try {
      files = yamlFiles(p);
    } catch (err) {
      set.issues.push({ file: p, kind: 'invalid', message: `cannot read: ${(err as Error).message}` });
      continue;
    }
    for (const f of files) {
      set.files++;
      const r = loadRuleFile(f, origin);
      set.rules.push(...r.rules);
      set.issues.push(...r.issues);
    }
  }
  return set;
}

export function loadBuiltinRules(): RuleSet {
  return loadRules([builtinRulesDir()], 'kenro');
}

/** Merge rule sets, reporting duplicate ids (the later one is dropped). */
export function mergeRuleSets(...sets: RuleSet[]): RuleSet {
  const out: RuleSet = { rules: [], issues: [], files: 0 };
  const seen = new Set<string>();
  for (const s of sets) {
    out.files += s.files;
    out.issues.push(...s.issues);
    for (const r of s.rules) {
      const keys = [r.id, r.name].filter((x): x is string => !!x);
      if (keys.some((k) => seen.has(k))) {
        out.issues.push({ file: r.file, title: r.title, id: r.id, kind: 'invalid', message: `duplicate rule id ${r.ruleId}; kept the first one loaded` });
        continue;
      }
      keys.forEach((k) => seen.add(k));
      out.rules.push(r);
    }
  }
  return out;
}
