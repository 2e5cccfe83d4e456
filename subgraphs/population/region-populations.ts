/**
 * Residents per region, kept beside `people` so a people page's `totalCount` is one primary-key
 * read. Counting a county's index range instead costs time in proportion to its population: at
 * ten million residents a county holds over a million index entries, and every page would walk
 * them. The population subgraph serves a copy of the registry that is only ever loaded in bulk
 * (it has no mutations), so the table is rebuilt whenever people are loaded: by the seeder, and
 * by the migration that introduced it for databases loaded before.
 */
import { Knex } from 'knex';
import { inTransaction } from '../kit/in-transaction';
import { SqlTemplates } from '../kit/sql-templates';
import { CITY_CODE } from '../../domain/regions';

export const REGION_POPULATIONS = 'region_populations';

/** Counts every county and town from `people`, and the city as their sum, in one transaction. */
export async function rebuildRegionPopulations(db: Knex): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx(REGION_POPULATIONS).del();
    const counties: { code: string; n: number | string }[] = await trx('people')
      .select({ code: 'region_code' })
      .count({ n: '*' })
      .groupBy('region_code');
    const towns: { code: string; n: number | string }[] = await trx('people')
      .select({ code: 'town_code' })
      .count({ n: '*' })
      .groupBy('town_code');
    const city = counties.reduce((sum, c) => sum + Number(c.n), 0);
    const rows = [...counties, ...towns].map((r) => ({
      region_code: r.code,
      persons: Number(r.n),
    }));
    rows.push({ region_code: CITY_CODE, persons: city });
    // A hundred-odd rows: one statement, well under either engine's parameter limit.
    await trx(REGION_POPULATIONS).insert(rows);
  });
}

/** Every people page reads its count: the statement is compiled and prepared once (sql-templates.ts). */
const COUNT_READS = new SqlTemplates();

/** A region with no residents has no row: it counts zero. */
export async function regionPopulation(db: Knex, regionCode: string): Promise<number> {
  const [row] = await COUNT_READS.select<{ persons: number | string }>(
    db,
    'persons',
    [regionCode],
    ([code]) => db(REGION_POPULATIONS).select('persons').where('region_code', code).limit(1),
  );
  return row ? Number(row.persons) : 0;
}
