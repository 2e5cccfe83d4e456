/**
 * Says, once each way, when the rate limits lose Redis and fall back to counting in this
 * instance, and when they have it again. Degrading is never silent: a fleet of n instances then
 * admits up to n times each limit, and whoever runs it must know.
 */
export interface RedisDegradation {
  readonly degraded: boolean;
  down(why: string): void;
  up(): void;
}

export function redisDegradation(log: (line: string) => void): RedisDegradation {
  let degraded = false;
  return {
    get degraded() {
      return degraded;
    },
    down(why) {
      if (degraded) return;
      degraded = true;
      log(
        `[rate-limits] DEGRADED: Redis is not answering (${why}); each gateway instance now limits on its own (a fleet of n admits up to n times each limit) until it is back`,
      );
    },
    up() {
      if (!degraded) return;
      degraded = false;
      log('[rate-limits] Redis answers again: limits are shared by the gateway instances');
    },
  };
}
