import fs from 'node:fs';
import path from 'node:path';
import {
  assertValidSchema,
  getIntrospectionQuery,
  graphqlSync,
  isObjectType,
  parse,
  validate,
} from 'graphql';
import { buildResourceCatalogue } from '../../../contracts/catalogue/resource-catalogue';
import { loadCatalogueDeclaration } from '../../../contracts/catalogue/catalogue-file';
import { apiSchema } from '../../limits/__tests__/known-operations';
import { openCoordinates } from '../open-coordinates';
import { buildOpenSchema } from '../open-schema';

const ROOT = path.resolve(__dirname, '../../..');
const sdl = fs.readFileSync(path.join(ROOT, 'schema/supergraph.graphql'), 'utf8');
const catalogue = buildResourceCatalogue(sdl, loadCatalogueDeclaration());
const open = openCoordinates(catalogue);
const api = apiSchema();
const schema = buildOpenSchema(api, (c) => open.has(c));

function servedCoordinates(): string[] {
  return Object.values(schema.getTypeMap())
    .filter((t) => isObjectType(t) && !t.name.startsWith('__'))
    .flatMap((t) =>
      Object.keys((t as { getFields(): object }).getFields()).map((f) => `${t.name}.${f}`),
    );
}

describe('the open schema', () => {
  it('is a valid schema with queries only', () => {
    expect(() => assertValidSchema(schema)).not.toThrow();
    expect(schema.getMutationType()).toBeUndefined();
    expect(schema.getSubscriptionType()).toBeUndefined();
  });

  it('serves only unconditionally open, unconditionally shared items without a mask', () => {
    const entries = new Map(catalogue.items().map((e) => [e.coordinate, e]));
    for (const coordinate of servedCoordinates()) {
      const entry = entries.get(coordinate);
      expect([coordinate, entry?.openAttribute]).toEqual([coordinate, 'UNCONDITIONAL_OPEN']);
      expect([coordinate, entry?.sharingLevel, entry?.mask]).toEqual([
        coordinate,
        'UNCONDITIONAL',
        null,
      ]);
    }
  });

  it('keeps the examples of the issue: regions, indicators, city-part counts, legal entities', () => {
    const served = new Set(servedCoordinates());
    for (const c of [
      'Query.regions',
      'Region.name',
      'Region.cityPartCounts',
      'CityPartCount.total',
      'Query.indicators',
      'Observation.value',
      'Query.legalEntity',
      'LegalEntity.name',
      'LegalEntityConnection.pageInfo',
    ])
      expect([c, served.has(c)]).toEqual([c, true]);
  });

  it('knows nothing of personal or conditional items, nor of types left without open fields', () => {
    expect(schema.getType('Person')).toBeUndefined();
    expect(schema.getType('Household')).toBeUndefined();
    expect(schema.getType('CertificateHolder')).toBeUndefined();
    const legalEntity = schema.getType('LegalEntity');
    expect(isObjectType(legalEntity)).toBe(true);
    const fields = Object.keys((legalEntity as { getFields(): object }).getFields());
    expect(fields).not.toContain('legalRepresentativeName');
    expect(fields).not.toContain('contactPhone');
    expect(fields).not.toContain('paidInCapital');
    expect(fields).not.toContain('creditRecords'); // an interface with conditional implementations
    const query = Object.keys(schema.getQueryType()!.getFields());
    expect(query).not.toContain('person');
    expect(query).not.toContain('people');
    expect(query).not.toContain('accessLog');
  });

  it('answers a document naming Person.name as naming a field that does not exist', () => {
    const errors = validate(
      schema,
      parse('{ person(idNumber: "320682196109273248") { name idNumber } }'),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^Cannot query field "person" on type "Query"\./);
    expect(validate(schema, parse('{ regions { code name } }'))).toEqual([]);
  });

  it('introspects without a trace of the personal types and fields', () => {
    const result = graphqlSync({ schema, source: getIntrospectionQuery() });
    expect(result.errors).toBeUndefined();
    const text = JSON.stringify(result.data);
    for (const hidden of [
      '"Person"',
      '"idNumber"',
      '"legalRepresentativeName"',
      '"Household"',
      '"sharing"',
    ])
      expect([hidden, text.includes(hidden)]).toEqual([hidden, false]);
  });

  it('drops an interface field open on the interface but not on every implementation', () => {
    const { buildSchema } = jest.requireActual<typeof import('graphql')>('graphql');
    const small = buildSchema(`
      interface Record { id: ID! note: String }
      type A implements Record { id: ID! note: String }
      type B implements Record { id: ID! note: String }
      type Query { records: [Record!]! a: A }
    `);
    const openSet = new Set([
      'Query.records',
      'Query.a',
      'Record.id',
      'Record.note',
      'A.id',
      'A.note',
      'B.id',
    ]);
    const cut = buildOpenSchema(small, (c) => openSet.has(c));
    expect(Object.keys((cut.getType('Record') as { getFields(): object }).getFields())).toEqual([
      'id',
    ]);
    expect(Object.keys((cut.getType('A') as { getFields(): object }).getFields())).toEqual([
      'id',
      'note',
    ]);
    const closed = buildOpenSchema(small, (c) => openSet.has(c) && c !== 'B.id');
    expect(closed.getType('Record')).toBeUndefined();
    expect(Object.keys(closed.getQueryType()!.getFields())).toEqual(['a']);
  });
});
