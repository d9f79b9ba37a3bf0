// Every AWS managed policy (shared data) parses, evaluates and analyses without error, and the
// lint agrees with the AWS IAM Access Analyzer ValidatePolicy findings stored beside them.
import { describe, expect, it } from 'vitest';
import { sharedDataDir, sharedDataMissing } from '../helpers/shared.js';
import { evaluate, parsePolicy, policyGrantsFullAdmin, administratorAnalysis } from '../../src/iam/index.js';
import { lintPolicy } from '../../src/iam/analyze/lint.js';
import { compareWithAccessAnalyzer, formatAgreement, loadManagedPolicies } from './support/accessAnalyzer.js';

const SUB = 'aws-managed-policies';
const missing = sharedDataMissing(SUB);

describe.skipIf(missing)(`AWS managed policies (${missing || 'shared data'})`, () => {
  const dir = sharedDataDir(SUB) as string;
  const policies = missing ? [] : loadManagedPolicies(dir);

  it('all parse, evaluate, lint and go through the admin analysis without throwing', () => {
    expect(policies.length).toBeGreaterThan(1400);
    let invalid = 0;
    for (const p of policies) {
      const parsed = parsePolicy(p.document, 'identity', p.name);
      if (!parsed.valid) invalid++;
      expect(parsed.compiled.statements.length).toBeGreaterThan(0);
      const r = evaluate({ identityPolicies: [parsed], request: { principal: 'arn:aws:iam::111122223333:role/r', action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/key', resourceAccount: '111122223333' }, explain: 'full' });
      expect(['Allow', 'ImplicitDeny', 'ExplicitDeny']).toContain(r.decision);
      lintPolicy(p.document, 'identity', p.name);
      policyGrantsFullAdmin(p.document);
    }
    // only the two policies with a malformed aws:CalledVia service principal are invalid
    expect(invalid).toBeLessThanOrEqual(5);
  });

  it('AdministratorAccess is an administrator; ReadOnlyAccess and PowerUserAccess are not', () => {
    const byName = new Map(policies.map((p) => [p.name, p.document]));
    expect(administratorAnalysis([byName.get('AdministratorAccess')]).admin).toBe(true);
    expect(policyGrantsFullAdmin(byName.get('AdministratorAccess')).admin).toBe(true);
    expect(administratorAnalysis([byName.get('ReadOnlyAccess')]).admin).toBe(false);
    const pu = administratorAnalysis([byName.get('PowerUserAccess')]);
    expect(pu.admin).toBe(false);
    expect(pu.denied).toContain('iam:CreateUser');
  });

  it('lint agrees with Access Analyzer on the issue codes kenro implements', () => {
    const { codes } = compareWithAccessAnalyzer(dir);
    console.log(`Access Analyzer agreement (finding = policy + code + statement):\n${formatAgreement(codes)}`);
    const implemented = codes.filter((c) => c.kenro > 0);
    expect(implemented.length).toBeGreaterThanOrEqual(17);
    // ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE: 4 of 5; the fifth (sagemaker-mlflow:*)
    // supports aws:ResourceTag in the newer Service Authorization Reference data kenro uses.
    for (const c of implemented) expect(c.recall, c.code).toBeGreaterThanOrEqual(c.code === 'ALLOW_WITH_UNSUPPORTED_TAG_CONDITION_KEY_FOR_SERVICE' ? 0.75 : 0.9);
  });
});
