/**
 * The resource catalogue through a real platform: Query.catalogue with the catalogue guide's
 * metadata and its new filters, and the workbench's catalogue routes (JSON with facets, and
 * the XLSX, CSV and JSON exports), reached with a program's token or an analyst's session; and
 * what they refuse: no credentials, a session without its CSRF token on the JSON route,
 * unknown or repeated parameters, header injection through the owner.
 */
import ExcelJS from 'exceljs';
import { departmentCreditCode } from '../../../domain/departments';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { SessionBrowser } from './sessions-browser';

const EDUCATION = { department: 'education', application: null, operator: 'teacher-1' };
/** A JSON answer, its shape for the assertions to check. */
const bodyOf = (res: Response): Promise<any> => res.json();
const CATALOGUE_FIELDS = `coordinate resourceName resourceCode resourceSummary providerCode
  classification { class { code name } section { code name } division { code name } subdivision { code name } }
  resourceFormat { category type } sharingMethod openAttribute openCondition updateCycle publishedOn relatedResourceCodes`;

describe('the resource catalogue (政务信息资源目录)', () => {
  let platform: Platform;
  let origin: string;
  let auth: Record<string, string>;

  beforeAll(async () => {
    platform = await startPlatform({ persons: 200 });
    origin = new URL(platform.gatewayUrl).origin;
    auth = await platform.headers(EDUCATION);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const graphql = (query: string) => postGraphQL(platform.gatewayUrl, query, {}, auth);
  const get = (path: string, headers: Record<string, string> = auth) =>
    fetch(`${origin}${path}`, { headers });

  describe('as GraphQL', () => {
    it("serves every entry with the guide's metadata", async () => {
      const { body } = await graphql(
        `{ catalogue(search: "出生日期", owner: "public-security") { totalCount nodes { ${CATALOGUE_FIELDS} } } }`,
      );
      expect(body.errors).toBeUndefined();
      const birth = body.data!.catalogue.nodes.find(
        (n: any) => n.coordinate === 'Person.birthDate',
      );
      expect(birth).toEqual({
        coordinate: 'Person.birthDate',
        resourceName: '人口基本信息',
        resourceCode: '101001001/000001',
        resourceSummary: expect.stringContaining('南通市'),
        providerCode: departmentCreditCode('public-security'),
        classification: {
          class: { code: '1', name: '基础信息资源类' },
          section: { code: '01', name: '人口' },
          division: { code: '001', name: '户籍人口' },
          subdivision: { code: '001', name: '人口基本信息' },
        },
        resourceFormat: { category: 'DATABASE', type: 'MySQL' },
        sharingMethod: 'INTERFACE',
        openAttribute: 'NOT_OPEN',
        openCondition: null,
        updateCycle: 'REAL_TIME',
        publishedOn: '2017-12-29',
        relatedResourceCodes: expect.arrayContaining(['101001002/000001']),
      });
    });

    it('filters by resource (code or type) and open attribute', async () => {
      const { body } = await graphql(`
        {
          byCode: catalogue(resource: "107001001/000001", openAttribute: NOT_OPEN, first: 100) {
            totalCount
            nodes {
              coordinate
              resourceCode
              openAttribute
            }
          }
          byType: catalogue(resource: "CityPart", openAttribute: NOT_OPEN, first: 100) {
            totalCount
          }
          open: catalogue(openAttribute: UNCONDITIONAL_OPEN, level: CONDITIONAL) {
            totalCount
          }
        }
      `);
      expect(body.errors).toBeUndefined();
      const { byCode, byType, open } = body.data!;
      expect(byCode.totalCount).toBe(byType.totalCount);
      expect(byCode.nodes.map((n: any) => n.coordinate)).toEqual(
        expect.arrayContaining([
          'CityPart.inspectionNote',
          'CityPart.assetLedgerNumber',
          'Custodian.dutyPhone',
        ]),
      );
      for (const n of byCode.nodes)
        expect([n.resourceCode, n.openAttribute]).toEqual(['107001001/000001', 'NOT_OPEN']);
      // Nothing shared only on condition is open to everyone.
      expect(open.totalCount).toBe(0);
    });

    it('refuses a resource it does not have', async () => {
      const { body } = await graphql('{ catalogue(resource: "999001001/000001") { totalCount } }');
      expect(body.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        argumentName: 'resource',
      });
    });
  });

  describe('in the workbench', () => {
    it('answers the catalogue page with the filtered entries and facets', async () => {
      const res = await get(
        '/workbench/api/catalogue?owner=public-security&level=CONDITIONAL&open=NOT_OPEN',
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const { items, facets } = await bodyOf(res);
      expect(items.length).toBeGreaterThan(3);
      for (const i of items)
        expect([i.owner, i.sharingLevel, i.openAttribute]).toEqual([
          'public-security',
          'CONDITIONAL',
          'NOT_OPEN',
        ]);
      expect(items.find((i: any) => i.coordinate === 'Person.phone')).toMatchObject({
        ownerDepartment: { code: 'public-security', name: '公安局' },
        resourceCode: '101001001/000001',
        mask: 'PHONE',
        classification: { section: { code: '01', name: '人口' } },
      });
      expect(facets.owners).toContainEqual({
        code: 'public-security',
        name: '公安局',
        count: items.length,
      });
      expect(facets.levels.map((l: any) => l.code)).toEqual([
        'UNCONDITIONAL',
        'CONDITIONAL',
        'NONE',
      ]);
      expect(facets.resources).toContainEqual(
        expect.objectContaining({ code: '101001001/000001', name: '人口基本信息', type: 'Person' }),
      );
      const byResource = await bodyOf(
        await get('/workbench/api/catalogue?resource=101001002%2F000001&search=户'),
      );
      expect(byResource.items.length).toBeGreaterThan(0);
      for (const i of byResource.items) expect(i.resourceName).toBe('户籍户信息');
    });

    it('exports one owner as the guide table (XLSX), as CSV with a BOM, and as JSON', async () => {
      const res = await get('/workbench/catalogue/export?format=xlsx&owner=public-security');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const disposition = res.headers.get('content-disposition')!;
      expect(disposition).toMatch(
        /^attachment; filename="resource-catalogue_public-security_\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/,
      );
      expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toMatch(
        /^南通市政务信息资源目录_公安局_\d{4}-\d{2}-\d{2}\.xlsx$/,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await res.arrayBuffer());
      const sheet = workbook.getWorksheet('政务信息资源目录')!;
      expect(String(sheet.getCell(1, 1).value)).toMatch(/^南通市政务信息资源目录（公安局）/);
      const header = (sheet.getRow(3).values as unknown[]).slice(1);
      expect(header.slice(0, 8)).toEqual([
        '类',
        '项',
        '目',
        '细目',
        '信息资源名称',
        '信息资源代码',
        '信息资源提供方',
        '提供方代码',
      ]);
      const at = (name: string) => header.indexOf(name) + 1;
      let found = 0;
      sheet.eachRow((row, n) => {
        if (n < 4) return;
        expect(row.getCell(at('信息资源提供方')).value).toBe('公安局');
        if (row.getCell(at('信息项名称')).value !== 'Person.birthDate') return;
        found += 1;
        expect(row.getCell(at('信息资源代码')).value).toBe('101001001/000001');
        expect(row.getCell(at('共享类型')).value).toBe('有条件共享');
        expect(row.getCell(at('开放类型')).value).toBe('不予开放');
      });
      expect(found).toBe(1);

      const csv = await get('/workbench/catalogue/export?format=csv');
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toContain('resource-catalogue_all_');
      const bytes = Buffer.from(await csv.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(bytes.toString('utf8')).toMatch(/\r\n[^\r\n]*,Person\.birthDate,/);

      const json = await bodyOf(
        await get('/workbench/catalogue/export?format=json&owner=statistics'),
      );
      expect(json.owner).toBe('statistics');
      expect(json.items.length).toBeGreaterThan(5);
      expect(json.items.every((i: any) => i.owner === 'statistics')).toBe(true);
    });

    it('refuses a caller without credentials or with an expired token (401)', async () => {
      for (const path of ['/workbench/api/catalogue', '/workbench/catalogue/export?format=csv']) {
        const res = await get(path, {});
        expect(res.status).toBe(401);
        expect((await bodyOf(res)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }
      const expired = await platform.headers({
        ...EDUCATION,
        ttlSeconds: 60,
        issuedAt: new Date(Date.now() - 3_600_000),
      });
      expect((await get('/workbench/catalogue/export', expired)).status).toBe(401);
    });

    it.each([
      ['/workbench/api/catalogue?owner=nobody', /owner: "nobody" is not a registered department/],
      ['/workbench/api/catalogue?level=SECRET', /level: "SECRET" is not a sharing level/],
      ['/workbench/api/catalogue?open=maybe', /open: "maybe" is not an open attribute/],
      ['/workbench/api/catalogue?resource=Nothing', /resource: "Nothing" is no resource/],
      ['/workbench/api/catalogue?owner=statistics&owner=tax', /given more than once/],
      ['/workbench/catalogue/export?format=pdf', /format: "pdf" is not an export format/],
      [
        '/workbench/catalogue/export?owner=public-security%0d%0aSet-Cookie:%20sjt_session=x',
        /is not a registered department/,
      ],
      ['/workbench/catalogue/export?format=csv&search=x', /unknown parameter "search"/],
    ])('refuses %s with 400 BAD_USER_INPUT', async (path, message) => {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(res.headers.get('set-cookie')).toBeNull();
      const { errors } = await bodyOf(res);
      expect(errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(errors[0].message).toMatch(message);
    });

    it("takes an analyst's session: the export by a plain link, the JSON only with the CSRF token", async () => {
      const browser = new SessionBrowser();
      const signIn = await browser.postForm(
        `${origin}/auth/dev/sign-in`,
        {
          department: 'civil-affairs',
          application: 'minimum-living-allowance',
          operator: 'analyst-7',
          roles: '',
          next: '/catalogue',
        },
        `${origin}/auth/sign-in`,
      );
      expect(signIn.status).toBe(303);
      const { csrfToken } = await bodyOf(await browser.request(`${origin}/auth/session`));
      const link = await browser.request(
        `${origin}/workbench/catalogue/export?format=json&owner=credit-office`,
      );
      expect(link.status).toBe(200);
      expect((await bodyOf(link)).items.every((i: any) => i.owner === 'credit-office')).toBe(true);
      const forged = await browser.request(`${origin}/workbench/api/catalogue`);
      expect(forged.status).toBe(403);
      const page = await browser.request(`${origin}/workbench/api/catalogue?search=红黑名单`, {
        headers: { 'x-csrf-token': csrfToken },
      });
      expect(page.status).toBe(200);
      expect((await bodyOf(page)).items.length).toBeGreaterThan(0);
    });
  });
});
