import { Knex } from 'knex';
import { iterateEntities, iterateResidents, World } from '../../domain/demo/world';
import { BulkWriter } from '../kit/bulk-writer';
import { SeedReporter } from '../kit/subgraph-module';
import { entityCertificates } from './entity-certificates';
import { personCertificates } from './person-certificates';

export async function seedLicences(db: Knex, world: World, reporter: SeedReporter): Promise<void> {
  const certificates = new BulkWriter(db, 'certificates', {
    onWritten: (table, rows) => reporter.written(table, rows),
  });
  for (const c of personCertificates(world, iterateResidents(world)))
    await certificates.add({ ...c });
  for (const e of iterateEntities(world)) {
    for (const c of entityCertificates(world, e)) await certificates.add({ ...c });
  }
  await certificates.flush();
}
