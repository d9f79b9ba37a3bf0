import type { Command } from 'commander';
import type { SetExit } from './index.js';

export function registerIam(program: Command, _setExit: SetExit): void {
  program.command('iam').description('(being built)');
}
