/**
 * Load through nginx with autocannon: keep-alive connections each sending the next GraphQL POST
 * as soon as the last answer came, until stopped. Keeps the `x-request-id` of every 2xx answer,
 * so a test can look up each one's audit record.
 */
interface AutocannonRequest {
  method: 'POST';
  body: string;
  onResponse: (
    status: number,
    body: string,
    context: object,
    headers: Record<string, string>,
  ) => void;
}

interface AutocannonResult {
  requests: { total: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface AutocannonRun extends PromiseLike<AutocannonResult> {
  stop(): void;
}

type Autocannon = (options: {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  requests: AutocannonRequest[];
  connections: number;
  duration: number;
  timeout: number;
}) => AutocannonRun;

// autocannon ships no types (the part used is declared above).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface LoadOutcome {
  readonly total: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** `x-request-id` of every 2xx answer received. */
  readonly receivedIds: readonly string[];
  /** Statuses of the non-2xx answers, for the failure message. */
  readonly otherStatuses: readonly number[];
}

export function loadThroughNginx(options: {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  /** Upper bound; stop() ends it earlier. */
  maxSeconds: number;
}): { stop(): void; done: Promise<LoadOutcome> } {
  const receivedIds: string[] = [];
  const otherStatuses: number[] = [];
  const run = autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
    requests: [
      {
        method: 'POST',
        body: options.body,
        onResponse: (status, _body, _context, headers) => {
          if (status >= 200 && status < 300) receivedIds.push(headers['x-request-id']);
          else otherStatuses.push(status);
        },
      },
    ],
    connections: options.connections,
    duration: options.maxSeconds,
    timeout: 10,
  });
  const done = Promise.resolve(run).then((r) => ({
    total: r.requests.total,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    receivedIds,
    otherStatuses,
  }));
  return { stop: () => run.stop(), done };
}
