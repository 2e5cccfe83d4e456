/**
 * Request limits (限流): how fast and how many at once an application system may call the
 * platform. The sharing subgraph keeps them in the application registry (derived from the usage
 * frequency the system registered unless the big data bureau set them), the gateway enforces
 * them across its instances. What both sides agree on lives here.
 *
 * A rate is a token bucket: `burst` requests may arrive at once after a quiet spell, and the
 * bucket refills at `requestsPerMinute`, the sustained rate. `concurrency` bounds the requests
 * in flight at once, which a rate alone does not: a few slow, expensive requests can hold the
 * subgraphs as long as they like.
 */

export interface RequestLimits {
  /** Sustained rate: tokens added to the bucket per minute. */
  readonly requestsPerMinute: number;
  /** Bucket capacity: the most requests accepted at once after a quiet spell. */
  readonly burst: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
}

/** Usage frequencies (使用频度) from the most to the least frequent; the registry's enum. */
export const LIMIT_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'RARELY'] as const;
export type LimitFrequency = (typeof LIMIT_FREQUENCIES)[number];

/**
 * The defaults by registered usage frequency. A system used daily serves officers at counters
 * all day (the service network answers every approval in the city); one used rarely is looked at
 * by hand. The sustained rates leave room above honest use, the bursts absorb a page of a
 * list loaded at once, and concurrency stays well below the subgraphs' connection pools so no
 * one system can occupy them.
 */
export const LIMITS_BY_FREQUENCY: Readonly<Record<LimitFrequency, RequestLimits>> = Object.freeze({
  DAILY: { requestsPerMinute: 3000, burst: 200, concurrency: 32 },
  WEEKLY: { requestsPerMinute: 600, burst: 100, concurrency: 8 },
  MONTHLY: { requestsPerMinute: 120, burst: 30, concurrency: 4 },
  QUARTERLY: { requestsPerMinute: 60, burst: 15, concurrency: 2 },
  RARELY: { requestsPerMinute: 30, burst: 10, concurrency: 2 },
});

/** What a citizen's own token ("who looked at my data") may do, per citizen. */
export const CITIZEN_LIMITS: RequestLimits = Object.freeze({
  requestsPerMinute: 30,
  burst: 10,
  concurrency: 2,
});

/** Bounds on a limit the bureau sets: above these a limit no longer limits. */
export const LIMIT_BOUNDS: Readonly<Record<keyof RequestLimits, readonly [number, number]>> =
  Object.freeze({
    requestsPerMinute: [1, 600_000] as const,
    burst: [1, 100_000] as const,
    concurrency: [1, 10_000] as const,
  });

export function isLimitFrequency(value: unknown): value is LimitFrequency {
  return (LIMIT_FREQUENCIES as readonly unknown[]).includes(value);
}

/** Why `value` cannot be the limit `name`, or null when it can. */
export function limitProblem(name: keyof RequestLimits, value: unknown): string | null {
  const [min, max] = LIMIT_BOUNDS[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return `${name} is a whole number from ${min} to ${max}, got ${String(value)}`;
  }
  return null;
}

/** Overrides the bureau set; a null one follows the usage frequency. */
export type LimitOverrides = { readonly [K in keyof RequestLimits]: number | null };

/** The limits in force: each override, else the default for `basis`. */
export function effectiveLimits(basis: LimitFrequency, overrides: LimitOverrides): RequestLimits {
  const defaults = LIMITS_BY_FREQUENCY[basis];
  return {
    requestsPerMinute: overrides.requestsPerMinute ?? defaults.requestsPerMinute,
    burst: overrides.burst ?? defaults.burst,
    concurrency: overrides.concurrency ?? defaults.concurrency,
  };
}

/**
 * The frequency the default limits follow after the usage frequency changes. The inventory field
 * is self-reported, so a department's own change may lower its limits but never raise them: a
 * system that declared itself MONTHLY and then "DAILY" keeps MONTHLY's limits until the bureau
 * agrees (its own change of the field, or setting the limits). The bureau's change applies as is.
 */
export function limitBasisAfterChange(
  current: LimitFrequency,
  declared: LimitFrequency,
  byBureau: boolean,
): LimitFrequency {
  if (byBureau) return declared;
  return LIMIT_FREQUENCIES.indexOf(declared) > LIMIT_FREQUENCIES.indexOf(current)
    ? declared
    : current;
}
