import { Migration } from '../../contracts/database/migrations';

/**
 * The system inventory (系统清查): whether a registered system needs shared data (one that does
 * and never calls is flagged not connected), and each year's self-inspection (自查) of an entry
 * by its department: one row per system and year, with who confirmed it and whether they
 * corrected it.
 */
export const inventoryMigration: Migration = {
  name: '007_application_inventory',
  async up(db) {
    await db.schema.alterTable('applications', (t) => {
      t.boolean('needs_shared_data').notNullable().defaultTo(false);
    });
    await db.schema.createTable('application_inventory_confirmations', (t) => {
      t.string('application_id', 64).notNullable();
      t.integer('year').notNullable();
      t.string('department', 40).notNullable();
      t.string('operator', 128).nullable();
      t.boolean('corrected').notNullable();
      t.string('confirmed_at', 30).notNullable();
      t.primary(['application_id', 'year']);
      t.index(['year', 'application_id']);
    });
  },
  async down(db) {
    await db.schema.dropTableIfExists('application_inventory_confirmations');
    await db.schema.alterTable('applications', (t) => {
      t.dropColumn('needs_shared_data');
    });
  },
};
