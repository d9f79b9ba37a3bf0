import type { Check } from './types.js';
import { accountRef, fail, pass, withCollected } from './helpers.js';

const securityContact: Check = {
  meta: {
    id: 'account_security_contact_registered',
    title: 'A security alternate contact is registered',
    severity: 'medium',
    service: 'account',
    resourceType: 'AWS::::Account',
    description: 'The account should have a SECURITY alternate contact with an e-mail address, so AWS can reach the security team about abuse or compromise.',
    risk: 'AWS security notifications go only to the root e-mail, which may be unwatched.',
    remediation: {
      cli: 'aws account put-alternate-contact --alternate-contact-type SECURITY --email-address sec@example.com --name "Security" --phone-number "+1-555-0100" --title "Security team"',
      docs: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html',
    },
    configRule: 'SECURITY_ACCOUNT_ATTRIBUTE_CHECK',
  },
  run(account) {
    const ref = accountRef(account);
    return withCollected(account.contacts, ref, 'alternate contacts (account:GetAlternateContact)', (contacts) => {
      const sec = contacts.security;
      if (!sec) return [fail(ref, 'no security alternate contact is registered')];
      if (!sec.emailAddress) return [fail(ref, 'the security contact has no e-mail address', { name: sec.name })];
      // The contact's details are personal data: evidence records only that they are present.
      return [pass(ref, 'a security alternate contact with an e-mail address is registered', { hasEmail: true, hasPhone: Boolean(sec.phoneNumber) })];
    });
  },
};

export const checks: Check[] = [securityContact];
