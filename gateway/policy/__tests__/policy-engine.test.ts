import fs from 'node:fs';
import path from 'node:path';
import { GraphQLError, parse } from 'graphql';
import { createPolicyEngine } from '../policy-engine';
import { FIXTURE_OWNERS, fixtureSupergraphSdl } from './fixture-supergraph';
import {
  CIVIL,
  fixtureEngine,
  grant,
  grantsOf,
  NO_GRANTS,
  NOW,
  OWNER,
  run,
  ZHANG_ID,
} from './policy-harness';

const P = `person(idNumber: "${ZHANG_ID}")`;
const QUERY = `{ ${P} { name gender birthDate criminalRecord } }`;

describe('modes', () => {
  it('reject refuses an operation asking for any withheld field with 403, listing every withheld coordinate', () => {
    const plan = fixtureEngine({ mode: 'reject' }).plan(QUERY, null, CIVIL, NO_GRANTS(CIVIL), {
      now: NOW,
    });
    expect(plan.rejection).toMatchObject({
      status: 403,
      code: 'FORBIDDEN_FIELD',
      coordinates: ['Person.birthDate', 'Person.criminalRecord'],
    });
    expect(plan.rejection!.errors.map((e) => [e.path, e.extensions.reason])).toEqual([
      [['person', 'birthDate'], 'NO_GRANT'],
      [['person', 'criminalRecord'], 'NOT_SHARED'],
    ]);
    // Should the gateway execute it anyway, the withheld fields are still not in the document.
    expect(plan.rewrittenQuery).not.toContain('criminalRecord');
  });

  it('reject serves an operation with nothing withheld, masks applied', () => {
    const r = run(`{ ${P} { name gender } }`, CIVIL, undefined, {
      engine: fixtureEngine({ mode: 'reject' }),
    });
    expect(r.plan.rejection).toBeNull();
    expect(r.data).toEqual({ person: { name: '张*', gender: 'MALE' } });
  });

  it('dry-run serves the operation as if allowed and reports what would be withheld and masked', () => {
    const r = run(QUERY, CIVIL, undefined, { engine: fixtureEngine({ mode: 'dry-run' }) });
    expect(r.data).toEqual({
      person: {
        name: '张三',
        gender: 'MALE',
        birthDate: '1990-01-01',
        criminalRecord: '2019 administrative detention',
      },
    });
    expect(r.errors).toEqual([]);
    expect(r.plan.changed).toBe(false);
    expect(r.extensions).toEqual({
      sharingPolicy: {
        mode: 'dry-run',
        wouldDeny: [
          {
            coordinate: 'Person.birthDate',
            decidedBy: 'Person.birthDate',
            reason: 'NO_GRANT',
            path: ['person', 'birthDate'],
          },
          {
            coordinate: 'Person.criminalRecord',
            decidedBy: 'Person.criminalRecord',
            reason: 'NOT_SHARED',
            path: ['person', 'criminalRecord'],
          },
        ],
        wouldMask: [{ coordinate: 'Person.name', mask: 'NAME', path: ['person', 'name'] }],
      },
    });
    expect(r.plan.coordinates.served).toEqual(r.plan.coordinates.requested);
  });
});

describe('what the audit record gets', () => {
  it('lists requested, served, masked and withheld coordinates, and the grants relied on', () => {
    const grants = grantsOf('civil-affairs', [grant({ id: 'g-birth' })]);
    const plan = fixtureEngine().plan(
      `{ ${P} { name birthDate criminalRecord household { number address } } }`,
      null,
      CIVIL,
      grants,
      { now: NOW },
    );
    expect(plan.coordinates).toEqual({
      requested: [
        'Household.address',
        'Household.number',
        'Person.birthDate',
        'Person.criminalRecord',
        'Person.household',
        'Person.name',
        'Query.person',
      ],
      served: ['Person.birthDate', 'Person.name', 'Query.person'],
      masked: ['Person.birthDate', 'Person.name'],
      denied: ['Household.address', 'Person.criminalRecord', 'Person.household'],
    });
    expect(plan.grantIds).toEqual(['g-birth']);
    expect(plan.denied.map((d) => [d.coordinate, d.reason, d.enclosed])).toEqual([
      ['Person.criminalRecord', 'NOT_SHARED', false],
      ['Person.household', 'NO_GRANT', false],
      ['Household.address', 'NO_GRANT', true],
    ]);
  });
});

