import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { junitFormat } from '../../src/report/junit.js';
import { ANSI, emptyReport, HOSTILE_HTML, HOSTILE_XML, liveReport, templateReport, UNICODE } from './fixtures.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'testsuite' || name === 'testcase' || name === 'property',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
});
const ordered = new XMLParser({ ignoreAttributes: true, preserveOrder: true });

type Any = Record<string, any>;

function parse(xml: string): Any {
  const valid = XMLValidator.validate(xml);
  expect(valid).toBe(true);
  return parser.parse(xml) as Any;
}

/** Element children in document order (Jenkins' junit schema fixes the order). */
function childNames(node: Any[]): string[] {
  return node.flatMap((n) => Object.keys(n).filter((k) => k !== '#text' && k !== ':@'));
}

describe('junit format', () => {
  it.each([
    ['live', liveReport()],
    ['template', templateReport()],
    ['empty', emptyReport()],
  ])('%s report is well-formed XML with the structure Jenkins/GitLab read', (_n, report) => {
    const xml = junitFormat.render(report, { color: false });
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const doc = parse(xml);
    const root = doc.testsuites;
    expect(root).toBeDefined();
    const suites: Any[] = root.testsuite ?? [];
    let tests = 0;
    let failures = 0;
    let errors = 0;
    let skipped = 0;
    for (const s of suites) {
      expect(typeof s.name).toBe('string');
      const cases: Any[] = s.testcase ?? [];
      expect(Number(s.tests)).toBe(cases.length);
      expect(Number(s.failures)).toBe(cases.filter((c) => c.failure !== undefined).length);
      expect(Number(s.errors)).toBe(cases.filter((c) => c.error !== undefined).length);
      expect(Number(s.skipped)).toBe(cases.filter((c) => c.skipped !== undefined).length);
      expect(s.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      for (const c of cases) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.classname).toMatch(/^kenro\./);
        expect(Number.isFinite(Number(c.time))).toBe(true);
      }
      tests += cases.length;
      failures += Number(s.failures);
      errors += Number(s.errors);
      skipped += Number(s.skipped);
    }
    expect(Number(root.tests)).toBe(tests);
    expect(Number(root.failures)).toBe(failures);
    expect(Number(root.errors)).toBe(errors);
    expect(Number(root.skipped)).toBe(skipped);
    expect(tests).toBe(report.results.length);

    // Child order: testsuite = properties?, testcase*; testcase = (failure|error|skipped)?
    const tree = ordered.parse(xml) as Any[];
    const rootNode = tree.find((n) => n.testsuites)!.testsuites as Any[];
    for (const suite of rootNode.filter((n) => n.testsuite)) {
      const names = childNames(suite.testsuite);
      const firstCase = names.indexOf('testcase');
      expect(names.slice(0, firstCase === -1 ? names.length : firstCase).every((n) => n === 'properties')).toBe(true);
      expect(names.slice(firstCase).every((n) => n === 'testcase')).toBe(true);
      for (const tc of suite.testsuite.filter((n: Any) => n.testcase)) {
        const inner = childNames(tc.testcase);
        expect(inner.length).toBeLessThanOrEqual(1);
        expect(inner.every((n) => ['failure', 'error', 'skipped'].includes(n))).toBe(true);
      }
    }
  });

  it('FAIL => failure, ERROR => error, MANUAL/MUTED => skipped with the suppression reason', () => {
    const report = liveReport();
    const doc = parse(junitFormat.render(report, { color: false }));
    const suites: Any[] = doc.testsuites.testsuite;
    expect(suites.map((s) => s.name)).toEqual([...new Set(report.results.map((r) => r.checkId))].sort());
    const iam = suites.find((s) => s.name === 'iam_user_unused_credentials')!;
    const muted = iam.testcase.find((c: Any) => c.name.endsWith('break-glass'));
    expect(muted.skipped.message).toBe('MUTED (sup-1): Break-glass user, reviewed quarterly');
    const root = suites.find((s) => s.name === 'iam_root_mfa_enabled')!;
    const fail = root.testcase.find((c: Any) => c.failure);
    expect(fail.failure.message).toBe('The root user has no MFA device');
    expect(fail.failure.type).toBe('critical');
    expect(fail.failure['#text']).toContain('"mfaActive": false');
    const lambda = suites.find((s) => s.name === 'lambda_function_url_auth')!;
    expect(lambda.testcase.find((c: Any) => c.error).error.message).toBe('AccessDenied: lambda:GetFunctionUrlConfig');
    const manual = suites.find((s) => s.name === 'account_security_contact')!;
    expect(manual.testcase.every((c: Any) => c.skipped)).toBe(true);
    expect(Number(doc.testsuites.failures)).toBe(report.results.filter((r) => r.status === 'FAIL').length);
  });

  it('escapes XML specials, keeps unicode and drops characters XML cannot hold', () => {
    const xml = junitFormat.render(liveReport(), { color: false });
    expect(xml).not.toContain('\u001b');
    expect(xml).not.toContain('\u0007');
    expect(xml).not.toContain('<img');
    const doc = parse(xml);
    const s3 = doc.testsuites.testsuite.find((s: Any) => s.name === 's3_bucket_tls_only');
    const c = s3.testcase.find((x: Any) => x.failure);
    expect(c.failure.message).toBe(`XML specials ${HOSTILE_XML}`);
    const pub = doc.testsuites.testsuite.find((s: Any) => s.name === 's3_bucket_public_access_blocked');
    expect(pub.testcase.some((x: Any) => x.failure?.message === `Bucket policy allows everyone: ${HOSTILE_HTML}`)).toBe(true);
    const iam = doc.testsuites.testsuite.find((s: Any) => s.name === 'iam_user_unused_credentials');
    const alice = iam.testcase.find((x: Any) => x.failure);
    expect(alice.failure.message).toBe(`User ${UNICODE} has an unused key`);
    // Evidence is JSON: control characters stay visible as \u escapes, never raw.
    expect(alice.failure['#text']).toContain('\\u001b[31mred\\u001b[0m\\u0007');
    expect(alice.failure['#text']).not.toContain(ANSI);
  });

  it('template results name the file and line', () => {
    const doc = parse(junitFormat.render(templateReport(), { color: false }));
    const names = doc.testsuites.testsuite.flatMap((s: Any) => s.testcase.map((c: Any) => c.name));
    expect(names).toContain('templates/app stack.yaml:12 LogsBucket');
  });
});
