import { DEMO_AS_OF } from '../../../domain/demo/calendar';
import { createWorld, iterateEntities } from '../../../domain/demo/world';
import { entityStatusChangedOn, legalEntityRecord } from '../entity-record';
import { INDUSTRY_SECTIONS } from '../industry-sections';

const world = createWorld({ seed: 5, persons: 5000 });
const pairs = [...iterateEntities(world)].map((e) => [e, legalEntityRecord(world, e)] as const);

describe('legal entity record', () => {
  it('dates a status change exactly for entities that are no longer active, between establishment and the demo day', () => {
    for (const [e, r] of pairs) {
      if (e.status === 'ACTIVE') expect(r.status_changed_on).toBeNull();
      else {
        expect(r.status_changed_on! > e.establishedOn).toBe(true);
        expect(r.status_changed_on! <= DEMO_AS_OF).toBe(true);
        expect(r.status_changed_on).toBe(entityStatusChangedOn(world, e));
      }
    }
  });

  it('never declares more paid-in capital than registered, and only for companies and cooperatives', () => {
    for (const [e, r] of pairs) {
      if (r.paid_in_capital === null) continue;
      expect(['COMPANY', 'COOPERATIVE']).toContain(e.kind);
      expect(r.paid_in_capital).toBeLessThanOrEqual(r.registered_capital);
    }
  });

  it('classes every entity whose licence was revoked as high risk', () => {
    expect(pairs.filter(([e, r]) => e.status === 'REVOKED' && r.risk_class !== 'HIGH')).toEqual([]);
  });

  it('uses only GB/T 4754 section codes', () => {
    expect(pairs.filter(([, r]) => !(r.industry_section in INDUSTRY_SECTIONS))).toEqual([]);
  });

  it('is the same record every time for the same world', () => {
    const [e, r] = pairs[7];
    expect(legalEntityRecord(world, e)).toEqual(r);
  });
});
