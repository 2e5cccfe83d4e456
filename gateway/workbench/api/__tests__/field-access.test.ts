import type { DenialReason } from '../../../policy';
import type { FieldDecision } from '../../../policy/field-decision';
import {
  CIVIL,
  fixtureEngine,
  grant,
  grantsOf,
  NOW,
  OWNER,
} from '../../../policy/__tests__/policy-harness';
import { accessOf, fieldAccess } from '../field-access';
import { purposesInForce } from '../caller-purposes';
import { accessTables } from '../access-table';

const engine = fixtureEngine();
const rule = (coordinate: string) => engine.rules.get(coordinate)!;
const DAY = 86_400_000;

describe('a decision as the workbench shows it', () => {
  it('maps every outcome and every denial reason to one access', () => {
    const allow = (basis: 'OWNER' | 'UNCONDITIONAL' | 'GRANT'): FieldDecision => ({
      outcome: 'ALLOW',
      basis,
      grantIds: [],
    });
    expect(accessOf(allow('OWNER'))).toBe('OWNER');
    expect(accessOf(allow('UNCONDITIONAL'))).toBe('CLEAR');
    expect(accessOf(allow('GRANT'))).toBe('CLEAR');
    expect(accessOf({ outcome: 'MASK', mask: 'NAME', basis: 'UNCONDITIONAL', grantIds: [] })).toBe(
      'MASKED',
    );
    const denied: Record<DenialReason, string> = {
      NO_GRANT: 'NEEDS_GRANT',
      GRANT_EXPIRED: 'NEEDS_GRANT',
      PURPOSE_REQUIRED: 'NEEDS_PURPOSE',
      PURPOSE_NOT_GRANTED: 'NEEDS_PURPOSE',
      NOT_SHARED: 'NOT_SHARED',
      POLICY_UNAVAILABLE: 'UNAVAILABLE',
      CASE_REQUIRED: 'CASE_ONLY',
      CASE_CLOSED: 'CASE_ONLY',
      NOT_IN_ITEM: 'CASE_ONLY',
      NOT_CONSENTED: 'CASE_ONLY',
      SUBJECT_NOT_ON_CASE: 'CASE_ONLY',
    };
    for (const [reason, access] of Object.entries(denied))
      expect(accessOf({ outcome: 'DENY', reason: reason as DenialReason })).toBe(access);
  });
});

describe('field access for a caller', () => {
  const none = grantsOf(CIVIL.department, []);

  it('shows the owner its data in full, whatever the class', () => {
    const e = fieldAccess(
      rule('Person.criminalRecord'),
      OWNER,
      grantsOf(OWNER.department, []),
      NOW,
    );
    expect(e).toMatchObject({
      level: 'NONE',
      owner: 'public-security',
      ownerName: '公安局',
      access: 'OWNER',
      reason: null,
    });
  });

  it('serves unconditional fields clear or masked, and says for which purpose a clear grant would unmask', () => {
    expect(fieldAccess(rule('Person.gender'), CIVIL, none, NOW).access).toBe('CLEAR');
    const masked = fieldAccess(rule('Person.name'), CIVIL, none, NOW);
    expect(masked).toMatchObject({ access: 'MASKED', mask: 'NAME', reason: null });
    expect(masked.summary).toContain('脱敏');
    const clearElsewhere = grantsOf(CIVIL.department, [
      grant({ coordinates: ['Person.name'], purposes: ['SOCIAL_ASSISTANCE'], clear: true }),
    ]);
    const e = fieldAccess(rule('Person.name'), CIVIL, clearElsewhere, NOW);
    expect(e).toMatchObject({ access: 'MASKED', grantPurposes: ['SOCIAL_ASSISTANCE'] });
    expect(e.summary).toContain('SOCIAL_ASSISTANCE');
  });

  it('needs a grant without one, and again when it expired', () => {
    const e = fieldAccess(rule('Person.birthDate'), CIVIL, none, NOW);
    expect(e).toMatchObject({
      level: 'CONDITIONAL',
      access: 'NEEDS_GRANT',
      reason: 'NO_GRANT',
      condition: 'Age-based eligibility.',
      grantPurposes: [],
    });
    expect(e.summary).toMatch(/apply to public-security/);
    const expired = grantsOf(CIVIL.department, [
      grant({ validFrom: '2024-01-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' }),
    ]);
    expect(fieldAccess(rule('Person.birthDate'), CIVIL, expired, NOW)).toMatchObject({
      access: 'NEEDS_GRANT',
      reason: 'GRANT_EXPIRED',
    });
  });

  it('needs a purpose when the grant is for another one or none is declared, naming the granted ones', () => {
    const other = grantsOf(CIVIL.department, [grant({ purposes: ['HOUSING_SECURITY'] })]);
    expect(fieldAccess(rule('Person.birthDate'), CIVIL, other, NOW)).toMatchObject({
      access: 'NEEDS_PURPOSE',
      reason: 'PURPOSE_NOT_GRANTED',
      grantPurposes: ['HOUSING_SECURITY'],
    });
    expect(
      fieldAccess(rule('Person.birthDate'), { ...CIVIL, purpose: null }, other, NOW),
    ).toMatchObject({ access: 'NEEDS_PURPOSE', reason: 'PURPOSE_REQUIRED' });
    expect(
      fieldAccess(rule('Person.birthDate'), { ...CIVIL, purpose: 'HOUSING_SECURITY' }, other, NOW),
    ).toMatchObject({ access: 'MASKED', mask: 'DATE', grantPurposes: ['HOUSING_SECURITY'] });
  });

  it('is not shared, unavailable without grants, and case-only under item grants', () => {
    expect(fieldAccess(rule('Person.criminalRecord'), CIVIL, none, NOW)).toMatchObject({
      access: 'NOT_SHARED',
      reason: 'NOT_SHARED',
    });
    expect(
      fieldAccess(rule('Person.birthDate'), CIVIL, { status: 'UNAVAILABLE' }, NOW),
    ).toMatchObject({ access: 'UNAVAILABLE', reason: 'POLICY_UNAVAILABLE' });
    const item = grantsOf(CIVIL.department, [grant({ item: 'ZF0101' })]);
    expect(fieldAccess(rule('Person.birthDate'), CIVIL, item, NOW)).toMatchObject({
      access: 'CASE_ONLY',
      reason: 'CASE_REQUIRED',
    });
  });

  it("ignores another application's grant", () => {
    const theirs = grantsOf(CIVIL.department, [grant({ application: 'someone-else' })]);
    expect(fieldAccess(rule('Person.birthDate'), CIVIL, theirs, NOW).access).toBe('NEEDS_GRANT');
  });
});

