/**
 * Listens for the sharing subgraph's change notices (an approval or revocation raised a
 * department's grant version; grant-snapshot.ts defines the message) and reports whether
 * notices can arrive at all. Pub/sub delivers only to connected subscribers: while the
 * connection is down notices are lost, which is why the grant source treats "down" as degraded
 * (short cache lifetime) and "up again" as "forget everything cached" (something may have been
 * missed).
 */
import { createClient } from 'redis';
import { decodeGrantsChanged, grantsRedisNames } from '../../contracts/grants/grant-snapshot';
import { redisClientOptions } from './redis-connection';

export interface GrantInvalidationOptions {
  readonly url: string;
  /** See grantsRedisNames. @default null */
  readonly namespace?: string | null;
  /** A department's grants changed to `version`. */
  onChange(department: string, version: number): void;
  /** Subscribed (again): notices arrive from now on. */
  onUp(): void;
  /** The connection is lost: notices may be missed until onUp. */
  onDown(reason: string): void;
  /** A message that is not a notice. @default ignored */
  onMalformed?(message: string): void;
}

export interface GrantInvalidation {
  /** Whether notices currently arrive. */
  readonly subscribed: boolean;
  /** Resolves once subscribed, or after `ms` (false) if Redis does not answer by then. */
  ready(ms: number): Promise<boolean>;
  close(): Promise<void>;
}

export function subscribeToGrantChanges(options: GrantInvalidationOptions): GrantInvalidation {
  const { channel } = grantsRedisNames(options.namespace ?? null);
  const client = createClient(redisClientOptions(options.url));
  let subscribed = false;
  let closing = false;
  const waiters = new Set<(ok: boolean) => void>();

  const down = (reason: string) => {
    if (!subscribed || closing) return;
    subscribed = false;
    options.onDown(reason);
  };
  // node-redis subscribes again by itself after reconnecting, before it reports ready.
  client.on('ready', () => {
    if (subscribed || closing || !listening) return;
    subscribed = true;
    options.onUp();
    for (const w of waiters) w(true);
    waiters.clear();
  });
  client.on('error', (err: Error) => down(err.message));
  client.on('reconnecting', () => down('reconnecting'));
  client.on('end', () => down('connection closed'));

  let listening = false;
  const listener = (message: string) => {
    const notice = decodeGrantsChanged(message);
    if (notice) options.onChange(notice.department, notice.version);
    else options.onMalformed?.(message);
  };
  const started = client
    .connect()
    .then(() => client.subscribe(channel, listener))
    .then(() => {
      listening = true;
      if (!subscribed && !closing && client.isReady) {
        subscribed = true;
        options.onUp();
        for (const w of waiters) w(true);
        waiters.clear();
      }
    })
    // Only when closed before connecting; otherwise node-redis keeps reconnecting.
    .catch(() => {});

  return {
    get subscribed() {
      return subscribed;
    },
    ready(ms) {
      if (subscribed) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (ok: boolean) => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve(ok);
        };
        const timer = setTimeout(() => done(false), ms);
        waiters.add(done);
      });
    },
    async close() {
      closing = true;
      for (const w of waiters) w(false);
      waiters.clear();
      if (client.isReady) await client.close().catch(() => {});
      if (client.isOpen) client.destroy();
      await started;
    },
  };
}
