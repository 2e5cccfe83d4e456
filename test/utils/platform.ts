/**
 * The whole platform in the test process: every registered subgraph (or the ones asked for)
 * on a free loopback port over its own seeded temp database, and the gateway in front of them,
 * composed in memory from exactly those subgraphs.
 *
 *   const platform = await startPlatform({ backend: 'sqlite' });
 *   await postGraphQL(platform.gatewayUrl, '{ ... }');
 *   await platform.subgraphs.population!.stop();   // take one subgraph down
 *   await platform.stop();
 */
import { Knex } from 'knex';
import { composeSupergraph, formatProblem, registeredSubgraphNames } from '../../gateway/composition/compose-supergraph';
import { GatewayConfig, readGatewayConfig } from '../../gateway/config';
import { GatewayHooks } from '../../gateway/pipeline/request-hooks';
import { RunningGateway, startGateway } from '../../gateway/server';
import { startSubgraphServer } from '../../subgraphs/kit/subgraph-server';
import { SUBGRAPH_MODULES } from '../../subgraphs/modules';
import { SubgraphName } from '../../subgraphs/services';
import { createTempDatabase, TempDatabase } from './temp-database';

export interface PlatformOptions {
  /** @default 'sqlite' */
  backend?: 'sqlite' | 'mysql';
  /** Size of the seeded demo city. @default 2000 */
  persons?: number;
  /** Demo world seed. @default 7 (as createTempDatabase) */
  seed?: number;
  /** Which registered subgraphs to start. @default all registered */
  subgraphs?: SubgraphName[];
  /** Gateway settings over the defaults (port 0, loopback). */
  gateway?: Partial<GatewayConfig>;
  /** Request stages for the gateway, as for startGateway. */
  hooks?: readonly GatewayHooks[];
  /** Where subgraph and gateway logs go. @default discarded */
  log?: (line: string) => void;
}

export interface PlatformSubgraph {
  /** The subgraph's own GraphQL endpoint (bypassing the gateway). */
  url: string;
  db: Knex;
  /** Stops this subgraph's server (its database stays until platform.stop()); idempotent. */
  stop(): Promise<void>;
}

export interface Platform {
  gatewayUrl: string;
  gateway: RunningGateway;
  /** The supergraph the gateway serves, composed with the subgraphs' real URLs. */
  supergraphSdl: string;
  subgraphs: Partial<Record<SubgraphName, PlatformSubgraph>>;
  /** Stops the gateway and subgraphs and removes the databases; idempotent. */
  stop(): Promise<void>;
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= fn());
}

export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const names = options.subgraphs ?? registeredSubgraphNames();
  const missing = names.filter((n) => !SUBGRAPH_MODULES[n]);
  if (missing.length > 0) throw new Error(`startPlatform: subgraph(s) not registered in subgraphs/modules.ts: ${missing.join(', ')}`);
  if (names.length === 0) throw new Error('startPlatform: no subgraph to start');
  const log = options.log ?? (() => {});

  const temps: TempDatabase[] = [];
  const stops: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    await Promise.allSettled(stops.map((s) => s()));
    await Promise.allSettled(temps.map((t) => t.cleanup()));
  };

  try {
    // Databases are created and seeded concurrently: SQLite seeding overlaps with MariaDB I/O.
    const settled = await Promise.allSettled(
      names.map((name) => createTempDatabase(SUBGRAPH_MODULES[name]!, { backend: options.backend, persons: options.persons ?? 2000, seed: options.seed })),
    );
    for (const s of settled) if (s.status === 'fulfilled') temps.push(s.value);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;

    const subgraphs: Partial<Record<SubgraphName, PlatformSubgraph>> = {};
    await Promise.all(
      names.map(async (name, i) => {
        const server = await startSubgraphServer(SUBGRAPH_MODULES[name]!, { db: temps[i].db, port: 0, log });
        const stop = once(() => server.stop());
        stops.push(stop);
        subgraphs[name] = { url: server.url, db: temps[i].db, stop };
      }),
    );

    const composed = composeSupergraph(names.map((name) => ({ name, url: subgraphs[name]!.url })));
    if (!composed.ok) throw new Error(`startPlatform: the subgraphs do not compose:\n${composed.errors.map(formatProblem).join('\n')}`);
    const config: GatewayConfig = { ...readGatewayConfig({}), host: '127.0.0.1', port: 0, ...options.gateway };
    const gateway = await startGateway({ config, supergraphSdl: composed.supergraphSdl, hooks: options.hooks, log });
    // The gateway stops first, so no fetch is in flight when the subgraphs go.
    stops.unshift(once(() => gateway.stop()));

    const stopAll = once(async () => {
      await stops[0]();
      await cleanup();
    });
    return { gatewayUrl: gateway.url, gateway, supergraphSdl: composed.supergraphSdl, subgraphs, stop: stopAll };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
