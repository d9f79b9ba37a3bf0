import type { Command } from 'commander';
import { ALL_CHECKS } from '../../checks/index.js';
import { loadFrameworks } from '../../frameworks/catalog.js';
import type { SetExit } from './index.js';

export function registerFrameworks(program: Command, _setExit: SetExit): void {
  program
    .command('frameworks')
    .description('List the compliance frameworks kenro maps its checks to, and how many controls it covers')
    .option('--format <format>', 'text or json', 'text')
    .option('--controls <id>', 'list the controls of one framework and the checks behind each')
    .addHelpText('after', '\nExamples:\n  kenro frameworks\n  kenro frameworks --controls cis-aws-5.0')
    .action((opts: { format: string; controls?: string }) => {
      const known = new Set(ALL_CHECKS.map((c) => c.meta.id));
      const rows = loadFrameworks().map((fw) => {
        const automated = fw.controls.filter((c) => c.assessment === 'automated');
        const covered = fw.controls.filter((c) => c.checks.some((id) => known.has(id)));
        return { id: fw.id, name: fw.name, version: fw.version, controls: fw.controls.length, automated: automated.length, covered: covered.length, fw };
      });
      if (opts.controls) {
        const row = rows.find((r) => r.id === opts.controls);
        if (!row) throw new Error(`unknown framework '${opts.controls}' (known: ${rows.map((r) => r.id).join(', ')})`);
        if (opts.format === 'json') {
          process.stdout.write(JSON.stringify(row.fw, null, 2) + '\n');
          return;
        }
        for (const c of row.fw.controls) {
          const checks = c.checks.length ? c.checks.join(', ') : 'not covered';
          process.stdout.write(`${c.id.padEnd(10)} ${c.assessment === 'manual' ? '[manual] ' : ''}${c.title}\n           -> ${checks}\n`);
        }
        return;
      }
      if (opts.format === 'json') {
        process.stdout.write(JSON.stringify(rows.map(({ fw: _fw, ...r }) => r), null, 2) + '\n');
        return;
      }
      process.stdout.write('id                      controls  covered  framework\n');
      for (const r of rows) {
        process.stdout.write(`${r.id.padEnd(24)}${String(r.controls).padStart(8)}${String(r.covered).padStart(9)}  ${r.name}\n`);
      }
    });
}
