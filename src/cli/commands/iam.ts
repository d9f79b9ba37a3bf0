import { readFileSync, writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { SetExit } from './index.js';
import { evaluate, parsePolicy, POLICY_KINDS, type EvaluationInput, type EvaluationResult, type PolicyKind } from '../../iam/index.js';
import { lintPolicy } from '../../iam/analyze/lint.js';
import { accountModels } from '../../iam/analyze/account.js';
import { analyzeAccount, simulateInAccount, whoCan, type IamAnalysis } from '../../iam/analyze/report.js';
import { loadSnapshot } from '../../model/snapshot.js';
import { parseJsonFile } from '../../util/json.js';
import { demoSnapshotPath } from '../live.js';

function out(text: string, file?: string): void {
  if (file) writeFileSync(file, text);
  else process.stdout.write(text);
}

function readJson(file: string): unknown {
  const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  return parseJsonFile(text, file);
}

/**
 * AWS refuses a malformed policy instead of ignoring the bad statement, so a simulation over one
 * would decide something AWS never would: every policy of a request must parse without errors.
 */
function policyErrors(x: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const check = (doc: unknown, kind: PolicyKind, where: string) => {
    if (doc === undefined || doc === null) return;
    const o = doc as Record<string, unknown>;
    const body = typeof o === 'object' && 'document' in o && !('Statement' in o) ? o.document : doc;
    for (const e of parsePolicy(body, kind).errors) {
      problems.push(`${where}${e.statement !== undefined ? ` statement ${String(e.statement)}` : ''}${e.field ? ` field ${e.field}` : ''}: ${e.code}: ${e.message}`);
    }
  };
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  list(x.identityPolicies).forEach((p, j) => check(p, 'identity', `identityPolicies[${j}]`));
  check(x.resourcePolicy, x.resourcePolicyKind === 'trust' ? 'trust' : 'resource', 'resourcePolicy');
  check(x.permissionsBoundary, 'boundary', 'permissionsBoundary');
  list(x.sessionPolicy).forEach((p, j) => check(p, 'session', `sessionPolicy[${j}]`));
  list(x.scps).forEach((level, l) => list(level).forEach((p, j) => check(p, 'scp', `scps[${l}][${j}]`)));
  list(x.rcps).forEach((level, l) => list(level).forEach((p, j) => check(p, 'rcp', `rcps[${l}][${j}]`)));
  return problems;
}

/** key=value or key=v1,v2 (a list) */
function parseContext(pairs: string[] | undefined): Record<string, string | string[]> | undefined {
  if (!pairs?.length) return undefined;
  const ctx: Record<string, string | string[]> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new Error(`--context ${p}: expected key=value`);
    const v = p.slice(i + 1);
    ctx[p.slice(0, i)] = v.includes(',') ? v.split(',') : v;
  }
  return ctx;
}

function textResult(r: EvaluationResult): string {
  const lines = [`${r.decision}  ${r.request.principal} -> ${r.request.action} on ${r.request.resource}${r.request.crossAccount ? ' (cross-account)' : ''}`, `  why: ${r.reason}`];
  if (r.decidedBy) lines.push(`  decided by: ${r.decidedBy.kind} policy "${r.decidedBy.policy}"${r.decidedBy.level !== undefined ? ` (level ${r.decidedBy.level})` : ''}, statement ${String(r.decidedBy.statement)} (${r.decidedBy.effect})`);
  for (const p of r.policies) {
    lines.push(`  - ${p.kind.padEnd(8)} ${p.policy}${p.level !== undefined ? ` [level ${p.level}]` : ''}: ${p.outcome} — ${p.why}`);
    for (const s of p.statements ?? []) lines.push(`      statement ${String(s.statement)} (${s.effect}): ${s.why}`);
  }
  return lines.join('\n') + '\n';
}

function textAnalysis(a: IamAnalysis): string {
  const L: string[] = [`IAM analysis of account ${a.accountId}`, ''];
  L.push(`1. Resource policy exposure (${a.exposure.length})`);
  for (const e of a.exposure) {
    L.push(`  ${e.public ? 'PUBLIC ' : 'CROSS  '} ${e.kind} ${e.resource}`);
    for (const s of e.publicStatements) L.push(`      ${s.reason}`);
    if (e.crossAccount.length) L.push(`      external accounts: ${e.crossAccount.join(', ')}`);
  }
  L.push('', `2. Effective administrators (${a.administrators.length})`);
  for (const x of a.administrators) {
    L.push(`  ${x.principal}  via ${x.grantedBy.map((g) => `${g.policy} statement ${String(g.statement)}`).join('; ')}`);
    if (x.deniedBySCP.length) L.push(`      SCP guardrails still deny: ${x.deniedBySCP.join(', ')}`);
  }
  L.push('', `3. Privilege-escalation paths (${a.escalation.reduce((n, e) => n + e.paths.length, 0)} for ${a.escalation.length} principals)`);
  for (const e of a.escalation) {
    L.push(`  ${e.principal}`);
    for (const p of e.paths) {
      L.push(`    [${p.confidence}] ${p.title} -> ${p.gains}`);
      p.steps.forEach((s, i) => L.push(`        ${i + 1}. ${s.action} on ${s.resource}: ${s.note}`));
    }
  }
  L.push('', `4. Least-privilege lint (${a.lint.length} policies with findings)`);
  for (const l of a.lint) {
    L.push(`  ${l.policy} (attached to ${l.attachedTo.length})`);
    for (const f of l.findings) L.push(`    ${f.severity.padEnd(10)} ${f.code}: ${f.message}`);
  }
  if (a.gaps.length) L.push('', 'Not analysed (data could not be read):', ...a.gaps.map((g) => `  ${g}`));
  return L.join('\n') + '\n';
}

