import { InvalidArgumentError } from 'commander';
import { SEVERITIES, severityRank, type CheckResult, type Severity } from '../model/result.js';

/** `a,b c` -> ['a','b','c']; repeatable options accumulate. */
export function collectList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(/[,\s]+/).filter(Boolean)];
}

export function parseSeverity(value: string): Severity {
  const v = value.toLowerCase() as Severity;
  if (!SEVERITIES.includes(v)) throw new InvalidArgumentError(`expected one of ${SEVERITIES.join(', ')}`);
  return v;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

/** Exit code for --fail-on: 1 when an unmuted FAIL at or above the severity exists. */
export function failOnExitCode(results: readonly CheckResult[], failOn: Severity | undefined): number {
  if (!failOn) return 0;
  const limit = severityRank(failOn);
  return results.some((r) => r.status === 'FAIL' && severityRank(r.severity) <= limit) ? 1 : 0;
}

/** Colour only on a terminal, and never when NO_COLOR is set or --no-color given. */
export function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (flag === false || process.env.NO_COLOR !== undefined) return false;
  return Boolean(stream.isTTY);
}
