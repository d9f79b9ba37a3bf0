import { Command, CommanderError } from 'commander';
import { KENRO_VERSION } from '../version.js';
import { registerCommands } from './commands/index.js';

/** Entry point: returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  program
    .name('kenro')
    .description(
      'kenro (堅牢) keeps AWS accounts secure and robust: assess accounts against CIS AWS Foundations, ' +
        'AWS FSBP, PCI DSS and the AWS Security Checklist, fix what is found, analyse IAM, scan ' +
        'CloudFormation templates, and detect threats in CloudTrail.',
    )
    .version(KENRO_VERSION)
    .showHelpAfterError()
    .exitOverride();
  let exitCode = 0;
  registerCommands(program, (code) => {
    exitCode = Math.max(exitCode, code);
  });
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    throw err;
  }
  return exitCode;
}
