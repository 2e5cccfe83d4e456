/**
 * The process entry of one subgraph: its configuration, read and checked once
 * (subgraph-config.ts), then the service (subgraph-service.ts) with its background tasks, and a
 * clean shutdown on SIGTERM or Ctrl-C.
 */
import {
  INSECURE_SKIP_WARNING,
  loadSigningSecretFrom,
} from '../../contracts/signing/signing-secret';
import { createRequestVerifier } from './request-signature';
import { readSubgraphConfig } from './subgraph-config';
import { RequestVerifier } from './subgraph-server';
import { createSubgraphService, SubgraphDefinition } from './subgraph-service';

/**
 * Every subgraph process verifies the gateway's signature (request-signature.ts); this is the
 * one place that turns it on, and the one that says so loudly when it is turned off.
 */
export function gatewaySignatureVerifier(
  subgraph: string,
  secret: Buffer,
  acceptUnsigned: boolean,
  warn: (text: string) => void = console.error,
): RequestVerifier {
  if (acceptUnsigned)
    warn(INSECURE_SKIP_WARNING.replace(/this subgraph/, `the ${subgraph} subgraph`));
  return createRequestVerifier({ subgraph, secret, acceptUnsigned });
}

export async function runSubgraphMain<TSettings>(
  definition: SubgraphDefinition<TSettings>,
): Promise<void> {
  const log = (line: string) => console.error(line);
  try {
    // Everything is read here, at start, so a bad value stops the service now rather than
    // failing its first request; and before the database opens.
    const config = readSubgraphConfig(definition.name, process.env, (env) =>
      definition.readSettings(env),
    );
    // Cursor keys are derived from the signing secret too: instances of one subgraph open each other's cursors.
    const { secret } = loadSigningSecretFrom(config.signing);
    const verifyRequest = gatewaySignatureVerifier(
      definition.name,
      secret,
      config.acceptUnsigned,
      log,
    );
    const service = await createSubgraphService(definition, config.own, {
      database: config.database,
      port: config.port,
      host: config.host,
      verifyRequest,
      cursorSecret: secret,
      log,
      tracing: config.tracing ?? null,
    });
    const tasks =
      service.tasks.length > 0 ? `; ${service.tasks.map((t) => t.name).join(', ')}` : '';
    console.log(`[${definition.name}] serving ${service.url} (${config.database.client}${tasks})`);
    const stop = async () => {
      await service.stop();
      process.exit(0);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  } catch (err) {
    console.error(
      `[${definition.name}] failed to start: ${err instanceof Error ? err.message : String(err)}`,
    );
    process.exit(1);
  }
}
