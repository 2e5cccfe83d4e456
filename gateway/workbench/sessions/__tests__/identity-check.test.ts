import type { ApplicationLookup } from '../../../auth/verify-token';
import { identityProblem } from '../identity-check';

/** The registry's answers, as the gateway's registry lookup gives them. */
const REGISTRY: Record<string, Awaited<ReturnType<ApplicationLookup>>> = {
  'tax-collection': { department: 'tax', status: 'ACTIVE' },
  'minimum-living-allowance': { department: 'civil-affairs', status: 'ACTIVE' },
  'old-system': { department: 'tax', status: 'RETIRED' },
};
const lookup: ApplicationLookup = async (id) => REGISTRY[id] ?? null;
const tax = {
  department: 'tax',
  application: 'tax-collection',
  operator: 'c1',
  roles: ['analyst'],
};

describe('identityProblem', () => {
  it('accepts an operator of a department, with or without an ACTIVE application of it', async () => {
    expect(await identityProblem(tax, lookup)).toBeNull();
    expect(await identityProblem({ ...tax, application: null }, lookup)).toBeNull();
  });

  it.each([
    [{ ...tax, department: 'nowhere' }, /department/],
    [{ ...tax, operator: null }, /operator is missing/],
    [{ ...tax, operator: 'has space' }, /operator claim/],
    [{ ...tax, roles: ['Admin'] }, /roles claim/],
    [{ ...tax, application: 'Not An Id' }, /application claim/],
    [{ ...tax, application: 'unknown-system' }, /not registered/],
    [{ ...tax, application: 'minimum-living-allowance' }, /belongs to civil-affairs, not tax/],
    [{ ...tax, application: 'old-system' }, /RETIRED, not ACTIVE/],
  ])('refuses %j', async (identity, problem) => {
    expect(await identityProblem(identity, lookup)).toMatch(problem);
  });

  it('lets a registry outage surface rather than guess', async () => {
    const down: ApplicationLookup = async () => {
      throw new Error('registry down');
    };
    await expect(identityProblem(tax, down)).rejects.toThrow('registry down');
  });
});
