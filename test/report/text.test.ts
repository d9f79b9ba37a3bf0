import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/report/text.js';
import { emptyReport, liveReport, templateReport } from './fixtures.js';

// eslint-disable-next-line no-control-regex
const ESC = /\u001b\[/;

describe('text format', () => {
  it('is plain without colour and coloured with it', () => {
    const plain = renderText(liveReport(), { color: false });
    expect(plain).not.toMatch(ESC);
    const color = renderText(liveReport(), { color: true });
    expect(color).toMatch(ESC);
  });

  it('strips control characters from scanned text (no terminal injection)', () => {
    const plain = renderText(liveReport(), { color: false });
    // eslint-disable-next-line no-control-regex
    expect(plain).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('lists non-passing results worst first, counts passes', () => {
    const out = renderText(liveReport(), { color: false });
    expect(out).toContain('13 FAIL  3 ERROR  2 MANUAL  2 MUTED  10 PASS');
    expect(out).toMatch(/Failures 2 critical {2}6 high {2}3 medium {2}2 low/);
    const order = ['── FAIL', '── ERROR', '── MANUAL', '── MUTED'].map((h) => out.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(out).not.toContain('── PASS');
    // Within FAIL: critical before high before medium before low.
    const fails = out.slice(out.indexOf('── FAIL'), out.indexOf('── ERROR'));
    const sevs = [...fails.matchAll(/^FAIL {3}(\w+)/gm)].map((m) => m[1]);
    const rank = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
    expect(sevs.map((s) => rank.indexOf(s!))).toEqual([...sevs.map((s) => rank.indexOf(s!))].sort((a, b) => a - b));
    expect(out).toContain('remediation (example; put in your resource\'s values): aws iam fix-iam_root_mfa_enabled');
  });

  it('shows MUTED results with the suppression reason', () => {
    const out = renderText(liveReport(), { color: false });
    expect(out).toContain('muted (sup-1, until 2027-01-01, was FAIL): Break-glass user, reviewed quarterly');
  });

  it('shows the framework summary with scores, then expired suppressions and collection issues last', () => {
    const out = renderText(liveReport(), { color: false });
    const fw = out.indexOf('Frameworks');
    const exp = out.indexOf('Expired suppressions (1)');
    const col = out.indexOf('Could not read (2)');
    expect(fw).toBeGreaterThan(out.indexOf('── MUTED'));
    expect(exp).toBeGreaterThan(fw);
    expect(col).toBeGreaterThan(exp);
    expect(out).toContain('CIS Amazon Web Services Foundations Benchmark v5.0 (cis-aws-5.0)');
    expect(out).toMatch(/25% {2}3 fail, 0 error, 1 manual, 1 pass, 1 not covered/);
    expect(out).toContain('FAIL  2.1.4');
    expect(out).toContain('sup-old  s3_bucket_tls_only  expired 2025-01-01');
    expect(out).toContain('grant: s3:GetBucketPolicy');
  });

  it('template results show file:line:column', () => {
    const out = renderText(templateReport(), { color: false });
    expect(out).toContain('templates/app stack.yaml:12:5 (LogsBucket)');
    expect(out).toContain('templates: templates/');
  });

  it('says so when there is nothing', () => {
    expect(renderText(emptyReport(), { color: false })).toContain('No results.');
  });
});
