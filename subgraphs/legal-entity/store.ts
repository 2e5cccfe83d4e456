/** Reads the legal-entity register. Entity lookups and per-person lists go through per-request DataLoaders. */
import { Knex } from 'knex';
import { groupLoader, rowLoader } from '../kit/batch';
import { PageRequest } from '../kit/connection';
import { CITY_CODE } from '../../domain/regions';
import { LegalEntityRow } from './entity-record';
import { containsPattern, LIKE_ESCAPE } from './name-fragment';

export type { LegalEntityRow } from './entity-record';

export interface EntityFilter {
  /** County (6 digits) or town (9 digits); the city code means no filter. */
  regionCode?: string | null;
  /** Already validated by requireNameFragment. */
  nameContains?: string | null;
  status?: string | null;
}

export function createLegalEntityStore(db: Knex) {
  const entity = rowLoader<LegalEntityRow>(db, 'legal_entities', 'credit_code');
  const represented = groupLoader<LegalEntityRow>(db, 'legal_entities', 'legal_rep_id_number', [
    'credit_code',
  ]);

  function filtered(filter: EntityFilter): Knex.QueryBuilder {
    const q = db('legal_entities');
    if (filter.regionCode && filter.regionCode !== CITY_CODE) {
      q.where(filter.regionCode.length === 9 ? 'town_code' : 'region_code', filter.regionCode);
    }
    if (filter.status) q.where('status', filter.status);
    // A substring match cannot use a B-tree index: it filters rows the other conditions and the
    // credit-code order already narrowed, and a page stops at `limit + 1` matches. At 100,000
    // entities (the 1,000,000-person city) a fragment that matches nothing scans the table in
    // about 0.1 s on SQLite and MariaDB; a larger register would want an n-gram index here.
    if (filter.nameContains)
      q.whereRaw(`?? LIKE ? ESCAPE '${LIKE_ESCAPE}'`, [
        'name',
        containsPattern(filter.nameContains),
      ]);
    return q;
  }

  return {
    entity,
    represented,
    /** One page in credit-code order, plus one row to detect a next page. */
    async list(filter: EntityFilter, page: PageRequest): Promise<LegalEntityRow[]> {
      const q = filtered(filter)
        .select('*')
        .orderBy('credit_code')
        .limit(page.limit + 1);
      if (page.afterKey) q.where('credit_code', '>', page.afterKey);
      const rows: LegalEntityRow[] = await q;
      rows.forEach((r) => entity.prime(r.credit_code, r));
      return rows;
    },
    async count(filter: EntityFilter): Promise<number> {
      const [{ n }] = await filtered(filter).count({ n: '*' });
      return Number(n);
    },
  };
}

export type LegalEntityStore = ReturnType<typeof createLegalEntityStore>;
