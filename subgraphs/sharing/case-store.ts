/** Reads and writes approval cases (办件). Lookups go through a per-request DataLoader; lists page by number. */
import { Knex } from 'knex';
import { rowLoader } from '../kit/batch';
import { PageRequest } from '../kit/connection';

export type CaseStatus = 'OPEN' | 'CLOSED';

export interface CaseRow {
  number: string;
  item_code: string;
  /** The department of the application that opened it. */
  department: string;
  application_id: string;
  /** The handling operator named by the service hall (经办人). */
  operator: string;
  /** The operator of the token that opened it, as the gateway vouched for it. */
  opened_by: string | null;
  applicant_id_numbers: string;
  applicant_credit_codes: string;
  consent_scope: string;
  consent_signed_at: string;
  status: CaseStatus;
  opened_at: string;
  due_on: string;
  closed_at: string | null;
  closed_by: string | null;
}

export interface CaseFilter {
  /** Only this application's cases; null: every application's (the big data bureau). */
  application: string | null;
  status: CaseStatus | null;
  item: string | null;
  /** true: open past the due date as of `today`; false: all others; null: either. */
  overdue: boolean | null;
  today: string;
}

/** Is the MariaDB or SQLite error a duplicate primary key? */
export function isDuplicateKey(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT');
}

export function createCaseStore(db: Knex) {
  const byNumber = rowLoader<CaseRow>(db, 'approval_cases', 'number');

  const query = (f: CaseFilter) => {
    const q = db('approval_cases');
    if (f.application) q.where('application_id', f.application);
    if (f.status) q.where('status', f.status);
    if (f.item) q.where('item_code', f.item);
    if (f.overdue === true) q.where('status', 'OPEN').where('due_on', '<', f.today);
    if (f.overdue === false)
      q.where((w) => w.whereNot('status', 'OPEN').orWhere('due_on', '>=', f.today));
    return q;
  };

  return {
    byNumber,

    async list(f: CaseFilter, p: PageRequest): Promise<CaseRow[]> {
      const q = query(f).select('*');
      if (p.afterKey) q.where('number', '>', p.afterKey);
      const rows: CaseRow[] = await q.orderBy('number').limit(p.limit + 1);
      rows.forEach((r) => byNumber.prime(r.number, r));
      return rows;
    },
    async count(f: CaseFilter): Promise<number> {
      const [{ n }] = await query(f).count({ n: '*' });
      return Number(n);
    },
    insert: (row: CaseRow) => db('approval_cases').insert(row),
    /** Closes an open case; false when it was not open (closed meanwhile). */
    async close(number: string, at: string, by: string | null): Promise<boolean> {
      const changed = await db('approval_cases')
        .where({ number, status: 'OPEN' })
        .update({ status: 'CLOSED', closed_at: at, closed_by: by });
      return changed === 1;
    },
  };
}

export type CaseStore = ReturnType<typeof createCaseStore>;
