/**
 * "Who looked at this person's data", by the person's keyed hash: the audit library's lookup
 * (contracts/audit/subject-lookup.ts, in (subject_hash, time) order), and the count over the same
 * rows.
 */
export { accessesToSubject, countSubjectAccesses } from '../../contracts/audit/subject-lookup';
export type { SubjectAccess } from '../../contracts/audit/subject-lookup';
