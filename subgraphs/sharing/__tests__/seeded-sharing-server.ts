/**
 * A sharing subgraph served over HTTP on a seeded temporary database (SQLite or MariaDB), for
 * the scenario suites that run the same specification on both backends.
 */
import { createTempDatabase, TempDatabase } from '../../../test/utils/temp-database';
import { RunningSubgraph, startSubgraphServer } from '../../kit/subgraph-server';
import { createSharingSubgraph, SharingSubgraphOptions } from '../module';
import { testVerifier } from './sharing-fixture';

/** Migrating and seeding a MariaDB database takes longer than jest's default on a busy machine. */
export const SEEDED_SERVER_TIMEOUT_MS = 60_000;

/**
 * Starts the server in beforeAll and stops it in afterAll; `url()` is its GraphQL endpoint once
 * started.
 */
export function seededSharingServer(
  backend: 'sqlite' | 'mysql',
  options: () => SharingSubgraphOptions,
): { url(): string } {
  let temp: TempDatabase | undefined;
  let server: RunningSubgraph | undefined;
  beforeAll(async () => {
    const module = createSharingSubgraph({ log: () => {}, ...options() });
    temp = await createTempDatabase(module, { backend, persons: 10 });
    server = await startSubgraphServer(module, {
      db: temp.db,
      port: 0,
      verifyRequest: testVerifier,
      log: () => {},
    });
  }, SEEDED_SERVER_TIMEOUT_MS);
  afterAll(async () => {
    await server?.stop();
    await temp?.cleanup();
  });
  return {
    url: () => {
      if (!server) throw new Error('the sharing subgraph has not started');
      return server.url;
    },
  };
}
