/**
 * The audit database's tables. On MariaDB the two large tables are partitioned by month
 * (audit-partitions.ts): RANGE COLUMNS on `time`, which therefore is part of every primary and
 * unique key (MariaDB requires the partitioning column in each). Partitions are created for
 * the month of migration and the next 12, with p_before below and a MAXVALUE catch-all above;
 * `ensureMonthlyPartitions` adds months later. On SQLite the same tables without partitions.
 *
 *   audit_records      one row per request. PK (id, time): shipping is idempotent on the record
 *                      id (the time is part of the record, so a re-shipped row collides).
 *                      Indexed by time, by (department, time), by (chain, seq) for the verifier.
 *   audit_subjects     one row per data subject per record, PK (record_id, kind, subject_hash, time).
 *                      Index (subject_hash, time): "who looked at this person's data" is one
 *                      index range per partition, however many records there are. On SQLite
 *                      that order is a table of its own filled in bulk (009, subject-index.ts).
 *   audit_documents    GraphQL documents, once per SHA-256.
 *   audit_checkpoints  signed chain heads, PK (chain, seq).
 *
 * Identifier columns are ASCII with binary collation: smaller indexes, exact comparison.
 */
import { Knex } from 'knex';
import { LOOKUP_MISSES_COLUMN, QUOTA_REFUSALS_COLUMN } from '../../domain/subject-quota';
import { isMysql } from '../database/database';
import { Migration } from '../database/migrations';
import { addMissingColumns, createTableIfMissing } from '../database/schema-guards';
import { initialPartitionClause } from './audit-partitions';
import { auditCaseMigration } from './audit-case-migration';
import { auditDeliveryMigration } from './audit-delivery-migration';
import { auditTraceMigration } from './audit-trace-migration';
import { auditDocumentIndexMigration } from './audit-document-index-migration';
import { auditArchivedHeadsMigration } from './audit-archived-heads-migration';
import { auditUsageMigration } from './audit-usage-migration';
import { deferredSubjectIndexMigration, recentSubjectLookupMigration } from './subject-index';
import { subjectRowsWithoutRowidMigration } from './subject-rows-migration';
import { supersededRecordIndexesMigration } from './superseded-indexes-migration';

const ASCII = 'CHARACTER SET ascii COLLATE ascii_bin';

