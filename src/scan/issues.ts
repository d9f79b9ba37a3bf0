import type { CollectionError } from '../model/collected.js';
import type { Inventory } from '../model/inventory.js';
import type { CollectionIssue } from '../report/types.js';

const STATUSES = new Set(['access_denied', 'not_available', 'failed', 'unresolved']);

function isFailedCollected(v: Record<string, unknown>): v is { status: string; error: CollectionError } {
  return typeof v.status === 'string' && STATUSES.has(v.status) && typeof v.error === 'object' && v.error !== null;
}

/** A readable label for an array element: its name, id or ARN when it has one. */
function labelOf(item: unknown, index: number): string {
  if (typeof item === 'object' && item !== null) {
    const o = item as Record<string, unknown>;
    for (const key of ['name', 'id', 'userName', 'arn']) if (typeof o[key] === 'string') return o[key] as string;
  }
  return `#${index}`;
}

/**
 * Every value the inventory could not read, as the report lists them: the single source of
 * truth for live scans and snapshots alike.
 */
export function collectionIssues(inventory: Inventory): CollectionIssue[] {
  const issues: CollectionIssue[] = [];
  for (const account of inventory.accounts) {
    const walk = (node: unknown, path: string[], region: string): void => {
      if (Array.isArray(node)) {
        node.forEach((item, i) => walk(item, [...path, labelOf(item, i)], region));
        return;
      }
      if (typeof node !== 'object' || node === null) return;
      const obj = node as Record<string, unknown>;
      if (isFailedCollected(obj)) {
        issues.push({
          account: account.accountId,
          region,
          what: path.join(' '),
          status: obj.status,
          code: obj.error.code,
          message: obj.error.message,
          ...(obj.error.permission ? { permission: obj.error.permission } : {}),
        });
        return;
      }
      if (obj.status === 'ok' && 'value' in obj) {
        walk(obj.value, path, region);
        return;
      }
      for (const [key, value] of Object.entries(obj)) {
        if (key === 'origin') continue;
        walk(value, [...path, key], region);
      }
    };
    const { regional, ...globalParts } = account;
    walk(globalParts, [], 'global');
    for (const [region, r] of Object.entries(regional)) walk(r, [], region);
  }
  return issues;
}

/** The IAM actions that would let kenro read everything it could not, sorted and unique. */
export function missingPermissions(issues: readonly CollectionIssue[]): string[] {
  const set = new Set<string>();
  for (const i of issues) if (i.status === 'access_denied' && i.permission) set.add(i.permission);
  return [...set].sort();
}
