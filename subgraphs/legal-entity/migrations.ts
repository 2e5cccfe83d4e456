import { Migration } from '../../contracts/database/migrations';

export const migrations: readonly Migration[] = [
  {
    name: '001_legal_entities',
    async up(db) {
      await db.schema.createTable('legal_entities', (t) => {
        t.string('credit_code', 18).primary();
        t.string('name', 100).notNullable();
        t.string('entity_type', 24).notNullable();
        t.string('status', 10).notNullable();
        t.date('status_changed_on').nullable();
        t.decimal('registered_capital', 14, 2).notNullable();
        t.decimal('paid_in_capital', 14, 2).nullable();
        t.integer('employee_count').nullable();
        t.date('established_on').notNullable();
        t.string('business_scope', 200).notNullable();
        t.string('industry_section', 1).notNullable();
        t.string('industry_trade', 20).notNullable();
        t.string('legal_rep_id_number', 18).notNullable();
        t.string('legal_rep_name', 40).notNullable();
        t.string('contact_phone', 20).nullable();
        t.string('region_code', 6).notNullable();
        t.string('town_code', 9).notNullable();
        t.string('risk_class', 10).notNullable();
        t.string('inspection_note', 200).nullable();
        // Person.enterprises, batched by representative.
        t.index(['legal_rep_id_number', 'credit_code']);
        // legalEntities pages in credit-code order under each filter combination, so every
        // filter has an index that already yields rows in key order (no sort, no deep scan).
        t.index(['region_code', 'credit_code']);
        t.index(['town_code', 'credit_code']);
        t.index(['status', 'credit_code']);
        t.index(['region_code', 'status', 'credit_code']);
        t.index(['town_code', 'status', 'credit_code']);
      });
    },
    async down(db) {
      await db.schema.dropTable('legal_entities');
    },
  },
];
