/** Explanations: what each policy did with the request, and the statement that decided. */
import type { CompiledStatement, PolicyKind } from './types.js';
import { nameOf, whyNot, type Entry, type Prepared } from './statement.js';

export interface StatementReport {
  statement: number | string;
  effect: string;
  matched: boolean;
  why: string;
}

export interface PolicyReport {
  policy: string;
  kind: PolicyKind;
  level?: number;
  outcome: 'ExplicitDeny' | 'Allow' | 'NoMatch' | 'NotApplicable';
  statement?: number | string;
  why: string;
  statements?: StatementReport[];
}

export interface DecidingStatement {
  policy: string;
  kind: PolicyKind;
  level?: number;
  statement: number | string;
  effect: 'Allow' | 'Deny';
}

/** One report per policy: outcome and why; with `full`, a reason for every statement. */
export function report(entries: Entry[], req: Prepared, full: boolean): PolicyReport[] {
  const out: PolicyReport[] = [];
  for (const e of entries) {
    const rep: PolicyReport = {
      policy: nameOf(e),
      kind: e.kind,
      outcome: !e.applies ? 'NotApplicable' : e.deny ? 'ExplicitDeny' : e.allow ? 'Allow' : 'NoMatch',
      why: !e.applies
        ? (e.notApplicable ?? 'not applicable')
        : e.deny
          ? `Deny statement ${String(e.deny.id)} matches`
          : e.allow
            ? `Allow statement ${String(e.allow.id)} matches${e.allowKind ? ` (principal matched as ${e.allowKind})` : ''}`
            : 'no statement matches the request',
    };
    if (e.level !== undefined) rep.level = e.level;
    const st = e.deny ?? e.allow;
    if (st) rep.statement = st.id;
    if (full && e.applies) {
      const wp = e.kind === 'resource' || e.kind === 'trust' || e.kind === 'rcp';
      rep.statements = e.parsed.compiled.statements.map((s) => {
        const why = whyNot(s, req, wp && !(e.kind === 'rcp' && !s.principals && !s.notPrincipals));
        return { statement: s.id, effect: s.effect, matched: why === 'matches', why };
      });
    }
    out.push(rep);
  }
  return out;
}

export function deciding(e: Entry, st: CompiledStatement): DecidingStatement {
  const d: DecidingStatement = { policy: nameOf(e), kind: e.kind, statement: st.id, effect: st.effect };
  if (e.level !== undefined) d.level = e.level;
  return d;
}
