import { Knex } from 'knex';
import { World } from '../../domain/demo/world';
import { BulkWriter } from '../kit/bulk-writer';
import { SeedReporter } from '../kit/subgraph-module';
import { demoObservations, observationRegions } from './demo-observations';
import { INDICATORS } from './indicator-catalogue';
import { PERIOD_TYPES } from './period';

export async function seedMacroEconomy(
  db: Knex,
  world: World,
  reporter: SeedReporter,
): Promise<void> {
  const onWritten = (table: string, rows: number) => reporter.written(table, rows);
  const indicators = new BulkWriter(db, 'indicators', { onWritten });
  const observations = new BulkWriter(db, 'observations', { onWritten });
  for (const [position, i] of INDICATORS.entries()) {
    await indicators.add({
      code: i.code,
      position,
      name: i.name,
      name_en: i.nameEn,
      unit: i.unit,
      unit_en: i.unitEn,
      description: i.description,
      period_types: PERIOD_TYPES.filter((t) => i.periodTypes.includes(t)).join(','),
      source: i.source,
      value_kind: i.valueKind,
      // better-sqlite3 binds numbers, not booleans.
      cumulative: i.cumulative ? 1 : 0,
      coverage: i.coverage,
    });
    for (const region of observationRegions(world, i)) {
      for (const row of demoObservations(world, i, region)) await observations.add({ ...row });
    }
  }
  await indicators.flush();
  await observations.flush();
}