async function createMysql(db: Knex, now: Date): Promise<void> {
  const partitions = initialPartitionClause(now);
  await db.raw(`
    CREATE TABLE IF NOT EXISTS audit_records (
      id CHAR(36) ${ASCII} NOT NULL,
      time DATETIME(3) NOT NULL,
      chain VARCHAR(100) NOT NULL,
      seq BIGINT UNSIGNED NOT NULL,
      prev_hash CHAR(64) ${ASCII} NOT NULL,
      hash CHAR(64) ${ASCII} NOT NULL,
      format_version SMALLINT UNSIGNED NOT NULL,
      request_id VARCHAR(100) NOT NULL,
      instance VARCHAR(64) NOT NULL,
      department VARCHAR(100) NULL,
      application VARCHAR(100) NULL,
      operator VARCHAR(100) NULL,
      roles TEXT NOT NULL,
      client_address VARCHAR(64) NULL,
      operation_name VARCHAR(200) NULL,
      document_hash CHAR(64) ${ASCII} NULL,
      variables_hash CHAR(64) ${ASCII} NULL,
      purpose VARCHAR(500) NULL,
      fields_requested MEDIUMTEXT NOT NULL,
      fields_served MEDIUMTEXT NOT NULL,
      fields_masked MEDIUMTEXT NOT NULL,
      fields_denied MEDIUMTEXT NOT NULL,
      subgraphs TEXT NOT NULL,
      outcome VARCHAR(16) ${ASCII} NOT NULL,
      http_status SMALLINT UNSIGNED NOT NULL,
      error_codes TEXT NOT NULL,
      latency_ms BIGINT UNSIGNED NOT NULL,
      response_bytes BIGINT UNSIGNED NOT NULL,
      PRIMARY KEY (id, time),
      KEY audit_records_time (time),
      KEY audit_records_department_time (department, time),
      KEY audit_records_chain_seq (chain, seq)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
    ${partitions}`);
  await db.raw(`
    CREATE TABLE IF NOT EXISTS audit_subjects (
      record_id CHAR(36) ${ASCII} NOT NULL,
      time DATETIME(3) NOT NULL,
      kind VARCHAR(16) ${ASCII} NOT NULL,
      subject_hash CHAR(64) ${ASCII} NOT NULL,
      PRIMARY KEY (record_id, kind, subject_hash, time),
      KEY audit_subjects_subject_time (subject_hash, time)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin
    ${partitions}`);
  await db.raw(`
    CREATE TABLE IF NOT EXISTS audit_documents (
      hash CHAR(64) ${ASCII} NOT NULL PRIMARY KEY,
      text MEDIUMTEXT NOT NULL,
      first_seen DATETIME(3) NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
  await db.raw(`
    CREATE TABLE IF NOT EXISTS audit_checkpoints (
      chain VARCHAR(100) NOT NULL,
      seq BIGINT UNSIGNED NOT NULL,
      hash CHAR(64) ${ASCII} NOT NULL,
      time DATETIME(3) NOT NULL,
      key_id VARCHAR(32) ${ASCII} NOT NULL,
      signature VARCHAR(128) ${ASCII} NOT NULL,
      format_version SMALLINT UNSIGNED NOT NULL,
      PRIMARY KEY (chain, seq),
      KEY audit_checkpoints_time (time)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`);
}

async function createSqlite(db: Knex): Promise<void> {
  await createTableIfMissing(db, 'audit_records', (t) => {
    t.string('id', 36).notNullable();
    t.string('time', 23).notNullable();
    t.string('chain', 100).notNullable();
    t.bigInteger('seq').notNullable();
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.integer('format_version').notNullable();
    t.string('request_id', 100).notNullable();
    t.string('instance', 64).notNullable();
    t.string('department', 100).nullable();
    t.string('application', 100).nullable();
    t.string('operator', 100).nullable();
    t.text('roles').notNullable();
    t.string('client_address', 64).nullable();
    t.string('operation_name', 200).nullable();
    t.string('document_hash', 64).nullable();
    t.string('variables_hash', 64).nullable();
    t.string('purpose', 500).nullable();
    t.text('fields_requested').notNullable();
    t.text('fields_served').notNullable();
    t.text('fields_masked').notNullable();
    t.text('fields_denied').notNullable();
    t.text('subgraphs').notNullable();
    t.string('outcome', 16).notNullable();
    t.integer('http_status').notNullable();
    t.text('error_codes').notNullable();
    t.bigInteger('latency_ms').notNullable();
    t.bigInteger('response_bytes').notNullable();
    t.primary(['id', 'time']);
    t.index(['time'], 'audit_records_time');
    t.index(['department', 'time'], 'audit_records_department_time');
    t.index(['chain', 'seq'], 'audit_records_chain_seq');
  });
  await createTableIfMissing(db, 'audit_subjects', (t) => {
    t.string('record_id', 36).notNullable();
    t.string('time', 23).notNullable();
    t.string('kind', 16).notNullable();
    t.string('subject_hash', 64).notNullable();
    t.primary(['record_id', 'kind', 'subject_hash', 'time']);
    t.index(['subject_hash', 'time'], 'audit_subjects_subject_time');
  });
  await createTableIfMissing(db, 'audit_documents', (t) => {
    t.string('hash', 64).primary();
    t.text('text').notNullable();
    t.string('first_seen', 23).notNullable();
  });
  await createTableIfMissing(db, 'audit_checkpoints', (t) => {
    t.string('chain', 100).notNullable();
    t.bigInteger('seq').notNullable();
    t.string('hash', 64).notNullable();
    t.string('time', 23).notNullable();
    t.string('key_id', 32).notNullable();
    t.string('signature', 128).notNullable();
    t.integer('format_version').notNullable();
    t.primary(['chain', 'seq']);
    t.index(['time'], 'audit_checkpoints_time');
  });
}

export const auditMigrations: readonly Migration[] = [
  {
    name: '001_audit_tables',
    async up(db) {
      if (isMysql(db)) await createMysql(db, new Date());
      else await createSqlite(db);
    },
    async down(db) {
      for (const table of [
        'audit_checkpoints',
        'audit_documents',
        'audit_subjects',
        'audit_records',
      ])
        await db.schema.dropTableIfExists(table);
    },
  },
  // The read side's index and usage summaries (the audit subgraph): audit-usage-migration.ts.
  auditUsageMigration,
  {
    // Subject quotas and probing (domain/subject-quota.ts): NULL on every record without them,
    // so records written before keep their columns, and their hashes, as they were.
    name: '003_quota_refusals_lookup_misses',
    async up(db) {
      await addMissingColumns(db, 'audit_records', {
        [QUOTA_REFUSALS_COLUMN]: (t) => t.text(QUOTA_REFUSALS_COLUMN).nullable(),
        [LOOKUP_MISSES_COLUMN]: (t) => t.text(LOOKUP_MISSES_COLUMN).nullable(),
      });
    },
    async down(db) {
      await db.schema.alterTable('audit_records', (t) => {
        t.dropColumn(LOOKUP_MISSES_COLUMN);
        t.dropColumn(QUOTA_REFUSALS_COLUMN);
      });
    },
  },
  // The approval case of a case-bound request (record-case.ts): audit-case-migration.ts.
  auditCaseMigration,
  // How a response was delivered, for exports (record-delivery.ts): audit-delivery-migration.ts.
  auditDeliveryMigration,
  // The trace a request ran in (record-trace.ts): audit-trace-migration.ts.
  auditTraceMigration,
  auditArchivedHeadsMigration, // where chains resume after retention: audit-archived-heads-migration.ts
  auditDocumentIndexMigration, // retention's "is this document still used?": audit-document-index-migration.ts
  deferredSubjectIndexMigration, // SQLite's (subject_hash, time) order filled in bulk: subject-index.ts
  recentSubjectLookupMigration, // ... folded into a small table first, merged in bulk: subject-index.ts
  subjectRowsWithoutRowidMigration, // SQLite's subject rows stored once, pending by record: subject-rows-migration.ts
  supersededRecordIndexesMigration, // (time) and (department, time) give way to 002's: superseded-indexes-migration.ts
];
