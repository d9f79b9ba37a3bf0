import type { Command } from 'commander';
import type { SetExit } from './index.js';

export function registerDetect(program: Command, _setExit: SetExit): void {
  program.command('detect').description('(being built)');
}
