/**
 * One subgraph as a running service: its server and the background tasks that go with it, built
 * by the same factory whether `npm start` spawns it, `npm run subgraph -- <name>` runs it or a
 * test starts it. What differs between those is configuration (database, port, Redis, secrets,
 * log), never which code assembles the service.
 */
import { Knex } from 'knex';
import { DatabaseTarget, openDatabase } from '../../contracts/database/database';
import { migrateToLatest } from '../../contracts/database/migrations';
import type { SubgraphName } from '../../contracts/subgraph-directory';
import type { SettingsEnv } from '../../contracts/settings/setting-values';
import { RequestVerifier, RunningSubgraph, startSubgraphServer } from './subgraph-server';
import {
  createServiceTracing,
  ServiceTracing,
  TracingOptions,
} from '../../contracts/tracing/service-tracing';
import type { AnySubgraphModule } from './subgraph-module';

/** Work a service does beside answering requests (publishing notices, summarising records). */
export interface BackgroundTask {
  /** Named in logs. */
  readonly name: string;
  /** Ends the task: nothing new starts, what runs is finished, its connections are closed. */
  stop(): Promise<void>;
}

/** What a definition is given to assemble its service, beyond its own settings. */
export interface AssemblyContext {
  /** Where the subgraph's tables are: a task that needs its own connection opens it here. */
  readonly database: DatabaseTarget;
  readonly log: (line: string) => void;
}

/** The module to serve and the tasks to run beside it. */
export interface AssembledSubgraph {
  readonly module: AnySubgraphModule;
  readonly tasks: readonly BackgroundTask[];
}

/**
 * One subgraph's recipe: its own settings, read and checked at start, and how those settings
 * become the module it serves and the tasks it runs.
 */
export interface SubgraphDefinition<TSettings = unknown> {
  readonly name: SubgraphName;
  /**
   * The module with its default settings, for what runs no service: migrations, seeding and
   * composition. Reads no settings until a request or a seed needs them.
   */
  readonly module: AnySubgraphModule;
  /**
   * What only this subgraph reads from the environment (readSubgraphConfig's `readOwn`); an
   * invalid value throws, naming the variable.
   */
  readSettings(env: SettingsEnv): TSettings;
  /**
   * Loads what the settings point at (the supergraph, keys) and starts the background tasks.
   * Throws, with every task it started already stopped, when something is missing.
   */
  assemble(settings: TSettings, context: AssemblyContext): AssembledSubgraph;
}

/** A subgraph that is only its module: no settings of its own, nothing in the background. */
export function plainSubgraph(module: AnySubgraphModule): SubgraphDefinition<void> {
  return {
    name: module.name,
    module,
    readSettings: () => undefined,
    assemble: () => ({ module, tasks: [] }),
  };
}

export interface SubgraphServiceOptions {
  /** Where its tables are (`databaseTarget(name)` in a process, a temp database in tests). */
  database: DatabaseTarget;
  /**
   * A connection to `database` the caller keeps using and closes after stop() (tests read it).
   * Migrated here either way. @default opened here, and closed by stop()
   */
  db?: Knex;
  /** 0 picks a free port. */
  port: number;
  /** @default 127.0.0.1 */
  host?: string;
  /** The gateway's signature check (subgraph-main.ts). @default none: every request is anonymous */
  verifyRequest?: RequestVerifier;
  /** What page cursors are sealed with (subgraph-server.ts). @default a random key per process */
  cursorSecret?: Buffer;
  /** @default console.error */
  log?: (line: string) => void;
  /** Traces (subgraph-tracing.ts): `config.tracing` in a process, an exporter in tests. @default off */
  tracing?: TracingOptions | null;
}

export interface RunningService extends RunningSubgraph {
  /** The connection requests are answered from. */
  readonly db: Knex;
  readonly tasks: readonly BackgroundTask[];
  /** Stops the server, then the tasks, then closes the connection it opened; idempotent. */
  stop(): Promise<void>;
}

async function stopAll(
  tasks: readonly BackgroundTask[],
  log: (line: string) => void,
  subgraph: string,
): Promise<void> {
  const outcomes = await Promise.allSettled(tasks.map((t) => t.stop()));
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'rejected')
      log(`[${subgraph}] stopping ${tasks[i].name} failed: ${String(outcome.reason)}`);
  });
}

export async function createSubgraphService<TSettings>(
  definition: SubgraphDefinition<TSettings>,
  settings: TSettings,
  options: SubgraphServiceOptions,
): Promise<RunningService> {
  const log = options.log ?? ((line: string) => console.error(line));
  // Before the database: a missing supergraph or key stops the service before it touches data.
  const { module, tasks } = definition.assemble(settings, { database: options.database, log });
  const ownsDb = options.db === undefined;
  let db: Knex | undefined = options.db;
  let tracing: ServiceTracing | null = null;
  try {
    db ??= await openDatabase(options.database);
    await migrateToLatest(db, module.migrations);
    tracing = createServiceTracing(`shujutong-${definition.name}`, options.tracing);
    const server = await startSubgraphServer(module, {
      tracing,
      db,
      port: options.port,
      host: options.host,
      verifyRequest: options.verifyRequest,
      cursorSecret: options.cursorSecret,
      log,
    });
    const serving = db;
    let stopping: Promise<void> | null = null;
    return {
      ...server,
      db: serving,
      tasks,
      stop: () =>
        (stopping ??= (async () => {
          // Requests first: a mutation in flight still announces its change through a task.
          await server.stop();
          await stopAll(tasks, log, definition.name);
          await tracing?.shutdown();
          if (ownsDb) await serving.destroy();
        })()),
    };
  } catch (err) {
    await stopAll(tasks, log, definition.name);
    await tracing?.shutdown();
    if (ownsDb) await db?.destroy();
    throw err;
  }
}
