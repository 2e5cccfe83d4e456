/**
 * One request's audit entry, put together from what the stages left on the GatewayContext
 * (caller, the sharing policy's plan, the executed result), the subgraphs the audit stage saw
 * called and the subjects find-subjects.ts found, at the moment the response is about to leave.
 * Pure: the stage (stages/record-audit.ts) does the I/O.
 */
import type { AuditEntry, DeniedField, SubjectRef } from '../audit';
import type { CaseRef } from '../../contracts/audit/record-case';
import type { PolicyPlan } from '../policy';
import type { RequestOutcome } from '../stages/stage-hooks';
import type { QuotaRefusalRecord } from '../../domain/subject-quota';
import { auditDocument, auditName, hashedVariables } from './audit-document';
import { lookupMisses } from './lookup-misses';
import { decideOutcome } from './audit-outcome';
import { bodyFacts, executedFacts } from './outcome-facts';
import { requestParams } from './request-params';

/** What the stages noted during the request. */
export interface RequestEvidence {
  /** Subgraphs the query plan fetched from, failed or not. */
  readonly subgraphs: Iterable<string>;
  /** Data subjects in the response (strip-subject-keys.ts), identifiers in clear: hashed by the trail. */
  readonly subjects: readonly SubjectRef[];
  /** Values withheld past a subject quota (gateway/quotas/). @default none */
  readonly quotaRefusals?: readonly QuotaRefusalRecord[];
  /** The sharing policy's decisions (its requested, served, masked and denied fields); unset when it did not run. */
  readonly sharingPlan?: PolicyPlan;
  /**
   * 办件: the approval case the request named and its item, as the case stage resolved them;
   * recorded so the citizen sees which case an access served. @default none (no case)
   */
  readonly case?: CaseRef | null;
}

/**
 * The name of a document's first operation, for requests that never got parsed (refused before,
 * or invalid): a linear scan rather than a parse, which an unauthenticated caller must not be
 * able to make the gateway do at length. Executed requests take the name Apollo resolved.
 */
const FIRST_OPERATION_NAME =
  /(?:^|[\s{}])(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

function operationNameIn(query: string | null): string | null {
  return query === null ? null : (FIRST_OPERATION_NAME.exec(query)?.[1] ?? null);
}

/**
 * Per plan, made once: plans are cached, and the record canonicalises a list once per array
 * (contracts/audit/audit-record.ts), which a new array each request would defeat.
 */
const deniedOfPlan = new WeakMap<PolicyPlan, readonly DeniedField[]>();

function deniedFieldsOnce(plan: PolicyPlan): readonly DeniedField[] {
  let denied = deniedOfPlan.get(plan);
  if (denied === undefined) deniedOfPlan.set(plan, (denied = Object.freeze(deniedFields(plan))));
  return denied;
}

/** `decidedBy` is the rule's coordinate (an implementation's, for a field asked on an interface): both are recorded. */
function deniedFields(plan: PolicyPlan): DeniedField[] {
  // In dry-run nothing was withheld: say so in the reason, or the record would contradict `served`.
  const suffix = plan.mode === 'dry-run' ? ' (dry-run: served)' : '';
  const out: DeniedField[] = [];
  for (const d of plan.denied) {
    out.push({ coordinate: d.coordinate, reason: `${d.reason}${suffix}` });
    if (d.decidedBy !== d.coordinate)
      out.push({ coordinate: d.decidedBy, reason: `${d.reason}${suffix}` });
  }
  return out;
}

export function buildAuditEntry(
  response: RequestOutcome,
  evidence: RequestEvidence,
  now: number,
): AuditEntry {
  const { context } = response;
  const params = requestParams(
    {
      method: context.http.method,
      url: context.http.url,
      contentType: headerValue(context.http.headers['content-type']),
    },
    response.rawBody,
  );
  const document = params.query === null ? null : auditDocument(params.query);
  const executed = context.result !== undefined;
  const facts = executed ? executedFacts(context.result!) : bodyFacts(response.body);
  const { outcome, errorCodes } = decideOutcome({
    status: response.status,
    refusal: response.refusal
      ? { status: response.refusal.status, code: response.refusal.code }
      : null,
    executed,
    hasData: facts.hasData,
    errors: facts.errors,
  });
  const caller = context.caller;
  const plan = evidence.sharingPlan;
  const misses = lookupMisses(executed ? context.result : undefined);
  return {
    requestId: context.requestId,
    time: context.receivedAt,
    caller: {
      department: caller?.department ?? null,
      application: caller?.application ?? null,
      operator: caller?.operator ?? null,
      roles: caller?.roles ?? [],
      clientAddress: context.http.remoteAddress,
    },
    operationName: auditName(
      context.operation?.operationName ??
        params.operationName ??
        operationNameIn(document?.text ?? null),
    ),
    document: document?.text ?? null,
    variables: hashedVariables(params.variables, document),
    purpose: caller?.purpose ?? null,
    fields: plan
      ? {
          requested: plan.coordinates.requested,
          served: plan.coordinates.served,
          masked: plan.coordinates.masked,
          denied: deniedFieldsOnce(plan),
        }
      : undefined,
    subgraphs: [...evidence.subgraphs],
    outcome,
    httpStatus: response.status,
    errorCodes,
    latencyMs: now - context.receivedAt,
    responseBytes: Buffer.byteLength(response.body),
    subjects: evidence.subjects,
    ...(evidence.quotaRefusals && evidence.quotaRefusals.length > 0
      ? { quotaRefusals: evidence.quotaRefusals }
      : {}),
    ...(misses.notFound > 0 || misses.badInput > 0 ? { lookupMisses: misses } : {}),
    ...(evidence.case ? { case: evidence.case } : {}),
    // An export (graphql-endpoint.ts `run`): the response left as a file, not as this JSON.
    ...(context.delivery ? { delivery: context.delivery } : {}),
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
