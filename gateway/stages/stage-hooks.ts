/**
 * The seam where the gateway's request stages plug in, in the order a GraphQL request meets them:
 *
 *   POST /graphql
 *     1. onRequest          before anything runs. The audit's gate (503 while nothing can be
 *                           recorded), then authentication: set `context.caller`, or throw
 *                           HttpError(401 UNAUTHENTICATED / 403 FORBIDDEN) to refuse.
 *     2. (Apollo parses and validates; documents are cached by query hash)
 *     3. onOperation        before query planning. The sharing policy: replace `document` with
 *                           one that leaves out withheld fields and push FORBIDDEN_FIELD errors;
 *                           then the audit adds the data subjects' key fields under its aliases.
 *     4. (query plan, cached per document; execution)
 *        onSubgraphRequest  once per subgraph fetch. Outgoing headers: the caller's identity and
 *                           an HMAC over `body`, which are exactly the bytes sent.
 *        onSubgraphResponse once per subgraph fetch, when it has ended (answered or failed): how
 *                           long it took and how it ended, for metrics and traces. It cannot
 *                           change the answer; a throw is logged, not passed on.
 *     5. onResult           after execution, before serialisation, for operations that executed.
 *                           The sharing policy: replace `result` with nulls and FORBIDDEN_FIELD
 *                           errors at the withheld fields' paths, and masked values; then the
 *                           audit takes its key fields out again, noting whose data it is.
 *     6. onResponse         after execution, before the response leaves; runs once for every
 *                           GraphQL request whatever the outcome (refused, invalid, partial, ok).
 *                           The audit record: throw HttpError(503 AUDIT_UNAVAILABLE) to withhold
 *                           the response when the record cannot be written.
 *     7. onDelivered        once for every GraphQL request, after onResponse, with what is
 *                           actually sent: the audit's 503 when it withheld the response. For
 *                           metrics and logs; it cannot change the answer, a throw is swallowed.
 *
 * Around the requests: `onSupergraph` once the gateway has its supergraph (and again for a new
 * one) and before the first request; `start` before the gateway serves (connections a hook
 * needs); `stop` when the gateway stops. A hook that throws in these stops the start-up.
 *
 * Hooks run in the order given to `startGateway({ hooks })`; the first throw wins. Every stage
 * sees the same GatewayContext object, so a stage leaves evidence for later ones there (the
 * policy's decisions for the audit). GraphiQL's page and assets and GET /health do not pass
 * through the pipeline (they serve nothing from the subgraphs, so they are not audited); a
 * stage's `health` is part of GET /health's answer, and one that is not ok makes it a 503.
 */
