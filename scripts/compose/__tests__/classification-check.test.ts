import { subgraphSdlText } from '../../../contracts/schema-files';
import { classificationProblems } from '../classification-check';
import {
  composeSupergraph,
  defaultSubgraphUrl,
  registeredSubgraphNames,
} from '../compose-supergraph';

const population = () => subgraphSdlText('population');

describe('classification check at composition', () => {
  it('finds nothing to refuse in the registered subgraphs', () => {
    for (const name of registeredSubgraphNames())
      expect([name, classificationProblems(name, subgraphSdlText(name))]).toEqual([name, []]);
  });

  it('fails composition on an unclassified field, naming its coordinate and where it is', () => {
    // A new field on Person without @sharing (the type's own @sharing is removed too, so nothing classifies it).
    const sdl = population()
      .replace(
        'type Person @key(fields: "idNumber") @sharing(level: UNCONDITIONAL) {',
        'type Person @key(fields: "idNumber") {',
      )
      .replace('  "性别"\n  gender: Gender!', '  "性别"\n  gender: Gender!\n  shoeSize: Int');
    const outcome = composeSupergraph([
      { name: 'population', url: defaultSubgraphUrl('population'), sdl },
    ]);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const coordinates = outcome.errors
      .filter((e) => e.code === 'UNCLASSIFIED_FIELD')
      .map((e) => e.message.split(' ')[0]);
    expect(coordinates).toEqual(
      expect.arrayContaining(['Person.shoeSize', 'Person.gender', 'Person.householdRegionCode']),
    );
    expect(coordinates).not.toContain('Person.name');
    const shoe = outcome.errors.find((e) => e.message.startsWith('Person.shoeSize'))!;
    expect(shoe.subgraphs).toEqual(['population']);
    const line = sdl.split('\n').findIndex((l) => l.includes('shoeSize')) + 1;
    expect(shoe.locations).toEqual([`schema/population.graphql:${line}:3`]);
  });

  it('takes a type-level @sharing as the classification of its fields', () => {
    const sdl = population().replace(
      '  "性别"\n  gender: Gender!',
      '  "性别"\n  gender: Gender!\n  shoeSize: Int',
    );
    expect(classificationProblems('population', sdl)).toEqual([]);
  });

  it('fails composition on a non-null CONDITIONAL or NONE field, which could not be withheld with a null', () => {
    const sdl = population()
      .replace(
        '  birthDate: Date @sharing(level: CONDITIONAL',
        '  birthDate: Date! @sharing(level: CONDITIONAL',
      )
      .replace(
        '  "性别"\n  gender: Gender!',
        '  "性别"\n  gender: Gender!\n  policeNote: [String]! @sharing(level: NONE)',
      );
    const outcome = composeSupergraph([
      { name: 'population', url: defaultSubgraphUrl('population'), sdl },
    ]);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => [e.code, e.message.split(' ')[0]])).toEqual([
      ['NON_NULL_WITHHOLDABLE_FIELD', 'Person.policeNote'],
      ['NON_NULL_WITHHOLDABLE_FIELD', 'Person.birthDate'],
    ]);
    expect(outcome.errors[1].message).toMatch(/CONDITIONAL but non-null \(Date!\)/);
  });

  it('accepts a non-null UNCONDITIONAL field and a nullable list of non-null items', () => {
    const sdl = population().replace(
      '  "性别"\n  gender: Gender!',
      '  "性别"\n  gender: Gender!\n  aliases: [String!] @sharing(level: CONDITIONAL)',
    );
    expect(classificationProblems('population', sdl)).toEqual([]);
  });
});
