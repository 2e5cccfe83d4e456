/** Reads the population database. Entity lookups go through per-request DataLoaders. */
import { Knex } from 'knex';
import { groupLoader, rowLoader } from '../kit/batch';
import { PageRequest } from '../kit/connection';
import { CITY_CODE } from '../../domain/regions';
import { regionPopulation } from './region-populations';

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
      const q = db<PersonRow>('people')
        .select('*')
        .orderBy('id_number')
        .limit(page.limit + 1);
      // The whole city needs no filter; the primary key already orders it.
      if (regionCode !== CITY_CODE) q.where(regionColumn(regionCode), regionCode);
      if (page.afterKey) q.where('id_number', '>', page.afterKey);
      const rows = await q;
      rows.forEach((r) => person.prime(r.id_number, r));
      return rows;
    },
    countInRegion: (regionCode: string): Promise<number> => regionPopulation(db, regionCode),
  };
}

export type PopulationStore = ReturnType<typeof createPopulationStore>;
