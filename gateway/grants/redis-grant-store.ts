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
 *
 * Whoever could write these keys could grant data, so each copy is signed: an HMAC-SHA256 over
 * the namespace, department, version and snapshot, with a key derived (HKDF, its own label) from
 * the subgraph signing secret, which Redis never sees. A copy whose signature does not verify
 * (forged, altered, moved to another department, or unsigned) is ignored as a miss, so the
 * grants are read from the sharing subgraph again, and it is deleted and logged.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { createClient } from 'redis';
import { grantsRedisNames } from '../../contracts/grants/grant-snapshot';
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
  /** The subgraph signing secret; copies are signed with a key derived from it. */
  readonly secret: Buffer;
  /** Where refused copies are reported. @default console.error */
  readonly log?: (line: string) => void;
  /** See grantsRedisNames. @default null */
  readonly namespace?: string | null;
  /** Deadline per command. @default 250 */
  readonly commandTimeoutMs?: number;
}

// KEYS[1] copy; ARGV version, snapshot JSON, TTL ms, signature. Equal versions refresh the copy and its TTL.
const WRITE_IF_NOT_OLDER = `
local held = tonumber(redis.call('HGET', KEYS[1], 'version') or '-1')
if tonumber(ARGV[1]) < held then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'snapshot', ARGV[2], 'signature', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

// KEYS[1] copy; ARGV the refused snapshot as read. Deletes it unless it was replaced meanwhile,
// so a forged copy with a high version cannot block the genuine one from being written.
const DELETE_IF_UNCHANGED = `
if redis.call('HGET', KEYS[1], 'snapshot') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const HKDF_LABEL = 'shujutong/grant-copy/v1';

/** The key copies are signed with; derived, so the signing secret itself never signs anything but requests. */
export function grantCopyKey(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'shujutong', HKDF_LABEL, 32));
}

/** What is signed: every field a reader relies on, the key's namespace and department included. */
export function signGrantCopy(
  key: Buffer,
  namespace: string | null,
  department: string,
  version: string,
  snapshot: string,
): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([namespace ?? '', department, version, snapshot]))
    .digest('base64url');
}

type CopyReading =
  { kind: 'none' } | { kind: 'refused'; why: string } | { kind: 'copy'; snapshot: LoadedSnapshot };

/** Pure: a copy as read from Redis, verified against the key. */
export function readGrantCopy(
  key: Buffer,
  namespace: string | null,
  department: string,
  fields: Record<string, string>,
): CopyReading {
  if (!fields.snapshot) return { kind: 'none' };
  if (!fields.signature) return { kind: 'refused', why: 'unsigned' };
  const expected = Buffer.from(
    signGrantCopy(key, namespace, department, fields.version ?? '', fields.snapshot),
  );
  const given = Buffer.from(fields.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { kind: 'refused', why: 'bad signature' };
  try {
    const value = JSON.parse(fields.snapshot) as LoadedSnapshot;
    const ok =
      value.status === 'LOADED' &&
      value.department === department &&
      value.version === fields.version &&
      Array.isArray(value.grants);
    return ok ? { kind: 'copy', snapshot: value } : { kind: 'refused', why: 'malformed' };
  } catch {
    return { kind: 'refused', why: 'malformed' };
  }
}

export function createRedisGrantStore(options: RedisGrantStoreOptions): RedisGrantStore {
  const namespace = options.namespace ?? null;
  const names = grantsRedisNames(namespace);
  const timeoutMs = options.commandTimeoutMs ?? 250;
  const key = grantCopyKey(options.secret);
  const log = options.log ?? ((line: string) => console.error(line));
  const client = createClient(redisClientOptions(options.url));
  // Connection trouble is reported by the change subscriber (grant-invalidation.ts); here a
  // failed command just means "no shared copy".
  client.on('error', () => {});
  const connecting = client.connect().catch(() => {});

  return {
    async read(department) {
      if (!client.isReady) return null;
      let fields: Record<string, string>;
      try {
        fields = (await withDeadline(
          client.hGetAll(names.snapshotKey(department)),
          timeoutMs,
        )) as Record<string, string>;
      } catch {
        return null;
      }
      const reading = readGrantCopy(key, namespace, department, fields);
      if (reading.kind === 'copy') return reading.snapshot;
      if (reading.kind === 'refused') {
        log(
          `[grants] SECURITY: ignored ${department}'s grant copy in Redis (${reading.why}): not written by a gateway of this deployment; reloading from the sharing subgraph`,
        );
        await withDeadline(
          client.eval(DELETE_IF_UNCHANGED, {
            keys: [names.snapshotKey(department)],
            arguments: [fields.snapshot],
          }),
          timeoutMs,
        ).catch(() => {});
      }
      return null;
    },
    async write(snapshot, ttlMs) {
      if (!client.isReady) return;
      const version = Number(snapshot.version);
      if (!Number.isInteger(version)) return;
      const text = JSON.stringify(snapshot);
      const signature = signGrantCopy(key, namespace, snapshot.department, String(version), text);
      await withDeadline(
        client.eval(WRITE_IF_NOT_OLDER, {
          keys: [names.snapshotKey(snapshot.department)],
          arguments: [String(version), text, String(Math.max(1, Math.round(ttlMs))), signature],
        }),
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
