/**
 * GET /health from the stages' own health (stage-hooks.ts): 200 `{ status: 'ok', ... }` when
 * every stage can serve, 503 `{ status: 'unavailable', ... }` when one cannot, so a load balancer
 * takes an instance that cannot write its audit trail out of rotation. Each stage's detail is
 * shown under its name.
 */
import type { HookPipeline } from '../stages/stage-hooks';
import type { HealthAnswer } from './request-router';

export function stageHealth(pipeline: HookPipeline): (() => Promise<HealthAnswer>) | undefined {
  if (pipeline.health.length === 0) return undefined;
  return async () => {
    const checks = await Promise.all(
      pipeline.health.map(async ({ name, check }) => ({ name, health: await check() })),
    );
    const ok = checks.every((c) => c.health.ok);
    const body: Record<string, unknown> = { status: ok ? 'ok' : 'unavailable' };
    for (const { name, health } of checks)
      body[name] = { status: health.ok ? 'ok' : 'unavailable', ...health.detail };
    return { status: ok ? 200 : 503, body };
  };
}
