/**
 * Tells every gateway instance that a department's grants changed (approval, revocation), over
 * Redis pub/sub, so each drops its cached snapshot within milliseconds instead of waiting for it
 * to expire. The department's shared snapshot is deleted in the same transaction as the notice
 * is published, so an instance that missed the notice cannot pick the old copy up again.
 *
 * The same connection tells them that an application's registry entry changed (a suspension,
 * domain/registry-notice.ts), so each drops its cached answer about it.
 *
 * Connection failures never fail a workflow mutation: the change is committed first, and the
 * gateways' cache lifetimes bound how long a missed notice can matter (gateway/grants/,
 * gateway/auth/registry-lookup.ts).
 */
import { createClient } from 'redis';
import { encodeRegistryChanged, registryChangedChannel } from '../../domain/registry-notice';
import type { RegistryChangedListener } from './application-registry';
import { encodeGrantsChanged, grantsRedisNames } from '../../contracts/grants/grant-snapshot';
import type { GrantsChangedListener } from './sharing-workflow';

export interface GrantsPublisherSettings {
  /** `REDIS_URL`; null: nothing is published (one gateway without Redis polls instead). */
  readonly url: string | null;
  /** `GRANTS_REDIS_NAMESPACE`, the same as the gateways'. */
  readonly namespace: string | null;
}

export function readGrantsPublisherSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
): GrantsPublisherSettings {
  const url = env.REDIS_URL || null;
  if (url && !/^rediss?:\/\//.test(url))
    throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got "${url}"`);
  const namespace = env.GRANTS_REDIS_NAMESPACE || null;
  if (namespace && !/^[A-Za-z0-9_.-]{1,64}$/.test(namespace))
    throw new Error(
      `GRANTS_REDIS_NAMESPACE must be 1 to 64 letters, digits, '_', '.' or '-', got "${namespace}"`,
    );
  return { url, namespace };
}

export interface GrantsChangedPublisher {
  readonly publish: GrantsChangedListener;
  /** Publishes that an application's registry entry changed. */
  readonly registryChanged: RegistryChangedListener;
  close(): Promise<void>;
}

/** Commands wait at most this long: the mutation's caller is waiting for its answer. */
const PUBLISH_TIMEOUT_MS = 1000;

export function createGrantsChangedPublisher(options: {
  url: string;
  namespace?: string | null;
  log?: (line: string) => void;
}): GrantsChangedPublisher {
  const names = grantsRedisNames(options.namespace ?? null);
  const log = options.log ?? ((line: string) => console.error(line));
  // Not queued while disconnected: a notice sent late is no better than one the gateways' TTL replaces.
  const client = createClient({
    url: options.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 1000,
      reconnectStrategy: (n: number) => Math.min(50 * 2 ** Math.min(n, 10), 1000),
    },
  });
  let reported = false;
  client.on('error', (err: Error) => {
    if (!reported)
      log(
        `[sharing] Redis for grant-change notices unavailable (${err.message}); gateways will see changes when their caches expire`,
      );
    reported = true;
  });
  client.on('ready', () => {
    if (reported) log('[sharing] Redis for grant-change notices is back');
    reported = false;
  });
  const connecting = client.connect().catch(() => {});

  const withinDeadline = async (command: Promise<unknown>) => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not answer within ${PUBLISH_TIMEOUT_MS} ms`)),
        PUBLISH_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([command, deadline]);
    } finally {
      clearTimeout(timer);
    }
  };
  const registryChannel = registryChangedChannel(options.namespace ?? null);

  return {
    async publish(department, version) {
      await withinDeadline(
        client
          .multi()
          .del(names.snapshotKey(department))
          .publish(names.channel, encodeGrantsChanged(department, version))
          .exec(),
      );
    },
    async registryChanged(application) {
      try {
        await withinDeadline(client.publish(registryChannel, encodeRegistryChanged(application)));
      } catch (err) {
        log(
          `[sharing] registry change of ${application} not published (${err instanceof Error ? err.message : String(err)}); gateways will see it when their registry cache expires`,
        );
      }
    },
    async close() {
      await Promise.race([connecting, new Promise((r) => setTimeout(r, 100))]);
      if (client.isReady) await client.close().catch(() => client.destroy());
      else if (client.isOpen) client.destroy();
    },
  };
}
