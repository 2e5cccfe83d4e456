import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, validate } from 'graphql';
import { loadSubgraphSdl } from '../../../contracts/schema-files';
import { Grant, GrantSnapshot, grantTiming } from '../../../gateway/policy/grant';
import {
  chinaDayStart,
  decodeGrantsChanged,
  encodeGrantsChanged,
  grantSnapshotFromData,
  GRANTS_FOR_QUERY,
} from '../../../contracts/grants/grant-snapshot';

describe('the gateway-facing grant snapshot', () => {
  it('has a query that is valid against the sharing schema', () => {
    const schema = buildSubgraphSchema({ typeDefs: loadSubgraphSdl('sharing') });
    expect(validate(schema, parse(GRANTS_FOR_QUERY))).toEqual([]);
  });

  it("turns the subgraph's calendar days into the policy engine's instants (China Standard Time, end exclusive)", () => {
    const snapshot = grantSnapshotFromData('tax', {
      grantsFor: {
        version: 3,
        asOf: '2025-03-05',
        grants: [
          {
            id: 'GR-1',
            application: null,
            coordinates: ['LegalEntity.paidInCapital'],
            purposes: ['TAX_ADMINISTRATION'],
            validFrom: '2025-03-05',
            validUntil: '2025-12-31',
            clear: true,
            subjectQuota: 200,
            grantedBy: { code: 'market-regulation' },
          },
        ],
      },
    });
    // Assignable to the policy engine's own types: a change on either side fails the type check.
    const policySnapshot: GrantSnapshot = snapshot;
    const [grant]: readonly Grant[] =
      policySnapshot.status === 'LOADED' ? policySnapshot.grants : [];
    expect(snapshot.version).toBe('3');
    expect(grant).toMatchObject({
      validFrom: '2025-03-04T16:00:00.000Z',
      validUntil: '2025-12-31T16:00:00.000Z',
      status: 'ACTIVE',
      department: 'tax',
      application: null,
      subjectQuota: 200,
    });
    expect(grantTiming(grant, Date.parse('2025-12-31T23:59:59+08:00'))).toBe('CURRENT');
    expect(grantTiming(grant, Date.parse('2026-01-01T00:00:00+08:00'))).toBe('EXPIRED');
    expect(grantTiming(grant, Date.parse('2025-03-04T23:59:59+08:00'))).toBe('NOT_YET_VALID');
  });

  it.each([
    ['2025-03-05', 0, '2025-03-04T16:00:00.000Z'],
    ['2025-12-31', 1, '2025-12-31T16:00:00.000Z'],
    ['2024-02-28', 1, '2024-02-28T16:00:00.000Z'],
  ])('starts %s (+%d days) at %s', (date, days, instant) => {
    expect(chinaDayStart(date, days)).toBe(instant);
  });

  it('round-trips the grants-changed message and ignores anything else', () => {
    expect(decodeGrantsChanged(encodeGrantsChanged('civil-affairs', 7))).toEqual({
      department: 'civil-affairs',
      version: 7,
    });
    for (const junk of [
      '',
      'null',
      '{"department":"x"}',
      '{"department":"x","version":-1}',
      '{"department":1,"version":1}',
      'not json',
    ]) {
      expect(decodeGrantsChanged(junk)).toBeNull();
    }
  });
});
