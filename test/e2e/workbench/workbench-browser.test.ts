/**
 * The analysts' workbench in headless Chromium, as issue 10 accepts it: sign in (the local
 * OpenID provider, the development sign-in), the schema loads with nothing pasted, the
 * documentation pane shows a field's class and the analyst's access, a withheld field is marked
 * before running, an access request made from the refused query is approved by the owner and
 * the query then runs in the clear, a result and the catalogue are exported, and no request
 * leaves the machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { postGraphQL } from '../../utils/graphql-client';
import {
  LocalOidcProvider,
  startLocalOidcProvider,
  workbenchSettingsFor,
} from '../../utils/local-oidc-provider';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import {
  devSignIn,
  eventually,
  launchChromium,
  offMachine,
  openFieldDocs,
  runQuery,
  setQuery,
  showPlugin,
  textOnceShown,
  waitForSchema,
  watch,
} from './workbench-driver';

/** The tax bureau holds a grant for paid-in capital, not for the contact phone (demo world). */
const TAX_QUERY = `query TaxCheck {
  legalEntities(first: 3) {
    nodes {
      creditCode
      name
      paidInCapital
      contactPhone
    }
  }
}`;

const SHARING = '数据共享 Sharing';

describeWithService('chromium', 'the analysts’ workbench in Chromium', () => {
  let idp: LocalOidcProvider;
  let platform: Platform;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let seen: ReturnType<typeof watch>;
  let page: Page;
  let downloads: string;

  beforeAll(async () => {
    idp = await startLocalOidcProvider();
    platform = await startPlatform({
      persons: 300,
      gateway: { workbench: workbenchSettingsFor(idp) },
    });
    origin = new URL(platform.gatewayUrl).origin;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    seen = watch(context);
    page = await context.newPage();
    downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'sjt-downloads-'));
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await idp?.stop();
    if (downloads) fs.rmSync(downloads, { recursive: true, force: true });
  });

  it('signs in through the local OpenID provider, loads the schema, and signs out for good', async () => {
    const oidc = await context.newPage();
    await oidc.goto(platform.gatewayUrl);
    await oidc.waitForURL(/\/auth\/sign-in\?next=%2Fgraphql/);
    await oidc.click('#oidc-sign-in');
    await oidc.waitForURL((url) => url.origin === idp.issuer);
    await oidc.fill('input[name=login]', 'analyst-civil');
    await oidc.fill('input[name=password]', 'any');
    await oidc.click('button[type=submit]');
    await oidc.waitForURL(platform.gatewayUrl);
    const analyst = await textOnceShown(oidc, '.sjt-analyst', '民政局');
    expect(analyst).toContain('minimum-living-allowance');
    await waitForSchema(oidc);
    const cookie = (await context.cookies(origin)).find((c) => c.name === 'sjt_session')!;
    await Promise.all([
      oidc.waitForURL((url) => !url.href.startsWith(platform.gatewayUrl)),
      oidc.getByRole('button', { name: '退出 Sign out' }).click(),
    ]);
    // The cookie, copied before signing out, opens nothing any more.
    const after = await fetch(`${origin}/auth/session`, {
      headers: { cookie: `${cookie.name}=${cookie.value}` },
    });
    expect(after.status).toBe(401);
    await oidc.close();
  });

  const owner = async (query: string, variables: Record<string, unknown> = {}) => {
    const { body } = await postGraphQL(
      platform.gatewayUrl,
      query,
      variables,
      await platform.headers({ department: 'market-regulation', operator: 'owner-1' }),
    );
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as any;
  };

  it('sends a browser that is not signed in to sign in, and back to the workbench after the development sign-in', async () => {
    await devSignIn(page, origin, { department: 'tax', application: 'tax-collection' });
    const analyst = await textOnceShown(page, '.sjt-analyst', '税务局');
    expect(analyst).toContain('tax-collection');
  });

  it('loads the schema with nothing pasted, and declares the purpose the grants name', async () => {
    await waitForSchema(page);
    expect(await page.locator('#sjt-purpose').inputValue()).toBe('TAX_ADMINISTRATION');
  });

  it('shows a field’s sharing class, owner, condition, mask and the analyst’s access in the documentation pane', async () => {
    await openFieldDocs(page, 'LegalEntity', 'contactPhone');
    const docs = await textOnceShown(page, '.graphiql-doc-explorer-content', '〔共享 Sharing〕');
    expect(docs).toContain('有条件共享 Conditional');
    expect(docs).toContain('你的权限 Your access: 需申请授权 Needs a grant');
    expect(docs).toContain('市场监督管理局');
    expect(docs).toContain('电话 Phone');
    expect(docs).toContain('To contact the entity');
    // The plugin panel speaks of the same field.
    await showPlugin(page, SHARING);
    const panel = await textOnceShown(
      page,
      '.sjt-field-access[data-coordinate="LegalEntity.contactPhone"]',
      '你的权限',
    );
    expect(panel).toContain('需申请授权 Needs a grant');
  });

  it('marks a withheld field in the editor before the query runs', async () => {
    await setQuery(page, TAX_QUERY);
    const mark = page.locator('.graphiql-query-editor .sjt-withheld');
    await mark.first().waitFor();
    expect(await mark.allTextContents()).toEqual(['contactPhone']);
    expect(await mark.getAttribute('title')).toMatch(/LegalEntity\.contactPhone.*无授权 No grant/);
  });

  let applicationId: string;

  it('applies for the refused field from the query, pre-filled, and lists the application with its due date', async () => {
    const refused = await runQuery(page, 'TaxCheck');
    expect(refused.errors.map((e: any) => e.extensions.coordinate)).toContain(
      'LegalEntity.contactPhone',
    );
    await page.getByRole('button', { name: '申请共享 Apply for access' }).first().click();
    const form = page.locator('form.sjt-apply');
    expect(
      await form.locator('input[name=item][value="LegalEntity.contactPhone"]').isChecked(),
    ).toBe(true);
    // The purposes' names load from the graph; the chosen one is selected meanwhile.
    await form.locator('select[name=purpose] option[value="TAX_ADMINISTRATION"]').waitFor({
      state: 'attached',
    });
    expect(await form.locator('select[name=purpose]').inputValue()).toBe('TAX_ADMINISTRATION');
    await form
      .locator('textarea[name=justification]')
      .fill('《税收征收管理法》第五十四条：税务检查中联系纳税人。');
    await form.locator('input[name=validUntil]').fill('2099-12-31');
    await form.getByRole('button', { name: '提交申请 Submit application' }).click();
    const fresh = page.locator('.sjt-application.sjt-fresh[data-status="PENDING"]');
    const listed = await textOnceShown(page, '.sjt-application.sjt-fresh', '答复期限 Due');
    expect(listed).toContain('LegalEntity.contactPhone');
    applicationId = (await fresh.getAttribute('data-application'))!;
  });

  it('runs the same query in the clear once the owner approves', async () => {
    const queue = await owner(
      '{ sharingRequests(status: PENDING, first: 100) { nodes { id items sharingApplication { id } } } }',
    );
    const request = queue.sharingRequests.nodes.find(
      (r: any) => r.sharingApplication.id === applicationId,
    );
    expect(request.items).toEqual(['LegalEntity.contactPhone']);
    await owner('mutation($id: ID!) { approveSharingRequest(id: $id) { status } }', {
      id: request.id,
    });
    await page.getByRole('button', { name: '刷新 Refresh' }).click();
    await page
      .locator(`.sjt-application[data-application="${applicationId}"][data-status="APPROVED"]`)
      .waitFor();
    // The access is re-read: the editor loses its mark, and the query runs with no refusal.
    await eventually(
      () => page.locator('.graphiql-query-editor .sjt-withheld').count(),
      (n) => n === 0,
    );
    const served = await runQuery(page, 'TaxCheck');
    expect(served.errors).toBeUndefined();
    const phones = served.data.legalEntities.nodes.map((n: any) => n.contactPhone);
    const clear = await owner('{ legalEntities(first: 3) { nodes { contactPhone } } }');
    expect(phones).toEqual(clear.legalEntities.nodes.map((n: any) => n.contactPhone));
    expect(phones.join('')).not.toContain('*');
  });

  it('downloads the result as CSV and as Excel', async () => {
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    const csvFile = path.join(downloads, csv.suggestedFilename());
    await csv.saveAs(csvFile);
    const text = fs.readFileSync(csvFile, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('legalEntities.nodes.contactPhone');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await xlsx.path())!);
    const header = workbook.worksheets[0].getRow(1).values as unknown[];
    expect(header).toContain('legalEntities.nodes.contactPhone');
  });

  it('says why an export is refused', async () => {
    await setQuery(page, 'query Broken { legalEntities(first: 3) { nodes { noSuchField } } }');
    await page.getByRole('button', { name: '导出 CSV' }).click();
    const notice = await textOnceShown(page, '.sjt-notice-error', '导出被拒绝 Export refused');
    expect(notice).toContain('noSuchField');
    await setQuery(page, TAX_QUERY);
  });

  it('filters the catalogue and exports it as the guide’s workbook', async () => {
    await Promise.all([page.waitForURL(`${origin}/catalogue`), page.click('a[href="/catalogue"]')]);
    await page.locator('.sjt-table tbody tr').first().waitFor();
    const all = await page.locator('.sjt-table tbody tr').count();
    await page.selectOption('select[name=owner]', 'public-security');
    await page.selectOption('select[name=level]', 'CONDITIONAL');
    await page.waitForURL(/owner=public-security&level=CONDITIONAL/);
    const rows = page.locator('.sjt-table tbody tr');
    await eventually(
      () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-coordinate'))),
      (list) => list.length > 0 && list.length < all && list.includes('Person.birthDate'),
    );
    for (const provider of await rows.locator('td:nth-child(3)').allTextContents())
      expect(provider).toMatch(/^公安局/);
    for (const level of await rows.locator('td:nth-child(6)').allTextContents())
      expect(level).toMatch(/^有条件共享/);
    const filtered = await rows.count();
    await page.fill('input[name=search]', '出生');
    await eventually(
      () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-coordinate'))),
      (list) => list.length < filtered && list.includes('Person.birthDate'),
    );
    await page.waitForURL(/search=%E5%87%BA%E7%94%9F/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Excel' }).click(),
    ]);
    const file = path.join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^南通市政务信息资源目录_公安局_.*\.xlsx$/);
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('政务信息资源目录')!;
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['类', '项', '目', '细目', '信息资源名称', '信息资源代码']);
    const at = (name: string) => header.indexOf(name) + 1;
    const entries: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 3)
        entries.push(
          ['信息项名称', '信息资源提供方', '共享类型'].map((h) => row.getCell(at(h)).value),
        );
    });
    expect(entries).toContainEqual(['Person.birthDate', '公安局', '有条件共享']);
    expect(entries.every((e) => e[1] === '公安局')).toBe(true);
  });

  it('sent no request off the machine, and met no page error', () => {
    expect(seen.requests.length).toBeGreaterThan(10);
    // The identity provider runs on loopback too: nothing at all went elsewhere.
    expect(offMachine(seen.requests)).toEqual([]);
    expect(seen.requests.some((u) => u.startsWith(idp.issuer))).toBe(true);
    // The browser logs every 4xx answer; a 400 to the broken document (its dry-run, its export)
    // is the answer the test asked for.
    const expected =
      /status of 400 \(Bad Request\) \(http:\/\/[^/]+\/workbench\/api\/(dry-run|export)/;
    expect(seen.problems.filter((p) => !expected.test(p))).toEqual([]);
  });
});
