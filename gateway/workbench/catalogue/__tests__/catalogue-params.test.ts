import fs from 'node:fs';
import { loadCatalogueDeclaration } from '../../../../contracts/catalogue/catalogue-file';
import { buildResourceCatalogue } from '../../../../contracts/catalogue/resource-catalogue';
import { HttpError } from '../../../../contracts/http/http-error';
import { SUPERGRAPH_PATH } from '../../../../contracts/schema-files';
import { catalogueFacets } from '../catalogue-facets';
import { exportRequest, listFilter } from '../catalogue-params';
import { asciiFilename, attachment, encodeExtValue } from '../content-disposition';

const catalogue = buildResourceCatalogue(
  fs.readFileSync(SUPERGRAPH_PATH, 'utf8'),
  loadCatalogueDeclaration(),
);
const url = (query: string) => new URL(`http://gateway.test/x?${query}`);

function refusal(run: () => unknown): HttpError {
  try {
    run();
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('catalogue query parameters', () => {
  it('reads every filter, empty ones as absent', () => {
    expect(
      listFilter(
        url('search=出生&owner=public-security&level=CONDITIONAL&resource=Person&open=NOT_OPEN'),
        catalogue,
      ),
    ).toEqual({
      search: '出生',
      owner: 'public-security',
      level: 'CONDITIONAL',
      resource: 'Person',
      openAttribute: 'NOT_OPEN',
    });
    expect(listFilter(url('owner=&search='), catalogue)).toMatchObject({
      owner: null,
      search: null,
    });
  });

  it.each([
    ['owner=nobody', /owner: "nobody" is not a registered department/],
    ['level=OPEN', /level: "OPEN" is not a sharing level/],
    ['open=YES', /open: "YES" is not an open attribute/],
    ['resource=Nothing', /resource: "Nothing" is no resource/],
    [`search=${'x'.repeat(101)}`, /search: at most 100 characters/],
    ['owner=statistics&owner=credit-office', /"owner" is given more than once/],
    ['format=xlsx', /unknown parameter "format"/],
  ])('refuses %s with 400 BAD_USER_INPUT', (query, message) => {
    const err = refusal(() => listFilter(url(query), catalogue));
    expect([err.status, err.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(err.message).toMatch(message);
  });

  it('reads an export request, xlsx by default', () => {
    expect(exportRequest(url(''), catalogue)).toEqual({ format: 'xlsx', owner: null });
    expect(exportRequest(url('format=csv&owner=statistics'), catalogue)).toEqual({
      format: 'csv',
      owner: 'statistics',
    });
    expect(refusal(() => exportRequest(url('format=pdf'), catalogue)).message).toMatch(
      /format: "pdf" is not an export format; expected xlsx, csv, json/,
    );
    expect(refusal(() => exportRequest(url('owner=../../etc'), catalogue)).status).toBe(400);
    expect(refusal(() => exportRequest(url('level=NONE'), catalogue)).message).toMatch(
      /unknown parameter "level"/,
    );
  });
});

describe('catalogue facets', () => {
  it('counts each facet under every filter but its own', () => {
    const facets = catalogueFacets(catalogue, { owner: 'statistics', openAttribute: 'NOT_OPEN' });
    const statistics = facets.owners.find((o) => o.code === 'statistics')!;
    expect(statistics).toEqual({
      code: 'statistics',
      name: '统计局',
      count: catalogue.items({ owner: 'statistics', openAttribute: 'NOT_OPEN' }).length,
    });
    expect(facets.owners.find((o) => o.code === 'public-security')!.count).toBe(
      catalogue.items({ owner: 'public-security', openAttribute: 'NOT_OPEN' }).length,
    );
    expect(facets.openAttributes.map((o) => [o.code, o.name])).toEqual([
      ['UNCONDITIONAL_OPEN', '无条件开放'],
      ['CONDITIONAL_OPEN', '有条件开放'],
      ['NOT_OPEN', '不予开放'],
    ]);
    expect(facets.openAttributes[0].count).toBe(
      catalogue.items({ owner: 'statistics', openAttribute: 'UNCONDITIONAL_OPEN' }).length,
    );
    expect(facets.levels.map((l) => l.code)).toEqual(['UNCONDITIONAL', 'CONDITIONAL', 'NONE']);
    expect(facets.resources.find((r) => r.type === 'Person')).toMatchObject({
      code: '101001001/000001',
      name: '人口基本信息',
      count: 0,
    });
  });
});

describe('Content-Disposition', () => {
  it('carries an ASCII name and the UTF-8 name percent-encoded (RFC 6266, RFC 8187)', () => {
    expect(attachment('a b.csv', '目录 a.csv')).toBe(
      `attachment; filename="a_b.csv"; filename*=UTF-8''%E7%9B%AE%E5%BD%95%20a.csv`,
    );
  });

  it('leaves no character that could end the header or the parameter', () => {
    const nasty = 'x";\r\nSet-Cookie: a=b\'()*%';
    expect(asciiFilename(nasty)).toMatch(/^[A-Za-z0-9._-]+$/);
    expect(encodeExtValue(nasty)).toMatch(/^[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
    expect(decodeURIComponent(encodeExtValue(nasty))).toBe(nasty);
  });
});
