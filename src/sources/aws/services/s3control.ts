/** S3 Control (global): the account-level S3 Block Public Access configuration. */
import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { mapOk } from '../call.js';
import type { RegionContext } from '../context.js';
import type { S3Inventory } from '../../../model/inventory.js';
import { toPublicAccessBlock } from './s3.js';

export async function collectAccountPublicAccessBlock(ctx: RegionContext): Promise<S3Inventory['accountPublicAccessBlock']> {
  const s3control = ctx.client(S3ControlClient);
  const got = await ctx.call(
    's3:GetAccountPublicAccessBlock',
    () => s3control.send(new GetPublicAccessBlockCommand({ AccountId: ctx.accountId })),
    { what: 's3 account public access block', absentCodes: ['NoSuchPublicAccessBlockConfiguration'] },
  );
  return mapOk(got, (r) => toPublicAccessBlock(r?.PublicAccessBlockConfiguration));
}
