/** The process entry of one subgraph: configuration, database, server, clean shutdown. */
import { migrateToLatest } from './migrations';
import { openDatabase } from './database';
import { readSubgraphConfig } from './subgraph-config';
import { startSubgraphServer } from './subgraph-server';
import { SubgraphModule } from './subgraph-module';

export async function runSubgraphMain(module: SubgraphModule<any>): Promise<void> {
  try {
    const config = readSubgraphConfig(module.name);
    const db = await openDatabase(config.database);
    await migrateToLatest(db, module.migrations);
    const running = await startSubgraphServer(module, { db, port: config.port, host: config.host });
    console.log(`[${module.name}] serving ${running.url} (${config.database.client})`);
    const stop = async () => {
      await running.stop();
      await db.destroy();
      process.exit(0);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } catch (err) {
    console.error(`[${module.name}] failed to start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
