/**
 * The audit trail as gateway stages (stages/stage-hooks.ts): every GraphQL request that
 * reaches the gateway, whatever became of it, is recorded (gateway/audit/) before its response
 * leaves, and nothing is served that could not be recorded.
 *
 * - `gate` (install it first of all stages): while the journal cannot be written, refuses every
 *   GraphQL request with 503 AUDIT_UNAVAILABLE before anything runs (no authentication, no
 *   subgraph fetch): the gateway does not execute and then discard. It retries the journal at
 *   most once per `probeIntervalMs`, as GET /health does, so serving resumes by itself once the
 *   disk is writable again.
 * - the stage itself (install it right after find-subjects.ts, whose findings it records):
 *   onSubgraphRequest notes the subgraphs the plan fetched from; onResponse, the last thing
 *   before the bytes leave, appends the record with the subjects (and quota refusals) that
 *   find-subjects.ts found, and waits for its fsync: a failure turns the response into 503
 *   AUDIT_UNAVAILABLE instead.
 *
 * Not recorded: GraphiQL's page and assets and GET /health, which serve nothing from the
 * subgraphs and never enter the pipeline; and the 503s of the gate itself, which cannot be.
 */
import { ErrorCode } from '../../domain/error-codes';
import { HttpError } from '../../contracts/http/http-error';
import { AuditConfig, AuditTrail, AuditTrailOptions, isAuditUnavailable } from '../audit';
import { databaseLabel } from '../../contracts/audit/audit-config';
import { GatewayContext, stageState } from './request-context';
import type { GatewayHooks, StageHealth } from './stage-hooks';
import { buildAuditEntry } from '../audit-capture/audit-entry';
import { boundCaseOf } from './bind-to-case';
import { sharingPlanOf } from './enforce-sharing-policy';
import type { FindSubjectsStage } from './find-subjects';
import { inAuditSpan, traceIdOf } from './trace-request';

export interface AuditStageOptions {
  /** The trail's settings: readAuditConfig(env) (contracts/audit/audit-config.ts). */
  readonly config: AuditConfig;
  /** For AuditTrail.open: tests inject file-system failures (`fs`) here. @default none */
  readonly trail?: AuditTrailOptions;
  /** Least time between recovery attempts made by refused requests. @default 1000 */
  readonly probeIntervalMs?: number;
  /** @default console.error */
  readonly log?: (line: string) => void;
  /** Whose data each response holds (find-subjects.ts), installed just before this stage. */
  readonly subjects: Pick<FindSubjectsStage, 'of'>;
}

export interface AuditStage extends GatewayHooks {
  /** Install first: refuses requests while the trail cannot record them. */
  readonly gate: GatewayHooks;
  /** The open trail, between the gateway's start and stop. */
  readonly trail: AuditTrail | null;
}

export const AUDIT_UNAVAILABLE_MESSAGE =
  'the audit trail cannot be written, and nothing is served unrecorded; try again shortly';

function unavailable(): HttpError {
  return new HttpError(
    503,
    AUDIT_UNAVAILABLE_MESSAGE,
    ErrorCode.AUDIT_UNAVAILABLE,
    {},
    { 'retry-after': '5' },
  );
}

export function createAuditStage(options: AuditStageOptions): AuditStage {
  const log = options.log ?? ((line: string) => console.error(line));
  const probeIntervalMs = options.probeIntervalMs ?? 1000;
  // The subgraphs each request's plan fetched from.
  const fetchedFrom = stageState<Set<string>>();
  const refusedByGate = new WeakSet<GatewayContext>();
  let trail: AuditTrail | null = null;
  let lastProbe = 0;
  let down = false;

  const wentDown = (why: string) => {
    if (down) return;
    down = true;
    log(
      `[audit] UNAVAILABLE: ${why}. Every GraphQL request is refused with 503 AUDIT_UNAVAILABLE until the journal can be written again.`,
    );
  };
  const cameBack = () => {
    if (!down) return;
    down = false;
    log('[audit] the journal is writable again: serving');
  };

  const gate: GatewayHooks = {
    name: 'audit-gate',
    async onRequest({ context }) {
      if (trail && trail.journal.status().available) return;
      const now = Date.now();
      if (trail && now - lastProbe >= probeIntervalMs) {
        lastProbe = now;
        if ((await trail.probe()).status === 'ok') return void cameBack();
      }
      // Also when the journal failed outside a request (a checkpoint on the timer, a rotation).
      if (trail)
        wentDown(`the journal cannot be written (${trail.journal.status().error ?? 'unknown'})`);
      refusedByGate.add(context);
      throw unavailable();
    },
  };

  return {
    name: 'audit',
    gate,
    get trail() {
      return trail;
    },

    async start() {
      const { config } = options;
      trail = await AuditTrail.open(config, {
        onWarning: (m) => log(`[audit] ${m}`),
        ...options.trail,
      });
      log(
        `[audit] recording every request: journal ${config.journalDir} (instance ${config.instance}), shipped to ${databaseLabel(config.database)}`,
      );
      const health = trail.health();
      if (health.status !== 'ok')
        wentDown(
          `the journal in ${config.journalDir} cannot be written (${health.journal.error ?? 'unknown'})`,
        );
    },
    async stop() {
      const closing = trail;
      trail = null;
      // Flushes what is queued, signs a final checkpoint, ships what it can in a few seconds.
      if (closing) await closing.close();
    },

    onSubgraphRequest({ subgraph, context }) {
      if (!context) return;
      let subgraphs = fetchedFrom.get(context);
      if (!subgraphs) fetchedFrom.set(context, (subgraphs = new Set()));
      subgraphs.add(subgraph);
    },
    async onResponse(response) {
      const { context } = response;
      if (refusedByGate.has(context)) return;
      if (!trail) throw unavailable();
      const found = options.subjects.of(context);
      const built = buildAuditEntry(
        response,
        {
          subgraphs: fetchedFrom.get(context) ?? [],
          subjects: found?.subjects ?? [],
          quotaRefusals: found?.quotaRefusals ?? [],
          sharingPlan: sharingPlanOf(response.context),
          case: caseEvidence(response.context),
        },
        Date.now(),
      );
      // The trace id, when traced (trace-request.ts): evidence leads to its trace.
      const entry = { ...built, traceId: traceIdOf(context) };
      try {
        const open = trail;
        await inAuditSpan(context, entry, () => open.append(entry));
      } catch (err) {
        if (isAuditUnavailable(err)) wentDown(err.message);
        else
          log(
            `[audit] could not record request ${context.requestId}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
          );
        throw unavailable();
      }
    },

    async health(): Promise<StageHealth> {
      if (!trail) return { ok: false, detail: { journal: 'closed' } };
      const h = await trail.probe();
      if (h.status === 'ok') cameBack();
      const { journal, shipping } = h;
      return {
        ok: h.status === 'ok',
        detail: {
          journal: journal.available ? 'writable' : 'unwritable',
          ...(journal.available
            ? {}
            : { reason: journal.reason, unavailableSince: journal.unavailableSince }),
          records: journal.seq,
          // Shipping lag is no outage: the records wait in the journal.
          shipping: {
            connected: shipping.connected,
            caughtUp: shipping.caughtUp,
            shippedRecords: shipping.shippedRecords,
            lastShippedAt: shipping.lastShippedAt,
          },
        },
      };
    },
  };
}

/** The case a request named, for its record: the item only when the request was bound to it. */
function caseEvidence(context: GatewayContext): { number: string; item: string | null } | null {
  const bound = boundCaseOf(context);
  return bound ? { number: bound.number, item: bound.item } : null;
}
