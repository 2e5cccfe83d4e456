/** Reads and writes data error reports. Lookups go through a per-request DataLoader; lists page by id. */
import { Knex } from 'knex';
import { rowLoader } from '../kit/batch';
import { PageRequest } from '../kit/connection';
import type { ErrorReportStatus, SubjectKind } from './error-report-rules';

export interface ErrorReportRow {
  id: string;
  reporter: string;
  reporter_application: string | null;
  reported_by: string | null;
  owner: string;
  coordinate: string;
  subject_kind: SubjectKind;
  subject_id: string;
  problem: string;
  evidence: string | null;
  status: ErrorReportStatus;
  reported_at: string;
  reported_on: string;
  due_on: string;
  answered_at: string | null;
  answered_on: string | null;
  answered_by: string | null;
  correction: string | null;
  reject_reason: string | null;
}

export interface ErrorReportFilter {
  /** Reports this department filed or received; null: all (the big data bureau). */
  department: string | null;
  status: ErrorReportStatus | null;
  /** true: pending past the due date as of `today`; false: all others; null: either. */
  overdue: boolean | null;
  today: string;
  /** One subject's reports (a citizen's own). */
  subject?: { kind: SubjectKind; id: string } | null;
}

export interface ErrorReportAnswer {
  status: 'CORRECTED' | 'REJECTED';
  answered_at: string;
  answered_on: string;
  answered_by: string | null;
  correction: string | null;
  reject_reason: string | null;
}

export function createErrorReportStore(db: Knex) {
  const byId = rowLoader<ErrorReportRow>(db, 'data_error_reports', 'id');

  const query = (f: ErrorReportFilter) => {
    const q = db('data_error_reports');
    if (f.department) {
      const d = f.department;
      q.where((w) => w.where('owner', d).orWhere('reporter', d));
    }
    if (f.subject) q.where({ subject_kind: f.subject.kind, subject_id: f.subject.id });
    if (f.status) q.where('status', f.status);
    if (f.overdue === true) q.where('status', 'PENDING').where('due_on', '<', f.today);
    if (f.overdue === false)
      q.where((w) => w.whereNot('status', 'PENDING').orWhere('due_on', '>=', f.today));
    return q;
  };

  return {
    byId,

    async list(f: ErrorReportFilter, p: PageRequest): Promise<ErrorReportRow[]> {
      const q = query(f).select('*');
      if (p.afterKey) q.where('id', '>', p.afterKey);
      const rows: ErrorReportRow[] = await q.orderBy('id').limit(p.limit + 1);
      rows.forEach((r) => byId.prime(r.id, r));
      return rows;
    },
    async count(f: ErrorReportFilter): Promise<number> {
      const [{ n }] = await query(f).count({ n: '*' });
      return Number(n);
    },
    /** Reports `reporter` filed on China day `day`, whatever became of them. */
    async filedOn(reporter: string, day: string): Promise<number> {
      const [{ n }] = await db('data_error_reports')
        .where({ reporter, reported_on: day })
        .count({ n: '*' });
      return Number(n);
    },
    /** The same reporter's pending report of the same item of the same subject, if any. */
    pendingDuplicate(
      row: Pick<ErrorReportRow, 'reporter' | 'coordinate' | 'subject_kind' | 'subject_id'>,
    ) {
      return db('data_error_reports')
        .where({ ...row, status: 'PENDING' })
        .first('id') as Promise<{ id: string } | undefined>;
    },
    insert: (row: ErrorReportRow) => db('data_error_reports').insert(row),
    /** Answers a pending report; false when it was answered meanwhile (two officers at once). */
    async answer(id: string, answer: ErrorReportAnswer): Promise<boolean> {
      const changed = await db('data_error_reports')
        .where({ id, status: 'PENDING' })
        .update(answer);
      return changed === 1;
    },
    read: (id: string) =>
      db('data_error_reports').where({ id }).first() as Promise<ErrorReportRow | undefined>,
  };
}

export type ErrorReportStore = ReturnType<typeof createErrorReportStore>;
