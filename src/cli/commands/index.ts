import type { Command } from 'commander';
import { registerBaseline } from './baseline.js';
import { registerChecks } from './checks.js';
import { registerDetect } from './detect.js';
import { registerFix } from './fix.js';
import { registerFrameworks } from './frameworks.js';
import { registerIac } from './iac.js';
import { registerIam } from './iam.js';
import { registerScan } from './scan.js';

/** A command module adds its subcommand; setExit raises the process exit code (max wins). */
export type SetExit = (code: number) => void;

export function registerCommands(program: Command, setExit: SetExit): void {
  registerScan(program, setExit);
  registerChecks(program, setExit);
  registerFrameworks(program, setExit);
  registerFix(program, setExit);
  registerIam(program, setExit);
  registerDetect(program, setExit);
  registerIac(program, setExit);
  registerBaseline(program, setExit);
}
