/**
 * Resource policies that come back as JSON text inside a successful response (SNS, SQS, KMS,
 * Lambda, ECR, Secrets Manager, EFS): parse them into the model's `Collected<PolicyDocument | null>`.
 * A document that is not valid JSON becomes `failed` (code MalformedPolicy) and is recorded as an
 * issue; it never turns into "no policy".
 */
import type { Collected } from '../../model/collected.js';
import { notCollected, ok } from '../../model/collected.js';
import type { PolicyDocument } from '../../model/inventory.js';
import type { RegionContext } from './context.js';
import { parsePolicyDocument } from './convert.js';
import type { Permission } from './permissions.js';

/**
 * `text(value)` picks the policy text from an ok response; undefined/empty text means "no policy"
 * (null). Failures of the call pass through unchanged.
 */
export function policyFrom<R>(
  ctx: Pick<RegionContext, 'note'>,
  response: Collected<R | null>,
  text: (value: R) => string | undefined | null,
  permission: Permission,
  what: string,
): Collected<PolicyDocument | null> {
  if (response.status !== 'ok') return response;
  if (response.value === null) return ok(null);
  const raw = text(response.value);
  if (raw === undefined || raw === null || raw === '') return ok(null);
  try {
    return ok(parsePolicyDocument(raw));
  } catch (err) {
    const message = `${what}: ${(err as Error).message}`;
    ctx.note(permission, what, 'MalformedPolicy', message);
    return notCollected('failed', { code: 'MalformedPolicy', message, permission });
  }
}
