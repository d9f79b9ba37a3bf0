/** Small readers for resource-based policy statements written in templates. */

export type Statement = Record<string, unknown>;

export function statements(doc: unknown): Statement[] {
  if (!doc || typeof doc !== 'object') return [];
  const s = (doc as Record<string, unknown>).Statement;
  const list = Array.isArray(s) ? s : s === undefined ? [] : [s];
  return list.filter((x): x is Statement => !!x && typeof x === 'object' && !Array.isArray(x));
}

/** Principal "*" or {AWS: "*"} (or a list containing "*"). */
export function principalIsEveryone(p: unknown): boolean {
  if (p === '*') return true;
  if (Array.isArray(p)) return p.includes('*');
  if (p && typeof p === 'object') {
    const aws = (p as Record<string, unknown>).AWS;
    return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
  }
  return false;
}

/** Condition keys that confine a "*" principal to known accounts, organizations, sources or networks. */
const CONFINING = new Set(
  [
    'aws:SourceArn',
    'aws:SourceAccount',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceIp',
    'aws:userid',
    'aws:username',
    'lambda:EventSourceToken',
  ].map((k) => k.toLowerCase()),
);

/** Whether a statement's Condition confines who can use it (a key above with a non-wildcard value). */
export function conditionConfines(cond: unknown): boolean {
  if (!cond || typeof cond !== 'object') return false;
  for (const [op, block] of Object.entries(cond as Record<string, unknown>)) {
    if (/^(ForAnyValue:)?Null$/i.test(op) || !block || typeof block !== 'object') continue;
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      if (!CONFINING.has(key.toLowerCase())) continue;
      const values = Array.isArray(value) ? value : [value];
      if (values.length > 0 && values.every((v) => typeof v === 'string' && v !== '*' && v !== '0.0.0.0/0' && v !== '::/0')) return true;
    }
  }
  return false;
}

/** Allow statements open to everyone without a confining condition. */
export function publicStatements(doc: unknown): { index: number; statement: Statement }[] {
  return statements(doc)
    .map((statement, index) => ({ index, statement }))
    .filter(({ statement: s }) => s.Effect === 'Allow' && (principalIsEveryone(s.Principal) || s.NotPrincipal !== undefined) && !conditionConfines(s.Condition));
}
