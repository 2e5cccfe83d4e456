import { claimValue, mapProviderClaims } from '../provider-claims';

const NAMES = {
  department: 'department',
  application: 'application',
  operator: 'preferred_username',
  roles: 'roles',
};

describe('mapProviderClaims', () => {
  it('reads the configured claims into the platform identity, roles sorted and unique', () => {
    expect(
      mapProviderClaims(
        {
          sub: 'x1',
          department: 'tax',
          application: 'tax-collection',
          preferred_username: 'clerk-17',
          roles: ['tax-officer', 'analyst', 'analyst'],
        },
        NAMES,
      ),
    ).toEqual({
      ok: true,
      identity: {
        department: 'tax',
        application: 'tax-collection',
        operator: 'clerk-17',
        roles: ['analyst', 'tax-officer'],
      },
    });
  });

  it('takes an absent application as the department as a whole, and absent roles as none', () => {
    const mapped = mapProviderClaims({ department: 'tax', preferred_username: 'c1' }, NAMES);
    expect(mapped).toEqual({
      ok: true,
      identity: { department: 'tax', application: null, operator: 'c1', roles: [] },
    });
  });

  it('reads roles written as one string, and a numeric staff number', () => {
    const mapped = mapProviderClaims(
      { department: 'tax', preferred_username: 10023, roles: 'analyst, tax-officer auditor' },
      NAMES,
    );
    expect(mapped).toMatchObject({
      ok: true,
      identity: { operator: '10023', roles: ['analyst', 'auditor', 'tax-officer'] },
    });
  });

  it('follows other claim names, including dotted paths into nested claims', () => {
    const mapped = mapProviderClaims(
      {
        org: { dept: 'housing' },
        'https://gov.example/app': 'housing-subsidy',
        employee_id: 'h-9',
        realm_access: { roles: ['analyst'] },
      },
      {
        department: 'org.dept',
        application: 'https://gov.example/app',
        operator: 'employee_id',
        roles: 'realm_access.roles',
      },
    );
    expect(mapped).toEqual({
      ok: true,
      identity: {
        department: 'housing',
        application: 'housing-subsidy',
        operator: 'h-9',
        roles: ['analyst'],
      },
    });
  });

  it('names the missing claim', () => {
    expect(mapProviderClaims({ preferred_username: 'x' }, NAMES)).toEqual({
      ok: false,
      problem: 'the provider sent no department claim (department)',
    });
    expect(mapProviderClaims({ department: 'tax' }, NAMES)).toEqual({
      ok: false,
      problem: 'the provider sent no preferred_username claim (operator)',
    });
    expect(
      mapProviderClaims({ department: 'tax', preferred_username: 'x', roles: [1, 2] }, NAMES),
    ).toMatchObject({ ok: false, problem: expect.stringMatching(/roles/) });
  });

  it('does not reach into prototypes', () => {
    expect(claimValue({}, 'constructor')).toBeUndefined();
    expect(claimValue({ a: {} }, 'a.constructor.name')).toBeUndefined();
    expect(claimValue({ a: ['x'] }, 'a.0')).toBeUndefined();
  });
});
