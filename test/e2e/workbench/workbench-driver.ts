/**
 * Drives the workbench in headless Chromium the way an analyst does (sign in, write a query,
 * read the documentation, apply, export), for the browser test and the screenshot script. It
 * waits for what the page shows, never for a fixed time.
 */
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { CHROMIUM_PATH } from '../../utils/service-probe';

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=zh-CN',
    ],
  });
}

/** Every request the context's pages make (URL and the page that made it), and every page error. */
export function watch(context: BrowserContext): { requests: string[]; problems: string[] } {
  const requests: string[] = [];
  const problems: string[] = [];
  context.on('request', (r) => {
    let from = '';
    try {
      from = r.frame().url();
    } catch {
      // a service worker's request has no frame
    }
    requests.push(from ? `${r.url()} (from ${from})` : r.url());
  });
  context.on('page', (page) => {
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const where = m.location().url;
      // The browser's own favicon request (the identity provider has none): not the pages'.
      if (where.endsWith('/favicon.ico')) return;
      problems.push(`console: ${m.text()}${where ? ` (${where})` : ''}`);
    });
  });
  return { requests, problems };
}

/**
 * The requests (as `watch` records them) that would leave the machine: anything but loopback
 * http(s), data: and blob: URLs.
 */
export function offMachine(requests: readonly string[]): string[] {
  return requests.filter((entry) => {
    const url = new URL(entry.split(' (from ')[0]);
    if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
    return !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  });
}

export interface DevIdentity {
  department: string;
  application?: string;
  operator?: string;
  roles?: string;
}

/** Opens `path`, is sent to the sign-in page, and signs in with the development form. */
export async function devSignIn(
  page: Page,
  origin: string,
  who: DevIdentity,
  path = '/graphql',
): Promise<void> {
  await page.goto(`${origin}${path}`);
  await page.waitForURL(/\/auth\/sign-in\?next=/);
  await page.selectOption('#dev-department', who.department);
  await page.selectOption('#dev-application', who.application ?? '');
  await page.fill('#dev-operator', who.operator ?? 'analyst-1');
  await page.fill('#dev-roles', who.roles ?? 'analyst');
  await Promise.all([
    page.waitForURL(`${origin}${path}`),
    page.click('#dev-sign-in button[type=submit], form[action="/auth/dev/sign-in"] button'),
  ]);
}

/** Waits until GraphiQL has built the schema: the documentation explorer lists the root types. */
export async function waitForSchema(page: Page): Promise<void> {
  await page
    .locator('.graphiql-doc-explorer-content', { hasText: 'Root Types' })
    .waitFor({ timeout: 60_000 });
}

/** Replaces the query editor's text, as typing would (CodeMirror sees a change). */
export async function setQuery(page: Page, text: string): Promise<void> {
  await page.locator('.graphiql-query-editor .CodeMirror').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

/** The GraphQL answer the page received to the operation named `operationName`. */
export function graphqlResponse(page: Page, operationName: string): Promise<Response> {
  return page.waitForResponse((r) => {
    if (!r.url().endsWith('/graphql') || r.request().method() !== 'POST') return false;
    try {
      return JSON.parse(r.request().postData() ?? '{}').operationName === operationName;
    } catch {
      return false;
    }
  });
}

/** Runs the editor's operation and returns the parsed GraphQL response. */
export async function runQuery(page: Page, operationName: string): Promise<any> {
  const [response] = await Promise.all([
    graphqlResponse(page, operationName),
    page.click('.graphiql-execute-button'),
  ]);
  return response.json();
}

/** Opens a plugin of GraphiQL's sidebar (unless it is open already). */
export async function showPlugin(page: Page, title: string): Promise<void> {
  const hide = page.getByRole('button', { name: `Hide ${title}`, exact: true });
  if (await hide.count()) return;
  await page.getByRole('button', { name: `Show ${title}`, exact: true }).click();
}

/** Opens a type, then one of its fields, in the documentation explorer. */
export async function openFieldDocs(
  page: Page,
  typeName: string,
  fieldName: string,
): Promise<void> {
  await showPlugin(page, 'Documentation Explorer');
  const explorer = page.locator('.graphiql-doc-explorer');
  // Back to the start, then: All Schema Types → the type → the field.
  for (let back = explorer.locator('.graphiql-doc-explorer-back'); await back.count();)
    await back.first().click();
  await explorer
    .locator('a.graphiql-doc-explorer-type-name', { hasText: new RegExp(`^${typeName}$`) })
    .first()
    .click();
  await explorer.locator('.graphiql-doc-explorer-title', { hasText: typeName }).waitFor();
  await explorer
    .locator('a.graphiql-doc-explorer-field-name', { hasText: new RegExp(`^${fieldName}$`) })
    .first()
    .click();
  await explorer.locator('.graphiql-doc-explorer-title', { hasText: fieldName }).waitFor();
}

/**
 * Polls `read` until `holds` accepts its value (every 100 ms, up to `timeoutMs`), and returns
 * that value; fails with the last value seen. For what a locator cannot wait for by itself.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  holds: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (holds(value)) return value;
    if (Date.now() > until)
      throw new Error(`condition not met within ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the element holds `text`, then returns its whole text. */
export async function textOnceShown(
  page: Page,
  selector: string,
  text: string | RegExp,
): Promise<string> {
  const element = page.locator(selector).filter({ hasText: text }).first();
  await element.waitFor({ timeout: 30_000 });
  return (await element.textContent()) ?? '';
}

/**
 * Signs in through the development form without a browser and returns the session cookie
 * (`name=value`) and the session's answer (csrfToken...), e.g. to hand a browser context a
 * session or to call the workbench's APIs as a page would.
 */
export async function devSession(
  origin: string,
  who: DevIdentity,
): Promise<{ cookie: { name: string; value: string }; session: any }> {
  const form = new URLSearchParams({
    department: who.department,
    application: who.application ?? '',
    operator: who.operator ?? 'analyst-1',
    roles: who.roles ?? 'analyst',
    next: '/',
  });
  const res = await fetch(`${origin}/auth/dev/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: form,
    redirect: 'manual',
  });
  const set = res.headers.getSetCookie().find((c) => c.startsWith('sjt_session='));
  if (res.status !== 303 || !set) throw new Error(`development sign-in refused: ${res.status}`);
  const [name, value] = set.split(';')[0].split('=');
  const session = await (
    await fetch(`${origin}/auth/session`, { headers: { cookie: `${name}=${value}` } })
  ).json();
  return { cookie: { name, value }, session };
}
