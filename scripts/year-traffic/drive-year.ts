/**
 * Sends a planned year (year-plan.ts) through a gateway under simulated time: before each event
 * the clock jumps to its planned instant, never while a request is in flight, so the audit
 * record, the sharing subgraph's dates and the caller's token all carry the simulated day.
 *
 * Data requests may be partly withheld (that is the sharing policy at work) and count as failures
 * only when the HTTP status is not 200. A workflow event that fails (an application, an answer,
 * a revocation, an error report, a self-inspection) stops the run with the gateway's error: the
 * rest of the year depends on it.
 */
import { workflowRunner } from './drive-workflow';
import {
  chinaMonthOf,
  DATA_KINDS,
  PlannedCaller,
  PlannedEvent,
  PlannedEventKind,
  YearPlan,
} from './year-plan';
import type { SimulatedClock } from './simulated-clock';

export interface TrafficTarget {
  /** http://127.0.0.1:port (POST /graphql, /open/graphql, GET /open/datasets/…) */
  gatewayUrl: string;
  /** Headers for a caller: a fresh token issued at the current (simulated) time. */
  headers(caller: {
    department: string;
    application?: string | null;
    operator?: string | null;
    roles?: readonly string[];
    purpose?: string;
  }): Promise<Record<string, string>>;
  clock: SimulatedClock;
}

export interface DriveOptions {
  /**
   * Data requests planned within the same simulated minute are sent together, up to this many
   * at once (the clock is set to the first one's instant). 1: strictly one at a time. @default 4
   */
  concurrency?: number;
  /** Called every `progressEvery` events. @default none */
  onProgress?: (done: number, total: number, at: number) => void;
  /** @default 1000 */
  progressEvery?: number;
  /** Tries for a request refused with 429 (waiting its Retry-After, real time). @default 3 */
  rateLimitAttempts?: number;
}

export interface DriveFailure {
  readonly kind: PlannedEventKind;
  readonly at: string;
  readonly status: number;
  readonly message: string;
}

export interface DriveSummary {
  /** Events executed. */
  events: number;
  /** Events by kind. */
  byKind: Partial<Record<PlannedEventKind, number>>;
  /** Data requests (queries and open data) per China month, January first. */
  dataByMonth: number[];
  /** Data requests answered 200 with some fields withheld or errors. */
  partlyWithheld: number;
  /** Workflow events done, by kind. */
  workflow: Partial<Record<PlannedEventKind, number>>;
  /** Data requests whose HTTP status was not 200 (first 20 kept). */
  failureCount: number;
  failures: DriveFailure[];
  /** Requests refused with 429 and sent again. */
  rateLimitRetries: number;
  /** HTTP requests sent, retries included: the audit trail holds one record for each. */
  httpRequests: number;
  /** Real time the drive took. */
  elapsedMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function driveYear(
  target: TrafficTarget,
  plan: YearPlan,
  options: DriveOptions = {},
): Promise<DriveSummary> {
  const started = performance.now();
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const attempts = Math.max(1, options.rateLimitAttempts ?? 3);
  const progressEvery = options.progressEvery ?? 1000;
  const summary: DriveSummary = {
    events: 0,
    byKind: {},
    dataByMonth: Array.from({ length: 12 }, () => 0),
    partlyWithheld: 0,
    workflow: {},
    failureCount: 0,
    failures: [],
    rateLimitRetries: 0,
    httpRequests: 0,
    elapsedMs: 0,
  };
  // The gateway's origin; a URL ending in its endpoint (/graphql) is taken as that origin too.
  const base = target.gatewayUrl.replace(/\/$/, '').replace(/\/graphql$/, '');

  /** Sends, waiting out a 429 (its Retry-After) a few times: rate limits count real time too. */
  const send = async (
    path: string,
    init: RequestInit,
  ): Promise<{ status: number; text: string }> => {
    for (let attempt = 1; ; attempt++) {
      summary.httpRequests++;
      const res = await fetch(`${base}${path}`, init);
      const text = await res.text();
      if (res.status !== 429 || attempt >= attempts) return { status: res.status, text };
      summary.rateLimitRetries++;
      const retryAfter = Number(res.headers.get('retry-after'));
      await sleep(
        Math.min(5000, Math.max(100, Number.isFinite(retryAfter) ? retryAfter * 1000 : 1000)),
      );
    }
  };
  const post = async (path: string, body: unknown, headers: Record<string, string>) =>
    send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const headersOf = (caller: PlannedCaller) =>
    target.headers({
      department: caller.department,
      application: caller.application,
      operator: caller.operator,
      ...(caller.purpose ? { purpose: caller.purpose } : {}),
    });

  const runWorkflowEvent = workflowRunner(async (caller, body) =>
    post('/graphql', body, await headersOf(caller)),
  );
  const workflowEvent = async (event: PlannedEvent): Promise<void> => {
    await runWorkflowEvent(event);
    summary.workflow[event.kind] = (summary.workflow[event.kind] ?? 0) + 1;
  };

  const dataRequest = async (event: PlannedEvent): Promise<void> => {
    let result: { status: number; text: string };
    if (event.kind === 'query')
      result = await post(
        '/graphql',
        { query: event.query, variables: event.variables },
        await headersOf(event.caller),
      );
    else if (event.kind === 'open-graphql')
      result = await post('/open/graphql', { query: event.query }, {});
    else if (event.kind === 'open-download') result = await send(event.path, { method: 'GET' });
    else throw new Error(`not a data request: ${event.kind}`);
    summary.dataByMonth[chinaMonthOf(event.at) - 1]++;
    if (result.status !== 200) {
      summary.failureCount++;
      if (summary.failures.length < 20)
        summary.failures.push({
          kind: event.kind,
          at: new Date(event.at).toISOString(),
          status: result.status,
          message: result.text.slice(0, 300),
        });
      return;
    }
    if (event.kind !== 'open-download' && result.text.includes('"errors"'))
      summary.partlyWithheld++;
  };

  const { events } = plan;
  let i = 0;
  let nextProgress = progressEvery;
  while (i < events.length) {
    const first = events[i];
    // A group: consecutive data requests of the same simulated minute (or one workflow event).
    let end = i + 1;
    if (DATA_KINDS.has(first.kind)) {
      const minute = Math.floor(first.at / 60_000);
      while (
        end < events.length &&
        end - i < concurrency &&
        DATA_KINDS.has(events[end].kind) &&
        Math.floor(events[end].at / 60_000) === minute
      )
        end++;
    }
    // Nothing is in flight here: the jump cannot straddle a request.
    target.clock.setTime(first.at);
    const group = events.slice(i, end);
    if (DATA_KINDS.has(first.kind)) await Promise.all(group.map(dataRequest));
    else await workflowEvent(first);
    for (const e of group) summary.byKind[e.kind] = (summary.byKind[e.kind] ?? 0) + 1;
    summary.events += group.length;
    i = end;
    if (options.onProgress && i >= nextProgress) {
      options.onProgress(i, events.length, first.at);
      nextProgress += progressEvery;
    }
  }
  summary.elapsedMs = Math.round(performance.now() - started);
  return summary;
}
