import { Knex } from 'knex';
import { iterateEntities, iterateResidents, World } from '../../domain/demo/world';
import { BulkWriter } from '../kit/bulk-writer';
import { SeedReporter } from '../kit/subgraph-module';
import { entityCreditRecords, personCreditRecords } from './demo-credit-records';

export async function seedCredit(db: Knex, world: World, reporter: SeedReporter): Promise<void> {
  const records = new BulkWriter(db, 'credit_records', {
    onWritten: (table, rows) => reporter.written(table, rows),
  });
  for (const e of iterateEntities(world)) {
    for (const row of entityCreditRecords(world, e)) await records.add({ ...row });
  }
  // Streams the residents with their households (the county a person's records belong to).
  for (const p of iterateResidents(world)) {
    for (const row of personCreditRecords(world, p)) await records.add({ ...row });
  }
  await records.flush();
}
