/** STS: who is scanning. Without it nothing can be attributed to an account, so failures throw. */
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Permission } from '../permissions.js';

/** Needs no grant in practice (AWS always allows it), listed for completeness. */
const PERMISSION: Permission = 'sts:GetCallerIdentity';

export interface CallerIdentity {
  accountId: string;
  partition: string;
  arn: string;
  userId: string;
}

/** Calls sts:GetCallerIdentity; throws an Error saying what failed and how to fix it. */
export async function callerIdentity(sts: STSClient): Promise<CallerIdentity> {
  let r;
  try {
    r = await sts.send(new GetCallerIdentityCommand({}));
  } catch (e) {
    const err = e as { name?: string; message?: string };
    throw new Error(
      `kenro: cannot identify the AWS account (${PERMISSION} failed: ${err.name ?? 'Error'}: ${err.message ?? String(e)}). ` +
        'Check your credentials (--profile, AWS_PROFILE, environment variables, --role-arn).',
    );
  }
  if (!r.Account || !r.Arn) throw new Error('kenro: sts:GetCallerIdentity returned no account or ARN');
  return { accountId: r.Account, arn: r.Arn, userId: r.UserId ?? '', partition: partitionOf(r.Arn) };
}

/** `arn:aws-cn:...` -> `aws-cn`. */
export function partitionOf(arn: string): string {
  const p = arn.split(':')[1];
  if (!arn.startsWith('arn:') || !p) throw new Error(`kenro: not an ARN: ${arn}`);
  return p;
}
