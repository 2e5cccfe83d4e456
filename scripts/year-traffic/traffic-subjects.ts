/**
 * The data subjects the year's traffic asks about, read from the seeded databases: a spread of
 * residents and legal entities that exist, so lookups find someone (the gateway counts misses as
 * probing). A caseload, not the whole city: a department works the same files over and over, and
 * a few hundred distinct subjects stay within a grant's daily subject quota.
 */
import type { Knex } from 'knex';

/** @default 300 persons and 150 entities */
export async function readTrafficSubjects(
  population: Knex,
  legalEntity: Knex,
  sizes: { persons?: number; entities?: number } = {},
): Promise<{ persons: string[]; entities: string[] }> {
  const persons = (await population('people')
    .orderBy('id_number')
    .limit(5000)
    .pluck('id_number')) as string[];
  const entities = (await legalEntity('legal_entities')
    .orderBy('credit_code')
    .limit(5000)
    .pluck('credit_code')) as string[];
  return {
    persons: spread(persons, sizes.persons ?? 300),
    entities: spread(entities, sizes.entities ?? 150),
  };
}

/** `n` items evenly spaced over the list (all of it when shorter). */
function spread(list: readonly string[], n: number): string[] {
  if (list.length <= n) return [...list];
  const step = list.length / n;
  return Array.from({ length: n }, (_, i) => list[Math.floor(i * step)]);
}
