/**
 * `kenro iac` without the command line: load the paths, scan every template, and assemble the
 * ScanReport (kind `iac`) every report format renders. Bad files become ERROR results of
 * `iac_template_valid` with file and line; the other files are still scanned.
 */
import { randomUUID } from 'node:crypto';
import { controlIndex, loadFrameworks } from '../../frameworks/catalog.js';
import { summarizeFramework } from '../../frameworks/summary.js';
import type { CheckResult, ControlMap } from '../../model/result.js';
import type { CollectionIssue, ScanReport } from '../../report/types.js';
import { loadTemplates } from '../../sources/cfn/load.js';
import { pseudoFor } from '../../sources/cfn/to-inventory.js';
import { TemplateError } from '../../sources/cfn/yaml.js';
import { KENRO_VERSION } from '../../version.js';
import type { Check, CheckMeta } from '../types.js';
import { IAC_CHECKS } from './index.js';
import { scanTemplate } from './scan.js';
import { templateErrorResult, templateValid } from './template-valid.js';

export interface IacRunOptions {
  checks: readonly Check[];
  region?: string;
  parameters?: Record<string, string>;
  now?: Date;
  /** Attach framework control ids (default true). */
  controls?: boolean;
}

export interface IacRun {
  report: ScanReport;
  errors: TemplateError[];
  warnings: string[];
  templates: number;
  files: number;
  skipped: string[];
}

function safeControls(): Map<string, ControlMap> | undefined {
  try {
    return controlIndex();
  } catch {
    return undefined;
  }
}

export function runIac(paths: string[], opts: IacRunOptions): IacRun {
  const startedAt = opts.now ?? new Date();
  const loaded = loadTemplates(paths);
  const errors = [...loaded.errors];
  const warnings: string[] = [];
  const results: CheckResult[] = [];
  const issues: CollectionIssue[] = [];
  const checks: Record<string, CheckMeta> = { [templateValid.meta.id]: templateValid.meta };
  for (const c of IAC_CHECKS) checks[c.meta.id] = c.meta;
  const controls = opts.controls === false ? undefined : safeControls();
  const region = opts.region ?? 'template';
  let accountId = '000000000000';
  for (const t of loaded.templates) {
    try {
      const s = scanTemplate(t, {
        checks: opts.checks,
        region,
        ...(opts.parameters ? { parameters: opts.parameters } : {}),
        now: startedAt,
        ...(controls ? { controls } : {}),
      });
      accountId = pseudoFor(t, { region }).accountId;
      results.push(...s.results);
      warnings.push(...s.warnings);
      issues.push(...s.issues);
      for (const m of s.checks) checks[m.id] = m;
    } catch (err) {
      if (err instanceof TemplateError) errors.push(err);
      else errors.push(new TemplateError(t.file, 1, 1, `kenro could not scan this template: ${(err as Error).message}`));
    }
  }
  for (const e of errors) results.push(templateErrorResult(e, accountId, region));
  let frameworks: ScanReport['frameworks'] = [];
  try {
    frameworks = loadFrameworks().map((fw) => summarizeFramework(fw, results));
  } catch {
    frameworks = [];
  }
  const report: ScanReport = {
    tool: { name: 'kenro', version: KENRO_VERSION },
    scanId: `iac-${startedAt.toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    source: `template:${paths.join(',')}`,
    kind: 'iac',
    accounts: [accountId],
    regions: [region],
    results,
    checks,
    frameworks,
    collectionIssues: issues,
    expiredSuppressions: [],
  };
  return { report, errors, warnings, templates: loaded.templates.length, files: loaded.files, skipped: loaded.skipped };
}
