/**
 * Seeds the repository's persisted documents (persisted/manifest.json) into the registry, through
 * the same registration the mutation uses, as the big data bureau. The applications stay in
 * document mode ANY: the README's and the tests' ad-hoc queries as the service network still
 * run; `setApplicationDocumentMode(id: "service-network", mode: PERSISTED_ONLY)` switches it.
 */
import { Knex } from 'knex';
import { PLATFORM_DEPARTMENT } from '../../domain/departments';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import type { SeedReporter } from '../kit/subgraph-module';
import type { Clock } from './clock';
import { createPersistedDocuments } from './persisted-documents';
import { manifestDocuments, PERSISTED_DIR } from './persisted-manifest';

const BUREAU: CallerIdentity = {
  department: PLATFORM_DEPARTMENT,
  application: null,
  operator: 'seed@persisted-manifest',
  purpose: null,
  roles: [],
};

export async function seedPersistedDocuments(
  db: Knex,
  reporter: SeedReporter,
  clock: Clock,
  dir: string = PERSISTED_DIR,
): Promise<void> {
  const documents = createPersistedDocuments(db, clock);
  let written = 0;
  for (const entry of manifestDocuments(dir)) {
    // A manifest may name systems a smaller demo registry does not have.
    if (!(await db('applications').where({ id: entry.application }).first('id'))) continue;
    await documents.register(BUREAU, {
      application: entry.application,
      item: entry.item,
      document: entry.document,
    });
    written++;
  }
  reporter.written('persisted_documents', written);
}
