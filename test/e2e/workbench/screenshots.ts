/**
 * Screenshots of the workbench's main screens for the README: starts a platform (seeded demo
 * city, every subgraph, the gateway) and the local OpenID provider on loopback, drives headless
 * Chromium through an analyst's path (sign in, read a field's access, a query marked before it
 * runs, the sharing application, the approved query, the catalogue) and writes PNGs.
 *
 *   npm run screenshots [-- --out docs/screenshots]
 *   (npx tsx test/e2e/workbench/screenshots.ts [--out docs/screenshots])
 *
 * It lives beside the browser test, not in scripts/: it starts the platform with the test
 * utilities (startPlatform, the local OpenID provider), which scripts/ may not import.
 *
 * Needs Chromium (CHROMIUM_PATH, default /usr/bin/chromium) and CJK fonts (fonts-noto-cjk).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import {
  devSignIn,
  eventually,
  launchChromium,
  openFieldDocs,
  runQuery,
  setQuery,
  showPlugin,
  waitForSchema,
} from './workbench-driver';
import { postGraphQL } from '../../utils/graphql-client';
import { startLocalOidcProvider, workbenchSettingsFor } from '../../utils/local-oidc-provider';
import { startPlatform } from '../../utils/platform';

const QUERY = `# 税务检查：企业实缴资本与联系电话
# Tax inspection: paid-in capital and the contact phone
query TaxCheck {
  legalEntities(first: 5) {
    nodes {
      creditCode
      name
      paidInCapital
      contactPhone
    }
  }
}
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: 'docs/screenshots' } },
  });
  const out = path.resolve(values.out!);
  fs.mkdirSync(out, { recursive: true });
  const shot = async (page: Page, name: string) => {
    const file = path.join(out, `${name}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  };

  const idp = await startLocalOidcProvider();
  const platform = await startPlatform({
    persons: 2000,
    gateway: { workbench: workbenchSettingsFor(idp) },
  });
  const browser = await launchChromium();
  try {
    const origin = new URL(platform.gatewayUrl).origin;
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();

    await page.goto(platform.gatewayUrl);
    await page.waitForURL(/\/auth\/sign-in/);
    await page.selectOption('#dev-department', 'tax');
    await page.selectOption('#dev-application', 'tax-collection');
    await shot(page, '01-sign-in');

    await devSignIn(page, origin, {
      department: 'tax',
      application: 'tax-collection',
      operator: 'tax-analyst-07',
    });
    await waitForSchema(page);
    await openFieldDocs(page, 'LegalEntity', 'contactPhone');
    // The example query's masked field, marked by the dry-run.
    await page.locator('.graphiql-query-editor .sjt-masked').first().waitFor();
    await shot(page, '02-field-access');

    await setQuery(page, QUERY);
    await page.locator('.graphiql-query-editor .sjt-withheld').first().waitFor();
    await showPlugin(page, '数据共享 Sharing');
    await page.getByRole('tab', { name: '本查询 This query' }).click();
    await shot(page, '03-marked-before-running');

    await runQuery(page, 'TaxCheck');
    await page.getByRole('button', { name: '申请共享 Apply for access' }).first().click();
    const form = page.locator('form.sjt-apply');
    await form
      .locator('select[name=purpose] option[value="TAX_ADMINISTRATION"]')
      .waitFor({ state: 'attached' });
    await form
      .locator('textarea[name=justification]')
      .fill('《税收征收管理法》第五十四条：税务检查中需联系纳税人核实申报情况。');
    await form.locator('input[name=validUntil]').fill('2026-12-31');
    await shot(page, '04-apply-for-access');

    await form.getByRole('button', { name: '提交申请 Submit application' }).click();
    const fresh = page.locator('.sjt-application.sjt-fresh');
    await fresh.waitFor();
    const applicationId = await fresh.getAttribute('data-application');
    const owner = await platform.headers({
      department: 'market-regulation',
      operator: 'mr-steward-02',
    });
    const queue = await postGraphQL(
      platform.gatewayUrl,
      '{ sharingRequests(status: PENDING, first: 100) { nodes { id sharingApplication { id } } } }',
      {},
      owner,
    );
    const request = (queue.body.data!.sharingRequests.nodes as any[]).find(
      (r) => r.sharingApplication.id === applicationId,
    );
    await postGraphQL(
      platform.gatewayUrl,
      'mutation($id: ID!) { approveSharingRequest(id: $id) { status } }',
      { id: request.id },
      owner,
    );
    await page.getByRole('button', { name: '刷新 Refresh' }).click();
    await page
      .locator(`.sjt-application[data-application="${applicationId}"][data-status="APPROVED"]`)
      .waitFor();
    await eventually(
      () => page.locator('.graphiql-query-editor .sjt-withheld').count(),
      (n) => n === 0,
    );
    await runQuery(page, 'TaxCheck');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    await download.path();
    await page.locator('.sjt-notice-ok').waitFor();
    await shot(page, '05-approved-and-exported');

    await Promise.all([page.waitForURL(`${origin}/catalogue`), page.click('a[href="/catalogue"]')]);
    await page.selectOption('select[name=owner]', 'public-security');
    await page.selectOption('select[name=level]', 'CONDITIONAL');
    await page.waitForURL(/owner=public-security&level=CONDITIONAL/);
    await page.locator('.sjt-table tbody tr').first().waitFor();
    await shot(page, '06-catalogue');
    await context.close();
  } finally {
    await browser.close();
    await platform.stop();
    await idp.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  },
);
