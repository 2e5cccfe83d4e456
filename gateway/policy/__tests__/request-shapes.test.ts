/**
 * A withheld field stays withheld however the operation reaches it (aliases, fragments, inline
 * fragments on interfaces and unions, conditional selections, entity joins), and the response
 * keeps its shape: null at the field's place, an error with the concrete path, masks in place.
 */
import { PROBE_KEY } from '../typename-probe';
import { CIVIL, fixtureEngine, grant, grantsOf, MARKET, run, ZHANG_ID } from './policy-harness';

const P = `person(idNumber: "${ZHANG_ID}")`;
const forbidden = (path: (string | number)[], reason: string, coordinate: string) =>
  expect.objectContaining({
    path,
    extensions: expect.objectContaining({ code: 'FORBIDDEN_FIELD', reason, coordinate }),
  });

describe('request shapes', () => {
  it('an alias does not hide a withheld field', () => {
    const r = run(`{ p: ${P} { n: name born: birthDate } }`, CIVIL);
    expect(r.data).toEqual({ p: { n: '张*', born: null } });
    expect(r.errors).toEqual([forbidden(['p', 'born'], 'NO_GRANT', 'Person.birthDate')]);
  });

  it('a named fragment spread twice is withheld at both places, with one error each', () => {
    const r = run(
      `{ a: ${P} { ...F } b: ${P} { ...F } } fragment F on Person { gender birthDate }`,
      CIVIL,
    );
    expect(r.data).toEqual({
      a: { gender: 'MALE', birthDate: null },
      b: { gender: 'MALE', birthDate: null },
    });
    expect(r.errors).toEqual([
      forbidden(['a', 'birthDate'], 'NO_GRANT', 'Person.birthDate'),
      forbidden(['b', 'birthDate'], 'NO_GRANT', 'Person.birthDate'),
    ]);
    expect(r.plan.rewrittenQuery).not.toContain('birthDate');
  });

  it('a fragment spread twice into the same place gives one error', () => {
    expect(
      run(`{ ${P} { ...F ...F } } fragment F on Person { birthDate }`, CIVIL).errors,
    ).toHaveLength(1);
  });

  it('a field asked on an interface is decided by the strictest implementation', () => {
    const r = run('{ holder(id: "1") { displayName contactPhone } }', CIVIL);
    // Household.contactPhone is unconditional, Person.contactPhone conditional: withheld. Person.displayName masks a name.
    expect(r.data).toEqual({ holder: { displayName: '张*', contactPhone: null } });
    expect(r.errors).toEqual([
      expect.objectContaining({
        path: ['holder', 'contactPhone'],
        extensions: expect.objectContaining({
          reason: 'NO_GRANT',
          coordinate: 'Holder.contactPhone',
          decidedBy: 'Person.contactPhone',
        }),
      }),
    ]);
    expect(r.read.has('Person.contactPhone')).toBe(false);
  });

  it('an inline fragment on an interface is decided for its type only', () => {
    const r = run(
      '{ holder(id: "1") { ... on Person { contactPhone } ... on Household { contactPhone } } }',
      CIVIL,
    );
    expect(r.data).toEqual({ holder: { contactPhone: null } });
    expect(r.errors).toEqual([
      forbidden(['holder', 'contactPhone'], 'NO_GRANT', 'Person.contactPhone'),
    ]);
  });

  it('inline fragments on a union null a withheld field only in the members that asked for it', () => {
    const r = run(
      `{ search(text: "张") { ... on Person { name birthDate } ... on Household { number address } } }`,
      CIVIL,
    );
    expect(r.data).toEqual({
      search: [
        { name: '张*', birthDate: null },
        { number: 'H0001', address: null },
        { name: '李*', birthDate: null },
      ],
    });
    expect(r.errors).toEqual([
      forbidden(['search', 0, 'birthDate'], 'NO_GRANT', 'Person.birthDate'),
      forbidden(['search', 1, 'address'], 'NO_GRANT', 'Household.address'),
    ]);
    expect(JSON.stringify(r.data)).not.toContain(PROBE_KEY);
  });

  it('a value another, allowed selection fetched for its own type is kept', () => {
    const r = run(
      '{ search(text: "张") { ... on Holder { contactPhone } ... on Household { contactPhone } } }',
      CIVIL,
    );
    expect(r.data).toEqual({
      search: [{ contactPhone: null }, { contactPhone: '0513-85123456' }, { contactPhone: null }],
    });
    expect(r.errors).toEqual([
      forbidden(['search', 0, 'contactPhone'], 'NO_GRANT', 'Holder.contactPhone'),
    ]);
  });

  it('keeps the user’s own __typename and removes only the policy’s', () => {
    const r = run('{ search(text: "张") { __typename ... on Person { birthDate } } }', CIVIL);
    expect(r.data).toEqual({
      search: [
        { __typename: 'Person', birthDate: null },
        { __typename: 'Household' },
        { __typename: 'Person', birthDate: null },
      ],
    });
  });

  describe('@include / @skip', () => {
    const query = `query ($full: Boolean!) { ${P} { name birthDate @include(if: $full) } }`;

    it('withholds the field whatever the condition, so the plan does not depend on variables', () => {
      const engine = fixtureEngine();
      const shown = run(query, CIVIL, undefined, { variables: { full: true }, engine });
      const hidden = run(query, CIVIL, undefined, { variables: { full: false }, engine });
      expect(hidden.plan).toBe(shown.plan);
      expect(shown.plan.rewrittenQuery).not.toContain('birthDate');
      expect(shown.plan.coordinates.denied).toEqual(['Person.birthDate']);
    });

    it('puts the null only where the condition would have put the field', () => {
      expect(run(query, CIVIL, undefined, { variables: { full: true } }).data).toEqual({
        person: { name: '张*', birthDate: null },
      });
      expect(run(query, CIVIL, undefined, { variables: { full: false } }).data).toEqual({
        person: { name: '张*' },
      });
    });

    it('reports the denial either way, since the field was asked for', () => {
      expect(run(query, CIVIL, undefined, { variables: { full: false } }).errors).toEqual([
        forbidden(['person', 'birthDate'], 'NO_GRANT', 'Person.birthDate'),
      ]);
    });

    it('reads an omitted variable’s default', () => {
      const withDefault = `query ($full: Boolean = false) { ${P} { name @skip(if: $full) birthDate @include(if: $full) } }`;
      expect(run(withDefault, CIVIL).data).toEqual({ person: { name: '张*' } });
    });
  });

  it('follows an entity join across three subgraphs, with list positions in the error path', () => {
    const grants = grantsOf('civil-affairs', [
      grant({ id: 'g-firms', coordinates: ['Person.firms'] }),
    ]);
    const r = run(
      `{ ${P} { name firms { name registeredCapital site { address location { longitude latitude } cadastralNote } } } }`,
      CIVIL,
      grants,
    );
    expect(r.data).toEqual({
      person: {
        name: '张*',
        firms: [
          {
            name: '南通纺织有限公司',
            registeredCapital: null,
            site: {
              address: '江苏省南通市通州区金沙街道***',
              location: { longitude: 120.87, latitude: 32.01 },
              cadastralNote: null,
            },
          },
        ],
      },
    });
    expect(r.errors).toEqual([
      forbidden(['person', 'firms', 0, 'registeredCapital'], 'NO_GRANT', 'Firm.registeredCapital'),
      forbidden(
        ['person', 'firms', 0, 'site', 'cadastralNote'],
        'NOT_SHARED',
        'Site.cadastralNote',
      ),
    ]);
    expect(
      [...r.read].filter((c) => ['Firm.registeredCapital', 'Site.cadastralNote'].includes(c)),
    ).toEqual([]);
  });

  it('a department that only joins on an entity’s key does not own the key: the market regulator sees ID numbers masked', () => {
    const r = run(`{ firm(creditCode: "1") { legalRepresentative { idNumber } } }`, MARKET);
    expect(r.data).toEqual({ firm: { legalRepresentative: { idNumber: '320602********123X' } } });
  });
});