import type { DocumentNode, ExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import type { HttpError } from '../../contracts/http/http-error';
import type { GatewayContext } from './request-context';

export interface IncomingGraphQLRequest {
  readonly context: GatewayContext;
  /** The request body as received (at most MAX_BODY_BYTES), before JSON parsing. */
  readonly rawBody: Buffer;
}

export interface OperationStage {
  readonly context: GatewayContext;
  /** The API schema the operation was validated against (and `document` must stay valid against). */
  readonly schema: GraphQLSchema;
  /** What will be planned and executed. Replace it (do not mutate: it is shared via the document cache); the result must stay valid against the API schema. */
  document: DocumentNode;
  /**
   * Identifies `document` in the query-plan cache. Set it when you replace the document with
   * a key that is the same exactly when the edited document is (e.g. original hash + decision
   * set); left unset, the gateway hashes the printed document.
   */
  documentKey?: string;
  readonly operationName: string | null;
  readonly variables: Readonly<Record<string, unknown>>;
  /** Errors to report alongside the data, e.g. one FORBIDDEN_FIELD per withheld field. */
  readonly errors: GraphQLError[];
}

export interface ResultStage {
  readonly context: GatewayContext;
  /** What will be serialised. Replace it (do not mutate: parts may be shared with caches). */
  result: ExecutionResult;
  readonly operationName: string | null;
  readonly variables: Readonly<Record<string, unknown>>;
}

export interface OutgoingSubgraphRequest {
  readonly subgraph: string;
  readonly url: string;
  /** The serialised GraphQL request: exactly the bytes that will be sent. */
  readonly body: string;
  /** Add or replace outgoing headers here (lower-case names). */
  readonly headers: Record<string, string>;
  /** The incoming request this fetch serves; null for the gateway's own requests (health checks). */
  readonly context: GatewayContext | null;
}

export interface SubgraphFetchOutcome {
  readonly subgraph: string;
  /** The incoming request this fetch served; null for the gateway's own requests. */
  readonly context: GatewayContext | null;
  /** The same headers object onSubgraphRequest saw (e.g. a trace's `traceparent`). */
  readonly headers: Readonly<Record<string, string>>;
  /** From just before sending to the end of the answer, milliseconds. */
  readonly durationMs: number;
  /** The subgraph's HTTP status; null when no answer came (refused, timed out, reset). */
  readonly status: number | null;
  /** Why the fetch failed (TIMEOUT, CONNECTION_REFUSED, BAD_STATUS, …); null when it answered GraphQL. */
  readonly failure: string | null;
}

export interface RequestOutcome {
  readonly context: GatewayContext;
  /** HTTP status about to be sent. */
  readonly status: number;
  /** Response body about to be sent (JSON). */
  readonly body: string;
  /** Set when the request was refused before execution (by a hook, or for a bad body). */
  readonly refusal: HttpError | null;
  /** The request body as received; null when it could not be read (too large, connection lost). */
  readonly rawBody: Buffer | null;
}

/** A stage's part of GET /health. */
export interface StageHealth {
  /** False makes GET /health answer 503: the gateway cannot serve (e.g. it cannot write its audit trail). */
  readonly ok: boolean;
  /** Shown under the stage's name; public, so nothing secret (no file paths, hosts or keys). */
  readonly detail: Readonly<Record<string, unknown>>;
}

type Hook<T> = (input: T) => void | Promise<void>;

export interface GatewayHooks {
  /** Shown in logs when a hook fails unexpectedly. */
  readonly name: string;
  onRequest?: Hook<IncomingGraphQLRequest>;
  onOperation?: Hook<OperationStage>;
  onSubgraphRequest?: Hook<OutgoingSubgraphRequest>;
  onSubgraphResponse?: Hook<SubgraphFetchOutcome>;
  onResult?: Hook<ResultStage>;
  onResponse?: Hook<RequestOutcome>;
  onDelivered?: Hook<RequestOutcome>;
  /** The composed supergraph SDL the gateway serves (with `@join__` and `@sharing` directives). */
  onSupergraph?(supergraphSdl: string): void;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Asked on every GET /health (keep it cheap); reported under `name`. */
  health?(): Promise<StageHealth>;
}

/** The hooks grouped by stage once at start-up, so a request with no hooks pays nothing for them. */
export interface HookPipeline {
  readonly onRequest: readonly Hook<IncomingGraphQLRequest>[];
  readonly onOperation: readonly Hook<OperationStage>[];
  readonly onSubgraphRequest: readonly Hook<OutgoingSubgraphRequest>[];
  readonly onSubgraphResponse: readonly Hook<SubgraphFetchOutcome>[];
  readonly onResult: readonly Hook<ResultStage>[];
  readonly onResponse: readonly Hook<RequestOutcome>[];
  readonly onDelivered: readonly Hook<RequestOutcome>[];
  readonly onSupergraph: readonly ((supergraphSdl: string) => void)[];
  readonly start: readonly (() => Promise<void>)[];
  readonly stop: readonly (() => Promise<void>)[];
  readonly health: readonly { readonly name: string; readonly check: () => Promise<StageHealth> }[];
}

export function hookPipeline(hooks: readonly GatewayHooks[] = []): HookPipeline {
  const present = <F>(list: (F | undefined)[]): F[] => list.filter((h): h is F => h !== undefined);
  return Object.freeze({
    onRequest: present(hooks.map((h) => h.onRequest?.bind(h))),
    onOperation: present(hooks.map((h) => h.onOperation?.bind(h))),
    onSubgraphRequest: present(hooks.map((h) => h.onSubgraphRequest?.bind(h))),
    onSubgraphResponse: present(hooks.map((h) => h.onSubgraphResponse?.bind(h))),
    onResult: present(hooks.map((h) => h.onResult?.bind(h))),
    onResponse: present(hooks.map((h) => h.onResponse?.bind(h))),
    onDelivered: present(hooks.map((h) => h.onDelivered?.bind(h))),
    onSupergraph: present(hooks.map((h) => h.onSupergraph?.bind(h))),
    start: present(hooks.map((h) => h.start?.bind(h))),
    stop: present(hooks.map((h) => h.stop?.bind(h))),
    health: present(
      hooks.map((h) => (h.health ? { name: h.name, check: h.health.bind(h) } : undefined)),
    ),
  });
}

/** Runs one stage's hooks in order; stops at the first that throws. */
export async function runStage<T>(hooks: readonly Hook<T>[], input: T): Promise<void> {
  for (const hook of hooks) await hook(input);
}

/** Runs observers in order: a throw (or rejection) is swallowed, and the next still runs. */
export async function runObservers<T>(hooks: readonly Hook<T>[], input: T): Promise<void> {
  for (const hook of hooks)
    await Promise.resolve()
      .then(() => hook(input))
      .catch(() => undefined);
}
