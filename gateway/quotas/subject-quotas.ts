/**
 * Subject quotas in the request path. They need the subjects of each response, which the stage
 * that finds them knows (its key aliases, gateway/audit-capture/subject-keys.ts, in
 * stages/find-subjects.ts), and what only the sharing policy has, which served values rely on
 * which grant; so that stage drives them, in its own steps, and the response is walked once for
 * both the subjects the audit records and the quotas:
 *
 *   operation stage (after the policy): prepare() builds, once per policy plan, the tree of the
 *     values bound by a quota (quota-tree.ts); null, and no further cost, when there are none;
 *   result stage (after the policy's nulls and masks): the walk that strips the subject keys
 *     also collects whose data each bound value is (subject-occurrences.ts); enforce() counts
 *     the subjects per (application, grant, China day) (quota-counter.ts), withholds the values
 *     of the subjects past a quota with QUOTA_EXCEEDED (withhold-fields.ts) and returns what the
 *     audit record keeps of the refusals.
 *
 * A department-wide token (no application) is counted as the department.
 */
import { chinaToday } from '../../domain/china-date';
import type { QuotaRefusalRecord } from '../../domain/subject-quota';
import type { ExecutionResult } from 'graphql';
import type { SubjectRef } from '../audit';
import type { GrantSource } from '../grants/grant-source';
import type { GatewayContext } from '../stages/request-context';
import type { PolicyEngine, PolicyPlan } from '../policy';
import { decideWithholding, quotaCharges } from './quota-decision';
import { CountRequest, QuotaCounter, quotaCountKey } from './quota-counter';
import { buildQuotaTree, isCaseBound, QuotaTree } from './quota-tree';
import type { CaseBinding } from '../policy/case-binding';
import type { Occurrence, OccurrenceCollector } from './subject-occurrences';
import { withholdFields } from './withhold-fields';

export interface SubjectQuotasOptions {
  /** The sharing policy stage: its engine's schema and rules (replaced with a new supergraph). */
  readonly policy: { readonly engine: PolicyEngine };
  readonly grants: Pick<GrantSource, 'snapshotFor'>;
  readonly counter: QuotaCounter;
  /** Keeps deployments (or test runs) sharing one Redis apart (GRANTS_REDIS_NAMESPACE). @default null */
  readonly namespace?: string | null;
  /** @default Date.now */
  readonly now?: () => number;
  /**
   * Whether daily subject quotas count (GATEWAY_SUBJECT_QUOTAS). Off, only item grants' case
   * binding is checked: that check is part of what the grant allows, not a limit to switch off.
   * @default true
   */
  readonly enforceQuotas?: boolean;
}

/** Whom a case-bound request may receive item-granted data about: the case's applicants. */
export interface CaseApplicants {
  readonly idNumbers: ReadonlySet<string>;
  readonly creditCodes: ReadonlySet<string>;
}

export interface EnforceInput {
  readonly context: GatewayContext;
  /** The response with the audit's keys already taken out. */
  readonly result: ExecutionResult;
  readonly tree: QuotaTree;
  readonly collector: OccurrenceCollector;
  /** The subject's keyed hash (the audit trail's key), so counts and records never hold an identifier. */
  readonly hash: (subject: SubjectRef) => string;
  /** The applicants of the case the request is bound to; null: none (item grants then serve nobody). */
  readonly applicants: CaseApplicants | null;
}

export interface SubjectQuotas {
  /** `plan`: the sharing policy's plan for the request (what the quota counts subjects of). */
  prepare(
    context: GatewayContext,
    plan: PolicyPlan | undefined,
    caseBinding?: CaseBinding | null,
  ): Promise<QuotaTree | null>;
  enforce(
    input: EnforceInput,
  ): Promise<{ result: ExecutionResult; refusals: readonly QuotaRefusalRecord[] }>;
  close(): Promise<void>;
}

export function createSubjectQuotas(options: SubjectQuotasOptions): SubjectQuotas {
  const now = options.now ?? Date.now;
  const namespace = options.namespace ?? null;
  const trees = new WeakMap<PolicyPlan, QuotaTree | null>();

  return {
    async prepare(context, plan, caseBinding) {
      const caller = context.caller;
      // dry-run serves everything by design; nothing is enforced there, quotas included.
      if (!plan || !caller || plan.mode === 'dry-run' || plan.grantIds.length === 0) return null;
      const cached = trees.get(plan);
      if (cached !== undefined) return cached;
      const held = options.grants.snapshotFor(caller.department);
      const grants = held instanceof Promise ? await held : held;
      const { engine } = options.policy;
      const tree = buildQuotaTree({
        schema: engine.schema,
        rules: engine.rules,
        document: plan.document,
        operationName: plan.operationName,
        caller: { ...caller, case: caseBinding ?? null },
        grants,
        now: now(),
        enforceQuotas: options.enforceQuotas ?? true,
      });
      trees.set(plan, tree);
      return tree;
    },

    async enforce({ context, result, tree, collector, hash, applicants }) {
      const caller = context.caller!;
      const day = chinaToday(new Date(now()));
      const application = caller.application ?? `department:${caller.department}`;
      const hashes = new Map<Occurrence, string>();
      const hashOf = (o: Occurrence): string => {
        let h = hashes.get(o);
        if (h === undefined) hashes.set(o, (h = `${o.subject.kind}:${hash(o.subject)}`));
        return h;
      };
      const charges = quotaCharges(collector.occurrences, tree.quotas, hashOf);
      const offCase = subjectsOffCase(collector.occurrences, tree.quotas, hashOf, applicants);
      if (charges.length === 0 && offCase.size === 0) return { result, refusals: [] };
      const requests: CountRequest[] = charges.map((c) => ({
        key: quotaCountKey(namespace, application, c.grantId, day),
        day,
        quota: c.quota,
        subjects: c.subjects,
      }));
      const refusedSets = requests.length > 0 ? await options.counter.admit(requests) : [];
      const refused = new Map<string, ReadonlySet<string>>(offCase);
      charges.forEach((c, i) => refused.set(c.grantId, refusedSets[i]));
      const outcome = decideWithholding(
        collector.occurrences,
        collector.groups,
        refused,
        hashOf,
        tree.quotas,
        day,
      );
      return {
        result: withholdFields(result, outcome.withheld, tree.quotas, day),
        refusals: outcome.refusals,
      };
    },

    close: () => options.counter.close(),
  };
}

/** Per item grant, the subjects it reached who are no applicant of the case: all of them refused. */
function subjectsOffCase(
  occurrences: readonly Occurrence[],
  quotas: ReadonlyMap<string, number>,
  hashOf: (o: Occurrence) => string,
  applicants: CaseApplicants | null,
): Map<string, Set<string>> {
  const refused = new Map<string, Set<string>>();
  for (const o of occurrences) {
    const onCase =
      applicants !== null &&
      (o.subject.kind === 'person'
        ? applicants.idNumbers.has(o.subject.id)
        : applicants.creditCodes.has(o.subject.id));
    if (onCase) continue;
    for (const id of o.grants) {
      if (!isCaseBound(quotas.get(id))) continue;
      let set = refused.get(id);
      if (!set) refused.set(id, (set = new Set()));
      set.add(hashOf(o));
    }
  }
  return refused;
}
