// Property tests (fast-check) of the decision logic's monotonicity.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate, type EvaluationInput } from '../../src/iam/index.js';

const A = '111122223333';
const B = '444455556666';
const PRINCIPALS = [`arn:aws:iam::${A}:user/bob`, `arn:aws:sts::${A}:assumed-role/app/s1`, `arn:aws:iam::${B}:user/eve`, A, `arn:aws:sts::${A}:federated-user/fed`];
const ACTIONS = ['s3:GetObject', 's3:PutObject', 'iam:PassRole', 'ec2:RunInstances', 'sts:AssumeRole'];
const RESOURCES = ['arn:aws:s3:::b/k', 'arn:aws:s3:::c/k', '*', `arn:aws:iam::${A}:role/app`];
const action = fc.constantFrom('*', 's3:*', 's3:Get*', 'iam:*', 'ec2:Run*', 's3:GetObject', 'sts:AssumeRole', 'S3:get?bject');
const resource = fc.constantFrom('*', 'arn:aws:s3:::b/*', 'arn:aws:s3:::c/*', `arn:aws:iam::${A}:role/*`);
const condition = fc.option(
  fc.constantFrom(
    { StringEquals: { 'aws:PrincipalTag/team': 'red' } },
    { Bool: { 'aws:SecureTransport': 'true' } },
    { StringNotEquals: { 'aws:PrincipalAccount': B } },
    { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['env*'] } },
    { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${A}:*` } },
  ),
  { nil: undefined },
);
const principal = fc.constantFrom<unknown>('*', { AWS: A }, { AWS: `arn:aws:iam::${A}:user/bob` }, { AWS: `arn:aws:iam::${A}:role/app` }, { AWS: B }, { AWS: `arn:aws:sts::${A}:assumed-role/app/s1` });

type Stmt = Record<string, unknown>;
const stmt = (withPrincipal: boolean, effect?: 'Allow' | 'Deny') =>
  fc.record({ effect: effect ? fc.constant(effect) : fc.constantFrom('Allow', 'Deny'), not: fc.boolean(), actions: fc.array(action, { minLength: 1, maxLength: 3 }), resources: fc.array(resource, { minLength: 1, maxLength: 2 }), condition, principal }).map((s) => {
    const out: Stmt = { Effect: s.effect, [s.not && s.effect === 'Deny' ? 'NotAction' : 'Action']: s.actions, Resource: s.resources };
    if (s.condition) out.Condition = s.condition;
    if (withPrincipal) out.Principal = s.principal;
    return out;
  });
const policy = (withPrincipal: boolean) => fc.array(stmt(withPrincipal), { minLength: 1, maxLength: 3 }).map((Statement) => ({ Version: '2012-10-17', Statement }));
const allowAll = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

const scenario = fc.record({
  identity: fc.array(policy(false), { maxLength: 3 }),
  resourcePolicy: fc.option(policy(true), { nil: undefined }),
  boundary: fc.option(policy(false), { nil: undefined }),
  session: fc.option(policy(false), { nil: undefined }),
  scps: fc.option(fc.array(fc.array(fc.oneof(policy(false), fc.constant(allowAll)), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }), { nil: undefined }),
  principal: fc.constantFrom(...PRINCIPALS),
  action: fc.constantFrom(...ACTIONS),
  resource: fc.constantFrom(...RESOURCES),
  tag: fc.option(fc.constantFrom('red', 'blue'), { nil: undefined }),
  secure: fc.boolean(),
  tagKeys: fc.option(fc.constantFrom(['env'], ['owner'], []), { nil: undefined }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function input(s: Scenario): EvaluationInput {
  const context: Record<string, string | string[] | boolean> = { 'aws:SecureTransport': s.secure };
  if (s.tag) context['aws:PrincipalTag/team'] = s.tag;
  if (s.tagKeys) context['aws:TagKeys'] = [...s.tagKeys];
  const i: EvaluationInput = { identityPolicies: s.identity, request: { principal: s.principal, action: s.action, resource: s.resource, resourceAccount: A, context }, explain: false, now: new Date(0) };
  if (s.resourcePolicy) i.resourcePolicy = s.resourcePolicy;
  if (s.boundary) i.permissionsBoundary = s.boundary;
  if (s.session) i.sessionPolicy = s.session;
  if (s.scps) i.scps = s.scps;
  return i;
}
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const RUNS = 1500;

describe('properties of the decision', () => {
  it('an applicable explicit Deny always wins', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom('identity', 'resource', 'boundary', 'scp'), (s, where) => {
        const t = clone(s);
        const deny = { Effect: 'Deny', Action: '*', Resource: '*' };
        // a permissions boundary does not apply to the root user (nothing to deny there)
        if (where === 'identity' || (where === 'boundary' && (!t.boundary || t.principal === A))) t.identity.push({ Version: '2012-10-17', Statement: [deny] });
        else if (where === 'resource') (t.resourcePolicy ??= { Version: '2012-10-17', Statement: [] }).Statement.push({ ...deny, Principal: '*' });
        else if (where === 'boundary' && t.boundary && t.principal !== A) t.boundary.Statement.push(deny);
        else if (where === 'scp') (t.scps ??= [[allowAll]])[0]?.push({ Version: '2012-10-17', Statement: [deny] });
        const r = evaluate(input(t));
        // identity/boundary denies do not bind callers outside IAM (none here) and SCPs skip nobody here
        expect(r.decision).toBe('ExplicitDeny');
      }),
      { numRuns: RUNS },
    );
  });

  it('adding a Deny statement never turns a denial into an Allow', () => {
    fc.assert(
      fc.property(scenario, stmt(false, 'Deny'), stmt(true, 'Deny'), fc.constantFrom('identity', 'resource', 'boundary', 'session', 'scp'), (s, d, dr, where) => {
        const before = evaluate(input(s)).decision;
        const t = clone(s);
        if (where === 'identity') t.identity.push({ Version: '2012-10-17', Statement: [d] });
        else if (where === 'resource' && t.resourcePolicy) t.resourcePolicy.Statement.push(dr);
        else if (where === 'boundary' && t.boundary) t.boundary.Statement.push(d);
        else if (where === 'session' && t.session) t.session.Statement.push(d);
        else if (where === 'scp' && t.scps?.[0]) t.scps[0].push({ Version: '2012-10-17', Statement: [d] });
        const after = evaluate(input(t)).decision;
        if (before !== 'Allow') expect(after).not.toBe('Allow');
        if (before === 'ExplicitDeny') expect(after).toBe('ExplicitDeny');
      }),
      { numRuns: RUNS },
    );
  });

  it('removing an Allow statement never turns a denial into an Allow', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), (s, pick) => {
        const before = evaluate(input(s)).decision;
        const t = clone(s);
        const holders: { Statement: Stmt[] }[] = [...t.identity, ...(t.resourcePolicy ? [t.resourcePolicy] : []), ...(t.boundary ? [t.boundary] : []), ...(t.session ? [t.session] : []), ...(t.scps ?? []).flat()];
        const allows = holders.flatMap((h) => h.Statement.map((st, i) => ({ h, i, st })).filter((x) => x.st.Effect === 'Allow'));
        if (allows.length === 0) return;
        const victim = allows[pick % allows.length];
        if (!victim) return;
        victim.h.Statement.splice(victim.i, 1);
        const after = evaluate(input(t)).decision;
        if (before !== 'Allow') expect(after).not.toBe('Allow');
      }),
      { numRuns: RUNS },
    );
  });

  it('evaluation is deterministic and does not depend on policy order within a type', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const a = evaluate(input(s)).decision;
        const t = clone(s);
        t.identity.reverse();
        expect(evaluate(input(t)).decision).toBe(a);
      }),
      { numRuns: 500 },
    );
  });
});
