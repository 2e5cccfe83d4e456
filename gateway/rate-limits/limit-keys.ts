/**
 * Names of the counters in Redis (and in process), one bucket and one in-flight set per target.
 * The namespace keeps deployments or test runs that share one Redis apart; ids are escaped, so
 * no id can reach into another target's key.
 */
import type { LimitTarget } from './limit-targets';

export type CounterKind = 'bucket' | 'in-flight';

export function limitKeyPrefix(namespace: string | null, kind: CounterKind): string {
  return `shujutong:rate-limit${namespace ? `:${namespace}` : ''}:${kind}`;
}

/** The part after the prefix: scope and escaped id. */
export function targetKey(target: Pick<LimitTarget, 'scope' | 'id'>): string {
  return `${target.scope.toLowerCase()}:${encodeURIComponent(target.id)}`;
}

export function limitKey(
  namespace: string | null,
  kind: CounterKind,
  target: Pick<LimitTarget, 'scope' | 'id'>,
): string {
  return `${limitKeyPrefix(namespace, kind)}:${targetKey(target)}`;
}
