import { approvalTerms, RequestedTerms } from '../approval-terms';
import { testCatalogue } from './sharing-fixture';

const catalogue = testCatalogue();
const requested: RequestedTerms = {
  owner: 'public-security',
  items: ['Household.*', 'Person.phone'],
  purposes: ['HOUSING_SECURITY', 'SOCIAL_ASSISTANCE'],
  clear: true,
  validUntil: '2025-12-31',
  subjectQuota: 1000,
};
const TODAY = '2025-03-05';

describe('approvalTerms: an owner may grant less than asked, never more', () => {
  it('grants exactly what was requested when nothing is narrowed', () => {
    expect(approvalTerms(requested, {}, TODAY, catalogue)).toEqual({
      ok: true,
      terms: {
        items: ['Household.*', 'Person.phone'],
        purposes: ['HOUSING_SECURITY', 'SOCIAL_ASSISTANCE'],
        clear: true,
        validFrom: TODAY,
        validUntil: '2025-12-31',
        subjectQuota: 1000,
      },
    });
  });

  it('narrows items (picking a field out of a requested Type.*), purposes, clear values and the end date', () => {
    const outcome = approvalTerms(
      requested,
      {
        items: ['Household.address'],
        purposes: ['SOCIAL_ASSISTANCE'],
        clear: false,
        validUntil: '2025-06-30',
      },
      TODAY,
      catalogue,
    );
    expect(outcome).toEqual({
      ok: true,
      terms: {
        items: ['Household.address'],
        purposes: ['SOCIAL_ASSISTANCE'],
        clear: false,
        validFrom: TODAY,
        validUntil: '2025-06-30',
        subjectQuota: 1000,
      },
    });
  });

  it("sets the owner's subject quota, above or below the default proposed", () => {
    for (const subjectQuota of [5, 50_000]) {
      const outcome = approvalTerms(requested, { subjectQuota }, TODAY, catalogue);
      expect(outcome.ok && outcome.terms.subjectQuota).toBe(subjectQuota);
    }
  });

  it.each([
    ['an item not requested', { items: ['Person.birthDate'] }, 'items'],
    ['a whole type when one field was requested', { items: ['Person.*'] }, 'items'],
    ['no items at all', { items: [] }, 'items'],
    ['a purpose not requested', { purposes: ['LAW_ENFORCEMENT'] }, 'purposes'],
    ['no purposes at all', { purposes: [] }, 'purposes'],
    ['an end after the one requested', { validUntil: '2026-01-01' }, 'validUntil'],
    ['an end before today', { validUntil: '2025-03-04' }, 'validUntil'],
    ['a subject quota of zero', { subjectQuota: 0 }, 'subjectQuota'],
    ['a fractional subject quota', { subjectQuota: 2.5 }, 'subjectQuota'],
    ['a subject quota above the maximum', { subjectQuota: 1_000_001 }, 'subjectQuota'],
  ])('refuses %s', (_name, choice, argument) => {
    const outcome = approvalTerms(requested, choice, TODAY, catalogue);
    expect(outcome.ok ? null : outcome.problem.argument).toBe(argument);
  });

  it('refuses a field picked out of Type.* that another owner serves', () => {
    const market: RequestedTerms = {
      ...requested,
      owner: 'market-regulation',
      items: ['Person.*'],
    };
    expect(approvalTerms(market, { items: ['Person.enterprises'] }, TODAY, catalogue).ok).toBe(
      true,
    );
    const outcome = approvalTerms(market, { items: ['Person.phone'] }, TODAY, catalogue);
    expect(outcome.ok ? null : outcome.problem.coordinate).toBe('Person.phone');
  });

  it('refuses clear values when only masked ones were asked for', () => {
    const outcome = approvalTerms(
      { ...requested, clear: false },
      { clear: true },
      TODAY,
      catalogue,
    );
    expect(outcome.ok ? null : outcome.problem.argument).toBe('clear');
  });

  it('lets the owner set an end when none was asked for', () => {
    const outcome = approvalTerms(
      { ...requested, validUntil: null },
      { validUntil: '2030-01-01' },
      TODAY,
      catalogue,
    );
    expect(outcome.ok && outcome.terms.validUntil).toBe('2030-01-01');
  });

  it('names the coordinate that was not requested', () => {
    const outcome = approvalTerms(
      requested,
      { items: ['Person.phone', 'Person.ethnicity'] },
      TODAY,
      catalogue,
    );
    expect(outcome.ok ? null : outcome.problem.coordinate).toBe('Person.ethnicity');
  });
});
