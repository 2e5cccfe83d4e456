import { ageOn, DEMO_AS_OF } from '../../../domain/demo/calendar';
import {
  createWorld,
  EntitySeed,
  iterateEntities,
  iterateResidents,
  ResidentSeed,
} from '../../../domain/demo/world';
import { entityStatusChangedOn } from '../../legal-entity/entity-record';
import { CreditRecordRow } from '../credit-record-row';
import { entityCreditRecords, personCreditRecords } from '../demo-credit-records';
import { requireRecordId } from '../record-id';

const world = createWorld({ seed: 13, persons: 40_000 });

const entities: { e: EntitySeed; rows: CreditRecordRow[] }[] = [];
const residents: { p: ResidentSeed; rows: CreditRecordRow[] }[] = [];
beforeAll(() => {
  for (const e of iterateEntities(world)) entities.push({ e, rows: entityCreditRecords(world, e) });
  for (const p of iterateResidents(world))
    residents.push({ p, rows: personCreditRecords(world, p) });
});

const share = <T>(items: T[], test: (t: T) => boolean) => items.filter(test).length / items.length;
const isAdult = (p: ResidentSeed) => ageOn(p.birthDate, DEMO_AS_OF) >= 18;

describe('demo credit records', () => {
  it('give every market entity the licensing record of its establishment, numbered with its credit code', () => {
    for (const { e, rows } of entities) {
      const licences = rows.filter((r) => r.kind === 'LICENSING');
      if (['COMPANY', 'INDIVIDUAL_BUSINESS', 'COOPERATIVE'].includes(e.kind)) {
        expect(licences).toHaveLength(1);
        expect(licences[0]).toMatchObject({
          licence_number: e.creditCode,
          decided_on: e.establishedOn,
          subject_key: e.creditCode,
        });
      } else {
        expect(licences).toHaveLength(0);
      }
    }
  });

  it('give an entity the register shows as revoked a revocation dated on the day of its status change', () => {
    const revoked = entities.filter(({ e }) => e.status === 'REVOKED');
    expect(revoked.length).toBeGreaterThan(0);
    for (const { e, rows } of revoked) {
      expect(rows).toContainEqual(
        expect.objectContaining({
          kind: 'PENALTY',
          penalty_types: 'REVOCATION',
          decided_on: entityStatusChangedOn(world, e),
        }),
      );
    }
  });

  it('penalise about 8% of entities, red-list about 3% and black-list about 1%', () => {
    expect(share(entities, ({ rows }) => rows.some((r) => r.kind === 'PENALTY'))).toBeGreaterThan(
      0.06,
    );
    expect(share(entities, ({ rows }) => rows.some((r) => r.kind === 'PENALTY'))).toBeLessThan(
      0.11,
    );
    expect(share(entities, ({ rows }) => rows.some((r) => r.list_type === 'RED'))).toBeGreaterThan(
      0.015,
    );
    expect(share(entities, ({ rows }) => rows.some((r) => r.list_type === 'RED'))).toBeLessThan(
      0.045,
    );
    expect(
      share(entities, ({ rows }) => rows.some((r) => r.list_type === 'BLACK')),
    ).toBeGreaterThan(0.005);
    expect(share(entities, ({ rows }) => rows.some((r) => r.list_type === 'BLACK'))).toBeLessThan(
      0.016,
    );
  });

  it('penalise about 3% of adults and list about 0.5% as judgment defaulters, and no children', () => {
    const adults = residents.filter(({ p }) => isAdult(p));
    expect(share(adults, ({ rows }) => rows.some((r) => r.kind === 'PENALTY'))).toBeGreaterThan(
      0.022,
    );
    expect(share(adults, ({ rows }) => rows.some((r) => r.kind === 'PENALTY'))).toBeLessThan(0.038);
    expect(share(adults, ({ rows }) => rows.some((r) => r.list_type === 'BLACK'))).toBeGreaterThan(
      0.002,
    );
    expect(share(adults, ({ rows }) => rows.some((r) => r.list_type === 'BLACK'))).toBeLessThan(
      0.009,
    );
    expect(
      residents.filter(({ p, rows }) => rows.length > 0 && ageOn(p.birthDate, DEMO_AS_OF) < 18),
    ).toEqual([]);
  });

  it('put a black-listed entity on the list after a serious penalty, and a red-listed one has no penalty', () => {
    for (const { rows } of entities) {
      const black = rows.find((r) => r.list_type === 'BLACK');
      if (black)
        expect(
          rows.some(
            (r) =>
              r.kind === 'PENALTY' &&
              r.decided_on < black.decided_on &&
              r.reason === null &&
              r.violation === black.reason,
          ),
        ).toBe(true);
      if (rows.some((r) => r.list_type === 'RED'))
        expect(rows.some((r) => r.kind === 'PENALTY')).toBe(false);
    }
  });

  it('date nothing after the demo as-of day', () => {
    const all = [...entities, ...residents].flatMap(({ rows }) => rows);
    expect(
      all.filter(
        (r) => r.decided_on > DEMO_AS_OF || (r.removed_on !== null && r.removed_on > DEMO_AS_OF),
      ),
    ).toEqual([]);
    expect(all.filter((r) => r.removed_on !== null && r.removed_on <= r.decided_on)).toEqual([]);
  });

  it('give every record a unique, well-formed ID and a publicity end after the decision for penalties', () => {
    const all = [...entities, ...residents].flatMap(({ rows }) => rows);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    for (const r of all) expect(requireRecordId('id', r.id)).toBe(r.id);
    for (const r of all.filter((x) => x.kind === 'PENALTY'))
      expect((r.publicity_ends_on as string) > r.decided_on).toBe(true);
  });

  it('are the same for the same seed', () => {
    const [{ e }] = entities.filter(({ rows }) => rows.length > 1);
    expect(entityCreditRecords(world, e)).toEqual(
      entityCreditRecords(createWorld({ seed: 13, persons: 40_000 }), e),
    );
  });
});
