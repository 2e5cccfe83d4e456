import { Migration } from '../../contracts/database/migrations';
import { REGION_POPULATIONS, rebuildRegionPopulations } from './region-populations';

export const migrations: readonly Migration[] = [
  {
    name: '001_households_and_people',
    async up(db) {
      await db.schema.createTable('households', (t) => {
        t.string('number', 15).primary();
        t.string('region_code', 6).notNullable();
        t.string('town_code', 9).notNullable();
        t.string('address', 200).notNullable();
        t.index(['region_code']);
        t.index(['town_code']);
      });
      await db.schema.createTable('people', (t) => {
        t.string('id_number', 18).primary();
        t.string('name', 40).notNullable();
        t.string('gender', 6).notNullable();
        t.date('birth_date').notNullable();
        t.string('ethnicity_code', 2).notNullable();
        t.string('ethnicity', 20).notNullable();
        t.string('phone', 20).nullable();
        t.string('household_number', 15).notNullable();
        t.string('household_relation', 10).notNullable();
        t.integer('member_position').notNullable();
        // Denormalised from the household so a region's people page by (region, id) on one index.
        t.string('region_code', 6).notNullable();
        t.string('town_code', 9).notNullable();
        t.index(['household_number', 'member_position']);
        t.index(['region_code', 'id_number']);
        t.index(['town_code', 'id_number']);
      });
    },
    async down(db) {
      await db.schema.dropTable('people');
      await db.schema.dropTable('households');
    },
  },
  {
    name: '002_region_populations',
    async up(db) {
      await db.schema.createTable(REGION_POPULATIONS, (t) => {
        t.string('region_code', 9).primary();
        t.integer('persons').notNullable();
      });
      await rebuildRegionPopulations(db);
    },
    async down(db) {
      await db.schema.dropTableIfExists(REGION_POPULATIONS);
    },
  },
];
