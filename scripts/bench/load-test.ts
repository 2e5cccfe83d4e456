/**
 * One timed load run against one GraphQL endpoint, with autocannon: a fixed number of
 * keep-alive connections, each sending its next POST as soon as its last answer arrived, for a
 * fixed time. Requests take their bodies in turn from a list, across all connections, so the
 * requests in flight at any moment differ (given more bodies than connections). A response counts as failed when the connection errs or times out, the status is
 * not 2xx, or the body carries GraphQL `errors`: a run with failures is not a valid figure.
 */

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonRequest {
  method?: 'POST';
  body?: string;
  /** Called before each request is sent; returns the request to send. */
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}

interface AutocannonOptions {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  requests: AutocannonRequest[];
  connections: number;
  duration: number;
  /** Seconds without an answer before a request counts as a timeout. */
  timeout: number;
  verifyBody: (body: string) => boolean;
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  duration: number;
}

type Autocannon = (options: AutocannonOptions) => Promise<AutocannonResult>;

// autocannon ships no types (the part used is declared above); an import would need a shim for nothing.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface LoadRun {
  url: string;
  headers: Readonly<Record<string, string>>;
  /** JSON request bodies, sent in turn. */
  bodies: readonly string[];
  connections: number;
  seconds: number;
}

export interface LoadResult {
  /** Mean of the per-second counts of completed requests. */
  requestsPerSecond: number;
  requests: number;
  /** Latency percentiles in milliseconds (autocannon's resolution is 1 ms). */
  p50: number;
  p99: number;
  /** Connection errors and timeouts, non-2xx answers, and 2xx answers with GraphQL errors. */
  failures: { errors: number; non2xx: number; graphqlErrors: number };
}

/** A GraphQL error list in a 200 answer; the benchmark's data never contains this text. */
const ERRORS_KEY = '"errors":';

export async function runLoad(run: LoadRun): Promise<LoadResult> {
  if (run.bodies.length === 0) throw new Error('runLoad: no request bodies');
  let next = 0;
  const result = await autocannon({
    url: run.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...run.headers },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({ ...request, body: run.bodies[next++ % run.bodies.length] }),
      },
    ],
    connections: run.connections,
    duration: run.seconds,
    timeout: 10,
    verifyBody: (body) => !body.includes(ERRORS_KEY),
  });
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: { errors: result.errors, non2xx: result.non2xx, graphqlErrors: result.mismatches },
  };
}

export function failureCount(result: LoadResult): number {
  const f = result.failures;
  return f.errors + f.non2xx + f.graphqlErrors;
}
