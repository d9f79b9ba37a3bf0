/** Account (global): the security, billing and operations alternate contacts. */
import { AccountClient, GetAlternateContactCommand } from '@aws-sdk/client-account';
import type { AlternateContactType } from '@aws-sdk/client-account';
import { ok } from '../../../model/collected.js';
import type { AccountContacts, AccountInventory, AlternateContact } from '../../../model/inventory.js';
import { mapOk } from '../call.js';
import type { RegionContext } from '../context.js';

export async function collect(ctx: RegionContext): Promise<AccountInventory['contacts']> {
  const account = ctx.client(AccountClient);
  const get = (type: AlternateContactType) =>
    ctx
      .call('account:GetAlternateContact', () => account.send(new GetAlternateContactCommand({ AlternateContactType: type })), {
        what: `${type.toLowerCase()} alternate contact`,
        absentCodes: ['ResourceNotFoundException'],
      })
      .then((c) =>
        mapOk(c, (r): AlternateContact | null => {
          const a = r?.AlternateContact;
          if (!a) return null;
          return {
            ...(a.Name ? { name: a.Name } : {}),
            ...(a.Title ? { title: a.Title } : {}),
            ...(a.EmailAddress ? { emailAddress: a.EmailAddress } : {}),
            ...(a.PhoneNumber ? { phoneNumber: a.PhoneNumber } : {}),
          };
        }),
      );
  const [security, billing, operations] = await Promise.all([get('SECURITY'), get('BILLING'), get('OPERATIONS')]);
  if (security.status !== 'ok') return security;
  if (billing.status !== 'ok') return billing;
  if (operations.status !== 'ok') return operations;
  const contacts: AccountContacts = { security: security.value, billing: billing.value, operations: operations.value };
  return ok(contacts);
}
