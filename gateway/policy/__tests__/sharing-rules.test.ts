/**
 * The sharing rules end to end: plan, execute the rewritten operation, apply. `read` holds the
 * coordinates execution resolved, i.e. what a subgraph would have been asked for.
 */
import type { PolicyCaller } from '../field-decision';
import type { GrantSnapshot } from '../grant';
import { CIVIL, grant, grantsOf, MARKET, OWNER, run, ZHANG_ID } from './policy-harness';

const PERSON = `{ person(idNumber: "${ZHANG_ID}") { name birthDate } }`;
const forbidden = (path: (string | number)[], reason: string, coordinate: string) =>
  expect.objectContaining({
    path,
    extensions: expect.objectContaining({ code: 'FORBIDDEN_FIELD', reason, coordinate }),
  });

describe('the owner department', () => {
  it('reads its own data in full: not-shared, conditional and masked fields, without grants or purpose', () => {
    const r = run(
      `{ person(idNumber: "${ZHANG_ID}") { idNumber name birthDate criminalRecord household { address } } }`,
      OWNER,
    );
    expect(r.data).toEqual({
      person: {
        idNumber: ZHANG_ID,
        name: '张三',
        birthDate: '1990-01-01',
        criminalRecord: '2019 administrative detention',
        household: { address: '江苏省南通市崇川区和平桥街道人民中路12号3幢401室' },
      },
    });
    expect(r.errors).toEqual([]);
    expect(r.plan.changed).toBe(false);
  });

  it('is decided per subgraph: the market regulator owns Person.firms and Firm.registeredCapital but not the resident’s name', () => {
    const r = run(
      `{ person(idNumber: "${ZHANG_ID}") { idNumber name firms { registeredCapital } } }`,
      MARKET,
    );
    expect(r.data).toEqual({
      person: {
        idNumber: '320602********123X',
        name: '张*',
        firms: [{ registeredCapital: 5000000 }],
      },
    });
    expect(r.errors).toEqual([]);
  });
});

describe('unconditional sharing (无条件共享)', () => {
  it('serves an unconditional field to any department', () => {
    expect(run(`{ person(idNumber: "${ZHANG_ID}") { gender } }`, CIVIL).data).toEqual({
      person: { gender: 'MALE' },
    });
  });

  it('masks an unconditional sensitive field for a non-owner and says so in extensions', () => {
    const r = run(`{ person(idNumber: "${ZHANG_ID}") { idNumber name } }`, CIVIL);
    expect(r.data).toEqual({ person: { idNumber: '320602********123X', name: '张*' } });
    expect(r.extensions).toEqual({
      sharingPolicy: {
        masked: [
          { coordinate: 'Person.idNumber', mask: 'ID_NUMBER' },
          { coordinate: 'Person.name', mask: 'NAME' },
        ],
      },
    });
  });

  it('serves it in clear under a clear grant for the declared purpose', () => {
    const grants = grantsOf('civil-affairs', [
      grant({ id: 'g-name', coordinates: ['Person.name'], clear: true }),
    ]);
    const r = run(`{ person(idNumber: "${ZHANG_ID}") { idNumber name } }`, CIVIL, grants);
    expect(r.data).toEqual({ person: { idNumber: '320602********123X', name: '张三' } });
    expect(r.plan.grantIds).toEqual(['g-name']);
  });
});

