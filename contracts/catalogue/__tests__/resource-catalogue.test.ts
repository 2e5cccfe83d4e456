import fs from 'node:fs';
import { classifySchema } from '../../../domain/catalogue/classification';
import { readCatalogueDeclaration } from '../../../domain/catalogue/catalogue-reading';
import { isValidCreditCode } from '../../../domain/credit-code';
import { departmentCreditCode } from '../../../domain/departments';
import { SUPERGRAPH_PATH } from '../../schema-files';
import { SUBGRAPHS } from '../../subgraph-directory';
import { CatalogueBuildError, loadCatalogueDeclaration } from '../catalogue-file';
import { catalogueFilterProblem } from '../catalogue-filter';
import { buildResourceCatalogue } from '../resource-catalogue';

const supergraph = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
const catalogue = buildResourceCatalogue(supergraph, loadCatalogueDeclaration());
const item = (coordinate: string) => catalogue.items().find((i) => i.coordinate === coordinate);

describe('resource catalogue (资源目录)', () => {
  it('lists every classified field of the supergraph once, in coordinate order', () => {
    const coordinates = catalogue.items().map((i) => i.coordinate);
    expect(new Set(coordinates).size).toBe(coordinates.length);
    expect(coordinates).toEqual(
      [...classifySchema(supergraph).fields.map((f) => f.coordinate)].sort(),
    );
    expect(coordinates).toContain('Query.catalogue');
  });

  it("gives a data item its resource, owner, sharing attributes and the guide's metadata", () => {
    expect(item('Person.birthDate')).toEqual({
      coordinate: 'Person.birthDate',
      resource: 'Person',
      resourceDescription: 'A resident (居民).',
      item: 'birthDate',
      dataType: 'Date',
      owner: 'public-security',
      subgraphs: ['population'],
      sharingLevel: 'CONDITIONAL',
      condition: 'Needed to establish age-based eligibility (pensions, schooling, subsidies).',
      mask: 'DATE',
      description: '出生日期',
      resourceName: '人口基本信息',
      resourceCode: '101001001/000001',
      resourceSummary: expect.stringContaining('公民身份号码'),
      classification: {
        class: { code: '1', name: '基础信息资源类' },
        section: { code: '01', name: '人口' },
        division: { code: '001', name: '户籍人口' },
        subdivision: { code: '001', name: '人口基本信息' },
      },
      providerCode: departmentCreditCode('public-security'),
      resourceFormat: { category: 'DATABASE', type: 'MySQL' },
      sharingMethod: 'INTERFACE',
      openAttribute: 'NOT_OPEN',
      openCondition: null,
      updateCycle: 'REAL_TIME',
      publishedOn: '2017-12-29',
      relatedResourceCodes: expect.arrayContaining(['101001002/000001']),
    });
    expect(item('CreditStatus.riskScore')).toMatchObject({
      owner: 'credit-office',
      sharingLevel: 'NONE',
      condition: null,
      mask: null,
      openAttribute: 'NOT_OPEN',
    });
  });

  it('names the home owner of a key every subgraph can join on, as the gateway enforces it', () => {
    const id = item('Person.idNumber')!;
    expect(id.owner).toBe('public-security');
    expect(id.subgraphs.length).toBeGreaterThan(1);
    expect(item('Person.creditRecords')!.owner).toBe('credit-office');
    expect(item('Person.creditRecords')!.providerCode).toBe(departmentCreditCode('credit-office'));
  });

  it('files connections, edges and entry points under the resource they carry', () => {
    for (const c of ['PersonConnection.nodes', 'PersonEdge.node', 'Query.person', 'Query.people'])
      expect(item(c)!.resourceCode).toBe('101001001/000001');
    expect(item('Query.catalogue')!.resourceName).toBe('政务信息资源目录');
  });

  it('never opens personal data or what is not shared', () => {
    for (const i of catalogue.items()) {
      if (i.mask || i.sharingLevel === 'NONE')
        expect([i.coordinate, i.openAttribute]).toEqual([i.coordinate, 'NOT_OPEN']);
      if (i.sharingLevel === 'CONDITIONAL') expect(i.openAttribute).not.toBe('UNCONDITIONAL_OPEN');
      expect(i.openCondition === null).toBe(i.openAttribute !== 'CONDITIONAL_OPEN');
    }
  });

  it('gives every owner department a valid provider code (GB 32100)', () => {
    for (const s of SUBGRAPHS) expect(isValidCreditCode(departmentCreditCode(s.owner)!)).toBe(true);
    const codes = new Set(catalogue.items().map((i) => i.providerCode));
    expect(codes.size).toBe(new Set(SUBGRAPHS.map((s) => s.owner)).size);
  });

  it('filters by owner department, sharing level and text', () => {
    const credit = catalogue.items({ owner: 'credit-office' });
    expect(credit.length).toBeGreaterThan(5);
    expect(credit.every((i) => i.owner === 'credit-office')).toBe(true);
    const none = catalogue.items({ level: 'NONE' });
    expect(none.map((i) => i.coordinate)).toEqual(
      expect.arrayContaining([
        'CreditStatus.riskScore',
        'LegalEntity.riskClass',
        'Certificate.issuingOfficer',
      ]),
    );
    expect(none.every((i) => i.sharingLevel === 'NONE')).toBe(true);
    const conditionalPopulation = catalogue.items({
      owner: 'public-security',
      level: 'CONDITIONAL',
    });
    expect(conditionalPopulation.map((i) => i.coordinate)).toContain('Person.phone');
    expect(
      conditionalPopulation.every(
        (i) => i.owner === 'public-security' && i.sharingLevel === 'CONDITIONAL',
      ),
    ).toBe(true);
    // Text in the condition, case-insensitively.
    expect(catalogue.items({ search: 'ETHNIC-MINORITY' }).map((i) => i.coordinate)).toEqual([
      'Person.ethnicity',
      'Person.ethnicityCode',
    ]);
    expect(catalogue.items({ search: 'no such words anywhere' })).toEqual([]);
    // The resource's Chinese name and code are searched too.
    expect(catalogue.items({ search: '红黑名单' }).map((i) => i.coordinate)).toContain(
      'ListEntry.listType',
    );
  });

  it('filters by resource, named by its code or by a type it is declared on, and by open attribute', () => {
    const byType = catalogue.items({ resource: 'Person' });
    expect(catalogue.items({ resource: '101001001/000001' })).toEqual(byType);
    expect(catalogue.items({ resource: 'PersonEdge' })).toEqual(byType);
    expect(byType.map((i) => i.coordinate)).toEqual(
      expect.arrayContaining(['Person.name', 'PersonConnection.totalCount', 'Query.people']),
    );
    expect(catalogue.resource('PersonEdge')).toMatchObject({
      type: 'Person',
      name: '人口基本信息',
    });
    expect(catalogue.items({ resource: 'Nothing' })).toEqual([]);
    const open = catalogue.items({ openAttribute: 'UNCONDITIONAL_OPEN', owner: 'statistics' });
    expect(open.length).toBeGreaterThan(3);
    expect(open.every((i) => i.openAttribute === 'UNCONDITIONAL_OPEN')).toBe(true);
    expect(open.map((i) => i.coordinate)).not.toContain('Observation.reportingUnits');
  });

  it('lists its resources in code order, each with a unique code', () => {
    const codes = catalogue.resources().map((r) => r.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
    expect(catalogue.resources().find((r) => r.type === 'CityPart')).toMatchObject({
      name: '城市部件',
      classification: { section: { code: '07', name: '城市部件' } },
    });
  });

  it('refuses a filter naming no department or no resource, or an over-long search', () => {
    expect(catalogueFilterProblem(catalogue, { owner: 'nobody' })).toMatchObject({
      argument: 'owner',
      problem: 'UNKNOWN',
    });
    expect(catalogueFilterProblem(catalogue, { resource: '999001001/000001' })).toMatchObject({
      argument: 'resource',
    });
    expect(catalogueFilterProblem(catalogue, { search: 'x'.repeat(101) })).toMatchObject({
      argument: 'search',
      max: 100,
    });
    expect(
      catalogueFilterProblem(catalogue, { owner: 'civil-affairs', resource: 'Person' }),
    ).toBeNull();
  });

  it('follows the supergraph it is built from, describing only what it has', () => {
    const small = `
enum join__Graph {
  SPATIAL @join__graph(name: "spatial", url: "http://127.0.0.1:4003/graphql")
}
type Query @join__type(graph: SPATIAL) {
  regions: [Region!]! @join__field(graph: SPATIAL) @sharing(level: UNCONDITIONAL)
}
type Region @join__type(graph: SPATIAL, key: "code") @sharing(level: UNCONDITIONAL) {
  code: ID!
  name: String!
}
`;
    const part = buildResourceCatalogue(small, loadCatalogueDeclaration());
    expect(part.items().map((i) => i.coordinate)).toEqual([
      'Query.regions',
      'Region.code',
      'Region.name',
    ]);
    expect(part.resources().map((r) => r.type)).toEqual(['Region']);
  });

  it('refuses to build over a supergraph with a type the catalogue file does not describe', () => {
    const sdl = `type Query { ghost: Ghost @sharing(level: UNCONDITIONAL) }
type Ghost @sharing(level: UNCONDITIONAL) { id: ID! }`;
    const { declaration } = readCatalogueDeclaration({ resources: {} });
    expect(() => buildResourceCatalogue(sdl, declaration, 'test.json')).toThrow(
      CatalogueBuildError,
    );
    expect(() => buildResourceCatalogue(sdl, declaration, 'test.json')).toThrow(
      /Ghost \(no subgraph\) is not in the resource catalogue/,
    );
  });
});
