/**
 * "Who looked at this person's data", by the person's keyed hash: the audit library's lookup
 * (contracts/audit/subject-lookup.ts, one (subject_hash, time) index range per monthly partition),
 * and the count over the same index.
 */
import { Knex } from 'knex';
import { SUBJECTS_TABLE } from '../../contracts/audit/audit-rows';

export { accessesToSubject } from '../../contracts/audit/subject-lookup';
export type { SubjectAccess } from '../../contracts/audit/subject-lookup';

export async function countSubjectAccesses(db: Knex, subjectHash: string): Promise<number> {
  const row = (await db(SUBJECTS_TABLE)
    .where('subject_hash', subjectHash)
    .count({ n: '*' })
    .first()) as { n: number | string };
  return Number(row.n);
}
