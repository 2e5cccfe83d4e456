/**
 * Whose data each response holds, found once for every stage that needs it:
 *
 * - onOperation adds the subjects' key fields under reserved aliases
 *   (gateway/audit-capture/subject-keys.ts) and, with subject quotas, prepares the tree of the
 *   values a quota binds (gateway/quotas/);
 * - onResult takes the keys out of the result again and keeps the subjects; with quotas, the same
 *   walk finds whose data each bound value is, and what is past a quota, or off the bound case's
 *   applicants, is withheld.
 *
 * A guard of its own, not part of the audit trail: the subject quotas and item grants' case
 * binding hold whether or not the trail is on (SHUJUTONG_INSECURE_DISABLE_AUDIT turns off the
 * record, never a limit). The audit stage (record-audit.ts) records what this stage found.
 */
import type { QuotaRefusalRecord } from '../../domain/subject-quota';
import type { SubjectRef } from '../../contracts/audit/audit-record';
import { EnforceInput, OccurrenceCollector, QuotaTree, SubjectQuotas } from '../quotas';
import { stripSubjectKeys } from '../audit-capture/strip-subject-keys';
import { KeyPlaces, subjectKeyRewriter } from '../audit-capture/subject-keys';
import type { SubjectKind } from '../../contracts/audit/subject-kind';
import { boundCaseOf } from './bind-to-case';
import { sharingPlanOf } from './enforce-sharing-policy';
import { GatewayContext, stageState } from './request-context';
import type { GatewayHooks } from './stage-hooks';

export interface FindSubjectsOptions {
  /** Subject quotas (and item grants' case binding), enforced in the result step. @default none */
  readonly subjectQuotas?: SubjectQuotas | null;
  /**
   * A subject's keyed hash under the audit key (contracts/audit/keyed-hash.ts): what quotas
   * count, so that no count holds an identifier. Required with subjectQuotas.
   */
  readonly hash?: EnforceInput['hash'] | null;
}

/** What one response was found to hold. */
export interface FoundSubjects {
  readonly subjects: readonly SubjectRef[];
  /** Grant-reliant values withheld past a subject quota or off the case, as the record keeps them. */
  readonly quotaRefusals: readonly QuotaRefusalRecord[];
}

export interface FindSubjectsStage extends GatewayHooks {
  /** This request's subjects; undefined when its operation asked for none, or never ran. */
  of(context: GatewayContext): FoundSubjects | undefined;
}

/** What the stage notes about one request between its operation and its result. */
interface Noted {
  readonly keys: ReadonlyMap<string, SubjectKind>;
  readonly places: KeyPlaces | null;
  readonly quotaTree: QuotaTree | null;
  found: FoundSubjects | undefined;
}

export function createFindSubjectsStage(options: FindSubjectsOptions = {}): FindSubjectsStage {
  const rewrite = subjectKeyRewriter();
  const quotas = options.subjectQuotas ?? null;
  const hash = options.hash ?? null;
  if (quotas && !hash) throw new Error('subject quotas count keyed hashes: give the stage `hash`');
  const noted = stageState<Noted>();

  return {
    name: 'find-subjects',

    async stop() {
      await quotas?.close();
    },

    async onOperation(stage) {
      const rewritten = rewrite(stage.schema, stage.document);
      if (!rewritten) return;
      stage.document = rewritten.document;
      stage.documentKey = rewritten.documentKey;
      // Only where there are subjects can a quota count any.
      const quotaTree = quotas
        ? await quotas.prepare(
            stage.context,
            sharingPlanOf(stage.context),
            boundCaseOf(stage.context)?.binding,
          )
        : null;
      noted.set(stage.context, {
        keys: rewritten.keys,
        places: rewritten.places,
        quotaTree,
        found: undefined,
      });
    },

    async onResult(stage) {
      const n = noted.get(stage.context);
      if (!n) return;
      const tree = n.quotaTree;
      const collector = tree ? new OccurrenceCollector() : undefined;
      const stripped = stripSubjectKeys(
        stage.result,
        n.keys,
        collector ? { root: tree!.root, collector } : undefined,
        n.places,
      );
      stage.result = stripped.result;
      n.found = { subjects: stripped.subjects, quotaRefusals: [] };
      if (!collector || collector.empty) return;
      const enforced = await quotas!.enforce({
        context: stage.context,
        result: stage.result,
        tree: tree!,
        collector,
        hash: hash!,
        applicants: boundCaseOf(stage.context)?.applicants ?? null,
      });
      stage.result = enforced.result;
      n.found = { subjects: stripped.subjects, quotaRefusals: enforced.refusals };
    },

    of: (context) => noted.get(context)?.found,
  };
}