describe('plan cache', () => {
  const fresh = () =>
    createPolicyEngine({
      supergraphSdl: fixtureSupergraphSdl(),
      subgraphOwners: FIXTURE_OWNERS,
      cacheSize: 2,
    });

  it('answers a repeated operation from the cache, for text and for the same parsed document', () => {
    const engine = fresh();
    const document = parse(QUERY);
    const first = engine.plan(document, null, CIVIL, NO_GRANTS(CIVIL), { now: NOW });
    expect(engine.plan(document, null, CIVIL, NO_GRANTS(CIVIL), { now: NOW })).toBe(first);
    const text = engine.plan(QUERY, null, CIVIL, NO_GRANTS(CIVIL), { now: NOW });
    expect(engine.plan(QUERY, null, CIVIL, NO_GRANTS(CIVIL), { now: NOW })).toBe(text);
    expect(engine.cacheStats()).toMatchObject({ hits: 2, misses: 2 });
  });

  it('plans again for another purpose, application or grant version', () => {
    const engine = fresh();
    const base = engine.plan(QUERY, null, CIVIL, grantsOf('civil-affairs', [], 'v1'), { now: NOW });
    expect(
      engine.plan(
        QUERY,
        null,
        { ...CIVIL, purpose: 'OTHER' },
        grantsOf('civil-affairs', [], 'v1'),
        { now: NOW },
      ),
    ).not.toBe(base);
    expect(
      engine.plan(
        QUERY,
        null,
        { ...CIVIL, application: 'other' },
        grantsOf('civil-affairs', [], 'v1'),
        { now: NOW },
      ),
    ).not.toBe(base);
    const granted = engine.plan(QUERY, null, CIVIL, grantsOf('civil-affairs', [grant()], 'v2'), {
      now: NOW,
    });
    expect(granted.denied.map((d) => d.coordinate)).toEqual(['Person.criminalRecord']);
  });

  it('does not serve a plan past the moment a grant it relied on expires', () => {
    const engine = fresh();
    const grants = grantsOf(
      'civil-affairs',
      [grant({ validUntil: new Date(NOW + 3600_000).toISOString() })],
      'v1',
    );
    const before = engine.plan(QUERY, null, CIVIL, grants, { now: NOW });
    expect(before.validUntil).toBe(NOW + 3600_000);
    expect(engine.plan(QUERY, null, CIVIL, grants, { now: NOW + 60_000 })).toBe(before);
    const after = engine.plan(QUERY, null, CIVIL, grants, { now: NOW + 3600_000 });
    expect(after.denied.find((d) => d.coordinate === 'Person.birthDate')?.reason).toBe(
      'GRANT_EXPIRED',
    );
  });

  it('keeps at most cacheSize plans, dropping the least recently used', () => {
    const engine = fresh();
    const q = (f: string) => `{ ${P} { ${f} } }`;
    const a = engine.plan(q('name'), null, CIVIL, NO_GRANTS(CIVIL), { now: NOW });
    engine.plan(q('gender'), null, CIVIL, NO_GRANTS(CIVIL), { now: NOW });
    engine.plan(q('name'), null, CIVIL, NO_GRANTS(CIVIL), { now: NOW });
    engine.plan(q('phone'), null, CIVIL, NO_GRANTS(CIVIL), { now: NOW });
    expect(engine.cacheStats().size).toBe(2);
    expect(engine.plan(q('name'), null, CIVIL, NO_GRANTS(CIVIL), { now: NOW })).toBe(a);
    const misses = engine.cacheStats().misses;
    engine.plan(q('gender'), null, CIVIL, NO_GRANTS(CIVIL), { now: NOW });
    expect(engine.cacheStats().misses).toBe(misses + 1);
  });
});

describe('inputs it refuses', () => {
  it('throws the validation error of an invalid query text', () => {
    expect(() =>
      fixtureEngine().plan('{ person(idNumber: "1") { salary } }', null, CIVIL, NO_GRANTS(CIVIL)),
    ).toThrow(GraphQLError);
  });

  it('refuses grants loaded for another department than the caller’s', () => {
    expect(() => fixtureEngine().plan(QUERY, null, CIVIL, grantsOf('tax', []))).toThrow(
      /grants of tax/,
    );
  });

  it('refuses a supergraph subgraph without an owner department', () => {
    expect(() =>
      createPolicyEngine({
        supergraphSdl: fixtureSupergraphSdl(),
        subgraphOwners: { people: 'public-security' },
      }),
    ).toThrow(/has no owner department/);
  });
});

describe('on the committed supergraph', () => {
  const file = path.resolve(__dirname, '../../../schema/supergraph.graphql');
  const engine = createPolicyEngine({ supergraphSdl: fs.readFileSync(file, 'utf8') });
  const query = '{ person(idNumber: "32060219900101123X") { idNumber name birthDate } }';

  it('masks a resident’s ID number and name for another department and withholds conditional fields', () => {
    const plan = engine.plan(query, null, CIVIL, NO_GRANTS(CIVIL));
    expect(plan.masked.map((m) => [m.coordinate, m.mask])).toEqual([
      ['Person.idNumber', 'ID_NUMBER'],
      ['Person.name', 'NAME'],
    ]);
    expect(plan.denied.map((d) => [d.coordinate, d.reason])).toEqual([
      ['Person.birthDate', 'NO_GRANT'],
    ]);
  });

  it('lets the public security bureau, which owns the population database, read it in full', () => {
    const plan = engine.plan(query, null, OWNER, NO_GRANTS(OWNER));
    expect([plan.masked, plan.denied, plan.changed]).toEqual([[], [], false]);
  });
});