export function registerIam(program: Command, setExit: SetExit): void {
  const iam = program
    .command('iam')
    .description("IAM policy engine: AWS's evaluation logic (simulate), exposure / administrator / escalation / lint analyses, validation")
    .addHelpText('after', '\nSee docs/iam.md for how kenro decides and the simulate input schema.');

  iam
    .command('simulate')
    .summary('evaluate requests the way AWS does and explain the decision')
    .description(
      'Evaluate requests the way AWS does (explicit deny, RCPs, SCPs, resource-based policy, identity policies, permissions boundary, session policy) and explain the decision: the policy and statement that decided, and why every other policy did or did not apply.',
    )
    .option('--input <file>', 'JSON file with one request or an array of requests (- for stdin)')
    .option('--snapshot <file>', 'a kenro snapshot (kenro scan --save-snapshot FILE)')
    .option('--demo', 'use the bundled demo snapshot')
    .option('--principal <arn>', 'principal ARN (user, role, assumed-role session, account id, service principal)')
    .option('--action <action>', 'action, e.g. s3:GetObject')
    .option('--resource <arn>', 'resource ARN', '*')
    .option('--context <key=value...>', 'request context keys (key=v1,v2 for a list)')
    .addOption(new Option('--explain <level>', 'explanation detail').choices(['policy', 'full']).default('policy'))
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('json'))
    .option('--output <file>', 'write to a file instead of stdout')
    .addHelpText(
      'after',
      '\nInput (--input FILE): one request or an array, each\n' +
        '  {identityPolicies: [...], resourcePolicy, permissionsBoundary, sessionPolicy,\n' +
        '   scps: [[level policies]...], rcps: [[...]...], organization: {id, managementAccountId, accounts},\n' +
        '   request: {principal, action, resource, resourceAccount, context: {key: value | [values]}}}\n' +
        '  (full schema in docs/iam.md). With --snapshot FILE or --demo, the principal\'s real policies,\n' +
        '  groups, boundary, SCPs/RCPs and the resource\'s policy come from the scanned account.\n' +
        '\nExamples:\n' +
        '  kenro iam simulate --input requests.json\n' +
        '  kenro iam simulate --demo --principal arn:aws:iam::111122223333:user/ben.ortiz --action iam:CreateUser --format text\n' +
        '\nExit code: 0 when every request is allowed, 1 when one is denied, 2 on bad input.',
    )
    .action((o: { input?: string; snapshot?: string; demo?: boolean; principal?: string; action?: string; resource: string; context?: string[]; explain: string; format: string; output?: string }) => {
      const explain = o.explain === 'full' ? ('full' as const) : true;
      let results: EvaluationResult[];
      let single = true;
      if (o.input) {
        const data = readJson(o.input);
        const list = Array.isArray(data) ? data : [data];
        single = !Array.isArray(data);
        results = list.map((x, i) => {
          if (!x || typeof x !== 'object' || !('request' in x)) throw new Error(`${o.input}: request ${i} has no "request" object`);
          const problems = policyErrors(x as Record<string, unknown>);
          if (problems.length) throw new Error(`${o.input}: request ${i} has an invalid policy (AWS would reject it):\n  ${problems.join('\n  ')}`);
          try {
            return evaluate({ explain, ...(x as EvaluationInput) });
          } catch (err) {
            throw new Error(`${o.input}: request ${i}: ${(err as Error).message}`);
          }
        });
      } else if (o.snapshot || o.demo) {
        if (!o.principal || !o.action) throw new Error('--principal and --action are required with --snapshot/--demo');
        const models = accountModels(loadSnapshot(o.snapshot ?? demoSnapshotPath()));
        const ctx = parseContext(o.context);
        const r = simulateInAccount(models, { principal: o.principal, action: o.action, resource: o.resource, explain, ...(ctx ? { context: ctx } : {}) });
        if (!r.principalFound) process.stderr.write(`note: ${o.principal} is not in the snapshot; evaluated with no identity policies\n`);
        results = [r];
      } else throw new Error('give --input FILE, or --snapshot FILE / --demo with --principal and --action');
      if (results.some((r) => r.decision !== 'Allow')) setExit(1);
      out(o.format === 'text' ? results.map(textResult).join('\n') : JSON.stringify(single ? results[0] : results, null, 2) + '\n', o.output);
    });

  iam
    .command('analyze')
    .summary('exposure, administrators, escalation paths and lint of a scanned account')
    .description(
      'Analyse a scanned account (default: the bundled demo): 1. public and cross-account exposure of resource policies and role trust policies, 2. effective administrators and the policy that makes them so, 3. privilege-escalation paths step by step, 4. least-privilege lint of customer policies.',
    )
    .option('--snapshot <file>', 'a kenro snapshot (kenro scan --save-snapshot FILE)')
    .option('--demo', 'analyse the bundled demo snapshot (the default)')
    .option('--trusted-accounts <ids...>', 'account ids not to report as cross-account')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('text'))
    .option('--output <file>', 'write to a file instead of stdout')
    .option('--fail-on-findings', 'exit code 1 when anything public, an escalation path or a lint error is found')
    .addHelpText('after', '\nExamples:\n  kenro iam analyze --demo\n  kenro iam analyze --snapshot acct.json --format json --output iam.json')
    .action((o: { snapshot?: string; demo?: boolean; trustedAccounts?: string[]; format: string; output?: string; failOnFindings?: boolean }) => {
      if (o.snapshot && o.demo) throw new Error('--demo and --snapshot cannot be combined');
      const models = accountModels(loadSnapshot(o.snapshot ?? demoSnapshotPath()));
      const analyses = models.map((m) => analyzeAccount(m, o.trustedAccounts ? { trustedAccounts: o.trustedAccounts } : {}));
      if (o.failOnFindings && analyses.some((a) => a.exposure.some((e) => e.public) || a.escalation.length > 0 || a.lint.some((l) => l.findings.some((f) => f.severity === 'error')))) setExit(1);
      out(o.format === 'json' ? JSON.stringify(analyses.length === 1 ? analyses[0] : analyses, null, 2) + '\n' : analyses.map(textAnalysis).join('\n'), o.output);
    });

  iam
    .command('who-can')
    .summary('which users and roles may perform an action on a resource')
    .description('List the users and roles of a scanned account (default: the demo) that may perform an action on a resource, with the statement that allows it.')
    .requiredOption('--action <action>', 'action, e.g. s3:GetObject')
    .option('--resource <arn>', 'resource ARN', '*')
    .option('--snapshot <file>', 'a kenro snapshot (kenro scan --save-snapshot FILE)')
    .option('--demo', 'use the bundled demo snapshot (the default)')
    .option('--context <key=value...>', 'request context keys (key=v1,v2 for a list)')
    .option('--all', 'also list the principals that are denied, with the reason')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('text'))
    .addHelpText('after', '\nExample:\n  kenro iam who-can --demo --action s3:PutObject --resource arn:aws:s3:::kumo-data-lake-eu/x')
    .action((o: { action: string; resource: string; snapshot?: string; demo?: boolean; context?: string[]; all?: boolean; format: string }) => {
      if (o.snapshot && o.demo) throw new Error('--demo and --snapshot cannot be combined');
      const ctx = parseContext(o.context);
      const list = whoCan(accountModels(loadSnapshot(o.snapshot ?? demoSnapshotPath())), o.action, o.resource, ctx).filter((e) => o.all || e.decision === 'Allow');
      if (o.format === 'json') out(JSON.stringify(list, null, 2) + '\n');
      else out(list.map((e) => `${e.decision.padEnd(12)} ${e.principal}${e.decidedBy ? `  (${e.decidedBy.kind} ${e.decidedBy.policy}, statement ${String(e.decidedBy.statement)})` : ''}${e.decision !== 'Allow' ? `  ${e.reason}` : ''}`).join('\n') + '\n');
    });

  iam
    .command('validate')
    .summary('validate and lint a policy document')
    .description('Validate and lint a policy document: grammar per policy kind, unknown actions and condition keys (AWS data), least-privilege findings.')
    .argument('<file>', 'policy JSON file (- for stdin)')
    .addOption(new Option('--kind <kind>', 'policy kind').choices(POLICY_KINDS).default('identity'))
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('text'))
    .addHelpText('after', '\nExit code: 1 when the policy has errors.')
    .action((file: string, o: { kind: PolicyKind; format: string }) => {
      const doc = readJson(file);
      const parsed = parsePolicy(doc, o.kind, file);
      const findings = lintPolicy(doc, o.kind, file);
      if (!parsed.valid) setExit(1);
      if (o.format === 'json') out(JSON.stringify({ valid: parsed.valid, errors: parsed.errors, warnings: parsed.warnings, findings }, null, 2) + '\n');
      else {
        const lines = [`${file}: ${parsed.valid ? 'valid' : 'INVALID'} ${o.kind} policy (${parsed.compiled.statements.length} statements)`];
        for (const f of findings) lines.push(`  ${f.severity.padEnd(10)} ${f.code}${f.field ? ` [${f.field}]` : ''}: ${f.message}`);
        out(lines.join('\n') + '\n');
      }
    });
}
