/** Reads the population database. Entity lookups go through per-request DataLoaders. */
import { Knex } from 'knex';
import { groupLoader, rowLoader } from '../kit/batch';
import { PageRequest } from '../kit/connection';
import { CITY_CODE } from '../../domain/regions';
import { regionPopulation } from './region-populations';
import { SqlTemplates } from '../kit/sql-templates';

/** The compiled SQL of region pages, shared by every request (sql-templates.ts). */
const PAGES = new SqlTemplates();

export interface PersonRow {
  id_number: string;
  name: string;
  gender: string;
  birth_date: string;
  ethnicity_code: string;
  ethnicity: string;
  phone: string | null;
  household_number: string;
  household_relation: string;
  member_position: number;
  region_code: string;
  town_code: string;
}

export interface HouseholdRow {
  number: string;
  region_code: string;
  town_code: string;
  address: string;
}

export function createPopulationStore(db: Knex) {
  const person = rowLoader<PersonRow>(db, 'people', 'id_number');
  const household = rowLoader<HouseholdRow>(db, 'households', 'number');
  const members = groupLoader<PersonRow>(db, 'people', 'household_number', ['member_position']);

  function regionColumn(regionCode: string): string {
    return regionCode.length === 9 ? 'town_code' : 'region_code';
  }

  return {
    person,
    household,
    members,
    /** One page of a region's residents in ID-number order, plus one row to detect a next page. */
    async peopleInRegion(regionCode: string, page: PageRequest): Promise<PersonRow[]> {
      // The whole city needs no filter; the primary key already orders it.
      const filter = regionCode === CITY_CODE ? null : regionColumn(regionCode);
      const values = [...(filter ? [regionCode] : []), ...(page.afterKey ? [page.afterKey] : [])];
      // The limit is part of the statement (a page size from a small range), the keys are bound.
      const shape = `people\u0000${filter ?? ''}\u0000${page.afterKey ? 'after' : ''}\u0000${page.limit}`;
      const rows = await PAGES.select<PersonRow>(db, shape, values, (standIns) => {
        const q = db<PersonRow>('people')
          .select('*')
          .orderBy('id_number')
          .limit(page.limit + 1);
        let i = 0;
        if (filter) q.where(filter, standIns[i++]);
        if (page.afterKey) q.where('id_number', '>', standIns[i++]);
        return q;
      });
      rows.forEach((r) => person.prime(r.id_number, r));
      return rows;
    },
    countInRegion: (regionCode: string): Promise<number> => regionPopulation(db, regionCode),
  };
}

export type PopulationStore = ReturnType<typeof createPopulationStore>;
