import type { Command } from 'commander';
import { registerIam } from './iam.js';
import { registerDetect } from './detect.js';

/** A command module adds its subcommand; setExit raises the process exit code (max wins). */
export type SetExit = (code: number) => void;

export function registerCommands(program: Command, setExit: SetExit): void {
  registerIam(program, setExit);
  registerDetect(program, setExit);
}
