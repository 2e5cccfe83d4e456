/**
 * The yearly report page in the workbench, in Chromium: the bureau's analyst signs in, finds the
 * report in the top bar, asks for a year and sees the report drawn under the page's own policy
 * (no script but its own, no request off the machine); another department's analyst has no link
 * and is refused.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import { devSignIn, launchChromium, offMachine, watch } from '../workbench/workbench-driver';
import { chartPixels } from './chart-pixels';

const YEAR = new Date().getUTCFullYear();

describeWithService('chromium', 'the yearly report page in Chromium', () => {
  let platform: Platform;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let seen: ReturnType<typeof watch>;
  let page: Page;

  beforeAll(async () => {
    platform = await startPlatform({ persons: 300 });
    origin = new URL(platform.gatewayUrl).origin;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    seen = watch(context);
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('takes the bureau from the top bar to the report of the year it asks for, drawn under its own policy', async () => {
    await devSignIn(page, origin, {
      department: 'big-data-bureau',
      application: 'shujutong-gateway',
      operator: 'report-analyst',
    });
    await page.getByRole('link', { name: '年度报告 Yearly report' }).click();
    await page.waitForURL(`${origin}/report`);
    await page.selectOption('select[name=year]', String(YEAR));
    await Promise.all([
      page.waitForURL(new RegExp(`/report\\?year=${YEAR}`)),
      page.getByRole('button', { name: '查看 View' }).click(),
    ]);
    await page.locator('[data-chart] canvas').first().waitFor();
    const charts = await page.locator('[data-chart]').count();
    expect(charts).toBeGreaterThan(3);
    // Every chart drew something: inked pixels in more than two colours.
    const blank = (await chartPixels(page)).filter((c) => c.colours < 3 || c.inked < 200);
    expect(blank).toEqual([]);
    expect(await page.locator('h1').first().textContent()).toContain(`${YEAR}`);
    expect(seen.problems).toEqual([]);
    expect(offMachine(seen.requests)).toEqual([]);
  });

  it('shows another department no link, and refuses it the page', async () => {
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    try {
      await devSignIn(otherPage, origin, {
        department: 'civil-affairs',
        application: 'minimum-living-allowance',
      });
      await otherPage.locator('.sjt-topbar').waitFor();
      expect(await otherPage.getByRole('link', { name: '年度报告 Yearly report' }).count()).toBe(0);
      const res = await otherPage.goto(`${origin}/report?year=${YEAR}`);
      expect(res!.status()).toBe(403);
    } finally {
      await other.close();
    }
  });
});
