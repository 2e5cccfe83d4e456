/**
 * A PNG of a yearly report's cover and city section for the README, taken in headless Chromium
 * from the HTML file as a reader opens it (file://, no network):
 *
 *   npx tsx test/e2e/yearly-report/report-screenshot.ts <report.html> <out.png>
 *   npx tsx test/e2e/yearly-report/report-screenshot.ts --sample <out.png>   (the sample report)
 *
 * It lives beside the browser test and uses its driver and the sample report (test/), which
 * scripts/ may not import. Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium) and CJK
 * fonts (fonts-noto-cjk).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderReportHtml } from '../../../gateway/yearly-report/html/report-html';
import { launchChromium } from '../workbench/workbench-driver';
import { sampleReport } from './sample-report';

const WIDTH = 1280;

// The page's globals, for the functions run in it: the project compiles without the DOM library.
declare const document: any;
declare const window: any;

async function main(): Promise<void> {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: report-screenshot.ts <report.html | --sample> <out.png>');
    process.exit(2);
  }
  let file = path.resolve(input);
  let temporary: string | undefined;
  if (input === '--sample') {
    temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'sjt-report-shot-'));
    file = path.join(temporary, 'report.html');
    fs.writeFileSync(file, renderReportHtml(sampleReport()));
  }
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: WIDTH, height: 900 },
      locale: 'zh-CN',
      offline: true,
    });
    const page = await context.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-charts-drawn'));
    // The cover and the city's section: down to where the next section starts (a department's
    // report has no city section, so its cover alone).
    const bottom = await page.evaluate(() => {
      const end = document.querySelector('#city') ?? document.querySelector('.cover');
      return end ? Math.ceil(end.getBoundingClientRect().bottom + window.scrollY) : 900;
    });
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    await page.screenshot({
      path: output,
      fullPage: true,
      clip: { x: 0, y: 0, width: WIDTH, height: bottom },
    });
    console.log(`wrote ${output} (${WIDTH}×${bottom})`);
  } finally {
    await browser.close();
    if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
