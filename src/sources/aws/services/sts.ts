/** STS: who is scanning. Without it nothing can be attributed to an account, so failures throw. */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { CREDENTIALS_REJECTED, errorCode } from '../call.js';
import type { Permission } from '../permissions.js';

/** Needs no grant in practice (AWS always allows it), listed for completeness. */
const PERMISSION: Permission = 'sts:GetCallerIdentity';

export interface CallerIdentity {
  accountId: string;
  partition: string;
  arn: string;
  userId: string;
}

const HINT = 'Check your credentials (--profile, AWS_PROFILE, environment variables, --role-arn).';

/**
 * Validates the scan's credentials once, before anything is collected: sts:GetCallerIdentity in
 * the first of `regions`. When that region rejects the credentials (InvalidClientTokenId /
 * UnrecognizedClientException: "the access key ID does not exist in our records"), the region may
 * be an opt-in region that is not enabled, so the next region is tried; if every region rejects
 * them the credentials are bad and the scan stops with AWS's message (secrets scrubbed). Any other
 * failure (no credentials found, role assumption denied, network) stops the scan at once.
 */
export async function validateCredentials(regions: readonly string[], client: (region: string) => STSClient): Promise<CallerIdentity & { region: string }> {
  let first: { region: string; code: string; message: string } | undefined;
  for (const region of regions) {
    try {
      const r = await client(region).send(new GetCallerIdentityCommand({}));
      if (!r.Account || !r.Arn) throw new Error('kenro: sts:GetCallerIdentity returned no account or ARN');
      return { accountId: r.Account, arn: r.Arn, userId: r.UserId ?? '', partition: partitionOf(r.Arn), region };
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('kenro:')) throw e;
      const { code, message } = errorCode(e);
      const rejected = CREDENTIALS_REJECTED.has(code) || CREDENTIALS_REJECTED.has(code.replace(/Exception$/, ''));
      if (!rejected) {
        throw new Error(`kenro: cannot identify the AWS account (${PERMISSION} in ${region} failed: ${code}: ${scrubSecrets(message)}). ${HINT} Nothing was collected.`);
      }
      first ??= { region, code, message };
    }
  }
  const f = first ?? { region: regions.join(', '), code: 'NoRegion', message: 'no region to call sts:GetCallerIdentity in' };
  const where = regions.length > 1 ? ` (also tried ${regions.slice(1).join(', ')})` : '';
  throw new Error(
    `kenro: cannot identify the AWS account: AWS rejected the credentials (${PERMISSION} in ${f.region}${where}: ${f.code}: ${scrubSecrets(f.message)}). ${HINT} Nothing was collected.`,
  );
}

/**
 * Removes anything that could be a secret from a message before it is shown: the values of the
 * secret environment variables, and long base64 runs (secret access keys are 40 characters,
 * session tokens longer). AWS's error messages carry no secrets; this is a second guard.
 */
export function scrubSecrets(message: string, env: NodeJS.ProcessEnv = process.env): string {
  let out = message;
  for (const k of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN']) {
    const v = env[k];
    if (v && v.length >= 4) out = out.split(v).join('[redacted]');
  }
  return out.replace(/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40,}(?![A-Za-z0-9/+=])/g, '[redacted]');
}

/** `arn:aws-cn:...` -> `aws-cn`. */
export function partitionOf(arn: string): string {
  const p = arn.split(':')[1];
  if (!arn.startsWith('arn:') || !p) throw new Error(`kenro: not an ARN: ${arn}`);
  return p;
}
