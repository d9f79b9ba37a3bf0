import type { Command } from 'commander';
import { ALL_CHECKS } from '../../checks/index.js';
import { controlIndex } from '../../frameworks/catalog.js';
import { severityRank } from '../../model/result.js';
import { collectList } from '../options.js';
import type { SetExit } from './index.js';

export function registerChecks(program: Command, _setExit: SetExit): void {
  program
    .command('checks')
    .description('List every check with its metadata and the framework controls it maps to')
    .option('--format <format>', 'text or json', 'text')
    .option('--service <service...>', 'only checks of these services (e.g. s3,iam)', collectList)
    .addHelpText('after', '\nExamples:\n  kenro checks\n  kenro checks --service s3 --format json')
    .action((opts: { format: string; service?: string[] }) => {
      const controls = controlIndex();
      const services = opts.service?.map((s) => s.toLowerCase());
      const checks = ALL_CHECKS.filter((c) => !services || services.includes(c.meta.service)).map((c) => ({
        ...c.meta,
        controls: controls.get(c.meta.id) ?? {},
      }));
      if (opts.format === 'json') {
        process.stdout.write(JSON.stringify(checks, null, 2) + '\n');
        return;
      }
      if (opts.format !== 'text') throw new Error(`--format ${opts.format}: expected text or json`);
      const sorted = [...checks].sort((a, b) => a.service.localeCompare(b.service) || severityRank(a.severity) - severityRank(b.severity) || a.id.localeCompare(b.id));
      for (const c of sorted) {
        const mapped = Object.entries(c.controls)
          .map(([fw, ids]) => `${fw} ${ids.join(' ')}`)
          .join('; ');
        process.stdout.write(`${c.id}  [${c.severity}]  ${c.title}\n`);
        if (mapped) process.stdout.write(`    controls: ${mapped}\n`);
        if (c.configRule) process.stdout.write(`    AWS Config rule: ${c.configRule}\n`);
      }
      process.stdout.write(`\n${sorted.length} checks\n`);
    });
}
