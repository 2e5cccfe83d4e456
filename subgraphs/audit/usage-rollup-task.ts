/**
 * The audit service's background summariser: every `AUDIT_USAGE_INTERVAL_MS` it brings the usage
 * tables up to date with what the gateways have shipped (usage-rollup.ts), so a usage or
 * statistics query finds little left to catch up within its budget. A failed run is logged and
 * tried again at the next interval.
 */
import { Knex } from 'knex';
import { DatabaseTarget, openDatabase } from '../../contracts/database/database';
import type { BackgroundTask } from '../kit/subgraph-service';
import { catchUpUsage } from './usage-rollup';
import type { ResourceOf } from './usage-summary';

export interface UsageRollupOptions {
  /** The audit database. */
  readonly database: DatabaseTarget;
  /** Time between runs; a run still going when the next is due is not doubled. */
  readonly intervalMs: number;
  readonly resourceOf: ResourceOf;
  readonly log: (line: string) => void;
}

export function startUsageRollup(options: UsageRollupOptions): BackgroundTask {
  // Its own connection, so summarising new records never waits for (or holds up) a request's.
  let connection: Promise<Knex> | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const connect = () =>
    (connection ??= openDatabase(options.database, { poolMax: 1 }).catch((err: unknown) => {
      connection = null;
      throw err;
    }));
  const tick = () => {
    if (stopped || running) return;
    running = connect()
      .then((db) => catchUpUsage(db, options.resourceOf))
      .then(
        () => undefined,
        (err: unknown) =>
          options.log(
            `[audit] summarising usage failed (retried in ${options.intervalMs} ms): ${err instanceof Error ? err.message : String(err)}`,
          ),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  // A timer alone does not keep the process up: the server does, and stop() ends both.
  timer.unref();
  return {
    name: `usage rollup every ${options.intervalMs} ms`,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      const db = await connection?.catch(() => null);
      connection = null;
      await db?.destroy();
    },
  };
}