describe('conditional sharing (有条件共享)', () => {
  it('serves a conditional field under a grant for the declared purpose, masked unless the grant is clear', () => {
    expect(run(PERSON, CIVIL, grantsOf('civil-affairs', [grant()])).data).toEqual({
      person: { name: '张*', birthDate: '1990-**-**' },
    });
    expect(run(PERSON, CIVIL, grantsOf('civil-affairs', [grant({ clear: true })])).data).toEqual({
      person: { name: '张*', birthDate: '1990-01-01' },
    });
  });

  const refusals: [string, PolicyCaller, GrantSnapshot, string][] = [
    ['without any grant', CIVIL, grantsOf('civil-affairs', []), 'NO_GRANT'],
    [
      'without a declared purpose',
      { ...CIVIL, purpose: null },
      grantsOf('civil-affairs', [grant()]),
      'PURPOSE_REQUIRED',
    ],
    [
      'for a purpose the grant does not name',
      { ...CIVIL, purpose: 'TAX_AUDIT' },
      grantsOf('civil-affairs', [grant()]),
      'PURPOSE_NOT_GRANTED',
    ],
    [
      'when the grant has expired',
      CIVIL,
      grantsOf('civil-affairs', [grant({ validUntil: '2025-05-01T00:00:00Z' })]),
      'GRANT_EXPIRED',
    ],
    [
      'when the grant was revoked',
      CIVIL,
      grantsOf('civil-affairs', [grant({ status: 'REVOKED' })]),
      'NO_GRANT',
    ],
    [
      'when the grant is another application’s',
      CIVIL,
      grantsOf('civil-affairs', [grant({ application: 'pension-desk' })]),
      'NO_GRANT',
    ],
    [
      'when grants could not be loaded (fail closed)',
      CIVIL,
      { status: 'UNAVAILABLE' },
      'POLICY_UNAVAILABLE',
    ],
  ];

  it.each(refusals)(
    'withholds it %s: null, one FORBIDDEN_FIELD error, never sent to the subgraph',
    (_case, caller, grants, reason) => {
      const r = run(PERSON, caller, grants);
      expect(r.data).toEqual({ person: { name: '张*', birthDate: null } });
      expect(r.errors).toEqual([forbidden(['person', 'birthDate'], reason, 'Person.birthDate')]);
      expect(r.read.has('Person.birthDate')).toBe(false);
      expect(r.plan.rewrittenQuery).not.toContain('birthDate');
    },
  );

  it('serves it under a grant to the caller’s own application', () => {
    const r = run(
      PERSON,
      CIVIL,
      grantsOf('civil-affairs', [grant({ application: 'relief-roll', clear: true })]),
    );
    expect(r.data).toEqual({ person: { name: '张*', birthDate: '1990-01-01' } });
  });

  it('serves every field of a type under a Type.* grant', () => {
    const grants = grantsOf('civil-affairs', [
      grant({ id: 'g-hh', coordinates: ['Person.household', 'Household.*'] }),
    ]);
    const r = run(
      `{ person(idNumber: "${ZHANG_ID}") { household { number address members { gender } } } }`,
      CIVIL,
      grants,
    );
    expect(r.data).toEqual({
      person: {
        household: {
          number: 'H0001',
          address: '江苏省南通市崇川区和平桥街道***',
          members: [{ gender: 'MALE' }, { gender: 'FEMALE' }],
        },
      },
    });
    expect(r.errors).toEqual([]);
  });

  it('tells the caller the owner’s condition for the field', () => {
    expect(run(PERSON, CIVIL).errors[0].extensions).toEqual({
      code: 'FORBIDDEN_FIELD',
      reason: 'NO_GRANT',
      coordinate: 'Person.birthDate',
      condition: 'Age-based eligibility.',
    });
  });

  it('still serves unconditional fields when grants could not be loaded', () => {
    const r = run(`{ person(idNumber: "${ZHANG_ID}") { gender phone } }`, CIVIL, {
      status: 'UNAVAILABLE',
    });
    expect(r.data).toEqual({ person: { gender: 'MALE', phone: null } });
    expect(r.errors).toEqual([
      forbidden(['person', 'phone'], 'POLICY_UNAVAILABLE', 'Person.phone'),
    ]);
  });
});

describe('not shared (不予共享)', () => {
  it('withholds a not-shared field from every other department, whatever it was granted', () => {
    const grants = grantsOf('civil-affairs', [grant({ coordinates: ['Person.*'], clear: true })]);
    const r = run(`{ person(idNumber: "${ZHANG_ID}") { gender criminalRecord } }`, CIVIL, grants);
    expect(r.data).toEqual({ person: { gender: 'MALE', criminalRecord: null } });
    expect(r.errors).toEqual([
      forbidden(['person', 'criminalRecord'], 'NOT_SHARED', 'Person.criminalRecord'),
    ]);
    expect(r.read.has('Person.criminalRecord')).toBe(false);
  });
});
