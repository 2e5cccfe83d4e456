/**
 * The shared tier of grant snapshots: every gateway instance reads and writes the same copy of a
 * department's snapshot in Redis, so a department's grants are fetched from the sharing subgraph
 * once for the whole fleet, not once per instance.
 *
 * A copy is a hash { version, snapshot }. Writes are version-gated in one script, so an instance
 * whose slow load finishes after a newer one cannot put the older snapshot back. Each copy
 * expires, so a copy orphaned by a lost change notice cannot outlive `ttlMs`.
 *
 * Redis is a cache here, never a dependency: commands are not queued while the connection is
 * down (they fail at once) and each has a deadline, so a request never waits on Redis for long.
 * Whoever can write these keys can grant data, so Redis belongs on the platform's trusted network.
 */
import { createClient } from 'redis';
import { grantsRedisNames } from '../../subgraphs/sharing/grant-snapshot';
import type { LoadedSnapshot } from './grant-cache';
import { redisClientOptions, withDeadline } from './redis-connection';

export interface RedisGrantStore {
  /** The shared copy, or null when there is none, it is unreadable, or Redis did not answer. */
  read(department: string): Promise<LoadedSnapshot | null>;
  /** Stores the snapshot unless a newer version is there already. */
  write(snapshot: LoadedSnapshot, ttlMs: number): Promise<void>;
  close(): Promise<void>;
}

export interface RedisGrantStoreOptions {
  readonly url: string;
  /** See grantsRedisNames. @default null */
  readonly namespace?: string | null;
  /** Deadline per command. @default 250 */
  readonly commandTimeoutMs?: number;
}

// KEYS[1] copy; ARGV version, snapshot JSON, TTL ms. Equal versions refresh the copy and its TTL.
const WRITE_IF_NOT_OLDER = `
local held = tonumber(redis.call('HGET', KEYS[1], 'version') or '-1')
if tonumber(ARGV[1]) < held then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'snapshot', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

function parseCopy(department: string, fields: Record<string, string>): LoadedSnapshot | null {
  if (!fields.snapshot) return null;
  try {
    const value = JSON.parse(fields.snapshot) as LoadedSnapshot;
    const ok = value.status === 'LOADED' && value.department === department && typeof value.version === 'string' && Array.isArray(value.grants);
    return ok ? value : null;
  } catch {
    return null;
  }
}

export function createRedisGrantStore(options: RedisGrantStoreOptions): RedisGrantStore {
  const names = grantsRedisNames(options.namespace ?? null);
  const timeoutMs = options.commandTimeoutMs ?? 250;
  const client = createClient(redisClientOptions(options.url));
  // Connection trouble is reported by the change subscriber (grant-invalidation.ts); here a
  // failed command just means "no shared copy".
  client.on('error', () => {});
  const connecting = client.connect().catch(() => {});

  return {
    async read(department) {
      if (!client.isReady) return null;
      try {
        const fields = await withDeadline(client.hGetAll(names.snapshotKey(department)), timeoutMs);
        return parseCopy(department, fields as Record<string, string>);
      } catch {
        return null;
      }
    },
    async write(snapshot, ttlMs) {
      if (!client.isReady) return;
      const version = Number(snapshot.version);
      if (!Number.isInteger(version)) return;
      await withDeadline(
        client.eval(WRITE_IF_NOT_OLDER, { keys: [names.snapshotKey(snapshot.department)], arguments: [String(version), JSON.stringify(snapshot), String(Math.max(1, Math.round(ttlMs)))] }),
        timeoutMs,
      ).catch(() => {});
    },
    async close() {
      // While Redis is away the client is still (re)connecting: destroy() ends that, close() would wait.
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
      await connecting;
    },
  };
}
