/**
 * The yearly report as its readers get it: an HTML file opened from a USB stick (file://) on a
 * machine with no network, in Debian's Chromium with the CJK fonts. Nothing may be fetched from
 * anywhere (every request that is not file: or data: is blocked, and fails the test), the page's
 * own Content-Security-Policy must let its scripts run, every chart must be drawn, and printing
 * to A4 must keep the charts and start every department on a page of its own.
 *
 * The report is the sample with hostile text in it, so the page is also checked for markup that
 * someone's department name or refusal reason could have added.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { renderReport } from '../../../gateway/yearly-report/html/report-html';
import { describeWithService } from '../../utils/services';
import { launchChromium } from '../workbench/workbench-driver';
import { chartPixels } from './chart-pixels';

// The page's globals, for the functions run in it: the project compiles without the DOM library.
declare const document: any;
declare const getComputedStyle: any;
import { HOSTILE_MARKUP, sampleReport } from './sample-report';

/** Pages of a PDF: its page objects (`/Type /Page`, not the `/Type /Pages` tree nodes). */
const pdfPages = (pdf: Buffer): number =>
  (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

/** Image objects in a PDF (each printed canvas is one, its transparency mask another). */
const pdfImages = (pdf: Buffer): number =>
  (pdf.toString('latin1').match(/\/Subtype\s*\/Image/g) ?? []).length;

/** 1 mm in CSS pixels (96 per inch). */
const MM = 96 / 25.4;

describeWithService('chromium', 'the yearly report opened from a file in Chromium', () => {
  const report = sampleReport({ hostile: true });
  const rendered = renderReport(report);
  let dir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const offMachine: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sjt-yearly-report-'));
    const file = path.join(dir, '南通市共享年度报告.html');
    fs.writeFileSync(file, rendered.html);
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      offline: true,
    });
    const local = (url: string) => url.startsWith('file:') || url.startsWith('data:');
    context.on('request', (r) => {
      if (!local(r.url())) offMachine.push(r.url());
    });
    await context.route('**/*', (route) =>
      local(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
    );
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console: ${m.text()}`);
    });
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-charts-drawn'));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('asks for nothing beyond the file, and runs under its own policy without a complaint', () => {
    expect(offMachine).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('draws every chart: the city’s five and two for each department', async () => {
    const charts = await chartPixels(page);
    const drawn = await page.evaluate(() =>
      document.documentElement.getAttribute('data-charts-drawn'),
    );
    expect(Number(drawn)).toBe(charts.length);
    expect(charts.length).toBe(5 + 2 * report.departments.length);
    for (const d of report.departments)
      expect(charts.filter((c) => c.department === d.code).map((c) => c.chart)).toEqual([
        'department-classes',
        'department-monthly',
      ]);
    for (const c of charts) {
      expect({ ...c, blank: c.colours < 3 || c.inked < 200 }).toMatchObject({ blank: false });
      // 170 mm wide: inside an A4 page's 180 mm between 15 mm margins.
      expect(Math.round(c.widthPx)).toBe(Math.round(170 * MM));
    }
  });

  it('shows hostile text as text: no element, no handler, no dialog came of it', async () => {
    expect(await page.locator('img, iframe, object, embed, link').count()).toBe(0);
    expect(await page.locator('[onerror], [onload], [onclick]').count()).toBe(0);
    const heading = page.locator('#dept-civil-affairs h2');
    expect(await heading.textContent()).toContain(HOSTILE_MARKUP);
    expect(problems.filter((p) => p.startsWith('dialog'))).toEqual([]);
  });

  it('sets Chinese text in the system’s Noto Sans CJK', async () => {
    expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans CJK SC"', '南通'))).toBe(
      true,
    );
    const family = await page
      .locator('h1')
      .evaluate((el: unknown) => getComputedStyle(el).fontFamily);
    expect(family).toContain('Noto Sans CJK SC');
  });

  it('keeps every chart, drawn and A4-wide, in print media', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      const charts = await chartPixels(page);
      expect(charts.length).toBe(5 + 2 * report.departments.length);
      for (const c of charts) {
        expect({ ...c, blank: c.colours < 3 || c.inked < 200 }).toMatchObject({ blank: false });
        expect(c.widthPx).toBeLessThanOrEqual(180 * MM);
        expect(c.heightPx).toBeGreaterThan(40 * MM);
      }
      const breaks = await page
        .locator('section.department')
        .evaluateAll((sections: unknown[]) => sections.map((s) => getComputedStyle(s).breakBefore));
      expect(breaks).toEqual(report.departments.map(() => 'page'));
    } finally {
      await page.emulateMedia({ media: null });
    }
  });

  it('prints to an A4 PDF with the cover and a page at least for every department', async () => {
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1 + report.departments.length);
    // A canvas prints as an image: a print without its charts has none.
    expect(pdfImages(pdf)).toBeGreaterThanOrEqual(5 + 2 * report.departments.length);
    expect(offMachine).toEqual([]);
  });
  it('draws a department’s own report the same way: its two charts, its cover and its page', async () => {
    const own = sampleReport({ department: 'public-security' });
    const file = path.join(dir, '公安局共享年度报告.html');
    fs.writeFileSync(file, renderReport(own).html);
    const single = await context.newPage();
    try {
      await single.goto(pathToFileURL(file).href);
      await single.waitForFunction(() =>
        document.documentElement.hasAttribute('data-charts-drawn'),
      );
      const charts = await chartPixels(single);
      expect(charts.map((c) => [c.chart, c.department])).toEqual([
        ['department-classes', 'public-security'],
        ['department-monthly', 'public-security'],
      ]);
      for (const c of charts)
        expect({ ...c, blank: c.colours < 3 || c.inked < 200 }).toMatchObject({ blank: false });
      expect(pdfPages(await single.pdf({ format: 'A4' }))).toBeGreaterThanOrEqual(2);
    } finally {
      await single.close();
    }
    expect(offMachine).toEqual([]);
    expect(problems).toEqual([]);
  });
});
