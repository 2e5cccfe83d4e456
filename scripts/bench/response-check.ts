/**
 * Before a target is measured on an operation, each of the operation's requests is sent once
 * and its answer checked: HTTP 200, no GraphQL `errors`, and the data the operation expects.
 * A fast wrong answer (an error, or data missing) must never pass for a good figure.
 */
import type { CheckExpectation, OperationRequest, RequestVariant } from './bench-operations';

/** Checks every variant, a few at a time; returns the first problem, or null. */
export async function checkOperation(
  url: string,
  headers: Readonly<Record<string, string>>,
  request: OperationRequest,
  expect: CheckExpectation = { masked: false },
  concurrency = 4,
): Promise<string | null> {
  const queue = [...request.variants];
  const problems: string[] = [];
  const worker = async () => {
    for (let variant = queue.shift(); variant && problems.length === 0; variant = queue.shift()) {
      const problem = await checkResponse(url, headers, variant, expect);
      if (problem) problems.push(problem);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return problems[0] ?? null;
}

export async function checkResponse(
  url: string,
  headers: Readonly<Record<string, string>>,
  request: RequestVariant,
  expect: CheckExpectation = { masked: false },
): Promise<string | null> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (err) {
    return `request failed: ${err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)}`;
  }
  const text = await res.text();
  let payload: { data?: unknown; errors?: { message?: string }[] };
  try {
    payload = JSON.parse(text) as typeof payload;
  } catch {
    return `HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`;
  }
  if (payload.errors?.length)
    return `HTTP ${res.status}, errors: ${payload.errors
      .map((e) => e.message)
      .join('; ')
      .slice(0, 300)}`;
  if (res.status !== 200) return `HTTP ${res.status}`;
  return request.check(payload.data, expect);
}

/**
 * Polls with `{ __typename }` until the endpoint answers it as GraphQL (a JSON answer below 500:
 * a gateway that wants a token answers 401, and is up all the same), the process exits, or
 * time runs out.
 */
export async function waitGraphQLReady(
  url: string,
  hasExited: () => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error(`${url}: the process exited before it served GraphQL`);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
        signal: AbortSignal.timeout(2000),
      });
      const text = await res.text();
      if (res.status < 500 && /^\s*\{/.test(text)) return;
      lastProblem = `HTTP ${res.status}`;
    } catch (err) {
      lastProblem =
        err instanceof Error
          ? ((err.cause as Error | undefined)?.message ?? err.message)
          : String(err);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not serve GraphQL within ${timeoutMs} ms (${lastProblem})`);
}
