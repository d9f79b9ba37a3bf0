import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml, scriptSafeJson } from '../../src/report/html.js';
import { emptyReport, HOSTILE_HTML, liveReport, templateReport } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';

describe('html format (static)', () => {
  const html = renderHtml(liveReport());

  it('is self-contained: no external scripts, styles, images, fonts or frames', () => {
    expect(html).not.toMatch(/<(link|iframe|object|embed|img|base)\b/i);
    expect(html).not.toMatch(/<script\b[^>]*\bsrc=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
    // The only http(s) strings are documentation links inside the JSON data (not loaded).
    const outsideData = html.replace(/<script type="application\/json" id="kenro-data">[\s\S]*?<\/script>/, '');
    expect(outsideData).not.toMatch(/https?:\/\//);
  });

  it('no finding text can break out of the data block or the markup', () => {
    const data = /<script type="application\/json" id="kenro-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(data).not.toContain('<');
    expect(data).not.toContain('>');
    expect(JSON.parse(data).results.some((r: { re: string }) => r.re.includes(HOSTILE_HTML))).toBe(true);
    expect(html).not.toContain('<img');
    expect(html).not.toContain(HOSTILE_HTML);
    expect(html).toContain(escapeHtml(HOSTILE_HTML)); // framework control title, collection issue message
    expect(scriptSafeJson({ a: '</script>\u2028&' })).toBe('{"a":"\\u003c/script\\u003e\\u2028\\u0026"}');
  });

  it('pins its inline script and style in a Content Security Policy that allows no network', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = (s: string) => createHash('sha256').update(s).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
  });

  it('shows the framework summary, collection issues (with the permission) and expired suppressions', () => {
    expect(html).toContain('CIS Amazon Web Services Foundations Benchmark v5.0');
    expect(html).toContain('<b>25%</b>');
    expect(html).toContain('Could not read (2)');
    expect(html).toContain('s3:GetBucketPolicy');
    expect(html).toContain('Expired suppressions (1)');
    expect(html).toContain('Old exception &lt;b&gt;bold&lt;/b&gt;');
  });

  it('renders template and empty scans', () => {
    expect(renderHtml(templateReport())).toContain('template scan');
    expect(renderHtml(emptyReport())).toContain('This scan has no results.');
  });
});

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`html browser tests skipped: ${CHROMIUM} not found (run .ci/install-chromium.sh or apt-get install -y chromium)`);
}

describe.skipIf(!hasChromium)('html format in headless Chromium', () => {
  let dir: string;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const report = liveReport();
  let fileUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kenro-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(report));
    fileUrl = pathToFileURL(file).href;
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1400, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    context.on('request', (r) => {
      if (r.url() !== fileUrl) requests.push(r.url());
    });
    await page.goto(fileUrl);
    await page.waitForSelector('tr.finding');
  });

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const visible = () => page.locator('tr.finding:not([hidden])').count();
  const count = (pred: (r: (typeof report.results)[number]) => boolean) => report.results.filter(pred).length;
  const reset = () => page.click('#f-reset');

  it('renders every result, without errors, requests or injected markup', async () => {
    expect(await page.locator('tr.finding').count()).toBe(report.results.length);
    expect(await visible()).toBe(report.results.length);
    expect(await page.textContent('#count')).toBe(`${report.results.length} of ${report.results.length}`);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('svg').count()).toBeGreaterThan(5);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('filters by severity chips (none pressed = all)', async () => {
    await page.click('#f-severity button[data-value="critical"]');
    expect(await visible()).toBe(count((r) => r.severity === 'critical'));
    await page.click('#f-severity button[data-value="high"]');
    expect(await visible()).toBe(count((r) => r.severity === 'critical' || r.severity === 'high'));
    await page.click('#f-status button[data-value="FAIL"]');
    expect(await visible()).toBe(count((r) => (r.severity === 'critical' || r.severity === 'high') && r.status === 'FAIL'));
    await reset();
    expect(await visible()).toBe(report.results.length);
  });

  it('filters by service, account, region and framework', async () => {
    await page.selectOption('#f-service', 's3');
    expect(await visible()).toBe(count((r) => r.checkId.startsWith('s3_')));
    await page.selectOption('#f-region', 'us-east-1');
    expect(await visible()).toBe(count((r) => r.checkId.startsWith('s3_') && r.region === 'us-east-1'));
    await reset();
    await page.selectOption('#f-account', '444455556666');
    expect(await visible()).toBe(count((r) => r.account === '444455556666'));
    await reset();
    await page.selectOption('#f-framework', 'pci-dss-4.0');
    expect(await visible()).toBe(count((r) => (r.controls['pci-dss-4.0'] ?? []).length > 0));
    await reset();
  });

  it('searches ids, reasons and evidence', async () => {
    await page.fill('#f-search', 'evil-bucket');
    expect(await visible()).toBe(1);
    await page.fill('#f-search', 'SUM(A1)');
    expect(await visible()).toBe(1);
    await page.fill('#f-search', 'accessdenied');
    expect(await visible()).toBe(count((r) => /accessdenied/i.test(r.reason)));
    await page.fill('#f-search', 'no-such-thing-anywhere');
    expect(await visible()).toBe(0);
    expect(await page.isVisible('#no-match')).toBe(true);
    await reset();
    expect(await visible()).toBe(report.results.length);
  });

  it('clicking a chart bar filters the table', async () => {
    await page.click('.bar-link[data-filter-key="service"][data-filter-value="ec2"]');
    expect(await page.inputValue('#f-service')).toBe('ec2');
    expect(await visible()).toBe(count((r) => r.checkId.startsWith('ec2_')));
    await reset();
  });

  it('expands a finding with its evidence (as text) and remediation', async () => {
    await page.fill('#f-search', 'evil-bucket');
    await page.click('tr.finding:not([hidden])');
    const detail = page.locator('tr.detail');
    expect(await detail.count()).toBe(1);
    const evidence = await detail.locator('pre').first().textContent();
    expect(JSON.parse(evidence!).policy.Statement[0].Sid).toBe(HOSTILE_HTML);
    const text = await detail.textContent();
    expect(text).toContain('aws s3api put-public-access-block');
    expect(text).toContain('cis-aws-5.0 1.1');
    await detail.getByRole('button', { name: 'Console' }).click();
    expect(await detail.locator('pre').last().textContent()).toContain('Block public access');
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    await page.click('tr.finding:not([hidden])');
    expect(await page.locator('tr.detail').count()).toBe(0);
    await reset();
  });

  it('stayed offline and error-free throughout', () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
  });
});
