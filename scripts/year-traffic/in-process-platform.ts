/**
 * The platform `npm start` runs, brought up inside this process instead of as child processes:
 * the same environment and configuration (readSubgraphConfig, readGatewayConfig), the same
 * databases (./data or MariaDB with MYSQL_URL), migrated and seeded the same way
 * (prepare-with-progress.ts), every registered subgraph built by the same factory
 * (createSubgraphService) and the gateway by startPlatformGateway. One process is what simulated
 * time needs: replacing `Date` here reaches the gateway and every subgraph at once.
 *
 * It refuses to start while something answers on the gateway's port (npm start, most likely):
 * two platforms on one set of databases and one audit journal would each spoil the other's day.
 */
import type { Knex } from 'knex';
import { readGatewayConfig } from '../../gateway/config';
import { issueToken } from '../../gateway/auth/issue-token';
import { startPlatformGateway, PlatformGateway } from '../../gateway/platform-gateway';
import { loadSigningSecretFrom } from '../../contracts/signing/signing-secret';
import type { SubgraphName } from '../../contracts/subgraph-directory';
import { gatewaySignatureVerifier } from '../../subgraphs/kit/subgraph-main';
import { readSubgraphConfig } from '../../subgraphs/kit/subgraph-config';
import { createSubgraphService, RunningService } from '../../subgraphs/kit/subgraph-service';
import { SUBGRAPH_SERVICES } from '../../subgraphs/modules';
import { registeredSubgraphNames } from '../compose/compose-supergraph';
import { prepareWithProgress } from '../start/prepare-with-progress';
import type { TrafficTarget } from './drive-year';

export interface InProcessPlatform {
  /** The gateway's origin, http://host:port */
  readonly gatewayUrl: string;
  /** Headers with a token signed by the platform's key, issued now (the simulated now, once installed). */
  readonly headers: TrafficTarget['headers'];
  /** A subgraph's connection (e.g. to read the subjects to ask about). */
  db(name: SubgraphName): Knex;
  /** Ships every journalled audit record to the audit database; resolves with how many. */
  shipAudit(): Promise<number>;
  /** Stops the gateway (flushing and shipping its journal), then the subgraphs; idempotent. */
  stop(): Promise<void>;
}

export interface InProcessOptions {
  /** Demo city size for empty databases, as `npm start -- --persons`. */
  persons: number;
  /** Demo world seed, as `npm start -- --seed`. */
  seed: number;
  log?: (line: string) => void;
}

/** Tokens for the traffic live an hour of simulated time, like a working session's. */
const TOKEN_TTL_SECONDS = 3600;

function loopback(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

export async function startInProcessPlatform(
  options: InProcessOptions,
): Promise<InProcessPlatform> {
  const log = options.log ?? ((line: string) => console.error(line));
  const gatewayConfig = readGatewayConfig();
  const origin = `http://${loopback(gatewayConfig.host)}:${gatewayConfig.port}`;
  if (await answers(`${origin}/health`))
    throw new Error(
      `something already answers at ${origin} (npm start?): stop npm start first; the traffic needs the platform's databases and audit journal to itself`,
    );

  await prepareWithProgress({ persons: options.persons, seed: options.seed });

  const services = new Map<SubgraphName, RunningService>();
  let gateway: PlatformGateway | null = null;
  const stopSubgraphs = async () => {
    await Promise.allSettled([...services.values()].map((s) => s.stop()));
    services.clear();
  };
  try {
    for (const name of registeredSubgraphNames()) {
      const definition = SUBGRAPH_SERVICES[name];
      if (!definition) throw new Error(`subgraph ${name} has no service in subgraphs/modules.ts`);
      // What runSubgraphMain does in each process npm start spawns (subgraphs/kit/subgraph-main.ts).
      const config = readSubgraphConfig(name, process.env, (env) => definition.readSettings(env));
      const { secret } = loadSigningSecretFrom(config.signing);
      services.set(
        name,
        await createSubgraphService(definition, config.own, {
          database: config.database,
          port: config.port,
          host: config.host,
          verifyRequest: gatewaySignatureVerifier(name, secret, config.acceptUnsigned, log),
          cursorSecret: secret,
          log,
        }),
      );
    }
    gateway = await startPlatformGateway(gatewayConfig, log);
  } catch (err) {
    await stopSubgraphs();
    throw err;
  }

  const running = gateway;
  const { platform } = running;
  const signing = platform.tokenKeys.signing;
  if (!signing) {
    await running.stop();
    await stopSubgraphs();
    throw new Error('only JWT_PUBLIC_KEY is set: set JWT_PRIVATE_KEY to issue the traffic tokens');
  }
  let stopping: Promise<void> | null = null;
  return {
    gatewayUrl: `http://${loopback(gatewayConfig.host)}:${running.gateway.port}`,
    async headers({ purpose, department, application, operator, roles }) {
      // Issued at `new Date()`: under the simulated clock, the simulated instant.
      const token = await issueToken(signing, platform.tokenSettings, {
        department,
        application: application ?? null,
        operator: operator ?? null,
        roles: roles ?? [],
        ttlSeconds: TOKEN_TTL_SECONDS,
      });
      return { authorization: `Bearer ${token}`, ...(purpose ? { 'x-purpose': purpose } : {}) };
    },
    db(name) {
      const service = services.get(name);
      if (!service) throw new Error(`subgraph ${name} is not running`);
      return service.db;
    },
    async shipAudit() {
      const trail = platform.audit?.trail;
      if (!trail) return 0;
      let total = 0;
      for (
        let shipped = await trail.shipper.drain();
        shipped > 0;
        shipped = await trail.shipper.drain()
      )
        total += shipped;
      return total;
    },
    stop: () =>
      (stopping ??= (async () => {
        // The gateway first: no subgraph fetch is in flight when the subgraphs go.
        try {
          await running.stop();
        } finally {
          await stopSubgraphs();
        }
      })()),
  };
}
