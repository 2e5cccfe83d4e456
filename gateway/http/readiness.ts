/**
 * GET /health/ready: 200 only when this instance should be given traffic: the supergraph is
 * loaded, every stage can serve (the audit journal is writable; see stage-health.ts), the grants
 * are loaded or degraded within their bound, and the instance is not draining. Otherwise 503 with
 * `failed` naming the checks that failed, so an operator reads why from the probe alone.
 * GET /health/live only says the process answers HTTP: a load balancer restarts nothing on it.
 */
import type { HookPipeline, StageHealth } from '../stages/stage-hooks';
import type { HealthAnswer } from './request-router';

export interface ReadinessCheck {
  /** Its key in the answer's `checks` and `failed`. */
  readonly name: string;
  /** Kept cheap: asked on every probe. Public detail only (no paths, hosts or keys). */
  check(): StageHealth | Promise<StageHealth>;
}

/** The stages' own health (the audit trail's journal), one check per stage that has one. */
export function stageReadinessChecks(pipeline: HookPipeline): ReadinessCheck[] {
  return pipeline.health.map(({ name, check }) => ({ name, check }));
}

export function readiness(checks: readonly ReadinessCheck[]): () => Promise<HealthAnswer> {
  return async () => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          return { name, health: await check() };
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          return { name, health: { ok: false, detail: { error: reason } } };
        }
      }),
    );
    const failed = results.filter((r) => !r.health.ok).map((r) => r.name);
    const body: Record<string, unknown> = {
      status: failed.length === 0 ? 'ready' : 'unavailable',
      failed,
      checks: Object.fromEntries(
        results.map(({ name, health }) => [
          name,
          { status: health.ok ? 'ok' : 'unavailable', ...health.detail },
        ]),
      ),
    };
    return { status: failed.length === 0 ? 200 : 503, body };
  };
}
