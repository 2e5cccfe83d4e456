import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { CHROMIUM_PATH } from '../../utils/service-probe';
import { describeWithService } from '../../utils/services';
import { Platform, startPlatform } from '../../utils/platform';

/** The page's script and stylesheet URLs, in document order. */
function assetUrls(html: string): string[] {
  return [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]);
}

describe('self-hosted GraphiQL', () => {
  let platform: Platform;
  let origin: string;

  beforeAll(async () => {
    platform = await startPlatform({ persons: 300 });
    origin = new URL(platform.gatewayUrl).origin;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('serves the GraphiQL page to a browser asking GET /graphql for HTML, under a same-origin CSP', async () => {
    const res = await fetch(platform.gatewayUrl, {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(res.headers.get('content-security-policy')).toMatch(/connect-src 'self'/);
    const html = await res.text();
    expect(html).toContain('<div id="graphiql">');
    expect(html).toMatch(/Authorization/);
  });

  it('does not answer a GraphQL client (no Accept: text/html) with the page', async () => {
    const res = await fetch(platform.gatewayUrl, { headers: { accept: 'application/json' } });
    expect(res.headers.get('content-type')).not.toMatch(/text\/html/);
  });

  it('serves every script and stylesheet of the page itself, from the installed packages', async () => {
    const html = await (
      await fetch(platform.gatewayUrl, { headers: { accept: 'text/html' } })
    ).text();
    const urls = assetUrls(html);
    expect(urls.length).toBeGreaterThanOrEqual(5);
    for (const url of urls) {
      // Relative to the gateway: nothing names another host.
      expect(url).toMatch(/^\/[^/]/);
      const res = await fetch(`${origin}${url}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(
        url.endsWith('.css') ? /^text\/css/ : /^text\/javascript/,
      );
    }
    const served = Buffer.from(
      await (await fetch(`${origin}/graphiql/graphiql.min.js`)).arrayBuffer(),
    );
    const installed = fs.readFileSync(
      path.join(path.dirname(require.resolve('graphiql/package.json')), 'graphiql.min.js'),
    );
    expect(served.equals(installed)).toBe(true);
  });

  it('refuses asset names that are not on its list', async () => {
    for (const probe of [
      '/graphiql/package.json',
      '/graphiql/../package.json',
      '/graphiql/%2e%2e/config.ts',
    ]) {
      const res = await fetch(`${origin}${probe}`);
      expect(res.status).toBe(404);
    }
  });

  describeWithService('chromium', 'in Chromium', () => {
    let browser: Browser;

    beforeAll(async () => {
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('loads GraphiQL without a token, and runs the example query with a pasted one, every request staying on this machine', async () => {
      const page = await browser.newPage();
      const requested: string[] = [];
      const problems: string[] = [];
      const refused: number[] = [];
      page.on('request', (r) => requested.push(r.url()));
      page.on('response', (r) => r.status() === 401 && refused.push(r.status()));
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      await page.goto(platform.gatewayUrl);
      await page.waitForSelector('.graphiql-container', { timeout: 30_000 });
      // Before a token is pasted, the schema fetch is refused: the page itself is open, the data is not.
      for (const until = Date.now() + 10_000; refused.length === 0 && Date.now() < until;)
        await page.waitForTimeout(100);
      expect(refused.length).toBeGreaterThan(0);
      problems.splice(0, problems.length, ...problems.filter((p) => !/status of 401/.test(p)));
      // Paste the token as a newcomer would: into the headers pane, replacing the placeholder.
      const headers = JSON.stringify(await platform.headers({ department: 'big-data-bureau' }));
      await page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror').click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.insertText(headers);
      await page.click('.graphiql-execute-button');
      // A locator rather than a page function: the page's CSP (rightly) forbids eval.
      await page.locator('.result-window', { hasText: '"data"' }).waitFor({ timeout: 30_000 });
      const result = await page.textContent('.result-window');
      await page.close();

      expect(result).not.toContain('"errors"');
      expect(requested.length).toBeGreaterThan(0);
      const hosts = new Set(requested.map((u) => new URL(u).hostname));
      expect([...hosts].filter((h) => h !== '127.0.0.1' && h !== 'localhost')).toEqual([]);
      // Introspection and the query itself went to the gateway's endpoint.
      expect(requested.filter((u) => u === platform.gatewayUrl).length).toBeGreaterThanOrEqual(2);
      expect(problems).toEqual([]);
    });
  });
});