describe('the shape of the response', () => {
  it('propagates a withheld non-null field’s null to the nearest nullable parent, as the GraphQL spec requires', () => {
    const r = run(`{ ${P} { name strictBirthDate } }`, CIVIL);
    expect(r.data).toEqual({ person: null });
    expect(r.errors).toEqual([
      forbidden(['person', 'strictBirthDate'], 'NO_GRANT', 'Person.strictBirthDate'),
    ]);
  });

  it('keeps the null at the field with nulls: in-place', () => {
    const r = run(`{ ${P} { name strictBirthDate } }`, CIVIL, undefined, {
      engine: fixtureEngine({ nulls: 'in-place' }),
    });
    expect(r.data).toEqual({ person: { name: '张*', strictBirthDate: null } });
  });

  it('propagates through non-null list items up to the root', () => {
    const grants = grantsOf('civil-affairs', [
      grant({ coordinates: ['Query.people'], application: 'relief-roll' }),
    ]);
    const r = run('{ people(regionCode: "320602") { name strictBirthDate } }', CIVIL, grants);
    expect(r.data).toBeNull();
    expect(r.errors).toEqual([
      forbidden(['people', 0, 'strictBirthDate'], 'NO_GRANT', 'Person.strictBirthDate'),
    ]);
  });

  it('reports the static path when the withheld field’s parent is null', () => {
    const r = run('{ person(idNumber: "nobody") { birthDate } }', CIVIL);
    expect(r.data).toEqual({ person: null });
    expect(r.errors).toEqual([forbidden(['person', 'birthDate'], 'NO_GRANT', 'Person.birthDate')]);
  });

  it('reports a field withheld with its withheld parent too, so the caller learns every grant it lacks', () => {
    const r = run('{ people(regionCode: "320602") { gender birthDate } }', CIVIL);
    expect(r.errors).toEqual([
      forbidden(['people'], 'NO_GRANT', 'Query.people'),
      forbidden(['people', 'birthDate'], 'NO_GRANT', 'Person.birthDate'),
    ]);
    expect(r.data).toBeNull();
    expect(r.read.size).toBe(0);
  });

  it('keeps a valid, executable operation when every root field is withheld', () => {
    const r = run('{ people(regionCode: "320602") { gender } }', CIVIL, undefined, {
      engine: fixtureEngine({ nulls: 'in-place' }),
    });
    expect(r.data).toEqual({ people: null });
    expect(r.plan.rewrittenQuery.replace(/\s+/g, ' ')).toBe(`{ ${PROBE_KEY}: __typename }`);
  });
});
