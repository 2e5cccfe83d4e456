/**
 * The notice the sharing subgraph publishes on Redis when an application's registry entry
 * changes (suspended, resumed, retired), and every gateway instance subscribes to, so each drops
 * its cached answer at once rather than after its cache lifetime: a suspension by the big data
 * bureau then takes the system off every instance within a second. Shared by both sides of the
 * wire, so it lives here.
 */

/** The channel without a namespace. */
export const REGISTRY_CHANGED_CHANNEL = 'shujutong:registry-changed';

/**
 * The channel of one deployment: the namespace (`GRANTS_REDIS_NAMESPACE`, the same that separates
 * grant notices) keeps deployments or test runs sharing one Redis apart.
 */
export function registryChangedChannel(namespace: string | null = null): string {
  return namespace ? `${REGISTRY_CHANGED_CHANNEL}:${namespace}` : REGISTRY_CHANGED_CHANNEL;
}

export interface RegistryChangedMessage {
  application: string;
}

export function encodeRegistryChanged(application: string): string {
  return JSON.stringify({ application } satisfies RegistryChangedMessage);
}

/** Null for anything that is not a well-formed notice: a subscriber ignores it rather than crash. */
export function decodeRegistryChanged(text: string): RegistryChangedMessage | null {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { application } = value as Record<string, unknown>;
    return typeof application === 'string' && application.length > 0 && application.length <= 64
      ? { application }
      : null;
  } catch {
    return null;
  }
}
