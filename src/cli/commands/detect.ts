import { closeSync, openSync, writeSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { SetExit } from './index.js';
import { loadBuiltinRules, loadRules, mergeRuleSets, type RuleSet } from '../../detect/loader.js';
import { detect } from '../../detect/run.js';
import { createWriter, FORMATS, type Format, type RunSummary } from '../../detect/format.js';
import type { Alert } from '../../detect/alert.js';

const EXT: Record<Format, string> = { text: 'txt', json: 'json', ocsf: 'ocsf.json', sarif: 'sarif' };
import { parseTimeArg } from '../../detect/time.js';
import { DEFAULT_LIMITS, DetectionEngine } from '../../detect/engine.js';
import { SEVERITIES, severityRank, type Severity } from '../../detect/types.js';

interface DetectCliOptions {
  rules?: string[];
  builtin: boolean;
  format: string;
  output?: string;
  since?: string;
  until?: string;
  failOn?: string;
  minSeverity?: string;
  profile?: string;
  region?: string;
  listRules?: boolean;
  maxGroups?: string;
}

function listRules(set: RuleSet): string {
  const lines: string[] = [];
  for (const r of set.rules) {
    const kind = r.kind === 'correlation' ? `correlation:${r.type}` : 'detection';
    lines.push(`${r.level.padEnd(13)} ${r.ruleId}  ${r.title}  [${kind}, ${r.origin}${r.author ? `, by ${r.author}` : ''}]`);
    for (const w of r.warnings) lines.push(`    note: ${w}`);
  }
  for (const i of set.issues) lines.push(`NOT LOADED    ${i.file}${i.title ? ` (${i.title})` : ''}: ${i.kind === 'unsupported' ? `unsupported feature: ${i.message}` : i.message}`);
  lines.push(`${set.rules.length} rule(s) loaded from ${set.files} file(s), ${set.issues.length} not loaded`);
  return `${lines.join('\n')}\n`;
}

export function registerDetect(program: Command, setExit: SetExit): void {
  program
    .command('detect')
    .description(
      'Detect threats in CloudTrail with Sigma rules and kenro\'s own detections. ' +
        'SOURCE: a CloudTrail log file (Records JSON or NDJSON, gzipped or not), a folder (recursively), ' +
        '`-` for stdin, s3://bucket/prefix, or lookup[:region] for recent events from the LookupEvents API.',
    )
    .argument('[source...]', 'CloudTrail sources')
    .option('--rules <path...>', 'extra Sigma rule files or folders (logsource aws/cloudtrail)')
    .option('--no-builtin', "do not load kenro's own rules")
    .option('--format <formats>', `output format(s), comma-separated: ${FORMATS.join(', ')}`, 'text')
    .option('--output <file>', 'write the report to a file instead of stdout (with several formats: a path stem, one file per format)')
    .option('--since <time>', 'only events at or after this time (ISO 8601, or 24h, 7d back from now)')
    .option('--until <time>', 'only events at or before this time')
    .addOption(new Option('--fail-on <severity>', 'exit code 1 when an alert at or above this severity exists').choices([...SEVERITIES]))
    .addOption(new Option('--min-severity <severity>', 'report only alerts at or above this severity').choices([...SEVERITIES]))
    .option('--profile <name>', 'AWS profile for s3:// and lookup sources')
    .option('--region <region>', 'AWS region for s3:// and lookup sources')
    .option('--max-groups <n>', `correlation groups kept per rule (default ${DEFAULT_LIMITS.maxGroups})`)
    .option('--list-rules', 'list the rules loaded and those not loaded (with the reason), then exit')
    .action(async (sources: string[], o: DetectCliOptions) => {
      const sets: RuleSet[] = [];
      if (o.builtin) sets.push(loadBuiltinRules());
      if (o.rules?.length) sets.push(loadRules(o.rules, 'sigma'));
      const set = mergeRuleSets(...sets);
      if (o.listRules) {
        set.issues.push(...new DetectionEngine(set.rules, () => {}).issues); // correlations with unknown references
        process.stdout.write(listRules(set));
        return;
      }
      if (!sources.length) {
        process.stderr.write('kenro detect: give at least one SOURCE (file, folder, -, s3://bucket/prefix, lookup[:region])\n');
        setExit(2);
        return;
      }
      let since: Date | undefined;
      let until: Date | undefined;
      try {
        since = o.since ? parseTimeArg(o.since) : undefined;
        until = o.until ? parseTimeArg(o.until) : undefined;
      } catch (err) {
        process.stderr.write(`kenro detect: ${(err as Error).message}\n`);
        setExit(2);
        return;
      }
      const maxGroups = o.maxGroups ? Number(o.maxGroups) : DEFAULT_LIMITS.maxGroups;
      const formats = o.format.split(',').map((f) => f.trim()).filter(Boolean);
      const bad = formats.filter((f) => !FORMATS.includes(f as Format));
      if (bad.length || !formats.length) {
        process.stderr.write(`kenro detect: unknown format ${bad.join(', ') || '(none)'}; choose from ${FORMATS.join(', ')}\n`);
        setExit(2);
        return;
      }
      if (formats.length > 1 && !o.output) {
        process.stderr.write('kenro detect: several formats need --output STEM (writes STEM.txt, STEM.json, STEM.ocsf.json, STEM.sarif)\n');
        setExit(2);
        return;
      }
      // Alerts are written as they come: memory stays flat however many there are.
      const fds: number[] = [];
      const writers = formats.map((f) => {
        const path = !o.output ? undefined : formats.length === 1 ? o.output : `${o.output}.${EXT[f as Format]}`;
        const fd = path === undefined ? undefined : openSync(path, 'w');
        if (fd !== undefined) fds.push(fd);
        const write = fd === undefined ? (t: string) => void process.stdout.write(t) : (t: string) => void writeSync(fd, t);
        return createWriter(f as Format, write);
      });
      const writer = { alert: (a: Alert) => writers.forEach((w) => w.alert(a)), end: (r: RunSummary) => writers.forEach((w) => w.end(r)) };
      const min = o.minSeverity ? severityRank(o.minSeverity) : 0;
      const failAt = o.failOn ? severityRank(o.failOn as Severity) : Infinity;
      const bySeverity: Partial<Record<Severity, number>> = {};
      let alertCount = 0;
      let failed = false;
      try {
        const result = await detect(sources, {
          rules: set.rules,
          collect: false,
          onAlert: (a) => {
            const rank = severityRank(a.severity);
            if (rank >= failAt) failed = true;
            if (rank < min) return;
            alertCount++;
            bySeverity[a.severity] = (bySeverity[a.severity] ?? 0) + 1;
            writer.alert(a);
          },
          ...(since ? { since } : {}),
          ...(until ? { until } : {}),
          ...(o.profile ? { profile: o.profile } : {}),
          ...(o.region ? { region: o.region } : {}),
          limits: { ...DEFAULT_LIMITS, maxGroups: Number.isFinite(maxGroups) && maxGroups > 0 ? maxGroups : DEFAULT_LIMITS.maxGroups },
        });
        result.ruleIssues.unshift(...set.issues);
        const { alerts: _unused, ...rest } = result;
        writer.end({ ...rest, alertCount, bySeverity });
        if (failed) setExit(1);
        if (result.readIssues.some((i) => i.message.startsWith('cannot read'))) setExit(2);
      } finally {
        for (const fd of fds) closeSync(fd);
      }
    });
}
