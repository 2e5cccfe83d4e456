import { Knex } from 'knex';
import { iterateResidents, World } from '../../domain/demo/world';
import { BulkWriter } from '../kit/bulk-writer';
import { SeedReporter } from '../kit/subgraph-module';
import { rebuildRegionPopulations } from './region-populations';

export async function seedPopulation(
  db: Knex,
  world: World,
  reporter: SeedReporter,
): Promise<void> {
  const onWritten = (table: string, rows: number) => reporter.written(table, rows);
  const households = new BulkWriter(db, 'households', { onWritten });
  const people = new BulkWriter(db, 'people', { onWritten });
  let lastHousehold = -1;
  let position = 0;
  for (const r of iterateResidents(world)) {
    if (r.household.index !== lastHousehold) {
      lastHousehold = r.household.index;
      position = 0;
      await households.add({
        number: r.household.number,
        region_code: r.household.regionCode,
        town_code: r.household.townCode,
        address: r.household.address.fullText,
      });
    }
    await people.add({
      id_number: r.idNumber,
      name: r.name,
      gender: r.gender,
      birth_date: r.birthDate,
      ethnicity_code: r.ethnicityCode,
      ethnicity: r.ethnicity,
      phone: r.phone,
      household_number: r.household.number,
      household_relation: r.relation,
      member_position: position++,
      region_code: r.household.regionCode,
      town_code: r.household.townCode,
    });
  }
  await households.flush();
  await people.flush();
  await rebuildRegionPopulations(db);
}
