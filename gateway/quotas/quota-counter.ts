/**
 * Counts distinct subjects per (application, grant, China day) and says which of a response's
 * subjects are past the quota. A subject already counted that day costs nothing again; a new
 * one is admitted while the count is below the quota and refused after.
 *
 * With Redis (`REDIS_URL`) the count is one SET per application, grant and day, shared by every
 * gateway instance, checked and added to in one Lua script per response (all its grants at
 * once), so concurrent requests on any instances can never admit more than the quota between
 * them. Sets expire two days after they were last touched. Without Redis the count is kept in
 * process. If Redis stops answering, each instance counts on its own (in process) until it comes
 * back, and says so in the log: a fleet of n instances may then admit up to n times the quota,
 * never an unbounded number.
 */
import { createClient } from 'redis';
import { redisClientOptions, withDeadline } from '../grants/redis-connection';

export interface CountRequest {
  /** Identifies the (application, grant, day) count: quotaCountKey(). */
  readonly key: string;
  /** The China day it counts (part of the key too). */
  readonly day: string;
  readonly quota: number;
  /** Distinct subject hashes. */
  readonly subjects: readonly string[];
}

export interface QuotaCounter {
  /** For each request, the subjects refused (past the quota); each the same order as asked. */
  admit(requests: readonly CountRequest[]): Promise<ReadonlySet<string>[]>;
  close(): Promise<void>;
}

/** Seconds a day's set outlives its last use: past the end of the China day, whatever the clock skew. */
export const COUNT_TTL_SECONDS = 2 * 24 * 3600;

export function quotaCountKey(
  namespace: string | null,
  application: string,
  grantId: string,
  day: string,
): string {
  return `shujutong:subject-quota${namespace ? `:${namespace}` : ''}:${day}:${grantId}:${application}`;
}

/** In one process: a Set per key, the day's sets dropped when the day (the key's prefix) changes. */
export function createMemoryQuotaCounter(): QuotaCounter {
  const counts = new Map<string, { readonly day: string; readonly admitted: Set<string> }>();
  let lastDay: string | null = null;
  return {
    async admit(requests) {
      // A new day: the earlier days' sets are never read again.
      const day = requests[0]?.day;
      if (day !== undefined && day !== lastDay) {
        for (const [key, count] of counts) if (count.day < day) counts.delete(key);
        lastDay = day;
      }
      return requests.map(({ key, day, quota, subjects }) => {
        let admitted = counts.get(key)?.admitted;
        if (!admitted) counts.set(key, { day, admitted: (admitted = new Set()) });
        const refused = new Set<string>();
        for (const s of subjects) {
          if (admitted.has(s)) continue;
          if (admitted.size < quota) admitted.add(s);
          else refused.add(s);
        }
        return refused;
      });
    },
    async close() {},
  };
}

// KEYS: one set per count. ARGV: TTL seconds, then per count: quota, n, n subjects.
// Returns per count the 1-based positions of the refused subjects.
const ADMIT = `
local ttl = tonumber(ARGV[1])
local a = 2
local out = {}
for k = 1, #KEYS do
  local quota = tonumber(ARGV[a])
  local n = tonumber(ARGV[a + 1])
  a = a + 2
  local size = redis.call('SCARD', KEYS[k])
  local refused = {}
  for i = 1, n do
    local s = ARGV[a]
    a = a + 1
    if redis.call('SISMEMBER', KEYS[k], s) == 0 then
      if size < quota then
        redis.call('SADD', KEYS[k], s)
        size = size + 1
      else
        refused[#refused + 1] = i
      end
    end
  end
  if size > 0 then redis.call('EXPIRE', KEYS[k], ttl) end
  out[k] = refused
end
return out`;

export interface RedisQuotaCounterOptions {
  readonly url: string;
  /** Deadline per script call. @default 250 */
  readonly commandTimeoutMs?: number;
  /** Where the counts go while Redis is away. @default createMemoryQuotaCounter() */
  readonly fallback?: QuotaCounter;
  /** @default console.error */
  readonly log?: (line: string) => void;
}

export function createRedisQuotaCounter(options: RedisQuotaCounterOptions): QuotaCounter {
  const timeoutMs = options.commandTimeoutMs ?? 250;
  const fallback = options.fallback ?? createMemoryQuotaCounter();
  const log = options.log ?? ((line: string) => console.error(line));
  const client = createClient(redisClientOptions(options.url));
  client.on('error', () => {});
  const connecting = client.connect().catch(() => {});
  let degraded = false;
  let firstAttemptOver = false;

  const degrade = (why: string) => {
    if (degraded) return;
    degraded = true;
    log(
      `[subject-quota] DEGRADED: Redis is not answering (${why}); counting subjects in this instance only until it is back`,
    );
  };

  return {
    async admit(requests) {
      if (requests.length === 0) return [];
      // The first requests after start wait (briefly) for the connection rather than count alone.
      if (!client.isReady && !firstAttemptOver)
        await Promise.race([connecting, new Promise((r) => setTimeout(r, timeoutMs))]);
      firstAttemptOver = true;
      if (!client.isReady) {
        degrade('not connected');
        return fallback.admit(requests);
      }
      const args = [String(COUNT_TTL_SECONDS)];
      for (const r of requests)
        args.push(String(r.quota), String(r.subjects.length), ...r.subjects);
      try {
        const reply = (await withDeadline(
          client.eval(ADMIT, { keys: requests.map((r) => r.key), arguments: args }),
          timeoutMs,
        )) as number[][];
        if (degraded) {
          degraded = false;
          log('[subject-quota] Redis answers again: counting subjects across the instances');
        }
        return requests.map(
          (r, k) => new Set((reply[k] ?? []).map((i) => r.subjects[Number(i) - 1])),
        );
      } catch (err) {
        degrade(err instanceof Error ? err.message : String(err));
        return fallback.admit(requests);
      }
    },
    async close() {
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
      await connecting;
    },
  };
}
