import { subgraphSdlText } from '../../../contracts/schema-files';
import { relationClassProblems } from '../classification-check';
import {
  composeSupergraph,
  defaultSubgraphUrl,
  registeredSubgraphNames,
} from '../compose-supergraph';

const DIRECTIVES = `
enum SharingLevel { UNCONDITIONAL CONDITIONAL NONE }
directive @sharing(level: SharingLevel!, condition: String, mask: String) on OBJECT | FIELD_DEFINITION`;

const check = (...sdls: string[]) =>
  relationClassProblems(sdls.map((sdl, i) => ({ name: `s${i}`, sdl: `${sdl}\n${DIRECTIVES}` })));
const pairs = (...sdls: string[]) =>
  check(...sdls)
    .map((p) => p.coordinates.join(' <-> '))
    .sort();

describe('a relation and its inverse carry the same sharing level', () => {
  it('finds no mismatch in the registered subgraphs', () => {
    expect(
      relationClassProblems(
        registeredSubgraphNames().map((name) => ({ name, sdl: subgraphSdlText(name) })),
      ),
    ).toEqual([]);
  });

  const failing: [string, string[], string[]][] = [
    [
      'a to-one link unconditional, its to-many inverse conditional (the legal representative case)',
      [
        `type E @sharing(level: UNCONDITIONAL) { rep: P }  type P @sharing(level: UNCONDITIONAL) { enterprises: [E!] @sharing(level: CONDITIONAL) }`,
      ],
      ['E.rep <-> P.enterprises'],
    ],
    [
      'the inverse through a connection type',
      [
        `type R @sharing(level: UNCONDITIONAL) { parts(after: String): PartConnection @sharing(level: CONDITIONAL) }
        type PartConnection @sharing(level: UNCONDITIONAL) { nodes: [Part!]! edges: [PartEdge!]! }
        type PartEdge @sharing(level: UNCONDITIONAL) { node: Part! }
        type Part @sharing(level: UNCONDITIONAL) { region: R! }`,
      ],
      ['Part.region <-> R.parts'],
    ],
    [
      'the inverse on an implementation of the interface linked to',
      [
        `interface Rec @sharing(level: UNCONDITIONAL) { id: ID! }
        type Fine implements Rec @sharing(level: UNCONDITIONAL) { id: ID! person: P @sharing(level: UNCONDITIONAL) }
        type P @sharing(level: UNCONDITIONAL) { records: [Rec!] @sharing(level: CONDITIONAL) }`,
      ],
      ['Fine.person <-> P.records'],
    ],
    [
      'the two directions in different subgraphs, the level from the type default',
      [
        `type E @key(fields: "id") @sharing(level: NONE) { id: ID! @sharing(level: UNCONDITIONAL) rep: P }  type P @key(fields: "id") @sharing(level: UNCONDITIONAL) { id: ID! }`,
        `type P @key(fields: "id") @sharing(level: UNCONDITIONAL) { id: ID! enterprises: [E!] }  type E @key(fields: "id", resolvable: false) @sharing(level: UNCONDITIONAL) { id: ID! }`,
      ],
      ['E.rep <-> P.enterprises'],
    ],
    [
      'several links one way, each paired with the inverse',
      [
        `type Part @sharing(level: UNCONDITIONAL) { town: R county: R }  type R @sharing(level: UNCONDITIONAL) { parts: [Part!] @sharing(level: NONE) }`,
      ],
      ['Part.county <-> R.parts', 'Part.town <-> R.parts'],
    ],
  ];
  it.each(failing)('refuses %s, naming both coordinates', (_, sdls, expected) => {
    expect(pairs(...sdls)).toEqual(expected);
    for (const p of check(...sdls)) {
      expect(p.message).toContain(p.coordinates[0]);
      expect(p.message).toContain(p.coordinates[1]);
      expect(p.at).toHaveLength(2);
    }
  });

  const passing: [string, string[]][] = [
    [
      'both directions conditional',
      [
        `type E @sharing(level: UNCONDITIONAL) { rep: P @sharing(level: CONDITIONAL) }  type P @sharing(level: UNCONDITIONAL) { enterprises: [E!] @sharing(level: CONDITIONAL) }`,
      ],
    ],
    [
      'a link with no inverse',
      [
        `type E @sharing(level: UNCONDITIONAL) { rep: P }  type P @sharing(level: CONDITIONAL) { name: String }`,
      ],
    ],
    [
      'a link from the query root (a lookup is not a relation)',
      [
        `type Query { p: P @sharing(level: UNCONDITIONAL) }  type P @sharing(level: CONDITIONAL) { name: String }`,
      ],
    ],
    [
      'a type linking to itself',
      [`type P @sharing(level: UNCONDITIONAL) { spouse: P @sharing(level: CONDITIONAL) }`],
    ],
  ];
  it.each(passing)('accepts %s', (_, sdls) => {
    expect(check(...sdls)).toEqual([]);
  });

  it('fails composition with both fields located in their SDL files', () => {
    const legalEntity = subgraphSdlText('legal-entity');
    const sdl = legalEntity.replace(
      / {2}legalRepresentative: Person\n {4}@sharing\(level: CONDITIONAL[^\n]*\n/,
      '  legalRepresentative: Person\n',
    );
    expect(sdl).not.toBe(legalEntity);
    const outcome = composeSupergraph(
      registeredSubgraphNames().map((name) => ({
        name,
        url: defaultSubgraphUrl(name),
        ...(name === 'legal-entity' ? { sdl } : {}),
      })),
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const problem = outcome.errors.find((e) => e.code === 'RELATION_CLASS_MISMATCH')!;
    expect(problem.message).toMatch(
      /^LegalEntity\.legalRepresentative \(UNCONDITIONAL\) and Person\.enterprises \(CONDITIONAL\)/,
    );
    const line = (field: string) =>
      sdl.split('\n').findIndex((l) => l.startsWith(`  ${field}:`)) + 1;
    expect(problem.locations).toEqual([
      `schema/legal-entity.graphql:${line('legalRepresentative')}:3`,
      `schema/legal-entity.graphql:${line('enterprises')}:3`,
    ]);
  });
});
