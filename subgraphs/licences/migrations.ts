import { Migration } from '../../contracts/database/migrations';

export const migrations: readonly Migration[] = [
  {
    name: '001_certificates',
    async up(db) {
      await db.schema.createTable('certificates', (t) => {
        t.string('number', 23).primary();
        t.string('type', 24).notNullable();
        t.string('licence_number', 60).notNullable();
        t.string('holder_kind', 12).notNullable();
        t.string('holder_key', 18).notNullable();
        t.string('holder_name', 100).notNullable();
        t.string('address', 200).nullable();
        t.string('issuer_name', 60).notNullable();
        t.string('issuer_credit_code', 18).notNullable();
        t.string('issuer_region_code', 6).notNullable();
        t.date('issued_on').notNullable();
        t.date('valid_from').notNullable();
        t.date('valid_to').nullable();
        t.string('recorded_status', 10).notNullable();
        t.date('status_changed_on').nullable();
        t.string('status_reason', 200).nullable();
        t.string('issuing_officer', 40).notNullable();
        t.text('surface').notNullable();
        // Person.certificates and LegalEntity.certificates: one batch per holder kind, newest first.
        t.index(['holder_kind', 'holder_key', 'issued_on']);
      });
    },
    async down(db) {
      await db.schema.dropTable('certificates');
    },
  },
];
