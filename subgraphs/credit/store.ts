/** Reads the credit database. Record lookups and per-subject lists go through per-request DataLoaders. */
import { Knex } from 'knex';
import { groupLoader, rowLoader } from '../kit/batch';
import { PageRequest } from '../kit/connection';
import { CITY_CODE } from '../../domain/regions';
import { CreditRecordRow } from './credit-record-row';

export type { CreditRecordRow } from './credit-record-row';

export interface ListFilter {
  listType: 'RED' | 'BLACK';
  /** County (6 digits) or town (9 digits); the city code means no filter. Already validated. */
  regionCode: string | null;
  /** Only listings not removed by this day; null includes removed ones. */
  activeOn: string | null;
}

export function createCreditStore(db: Knex) {
  const record = rowLoader<CreditRecordRow>(db, 'credit_records', 'id');
  const bySubject = groupLoader<CreditRecordRow>(db, 'credit_records', 'subject_key', [
    'decided_on',
    'id',
  ]);

  function listed(filter: ListFilter): Knex.QueryBuilder {
    const q = db('credit_records').where('list_type', filter.listType);
    if (filter.regionCode && filter.regionCode !== CITY_CODE)
      q.where(filter.regionCode.length === 9 ? 'town_code' : 'region_code', filter.regionCode);
    if (filter.activeOn) {
      const day = filter.activeOn;
      q.where('decided_on', '<=', day).andWhere((w) =>
        w.whereNull('removed_on').orWhere('removed_on', '>', day),
      );
    }
    return q;
  }

  return {
    record,
    /** A subject's records in decision order, keyed by ID number or credit code. */
    bySubject,
    /** One page of list entries in record-ID order, plus one row to detect a next page. */
    async listEntries(filter: ListFilter, page: PageRequest): Promise<CreditRecordRow[]> {
      const q = listed(filter)
        .select('*')
        .orderBy('id')
        .limit(page.limit + 1);
      if (page.afterKey) q.where('id', '>', page.afterKey);
      const rows: CreditRecordRow[] = await q;
      rows.forEach((r) => record.prime(r.id, r));
      return rows;
    },
    async countListEntries(filter: ListFilter): Promise<number> {
      const [{ n }] = await listed(filter).count({ n: '*' });
      return Number(n);
    },
  };
}

export type CreditStore = ReturnType<typeof createCreditStore>;
