import { Migration } from '../../contracts/database/migrations';
import { CITY_PART_TALLIES, rebuildCityPartTallies } from './part-tallies';

export const migrations: readonly Migration[] = [
  {
    name: '001_city_parts',
    async up(db) {
      await db.schema.createTable('city_parts', (t) => {
        t.string('code', 16).primary();
        t.string('class', 20).notNullable();
        t.string('subclass_code', 4).notNullable();
        t.string('name', 60).notNullable();
        t.string('status', 16).notNullable();
        t.string('county_code', 6).notNullable();
        t.string('town_code', 9).notNullable();
        t.double('longitude').notNullable();
        t.double('latitude').notNullable();
        t.string('custodian_name', 80).notNullable();
        t.string('custodian_credit_code', 18).nullable();
        t.string('custodian_phone', 20).notNullable();
        t.date('installed_on').notNullable();
        t.date('last_inspected_on').nullable();
        t.string('inspection_note', 200).nullable();
        t.string('asset_ledger_number', 24).notNullable();
        // A region's components page in code order, with or without a class filter.
        t.index(['town_code', 'code']);
        t.index(['town_code', 'class', 'code']);
        t.index(['county_code', 'code']);
        t.index(['county_code', 'class', 'code']);
        t.index(['class', 'code']);
        // Counts per town, class and status are read from this index alone.
        t.index(['town_code', 'class', 'status']);
        // Nearby search: the radius's bounding box is one range on latitude, longitude read from the index.
        t.index(['latitude', 'longitude']);
      });
    },
    async down(db) {
      await db.schema.dropTableIfExists('city_parts');
    },
  },
  {
    name: '002_city_part_tallies',
    async up(db) {
      await db.schema.createTable(CITY_PART_TALLIES, (t) => {
        t.string('town_code', 9).notNullable();
        t.string('class', 20).notNullable();
        t.string('status', 16).notNullable();
        t.integer('parts').notNullable();
        t.primary(['town_code', 'class', 'status']);
      });
      await rebuildCityPartTallies(db);
    },
    async down(db) {
      await db.schema.dropTableIfExists(CITY_PART_TALLIES);
    },
  },
];
