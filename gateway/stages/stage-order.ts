/**
 * The order of the gateway's request stages, declared once. Each stage is a file in this folder;
 * within every hook point (stage-hooks.ts) they run in this order, and the first refusal wins.
 *
 *   trace request (open)   first: the request's span, and its steps' spans, open before them
 *   gate on the audit      503 while no record can be written: nothing runs unrecorded
 *   authenticate           who is calling (token, application registry)
 *   limit request rate     per application and department; before any policy or planning work
 *   persisted documents    a document named by hash resolved; PERSISTED_ONLY applications held to theirs
 *   bind to case           the approval case (办件) the request names, for item grants
 *   enforce sharing policy withhold, mask and refuse fields by grant
 *   (extra stages)         tests and experiments
 *   find subjects          the data subjects' keys in, then out; subject quotas and the case's applicants
 *   record audit           the record, with the subjects found, before the bytes leave
 *   sign subgraph fetches  signs the caller as the stages before left it (not `traceparent`)
 *   trace request (close)  last: closes the spans after the stages they measure
 *
 * Operation limits (gateway/limits/) are not a stage: the GraphQL endpoint checks them on the
 * parsed body before Apollo parses and validates the document, which a stage cannot precede.
 */
import type { GatewayHooks } from './stage-hooks';
import type { TraceRequestStage } from './trace-request';

export interface PlatformStages {
  /** Traces (trace-request.ts); null or absent when tracing is off. @default none */
  readonly traceRequest?: TraceRequestStage | null;
  /** The audit's gate; null only when the audit trail is switched off. */
  readonly auditGate: GatewayHooks | null;
  readonly authenticate: GatewayHooks;
  /** Null when GATEWAY_RATE_LIMITS is off. */
  readonly limitRequestRate: GatewayHooks | null;
  /** Resolves documents named by hash and enforces PERSISTED_ONLY (resolve-persisted-documents.ts). @default none */
  readonly resolvePersistedDocuments?: GatewayHooks | null;
  readonly bindToCase: GatewayHooks;
  readonly enforceSharingPolicy: GatewayHooks;
  /** Run after the policy and before the audit, so the audit records what they did too. @default none */
  readonly extra?: readonly GatewayHooks[];
  /** Finds whose data each response holds, enforcing subject quotas (find-subjects.ts). */
  readonly findSubjects: GatewayHooks;
  /** Null only when the audit trail is switched off. */
  readonly recordAudit: GatewayHooks | null;
  readonly signSubgraphFetches: GatewayHooks;
}

export function inStageOrder(stages: PlatformStages): GatewayHooks[] {
  const present = (stage: GatewayHooks | null): GatewayHooks[] => (stage ? [stage] : []);
  return [
    // First and last: a span opens before the stages it measures and closes after them.
    ...(stages.traceRequest ? [stages.traceRequest.open] : []),
    // While nothing can be recorded nothing runs, not even authentication.
    ...present(stages.auditGate),
    stages.authenticate,
    // After authentication (it limits the caller); before the policy, so a refused request costs no policy work.
    ...present(stages.limitRequestRate),
    // After the limits (a refused request costs no registry lookup); before anything reads the document.
    ...present(stages.resolvePersistedDocuments ?? null),
    // After the limits (a refused request costs no case lookup); before the policy, which decides with it.
    stages.bindToCase,
    // After authentication (it decides for context.caller); before the audit, which records its decisions.
    stages.enforceSharingPolicy,
    ...(stages.extra ?? []),
    // After every stage that edits the operation or the result (its keys go in last and come out
    // last), so that quotas judge what the policy left.
    stages.findSubjects,
    // The last onResponse: the record, with what find-subjects found, just before the bytes leave.
    ...present(stages.recordAudit),
    // Last: signs with the caller as the stages before left it.
    stages.signSubgraphFetches,
    ...(stages.traceRequest ? [stages.traceRequest.close] : []),
  ];
}
