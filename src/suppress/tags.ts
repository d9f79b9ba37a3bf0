import type { Inventory } from '../model/inventory.js';

/**
 * ARN (and id) -> tags of every tagged resource in the inventory. Walks the model generically:
 * any object with `tags` and an `arn` or `id` is indexed, so new resource types need no code here.
 */
export function resourceTagIndex(inventory: Inventory): Map<string, Record<string, string>> {
  const index = new Map<string, Record<string, string>>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const obj = node as Record<string, unknown>;
    const tags = obj.tags;
    if (tags && typeof tags === 'object' && !Array.isArray(tags)) {
      const t = tags as Record<string, string>;
      if (typeof obj.arn === 'string') index.set(obj.arn, t);
      if (typeof obj.id === 'string') index.set(obj.id, t);
      if (typeof obj.name === 'string' && typeof obj.arn !== 'string') index.set(obj.name, t);
    }
    for (const value of Object.values(obj)) if (typeof value === 'object' && value !== null) visit(value);
  };
  visit(inventory.accounts);
  return index;
}
