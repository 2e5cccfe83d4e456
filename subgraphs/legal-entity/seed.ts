import { Knex } from 'knex';
import { iterateEntities, World } from '../../domain/demo/world';
import { BulkWriter } from '../kit/bulk-writer';
import { SeedReporter } from '../kit/subgraph-module';
import { legalEntityRecord } from './entity-record';

export async function seedLegalEntities(
  db: Knex,
  world: World,
  reporter: SeedReporter,
): Promise<void> {
  const entities = new BulkWriter(db, 'legal_entities', {
    onWritten: (table, rows) => reporter.written(table, rows),
  });
  for (const e of iterateEntities(world)) await entities.add({ ...legalEntityRecord(world, e) });
  await entities.flush();
}
