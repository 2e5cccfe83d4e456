/**
 * The demo city: a deterministic description of Nantong's people, households and legal
 * entities that every subgraph's seeder derives from. A person or enterprise is a pure
 * function of (seed, index), so the licences seeder can name certificate holders and the
 * legal-entity seeder their representatives without reading the population database.
 *
 * Its parts: people.ts (who person n is), households.ts (who lives together, and where),
 * addresses.ts, entities.ts (who legal entity n is). This file holds the world's size.
 */
export type { AddressSeed } from './addresses';
export { addressIn } from './addresses';
export type { EntityKind, EntitySeed, EntityStatus } from './entities';
export { entityAt, iterateEntities } from './entities';
export type { HouseholdRelation, HouseholdSeed, ResidentSeed } from './households';
export { assignRelations, householdAt, iterateResidents } from './households';
export type { Gender, PersonSeed } from './people';
export { personAt } from './people';

export interface WorldOptions {
  seed: number;
  persons: number;
}

export interface World extends WorldOptions {
  households: number | null; // known after a pass over the persons; see iteratePersons
  entities: number;
}

export function createWorld(options: Partial<WorldOptions> = {}): World {
  const persons = Math.max(1, Math.floor(options.persons ?? 20000));
  return {
    seed: options.seed ?? 20171,
    persons,
    households: null,
    entities: entityCountFor(persons),
  };
}

/** One legal entity per ten residents is roughly Nantong's ratio of market entities to people. */
export function entityCountFor(persons: number): number {
  return Math.max(1, Math.round(persons / 10));
}
