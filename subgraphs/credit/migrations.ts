import { Migration } from '../../contracts/database/migrations';

export const migrations: readonly Migration[] = [
  {
    name: '001_credit_records',
    async up(db) {
      await db.schema.createTable('credit_records', (t) => {
        t.string('id', 14).primary();
        t.string('kind', 10).notNullable();
        t.string('subject_kind', 14).notNullable();
        t.string('subject_key', 18).notNullable();
        t.string('subject_name', 100).notNullable();
        t.string('region_code', 6).notNullable();
        t.string('town_code', 9).notNullable();
        t.date('decided_on').notNullable();
        t.string('issuing_authority', 60).notNullable();
        t.string('licence_name', 60).nullable();
        t.string('licence_number', 40).nullable();
        t.string('licensing_category', 14).nullable();
        t.string('content', 400).nullable();
        t.date('valid_from').nullable();
        t.date('valid_to').nullable();
        t.string('document_number', 40).nullable();
        t.string('violation', 200).nullable();
        t.string('legal_basis', 200).nullable();
        t.string('penalty_types', 120).nullable();
        t.double('amount').nullable();
        t.date('publicity_ends_on').nullable();
        t.string('case_handler', 120).nullable();
        t.string('list_type', 5).nullable();
        t.string('list_name', 60).nullable();
        t.string('reason', 200).nullable();
        t.date('removed_on').nullable();
        t.string('joint_measures', 300).nullable();
        // A subject's records, in decision order: Person.creditRecords, LegalEntity.creditRecords and creditStatus.
        t.index(['subject_key', 'decided_on'], 'credit_records_subject');
        // listEntries pages a list by record ID, city-wide, per county or per town.
        t.index(['list_type', 'id'], 'credit_records_list');
        t.index(['list_type', 'region_code', 'id'], 'credit_records_list_county');
        t.index(['list_type', 'town_code', 'id'], 'credit_records_list_town');
      });
    },
    async down(db) {
      await db.schema.dropTable('credit_records');
    },
  },
];
