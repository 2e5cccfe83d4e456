/** Polls a service's GET /health until it answers 200, its process exits, or time runs out. */
import type { ChildService } from './child-service';

export async function waitHealthy(
  url: string,
  child: ChildService | null,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (child?.hasExited()) throw new Error(`${child.name} exited before it became healthy`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
      lastProblem = `HTTP ${res.status}`;
    } catch (err) {
      lastProblem =
        err instanceof Error
          ? ((err.cause as Error | undefined)?.message ?? err.message)
          : String(err);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms (${lastProblem})`);
}
