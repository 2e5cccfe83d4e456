/** The process entry of one subgraph: configuration, database, server, clean shutdown. */
import { migrateToLatest } from '../../contracts/database/migrations';
import { openDatabase } from '../../contracts/database/database';
import { createRequestVerifier } from './request-signature';
import { readSubgraphConfig } from './subgraph-config';
import { RequestVerifier, startSubgraphServer } from './subgraph-server';
import { SubgraphModule } from './subgraph-module';
import { INSECURE_SKIP_WARNING, insecureSkipRequested, loadSigningSecret } from '../../contracts/signing/signing-secret';

/**
 * Every subgraph process verifies the gateway's signature (request-signature.ts); this is the
 * one place that turns it on. Read before the database opens, so a refused setting (the
 * insecure switch in production, no secret in production) stops the service at once.
 */
export function gatewaySignatureVerifier(subgraph: string, env: NodeJS.ProcessEnv = process.env, warn: (text: string) => void = console.error): RequestVerifier {
  const acceptUnsigned = insecureSkipRequested(env);
  if (acceptUnsigned) warn(INSECURE_SKIP_WARNING.replace(/this subgraph/, `the ${subgraph} subgraph`));
  const { secret } = loadSigningSecret(env);
  return createRequestVerifier({ subgraph, secret, acceptUnsigned });
}

export async function runSubgraphMain(module: SubgraphModule<any>): Promise<void> {
  try {
    const config = readSubgraphConfig(module.name);
    const verifyRequest = gatewaySignatureVerifier(module.name);
    const db = await openDatabase(config.database);
    await migrateToLatest(db, module.migrations);
    // Cursor keys are derived from the signing secret: instances of one subgraph open each other's cursors.
    const running = await startSubgraphServer(module, { db, port: config.port, host: config.host, verifyRequest, cursorSecret: loadSigningSecret().secret });
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
