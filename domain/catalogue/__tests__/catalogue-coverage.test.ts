import { readCatalogueDeclaration } from '../catalogue-reading';
import { resolveCatalogue } from '../catalogue-coverage';
import { smallCatalogue, smallFields } from './catalogue-fixture';

function check(change: (file: any) => void = () => {}, complete = true) {
  const file = smallCatalogue();
  change(file);
  const { declaration, problems } = readCatalogueDeclaration(file);
  const resolution = resolveCatalogue(declaration, smallFields(), { complete });
  return { resolution, problems: [...problems, ...resolution.problems] };
}

describe('the catalogue file against the schema', () => {
  it('gives every data item its resource and per-item attributes when the file fits', () => {
    const { resolution, problems } = check();
    expect(problems).toEqual([]);
    const person = resolution.items.get('Person.birthDate')!;
    expect(person.resource).toMatchObject({
      type: 'Person',
      code: '101001001/000001',
      classification: {
        class: { code: '1', name: '基础信息资源类' },
        section: { code: '01', name: '人口' },
        division: { code: '001', name: '户籍人口' },
        subdivision: { code: '001', name: '人口基本信息' },
      },
    });
    expect(person).toMatchObject({ sharingMethod: 'INTERFACE', openAttribute: 'NOT_OPEN' });
    // A field override, a part, and operation fields by return type or partOf.
    expect(resolution.items.get('Person.gender')!.sharingMethod).toBe('DATABASE_TABLE');
    expect(resolution.items.get('PersonConnection.nodes')!.resource.code).toBe('101001001/000001');
    expect(resolution.items.get('Query.people')!.resource.type).toBe('Person');
    expect(resolution.items.get('Query.version')!.resource.type).toBe('Region');
    expect(resolution.resources.map((r) => r.code)).toEqual([
      '101001001/000001',
      '103001001/000001',
    ]);
  });

  it('fails a resource missing one of the guide attributes, naming the type and attribute', () => {
    const { problems } = check((f) => delete f.resources.Person.updateCycle);
    expect(problems).toEqual([
      {
        code: 'CATALOGUE_MISSING_ATTRIBUTE',
        pointer: '/resources/Person/updateCycle',
        message: 'Person has no "updateCycle" (更新周期)',
      },
    ]);
  });

  it('fails personal data (a field with a mask) declared open', () => {
    const { problems } = check((f) => {
      f.resources.Person.openAttribute = 'CONDITIONAL_OPEN';
      f.resources.Person.openCondition = '经本人授权';
      f.resources.Person.fields.ethnicity = { openAttribute: 'NOT_OPEN' };
      f.resources.Person.fields.policeNote = { openAttribute: 'NOT_OPEN' };
    });
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ['CATALOGUE_OPEN_PERSONAL_DATA', '/resources/Person/fields/idNumber/openAttribute'],
      ['CATALOGUE_OPEN_PERSONAL_DATA', '/resources/Person/fields/birthDate/openAttribute'],
    ]);
    expect(problems[0].message).toMatch(/Person\.idNumber is personal data \(mask ID_NUMBER\)/);
  });

  it('fails a field not shared declared open, and a conditional one unconditionally open', () => {
    const { problems } = check((f) => {
      f.resources.Region.fields = { name: { openAttribute: 'NOT_OPEN' } };
      f.resources.Person.fields.policeNote = {
        openAttribute: 'CONDITIONAL_OPEN',
        openCondition: 'x',
      };
      f.resources.Person.fields.ethnicity = { openAttribute: 'UNCONDITIONAL_OPEN' };
    });
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ['CATALOGUE_OPEN_WIDER_THAN_SHARING', '/resources/Person/fields/ethnicity/openAttribute'],
      ['CATALOGUE_OPEN_NOT_SHARED', '/resources/Person/fields/policeNote/openAttribute'],
    ]);
  });

  it('asks for an open condition exactly on CONDITIONAL_OPEN', () => {
    const { problems } = check((f) => {
      f.resources.Region.openAttribute = 'CONDITIONAL_OPEN';
      f.resources.Person.fields.gender = { openCondition: '随便' };
    });
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ['CATALOGUE_OPEN_CONDITION', '/resources/Region/openCondition'],
      ['CATALOGUE_OPEN_CONDITION', '/resources/Person/fields/gender/openCondition'],
    ]);
  });

  it('fails a malformed code, a code that is not its classification, and a duplicate', () => {
    expect(check((f) => (f.resources.Person.code = '1010010001/1')).problems[0]).toMatchObject({
      code: 'CATALOGUE_BAD_CODE',
      pointer: '/resources/Person/code',
    });
    expect(check((f) => (f.resources.Person.code = '102001001/000001')).problems).toEqual([
      expect.objectContaining({
        code: 'CATALOGUE_BAD_CODE',
        message:
          "Person: code 102001001/000001 does not begin with its classification's front code (前段码) 101001001/",
      }),
    ]);
    const duplicate = check((f) => {
      f.resources.Region.classification = f.resources.Person.classification;
      f.resources.Region.code = '101001001/000001';
      f.resources.Person.related = [];
    }).problems;
    expect(duplicate.map((p) => p.code)).toEqual(['CATALOGUE_DUPLICATE_CODE']);
  });

  it('fails a 类 or 项 the guide does not have, and one 目 code named two ways', () => {
    expect(
      check((f) => (f.resources.Region.classification.class = '4')).problems[0].message,
    ).toMatch(/"4" is not a 类 of the guide/);
    expect(
      check((f) => (f.resources.Region.classification.section = '13')).problems[0].message,
    ).toMatch(/"13" is not a 项 of 类 1 基础信息资源类/);
    const conflict = check((f) => {
      f.resources.Region.classification.section = '01';
      f.resources.Region.classification.division.name = '常住人口';
      f.resources.Region.classification.subdivision.code = '002';
      f.resources.Region.code = '101001002/000001';
      f.resources.Person.related = ['101001002/000001'];
    }).problems;
    expect(conflict).toEqual([
      expect.objectContaining({
        code: 'CATALOGUE_CLASS_NAME_CONFLICT',
        pointer: '/resources/Region/classification/division/name',
      }),
    ]);
  });

  it("fails a related code no resource has, or the resource's own", () => {
    const { problems } = check(
      (f) => (f.resources.Person.related = ['199001001/000001', '101001001/000001']),
    );
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ['CATALOGUE_UNKNOWN_RELATED', '/resources/Person/related/0'],
      ['CATALOGUE_UNKNOWN_RELATED', '/resources/Person/related/1'],
    ]);
  });

  it("does not call a broken resource's code unknown where another relates to it", () => {
    const { problems } = check((f) => delete f.resources.Region.summary);
    expect(problems.map((p) => p.code)).toEqual(['CATALOGUE_MISSING_ATTRIBUTE']);
  });

  it('fails a classified type the file does not describe', () => {
    const { problems } = check((f) => delete f.resources.PersonConnection);
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ['CATALOGUE_MISSING_RESOURCE', '/resources/PersonConnection'],
    ]);
  });

  it('fails a type or field the schema does not have, unless the schema is only part of the graph', () => {
    const change = (f: any) => {
      f.resources.Household = { partOf: 'Person' };
      f.resources.Person.fields.shoeSize = { openAttribute: 'NOT_OPEN' };
    };
    expect(check(change).problems.map((p) => [p.code, p.pointer])).toEqual([
      ['CATALOGUE_UNKNOWN_FIELD', '/resources/Person/fields/shoeSize'],
      ['CATALOGUE_UNKNOWN_TYPE', '/resources/Household'],
    ]);
    expect(check(change, false).problems).toEqual([]);
  });

  it('fails partOf naming nothing or another part, and partOf on a field outside Query and Mutation', () => {
    const { problems } = check((f) => {
      f.resources.PersonConnection = { partOf: 'Household' };
      f.resources.Person.fields.gender = { partOf: 'Region' };
    });
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ['CATALOGUE_BAD_PART_OF', '/resources/PersonConnection/partOf'],
      ['CATALOGUE_BAD_PART_OF', '/resources/Person/fields/gender/partOf'],
    ]);
  });

  it('fails an operation field whose return type names no resource', () => {
    const { problems } = check((f) => delete f.resources.Query);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'CATALOGUE_OPERATION_RESOURCE',
        message: expect.stringContaining('Query.version returns String'),
      }),
    ]);
  });

  it('reports values outside their vocabulary, unknown keys and bad dates, every one', () => {
    const { problems } = check((f) => {
      f.resources.Person.openAttribute = 'OPEN';
      f.resources.Person.publishedOn = '2017-02-30';
      f.resources.Person.colour = 'red';
      f.resources.Region.format.category = 'PAPER';
    });
    expect(problems.map((p) => p.pointer)).toEqual([
      '/resources/Person/colour',
      '/resources/Person/openAttribute',
      '/resources/Person/publishedOn',
      '/resources/Region/format/category',
    ]);
    expect(problems[1].message).toBe(
      'Person openAttribute is "OPEN": expected one of UNCONDITIONAL_OPEN, CONDITIONAL_OPEN, NOT_OPEN',
    );
  });
});
