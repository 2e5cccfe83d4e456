import { decideField, PolicyCaller } from '../field-decision';
import type { CaseBinding } from '../case-binding';
import type { FieldRule } from '../../../contracts/field-rules';
import type { Grant, GrantSnapshot } from '../grant';

const NOW = Date.parse('2026-12-06T02:00:00Z');

const conditional = (coordinate: string): FieldRule => ({
  coordinate,
  level: 'CONDITIONAL',
  mask: null,
  condition: 'stated by the owner',
  owners: ['public-security'],
});

const HOUSEHOLD = conditional('Person.household');
const RESIDENCE = conditional('Person.residence');
const ENTERPRISES = conditional('Person.enterprises');

/** The housing bureau's item grant: what 公租房申请 may draw. */
const itemGrant = (overrides: Partial<Grant> = {}): Grant => ({
  id: 'item-zf0101',
  department: 'big-data-bureau',
  application: 'service-network',
  coordinates: ['Person.household', 'Person.residence'],
  purposes: ['ADMINISTRATIVE_APPROVAL'],
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: null,
  clear: true,
  status: 'ACTIVE',
  item: 'ZF0101',
  ...overrides,
});

const snapshot = (...grants: Grant[]): GrantSnapshot => ({
  status: 'LOADED',
  department: 'big-data-bureau',
  version: '1',
  grants,
});

const binding = (overrides: Partial<CaseBinding> = {}): CaseBinding => ({
  number: 'NT20261206-ZF0101-000001',
  item: 'ZF0101',
  open: true,
  dataItems: ['Person.household', 'Person.residence'],
  consent: ['Person.household', 'Person.residence'],
  ...overrides,
});

const caller = (bound?: CaseBinding | null): PolicyCaller => ({
  department: 'big-data-bureau',
  application: 'service-network',
  purpose: 'ADMINISTRATIVE_APPROVAL',
  ...(bound !== undefined ? { case: bound } : {}),
});

const reason = (rule: FieldRule, who: PolicyCaller, grants = snapshot(itemGrant())) => {
  const d = decideField(rule, who, grants, NOW);
  return d.outcome === 'DENY' ? d.reason : d.outcome;
};

describe('item grants (事项授权) serve only a request bound to an open case of their item', () => {
  it('serves a field of the item data list that the applicants consented to', () => {
    expect(decideField(HOUSEHOLD, caller(binding()), snapshot(itemGrant()), NOW)).toEqual({
      outcome: 'ALLOW',
      basis: 'GRANT',
      grantIds: ['item-zf0101'],
    });
  });

  it('withholds with CASE_REQUIRED when the request names no case, or one that bound nothing', () => {
    expect(reason(HOUSEHOLD, caller())).toBe('CASE_REQUIRED');
    expect(reason(HOUSEHOLD, caller(null))).toBe('CASE_REQUIRED');
  });

  it('withholds with CASE_CLOSED once the case is closed', () => {
    expect(reason(HOUSEHOLD, caller(binding({ open: false })))).toBe('CASE_CLOSED');
  });

  it('withholds with NOT_IN_ITEM a field the item does not list, or under a case of another item', () => {
    expect(reason(ENTERPRISES, caller(binding()))).toBe('NOT_IN_ITEM');
    const otherItem = binding({ number: 'NT20261206-SC0201-000001', item: 'SC0201' });
    expect(reason(HOUSEHOLD, caller(otherItem))).toBe('NOT_IN_ITEM');
  });

  it('withholds with NOT_CONSENTED a listed field the applicants did not authorise', () => {
    expect(reason(RESIDENCE, caller(binding({ consent: ['Person.household'] })))).toBe(
      'NOT_CONSENTED',
    );
  });

  it('reads a Type.* consent as every listed field of the type', () => {
    expect(reason(RESIDENCE, caller(binding({ consent: ['Person.*'] })))).toBe('ALLOW');
  });

  it('still asks for the purpose the grant names', () => {
    expect(reason(HOUSEHOLD, { ...caller(binding()), purpose: null })).toBe('PURPOSE_REQUIRED');
    expect(reason(HOUSEHOLD, { ...caller(binding()), purpose: 'STATISTICS' })).toBe(
      'PURPOSE_NOT_GRANTED',
    );
  });

  it('leaves standing grants as they were, with or without a case', () => {
    const standing = itemGrant({ id: 'standing', item: null, coordinates: ['Person.enterprises'] });
    expect(reason(ENTERPRISES, caller(), snapshot(standing))).toBe('ALLOW');
    expect(reason(ENTERPRISES, caller(binding()), snapshot(itemGrant(), standing))).toBe('ALLOW');
  });

  it('tells the most it can when several item grants refuse', () => {
    const other = itemGrant({ id: 'item-sc0201', item: 'SC0201' });
    const noConsent = binding({ consent: ['Person.residence'] });
    expect(reason(HOUSEHOLD, caller(noConsent), snapshot(other, itemGrant()))).toBe(
      'NOT_CONSENTED',
    );
  });
});
