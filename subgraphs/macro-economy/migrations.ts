import { Migration } from '../../contracts/database/migrations';

export const migrations: readonly Migration[] = [
  {
    name: '001_indicators_and_observations',
    async up(db) {
      await db.schema.createTable('indicators', (t) => {
        t.string('code', 40).primary();
        t.integer('position').notNullable();
        t.string('name', 40).notNullable();
        t.string('name_en', 100).notNullable();
        t.string('unit', 20).notNullable();
        t.string('unit_en', 60).notNullable();
        t.string('description', 1000).notNullable();
        // Comma-separated PeriodType values, in MONTH, QUARTER, YEAR order.
        t.string('period_types', 30).notNullable();
        t.string('source', 100).notNullable();
        t.string('value_kind', 12).notNullable();
        t.boolean('cumulative').notNullable();
        t.string('coverage', 8).notNullable();
      });
      await db.schema.createTable('observations', (t) => {
        t.string('indicator_code', 40).notNullable();
        t.string('region_code', 9).notNullable();
        t.string('period_type', 7).notNullable();
        t.string('period', 7).notNullable();
        t.date('period_start').notNullable();
        t.date('period_end').notNullable();
        t.double('value').notNullable();
        t.string('status', 12).notNullable();
        t.date('released_on').notNullable();
        t.string('quality_flag', 8).notNullable();
        t.string('review_note', 200).nullable();
        t.integer('reporting_units').nullable();
        t.double('sampling_error').nullable();
        t.primary(['indicator_code', 'region_code', 'period_type', 'period']);
        // Region.indicators reads one batch of regions for a set of indicators and period types,
        // bounded by period, in period order: all of it on this one index.
        t.index(
          ['region_code', 'indicator_code', 'period_type', 'period_start'],
          'observations_series',
        );
      });
    },
    async down(db) {
      await db.schema.dropTable('observations');
      await db.schema.dropTable('indicators');
    },
  },
];
