/**
 * Finds template files (folders recursively) and parses them. Every problem is a TemplateError
 * with file and line, collected so that the other files are still scanned. Inside folders, YAML
 * and JSON files that are plainly not CloudFormation (no Resources and no template section) are
 * skipped; a file named on the command line must be a template.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readTemplate, type Template } from './template.js';
import { TemplateError, parseTemplateText, type CfnNode } from './yaml.js';

const TEMPLATE_EXT = /\.(ya?ml|json|template|cfn)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'cdk.out', '.aws-sam']);
const CFN_KEYS = ['AWSTemplateFormatVersion', 'Resources', 'Transform'];

export interface LoadResult {
  templates: Template[];
  errors: TemplateError[];
  /** Files read (templates or not). */
  files: number;
  /** Files in folders that were not templates. */
  skipped: string[];
}

export function findFiles(paths: string[], errors: TemplateError[]): { file: string; explicit: boolean }[] {
  const out: { file: string; explicit: boolean }[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (err) {
      errors.push(new TemplateError(dir, 1, 1, `cannot read folder: ${(err as Error).message}`));
      return;
    }
    for (const n of names) {
      const p = join(dir, n);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(n)) walk(p);
      } else if (TEMPLATE_EXT.test(n)) out.push({ file: p, explicit: false });
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      errors.push(new TemplateError(p, 1, 1, 'no such file or folder'));
      continue;
    }
    if (st.isDirectory()) walk(p);
    else out.push({ file: p, explicit: true });
  }
  return out;
}

function looksLikeCfn(root: CfnNode): boolean {
  return root.kind === 'map' && root.entries.some((e) => CFN_KEYS.includes(e.key));
}

/** Parses one file into its templates; throws TemplateError. */
export function loadTemplateFile(file: string, text?: string): Template[] {
  let src = text;
  if (src === undefined) {
    try {
      src = readFileSync(file, 'utf8');
    } catch (err) {
      throw new TemplateError(file, 1, 1, `cannot read file: ${(err as Error).message}`);
    }
  }
  return parseTemplateText(file, src).map((doc, i) => readTemplate(file, doc, i));
}

export function loadTemplates(paths: string[]): LoadResult {
  const errors: TemplateError[] = [];
  const templates: Template[] = [];
  const skipped: string[] = [];
  const files = findFiles(paths, errors);
  for (const { file, explicit } of files) {
    try {
      const text = readFileSync(file, 'utf8');
      if (!explicit) {
        // In folders, skip files that are clearly something else (package.json, CI configs...).
        let docs: CfnNode[];
        try {
          docs = parseTemplateText(file, text);
        } catch (err) {
          if (/(^|[\n{,])\s*"?(AWSTemplateFormatVersion|Resources)"?\s*:/.test(text)) throw err;
          skipped.push(file);
          continue;
        }
        if (!docs.some(looksLikeCfn)) {
          skipped.push(file);
          continue;
        }
        docs.forEach((d, i) => templates.push(readTemplate(file, d, i)));
        continue;
      }
      templates.push(...loadTemplateFile(file, text));
    } catch (err) {
      if (err instanceof TemplateError) errors.push(err);
      else errors.push(new TemplateError(file, 1, 1, (err as Error).message));
    }
  }
  return { templates, errors, files: files.length, skipped };
}
