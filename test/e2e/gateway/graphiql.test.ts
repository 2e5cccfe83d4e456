import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { describeWithService } from '../../utils/services';
import { Platform, startPlatform } from '../../utils/platform';
import {
  devSession,
  launchChromium,
  offMachine,
  runQuery,
  waitForSchema,
  watch,
} from '../workbench/workbench-driver';

/** The page's script and stylesheet URLs, in document order. */
function assetUrls(html: string): string[] {
  return [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]);
}

describe('the self-hosted workbench page (GraphiQL)', () => {
  let platform: Platform;
  let origin: string;
  let cookie: string;

  beforeAll(async () => {
    platform = await startPlatform({ persons: 300 });
    origin = new URL(platform.gatewayUrl).origin;
    const signedIn = await devSession(origin, { department: 'big-data-bureau' });
    cookie = `${signedIn.cookie.name}=${signedIn.cookie.value}`;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const page = (url: string, headers: Record<string, string> = {}) =>
    fetch(url, {
      headers: { accept: 'text/html,application/xhtml+xml', ...headers },
      redirect: 'manual',
    });

  it('sends a browser that is not signed in to sign in, and back to the page it asked for', async () => {
    for (const [url, next] of [
      [platform.gatewayUrl, '/graphql'],
      [`${origin}/`, '/'],
      [`${origin}/catalogue`, '/catalogue'],
    ]) {
      const res = await page(url);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/auth/sign-in?next=${encodeURIComponent(next)}`);
    }
    // A forged or foreign cookie is no session.
    const forged = await page(platform.gatewayUrl, {
      cookie: 'sjt_session=eyJhbGciOiJub25lIn0.e30.',
    });
    expect(forged.status).toBe(303);
  });

  it('serves the signed-in analyst the workbench at GET /graphql, under a same-origin CSP, with nothing to paste', async () => {
    const res = await page(platform.gatewayUrl, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    const html = await res.text();
    expect(html).toContain('<div id="workbench"');
    expect(html).not.toMatch(/Authorization|paste your token/);
  });

  it('does not answer a GraphQL client (no Accept: text/html) with the page', async () => {
    const res = await fetch(platform.gatewayUrl, {
      headers: { accept: 'application/json', cookie },
    });
    expect(res.headers.get('content-type')).not.toMatch(/text\/html/);
  });

  it('serves every script and stylesheet of its pages itself, gzipped and cached by etag', async () => {
    const urls = new Set<string>();
    for (const url of [platform.gatewayUrl, `${origin}/catalogue`])
      assetUrls(await (await page(url, { cookie })).text()).forEach((u) => urls.add(u));
    expect(urls.size).toBeGreaterThanOrEqual(15);
    for (const url of urls) {
      // Relative to the gateway: nothing names another host.
      expect(url).toMatch(/^\/graphiql\/[^/]+$/);
      const res = await fetch(`${origin}${url}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(
        url.endsWith('.css') ? /^text\/css/ : /^text\/javascript/,
      );
      const etag = res.headers.get('etag')!;
      const again = await fetch(`${origin}${url}`, { headers: { 'if-none-match': etag } });
      expect(again.status).toBe(304);
    }
    // Compressed for a browser that takes gzip (fetch inflates it), plain for one that does not.
    const zipped = await fetch(`${origin}/graphiql/graphiql.min.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const installed = fs.readFileSync(
      path.join(path.dirname(require.resolve('graphiql/package.json')), 'graphiql.min.js'),
    );
    expect(Buffer.from(await zipped.arrayBuffer()).equals(installed)).toBe(true);
    const plain = await fetch(`${origin}/graphiql/graphiql.min.js`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Number(plain.headers.get('content-length'))).toBe(installed.length);
  });

  it('refuses asset names that are not on its list', async () => {
    for (const probe of [
      '/graphiql/package.json',
      '/graphiql/../package.json',
      '/graphiql/%2e%2e/config.ts',
      '/graphiql/workbench/sjt-core.js',
      '/graphiql/__tests__/browser-scripts.ts',
    ]) {
      const res = await fetch(`${origin}${probe}`);
      expect(res.status).toBe(404);
    }
  });

  describeWithService('chromium', 'in Chromium', () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('loads the schema for a signed-in analyst and runs the example query with nothing pasted, every request staying on this machine', async () => {
      const context = await browser.newContext();
      const seen = watch(context);
      const signedIn = await devSession(origin, { department: 'big-data-bureau' });
      await context.addCookies([{ ...signedIn.cookie, url: origin }]);
      const tab = await context.newPage();
      await tab.goto(platform.gatewayUrl);
      await waitForSchema(tab);
      const result = await runQuery(tab, 'ExampleAcrossSubgraphs');
      await context.close();

      expect(result.errors).toBeUndefined();
      expect(result.data.legalEntities.nodes.length).toBeGreaterThan(0);
      expect(offMachine(seen.requests)).toEqual([]);
      // Introspection and the query itself went to the gateway's endpoint.
      expect(
        seen.requests.filter((u) => u.startsWith(`${platform.gatewayUrl} `)).length,
      ).toBeGreaterThanOrEqual(2);
      expect(seen.problems).toEqual([]);
    });
  });
});
