/**
 * Listens for the sharing subgraph's registry notices (domain/registry-notice.ts) and drops the
 * application named from this gateway's registry cache, so a suspension made through any
 * instance applies on every instance within a second, not after GATEWAY_REGISTRY_CACHE_MS.
 * Pub/sub delivers only to connected subscribers: while the subscription is down the registry
 * lookup keeps its answers only briefly (GATEWAY_REGISTRY_LOCAL_CACHE_MS), and when it is back
 * everything cached is forgotten, since a notice may have been missed meanwhile.
 */
import { createClient } from 'redis';
import { decodeRegistryChanged, registryChangedChannel } from '../../domain/registry-notice';
import { redisClientOptions } from '../grants/redis-connection';

export interface RegistryInvalidationOptions {
  readonly url: string;
  /** `GRANTS_REDIS_NAMESPACE`, as the sharing subgraph's. @default null */
  readonly namespace?: string | null;
  /** The application's registry entry changed. */
  onChange(application: string): void;
  /** Subscribed (again) or lost: forget everything cached either way. */
  onSubscriptionChange(subscribed: boolean): void;
  /** @default console.error */
  readonly log?: (line: string) => void;
}

export interface RegistryInvalidation {
  /** Whether notices currently arrive. */
  readonly subscribed: boolean;
  close(): Promise<void>;
}

export function subscribeToRegistryChanges(
  options: RegistryInvalidationOptions,
): RegistryInvalidation {
  const channel = registryChangedChannel(options.namespace ?? null);
  const log = options.log ?? ((line: string) => console.error(line));
  const client = createClient(redisClientOptions(options.url));
  let subscribed = false;
  let listening = false;
  let closing = false;
  const set = (value: boolean, why: string) => {
    if (subscribed === value || closing) return;
    subscribed = value;
    log(
      value
        ? '[registry] change notices arrive: cached registry answers are kept until a notice'
        : `[registry] change notices cannot arrive (${why}): registry answers are kept briefly`,
    );
    options.onSubscriptionChange(value);
  };
  // node-redis subscribes again by itself after reconnecting, before it reports ready.
  client.on('ready', () => listening && set(true, 'ready'));
  client.on('error', (err: Error) => set(false, err.message));
  client.on('reconnecting', () => set(false, 'reconnecting'));
  client.on('end', () => set(false, 'connection closed'));
  const started = client
    .connect()
    .then(() =>
      client.subscribe(channel, (message: string) => {
        const notice = decodeRegistryChanged(message);
        if (notice) options.onChange(notice.application);
      }),
    )
    .then(() => {
      listening = true;
      if (client.isReady) set(true, 'subscribed');
    })
    // Only when closed before connecting; otherwise node-redis keeps reconnecting.
    .catch(() => {});
  return {
    get subscribed() {
      return subscribed;
    },
    async close() {
      closing = true;
      if (client.isReady) await client.close().catch(() => {});
      if (client.isOpen) client.destroy();
      await started;
    },
  };
}
