/**
 * Signed-out sessions, remembered until they could no longer be renewed anyway (sign-in time
 * plus the session's maximum age), so a cookie copied before sign-out stops working.
 *
 * Always kept in process. With Redis (`REDIS_URL`) also there, one key per session with that
 * expiry, so every gateway instance refuses a session signed out on any of them. While Redis does
 * not answer: sign-outs are kept in process and written to Redis when it is back; checks see this
 * instance's sign-outs only, and say so (`complete: false`), so the caller can refuse to renew a
 * session it cannot fully check, which bounds a copied cookie to its token's remaining life.
 */
import { createClient } from 'redis';
import { redisClientOptions, withDeadline } from '../../grants/redis-connection';

export interface RevocationCheck {
  readonly revoked: boolean;
  /** False when Redis is configured but did not answer: only this instance's sign-outs were seen. */
  readonly complete: boolean;
}

export interface RevokedSessions {
  /** Revoke the session until `until` (epoch ms). */
  revoke(sid: string, until: number): Promise<void>;
  check(sid: string): Promise<RevocationCheck>;
  close(): Promise<void>;
}

export interface RevokedSessionsOptions {
  /** @default null: in process only */
  readonly redisUrl?: string | null;
  /** Keeps deployments sharing one Redis apart (`GRANTS_REDIS_NAMESPACE`). @default null */
  readonly namespace?: string | null;
  /** Deadline of one Redis command. @default 250 */
  readonly commandTimeoutMs?: number;
  readonly log: (line: string) => void;
  /** Epoch ms. @default Date.now */
  readonly now?: () => number;
}

export function revokedSessionKey(namespace: string | null, sid: string): string {
  return `shujutong:workbench-signed-out${namespace ? `:${namespace}` : ''}:${sid}`;
}

export function createRevokedSessions(options: RevokedSessionsOptions): RevokedSessions {
  const now = options.now ?? Date.now;
  const timeoutMs = options.commandTimeoutMs ?? 250;
  const local = new Map<string, number>();
  const prune = () => {
    const t = now();
    for (const [sid, until] of local) if (until <= t) local.delete(sid);
  };
  let writes = 0;
  const remember = (sid: string, until: number) => {
    local.set(sid, Math.max(until, local.get(sid) ?? 0));
    if (++writes % 1000 === 0) prune();
  };
  const locallyRevoked = (sid: string) => (local.get(sid) ?? 0) > now();

  if (!options.redisUrl) {
    return {
      async revoke(sid, until) {
        remember(sid, until);
      },
      async check(sid) {
        return { revoked: locallyRevoked(sid), complete: true };
      },
      async close() {},
    };
  }

  const namespace = options.namespace ?? null;
  const client = createClient(redisClientOptions(options.redisUrl));
  /** Sign-outs Redis has not heard of yet. */
  const pending = new Map<string, number>();
  let degraded = false;
  let firstAttemptOver = false;
  const degrade = (why: string) => {
    if (degraded) return;
    degraded = true;
    options.log(
      `[workbench] DEGRADED: Redis is not answering (${why}): sessions signed out on other gateway instances are not refused here, and no session is renewed, until it is back`,
    );
  };
  const write = (sid: string, until: number) => {
    const seconds = Math.ceil((until - now()) / 1000);
    if (seconds <= 0) return Promise.resolve();
    return withDeadline(
      client.set(revokedSessionKey(namespace, sid), '1', { EX: seconds }),
      timeoutMs,
    ).then(() => {});
  };
  const flush = async () => {
    for (const [sid, until] of [...pending]) {
      await write(sid, until);
      pending.delete(sid);
    }
    if (degraded) {
      degraded = false;
      options.log('[workbench] Redis answers again: sign-outs are shared by every instance');
    }
  };
  const recover = () => {
    if (degraded || pending.size > 0) void flush().catch((err: Error) => degrade(err.message));
  };
  client.on('error', () => {});
  client.on('ready', recover);
  const connecting = client.connect().catch(() => {});
  const ready = async () => {
    // The first requests after start wait (briefly) for the connection rather than check alone.
    if (!client.isReady && !firstAttemptOver)
      await Promise.race([connecting, new Promise((r) => setTimeout(r, timeoutMs))]);
    firstAttemptOver = true;
    return client.isReady;
  };

  return {
    async revoke(sid, until) {
      remember(sid, until);
      if (!(await ready())) {
        pending.set(sid, until);
        return degrade('not connected');
      }
      try {
        await write(sid, until);
        recover();
      } catch (err) {
        pending.set(sid, until);
        degrade(err instanceof Error ? err.message : String(err));
      }
    },
    async check(sid) {
      if (locallyRevoked(sid)) return { revoked: true, complete: true };
      if (!(await ready())) {
        degrade('not connected');
        return { revoked: false, complete: false };
      }
      try {
        const found = await withDeadline(
          client.exists(revokedSessionKey(namespace, sid)),
          timeoutMs,
        );
        recover();
        return { revoked: Number(found) > 0, complete: true };
      } catch (err) {
        degrade(err instanceof Error ? err.message : String(err));
        return { revoked: false, complete: false };
      }
    },
    async close() {
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
      await connecting;
    },
  };
}
