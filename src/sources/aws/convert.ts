/** Small conversions from SDK shapes to the inventory model, shared by collectors. */
import type { PolicyDocument, Tags } from '../../model/inventory.js';

/**
 * Parses a policy document as AWS returns it: plain JSON (S3, SNS, SQS, KMS, Lambda...) or
 * URL-encoded JSON (IAM). Throws an Error naming what is wrong when it is not a JSON object.
 */
export function parsePolicyDocument(text: string | undefined | null): PolicyDocument {
  if (text === undefined || text === null || text === '') throw new Error('policy document is empty');
  let parsed: unknown;
  const trimmed = text.trim();
  try {
    parsed = JSON.parse(trimmed.startsWith('%7B') || trimmed.startsWith('%7b') ? decodeURIComponent(trimmed) : trimmed);
  } catch {
    try {
      parsed = JSON.parse(decodeURIComponent(trimmed));
    } catch (e) {
      throw new Error(`policy document is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('policy document is not a JSON object');
  }
  return parsed as PolicyDocument;
}

/** `[{ Key, Value }]` -> `{ Key: Value }`; undefined when there are none. */
export function tagsOf(list: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined): Tags | undefined {
  if (!list || list.length === 0) return undefined;
  const out: Tags = {};
  for (const t of list) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}

/** A Date (or date string) as an ISO-8601 string; undefined stays undefined. */
export function iso(d: Date | string | undefined | null): string | undefined {
  if (d === undefined || d === null) return undefined;
  if (d instanceof Date) return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  const t = new Date(d);
  return Number.isNaN(t.getTime()) ? d : t.toISOString();
}