describe("the caller's purposes", () => {
  it('are those of the grants in force for the caller, once each, sorted', () => {
    const grants = grantsOf(CIVIL.department, [
      grant({ id: 'a', purposes: ['SOCIAL_ASSISTANCE', 'HOUSING_SECURITY'] }),
      grant({ id: 'b', purposes: ['SOCIAL_ASSISTANCE'], application: 'relief-roll' }),
      grant({ id: 'revoked', purposes: ['TAX_ADMINISTRATION'], status: 'REVOKED' }),
      grant({ id: 'other-app', purposes: ['STATISTICS'], application: 'another' }),
      grant({
        id: 'expired',
        purposes: ['EMERGENCY_RESPONSE'],
        validUntil: '2025-05-01T00:00:00Z',
      }),
      grant({ id: 'later', purposes: ['PUBLIC_SERVICE'], validFrom: '2025-07-01T00:00:00Z' }),
    ]);
    expect(purposesInForce(grants, CIVIL, NOW)).toEqual([
      {
        code: 'HOUSING_SECURITY',
        name: '住房保障',
        nameEn: 'Housing security (subsidised housing)',
      },
      {
        code: 'SOCIAL_ASSISTANCE',
        name: '社会救助',
        nameEn: 'Social assistance (minimum living allowance, relief)',
      },
    ]);
    expect(purposesInForce({ status: 'UNAVAILABLE' }, CIVIL, NOW)).toEqual([]);
  });
});

describe('the access table cache', () => {
  it('answers again from the cache until the grants change or one starts or stops applying', () => {
    const tables = accessTables();
    const g = grant({ validUntil: new Date(NOW + DAY).toISOString() });
    const grants = grantsOf(CIVIL.department, [g], 'v1');
    const first = tables.json(engine, CIVIL, grants, NOW);
    expect(JSON.parse(first).fields['Person.birthDate'].access).toBe('MASKED');
    // Same version: the same answer, even if the snapshot object were stale.
    expect(tables.json(engine, CIVIL, grantsOf(CIVIL.department, [], 'v1'), NOW)).toBe(first);
    // A new version is decided again.
    const revoked = grantsOf(CIVIL.department, [], 'v2');
    expect(
      JSON.parse(tables.json(engine, CIVIL, revoked, NOW)).fields['Person.birthDate'].access,
    ).toBe('NEEDS_GRANT');
    // Past the grant's end the cached table is stale.
    const later = JSON.parse(tables.json(engine, CIVIL, grants, NOW + 2 * DAY));
    expect(later.fields['Person.birthDate']).toMatchObject({ reason: 'GRANT_EXPIRED' });
    // Another purpose is another table.
    const other = JSON.parse(tables.json(engine, { ...CIVIL, purpose: null }, grants, NOW));
    expect(other.purpose).toBeNull();
    expect(other.fields['Person.birthDate'].access).toBe('NEEDS_PURPOSE');
  });
});
