import fs from 'node:fs';
import { classifySchema } from '../../../domain/catalogue/classification';
import { SUPERGRAPH_PATH } from '../../../contracts/schema-files';
import { buildResourceCatalogue } from '../resource-catalogue';
import { TEST_SUPERGRAPH } from './sharing-fixture';

const supergraph = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
const catalogue = buildResourceCatalogue(supergraph);
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

  it('gives a data item its resource, owner, sharing type, condition, mask and description', () => {
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
    });
    expect(item('CreditStatus.riskScore')).toMatchObject({
      owner: 'credit-office',
      sharingLevel: 'NONE',
      condition: null,
      mask: null,
    });
  });

  it('names the home owner of a key every subgraph can join on, as the gateway enforces it', () => {
    const id = item('Person.idNumber')!;
    expect(id.owner).toBe('public-security');
    expect(id.subgraphs.length).toBeGreaterThan(1);
    expect(item('Person.creditRecords')!.owner).toBe('credit-office');
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
  });

  it('follows the supergraph it is built from', () => {
    const small = buildResourceCatalogue(TEST_SUPERGRAPH);
    expect(small.items({ level: 'NONE' }).map((i) => i.coordinate)).toEqual([
      'BlacklistEntry.id',
      'BlacklistEntry.reason',
      'LegalEntity.riskClass',
      'Person.policeNote',
    ]);
  });
});
