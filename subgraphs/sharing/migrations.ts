import { DEFAULT_SUBJECT_QUOTA } from '../../domain/subject-quota';
import { Migration } from '../../contracts/database/migrations';
import { caseMigrations } from './case-migrations';
import { errorReportMigration } from './error-report-migration';
import { inventoryMigration } from './inventory-migration';
import { persistedDocumentsMigration } from './persisted-document-migration';

/**
 * Lists are stored as JSON text (coordinates, purposes): they are read and written whole, never
 * searched inside, and JSON text behaves the same on SQLite and MariaDB.
 */
export const migrations: readonly Migration[] = [
  {
    name: '001_registry_applications_grants',
    async up(db) {
      // 政务信息系统 inventory: the self-inspection fields of the 2017 integration plan.
      await db.schema.createTable('applications', (t) => {
        t.string('id', 64).primary();
        t.string('department', 40).notNullable();
        t.string('name', 100).notNullable();
        t.string('function_text', 1000).notNullable();
        t.string('scope_of_use', 500).notNullable();
        t.string('usage_frequency', 12).notNullable();
        t.string('approving_department', 100).nullable();
        t.date('approval_date').nullable();
        t.string('funding_source', 100).notNullable();
        t.string('status', 10).notNullable();
        t.string('status_reason', 500).nullable();
        t.string('registered_at', 30).notNullable();
        t.string('updated_at', 30).notNullable();
        t.index(['department', 'id']);
        t.index(['status', 'id']);
      });
      await db.schema.createTable('sharing_applications', (t) => {
        t.string('id', 40).primary();
        t.string('department', 40).notNullable();
        t.string('application_id', 64).nullable();
        t.text('purposes').notNullable();
        t.text('justification').notNullable();
        t.boolean('clear').notNullable();
        t.date('requested_until').nullable();
        t.string('submitted_by', 64).nullable();
        t.string('submitted_at', 30).notNullable();
        t.date('submitted_on').notNullable();
        t.index(['department', 'id']);
      });
      await db.schema.createTable('sharing_requests', (t) => {
        t.string('id', 40).primary();
        t.string('sharing_application_id', 40)
          .notNullable()
          .references('id')
          .inTable('sharing_applications');
        // Denormalised from the application so an owner's or applicant's queue is one index range.
        t.string('applicant', 40).notNullable();
        t.string('owner', 40).notNullable();
        t.text('items').notNullable();
        t.string('status', 10).notNullable();
        t.date('due_on').notNullable();
        t.string('decided_at', 30).nullable();
        t.date('decided_on').nullable();
        t.string('decided_by', 64).nullable();
        t.text('decision_reason').nullable();
        t.index(['sharing_application_id', 'id']);
        t.index(['owner', 'status', 'id']);
        t.index(['applicant', 'status', 'id']);
        t.index(['status', 'due_on', 'id']);
      });
      await db.schema.createTable('grants', (t) => {
        t.string('id', 40).primary();
        t.string('department', 40).notNullable();
        t.string('application_id', 64).nullable();
        t.text('coordinates').notNullable();
        t.text('purposes').notNullable();
        t.date('valid_from').notNullable();
        t.date('valid_until').nullable();
        t.boolean('clear').notNullable();
        t.string('status', 10).notNullable();
        t.string('granted_by', 40).notNullable();
        t.string('source_request_id', 40)
          .nullable()
          .unique()
          .references('id')
          .inTable('sharing_requests');
        t.string('granted_at', 30).notNullable();
        t.string('revoked_at', 30).nullable();
        t.string('revoked_by', 64).nullable();
        t.text('revoke_reason').nullable();
        t.index(['department', 'status', 'id']);
        t.index(['granted_by', 'status', 'id']);
      });
      // One counter per department, raised in the same transaction as any change to its grants.
      await db.schema.createTable('grant_versions', (t) => {
        t.string('department', 40).primary();
        t.integer('version').notNullable();
      });
    },
    async down(db) {
      await db.schema.dropTableIfExists('grant_versions');
      await db.schema.dropTableIfExists('grants');
      await db.schema.dropTableIfExists('sharing_requests');
      await db.schema.dropTableIfExists('sharing_applications');
      await db.schema.dropTableIfExists('applications');
    },
  },
  {
    name: '002_grant_subject_quota',
    // Grants approved before quotas existed get the built-in default: none is left unbounded.
    async up(db) {
      await db.schema.alterTable('grants', (t) => {
        t.integer('subject_quota').notNullable().defaultTo(DEFAULT_SUBJECT_QUOTA);
      });
    },
    async down(db) {
      await db.schema.alterTable('grants', (t) => {
        t.dropColumn('subject_quota');
      });
    },
  },
  {
    name: '003_application_request_limits',
    // Limits follow the usage frequency (domain/request-limits.ts) until the bureau sets one;
    // limits_basis is the frequency they follow, which a department's own edit may only lower.
    async up(db) {
      await db.schema.alterTable('applications', (t) => {
        t.string('limits_basis', 12).nullable();
        t.integer('requests_per_minute').nullable();
        t.integer('request_burst').nullable();
        t.integer('request_concurrency').nullable();
      });
      await db('applications').update({ limits_basis: db.ref('usage_frequency') });
    },
    async down(db) {
      await db.schema.alterTable('applications', (t) => {
        t.dropColumn('request_concurrency');
        t.dropColumn('request_burst');
        t.dropColumn('requests_per_minute');
        t.dropColumn('limits_basis');
      });
    },
  },
  {
    name: '004_application_status_set_by',
    // Who set the status, so a suspension by the big data bureau is lifted only by the bureau
    // (status-transitions.ts). Rows from before are null, which counts as the bureau: fail closed.
    async up(db) {
      await db.schema.alterTable('applications', (t) => {
        t.string('status_set_by', 12).nullable();
      });
    },
    async down(db) {
      await db.schema.alterTable('applications', (t) => {
        t.dropColumn('status_set_by');
      });
    },
  },
  ...caseMigrations,
  persistedDocumentsMigration,
  inventoryMigration,
  errorReportMigration,
];
