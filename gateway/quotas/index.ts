/**
 * Subject quotas (主体配额): how many distinct people and legal entities one application may
 * receive grant-reliant data about per day, per grant, as the owner set at approval. Driven by
 * the stage that finds each response's subjects (subject-quotas.ts explains the seam).
 *
 *   const quotas = createSubjectQuotas({ policy, grants, counter: redisUrl ? createRedisQuotaCounter({ url }) : createMemoryQuotaCounter() });
 *   const subjects = createFindSubjectsStage({ subjectQuotas: quotas, hash: (s) => subjectHash(key, s.kind, s.id) });
 */
export { createSubjectQuotas } from './subject-quotas';
export type { SubjectQuotas, SubjectQuotasOptions, EnforceInput } from './subject-quotas';
export {
  createMemoryQuotaCounter,
  createRedisQuotaCounter,
  quotaCountKey,
  COUNT_TTL_SECONDS,
} from './quota-counter';
export type { QuotaCounter, CountRequest } from './quota-counter';
export { buildQuotaTree } from './quota-tree';
export type { QuotaTree, QuotaNode, QuotaEntry } from './quota-tree';
export { OccurrenceCollector } from './subject-occurrences';
export type { Occurrence, OrphanGroup, BoundField } from './subject-occurrences';
export { quotaCharges, decideWithholding } from './quota-decision';
export { withholdFields } from './withhold-fields';
