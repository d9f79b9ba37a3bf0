import type { Check } from './types.js';
import { checks as iam } from './iam.js';
import { checks as ec2 } from './ec2.js';

/** Every check kenro ships, in a stable order. */
export const ALL_CHECKS: readonly Check[] = [...iam, ...ec2];

export function findCheck(id: string): Check | undefined {
  return ALL_CHECKS.find((c) => c.meta.id === id);
}
