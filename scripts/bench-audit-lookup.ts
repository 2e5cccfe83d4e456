/**
 * npm run bench:audit -- [--records N] [--subjects N] [--samples N] [--limit N] [--reuse] [--keep]
 *
 * Fills an audit database on MariaDB (MYSQL_URL; database `<prefix>_audit` with prefix
 * `sjt_bench` unless SHUJUTONG_DB_PREFIX says otherwise) with N synthetic, properly chained
 * records spread over the last 12 months (default 10,000,000), then times "who looked at this
 * person's data": the newest accesses to one subject hash, with department, application,
 * fields and purpose (contracts/audit/subject-lookup.ts). Prints p50/p99 over random subjects,
 * first pass (cold) and second pass (warm). A benchmark prints numbers; it asserts nothing.
 */
import { parseArgs } from 'node:util';
import { Knex } from 'knex';
import { databaseTarget, dropDatabase } from '../contracts/database/database';
import { buildRecordBody, SubjectRef } from '../contracts/audit/audit-record';
import { addMonths, ensureMonthlyPartitions, monthStart } from '../contracts/audit/audit-partitions';
import { recordToRow, subjectRows } from '../contracts/audit/audit-rows';
import { openAuditDatabase } from '../gateway/audit/audit-store';
import { auditKey, subjectHash } from '../contracts/audit/keyed-hash';
import { chainRecord, ChainHead, emptyChain } from '../contracts/audit/record-chain';
import { subjectAccessQuery } from '../contracts/audit/subject-lookup';
import { positiveInt } from './cli/positive-int';

const DEPARTMENTS = ['公安局', '市场监督管理局', '人力资源和社会保障局', '民政局', '税务局', '卫生健康委员会', '住房和城乡建设局', '行政审批局'];
const PURPOSES = ['不见面审批 business licence', '社保待遇资格认证', '低保资格复核', '户籍迁移审核', '公积金提取审核', '信用核查'];
const FIELD_SETS = [
  ['Person.name', 'Person.gender', 'Person.birthDate'],
  ['Person.name', 'Person.phone', 'Person.household'],
  ['LegalEntity.name', 'LegalEntity.legalRepresentative', 'Person.name'],
  ['Person.name', 'Person.ethnicity', 'Person.address', 'Person.phone'],
];
const DOCUMENT = 'query Lookup($id: ID!) { person(idNumber: $id) { name phone } }';
const key = auditKey(Buffer.alloc(32, 42));

/** Synthetic, unique 18-character identifiers (the benchmark needs distinct subjects, not valid checksums). */
function personId(k: number): string {
  return `320602${String(k).padStart(12, '0')}`;
}

function entityId(k: number): string {
  return `91320602${String(k).padStart(10, '0')}`;
}

/** Deterministic pseudo-random numbers (mulberry32), so runs are comparable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Multi-row INSERTs with the values handed to the driver as bound parameters: knex's own
 * per-value query compilation costs more CPU than generating and hashing the records.
 */
class RowWriter {
  private rows: unknown[][] = [];
  private pending = new Set<Promise<void>>();
  private failure: unknown = null;
  written = 0;
  constructor(
    private readonly db: Knex,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly batch: number,
    private readonly inFlight = 3,
  ) {}
  async add(row: Record<string, unknown>): Promise<void> {
    this.rows.push(this.columns.map((c) => row[c]));
    if (this.rows.length >= this.batch) await this.dispatch();
  }
  async flush(): Promise<void> {
    if (this.rows.length > 0) await this.dispatch();
    await Promise.all(this.pending);
    if (this.failure) throw this.failure;
  }
  private async dispatch(): Promise<void> {
    if (this.failure) throw this.failure;
    const rows = this.rows;
    this.rows = [];
    const tuple = `(${this.columns.map(() => '?').join(',')})`;
    const sql = `INSERT INTO \`${this.table}\` (${this.columns.map((c) => `\`${c}\``).join(',')}) VALUES ${rows.map(() => tuple).join(',')}`;
    const p: Promise<void> = this.db
      .raw(sql, rows.flat() as Knex.Value[])
      .then(() => {
        this.written += rows.length;
      })
      .catch((err: unknown) => {
        this.failure = err;
      })
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
    if (this.pending.size >= this.inFlight) await Promise.race(this.pending);
  }
}

async function fill(db: Knex, records: number, people: number, chains: number): Promise<void> {
  const random = rng(20171);
  const end = Date.now();
  const start = addMonths(monthStart(new Date(end)), -12).getTime();
  const step = (end - start) / records;
  const heads: ChainHead[] = Array.from({ length: chains }, (_, c) => emptyChain(`bench-gw-${c}/20250101T000000Z-bench`));
  let recordWriter: RowWriter | null = null;
  const subjectWriter = new RowWriter(db, 'audit_subjects', ['record_id', 'time', 'kind', 'subject_hash'], 5000);
  await db('audit_documents').insert({ hash: buildRecordBody({ requestId: 'x', time: end, caller: {}, document: DOCUMENT, outcome: 'ok', httpStatus: 200, latencyMs: 0, responseBytes: 0 }, { instance: 'x', key }).documentHash!, text: DOCUMENT, first_seen: '2025-01-01 00:00:00.000' }).onConflict('hash').merge(['hash']);
  const started = Date.now();
  let lastReport = started;
  for (let i = 0; i < records; i++) {
    const c = i % chains;
    const time = Math.floor(start + i * step);
    const subjects: SubjectRef[] = [{ kind: 'person', id: personId(Math.floor(random() * people)) }];
    // A quarter of the accesses also return a legal entity (a company and its representative).
    if (random() < 0.25) subjects.push({ kind: 'legal-entity', id: entityId(Math.floor(random() * people)) });
    const body = buildRecordBody(
      {
        requestId: `bench-${i}`,
        time,
        caller: { department: DEPARTMENTS[Math.floor(random() * DEPARTMENTS.length)], application: `app-${Math.floor(random() * 40)}`, operator: `op-${Math.floor(random() * 2000)}`, roles: ['reader'], clientAddress: '10.20.0.1' },
        operationName: 'Lookup',
        document: DOCUMENT,
        variables: { id: subjects[0].id },
        purpose: PURPOSES[Math.floor(random() * PURPOSES.length)],
        fields: { requested: FIELD_SETS[i % FIELD_SETS.length], served: FIELD_SETS[i % FIELD_SETS.length].slice(0, 2), masked: ['Person.phone'] },
        subgraphs: ['population'],
        outcome: 'ok',
        httpStatus: 200,
        latencyMs: 5 + Math.floor(random() * 40),
        responseBytes: 200 + Math.floor(random() * 2000),
        subjects,
      },
      { instance: `bench-gw-${c}`, key },
    );
    const { record, head } = chainRecord(body, heads[c]);
    heads[c] = head;
    const row = recordToRow(record);
    recordWriter ??= new RowWriter(db, 'audit_records', Object.keys(row), 1000);
    await recordWriter.add(row as unknown as Record<string, unknown>);
    for (const s of subjectRows(record)) await subjectWriter.add(s as unknown as Record<string, unknown>);
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      const rate = Math.round((i + 1) / ((lastReport - started) / 1000));
      process.stdout.write(`  ${(i + 1).toLocaleString()} records, ${rate.toLocaleString()}/s\n`);
    }
  }
  await recordWriter?.flush();
  await subjectWriter.flush();
  const seconds = (Date.now() - started) / 1000;
  console.log(`filled ${records.toLocaleString()} records (${subjectWriter.written.toLocaleString()} subject rows) in ${seconds.toFixed(0)} s, ${Math.round(records / seconds).toLocaleString()} records/s`);
}

async function time(db: Knex, hash: string, limit: number): Promise<{ ms: number; rows: number }> {
  const t0 = process.hrtime.bigint();
  const rows = (await subjectAccessQuery(db, { subjectHash: hash, limit })) as unknown[];
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, rows: rows.length };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string' },
      subjects: { type: 'string' },
      samples: { type: 'string' },
      limit: { type: 'string' },
      chains: { type: 'string' },
      reuse: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  if (!process.env.MYSQL_URL) throw new Error('MYSQL_URL must point at MariaDB (e.g. mysql://root@127.0.0.1:3306): the benchmark is for the partitioned tables');
  const records = positiveInt('--records', values.records, 10_000_000);
  const people = positiveInt('--subjects', values.subjects, Math.max(1, Math.floor(records / 5)));
  const samples = positiveInt('--samples', values.samples, 100);
  const limit = positiveInt('--limit', values.limit, 100);
  const chains = positiveInt('--chains', values.chains, 4);
  const target = databaseTarget('audit', { ...process.env, SHUJUTONG_DB_PREFIX: process.env.SHUJUTONG_DB_PREFIX || 'sjt_bench' });
  if (target.client !== 'mysql') throw new Error('unreachable');
  console.log(`audit lookup benchmark on ${target.database}: ${records.toLocaleString()} records, ${people.toLocaleString()} people, ${samples} lookups of up to ${limit} rows`);
  if (!values.reuse) await dropDatabase(target);
  const db = await openAuditDatabase(target);
  try {
    if (!values.reuse) {
      const now = new Date();
      await ensureMonthlyPartitions(db, { from: addMonths(monthStart(now), -12), through: addMonths(monthStart(now), 12) });
      await fill(db, records, people, chains);
      await db.raw('ANALYZE TABLE audit_records, audit_subjects');
    }
    const [sizes] = (await db.raw(
      "SELECT TABLE_NAME AS t, TABLE_ROWS AS r, ROUND(DATA_LENGTH/1048576) AS data_mb, ROUND(INDEX_LENGTH/1048576) AS index_mb FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'audit_%' ORDER BY t",
    )) as [Array<{ t: string; r: number; data_mb: number; index_mb: number }>];
    for (const s of sizes) console.log(`  ${s.t}: ~${Number(s.r).toLocaleString()} rows, ${s.data_mb} MB data, ${s.index_mb} MB indexes`);
    const [[bp]] = (await db.raw('SELECT @@innodb_buffer_pool_size AS b')) as [[{ b: number }]];
    console.log(`  innodb_buffer_pool_size: ${Math.round(Number(bp.b) / 1048576)} MB`);

    const random = rng(7);
    const hashes = Array.from({ length: samples }, () => subjectHash(key, 'person', personId(Math.floor(random() * people))));
    const explain = subjectAccessQuery(db, { subjectHash: hashes[0], limit }).toSQL().toNative();
    const [plan] = (await db.raw(`EXPLAIN ${explain.sql}`, explain.bindings as readonly Knex.Value[])) as [Array<Record<string, unknown>>];
    console.log('query plan:');
    for (const row of plan) console.log(`  ${row.table}: type=${row.type} key=${row.key} rows=${row.rows} ${row.Extra ?? ''}`);
    for (const pass of ['first pass (cold)', 'second pass (warm)']) {
      const timings: number[] = [];
      let rows = 0;
      for (const h of hashes) {
        const t = await time(db, h, limit);
        timings.push(t.ms);
        rows += t.rows;
      }
      timings.sort((a, b) => a - b);
      console.log(
        `${pass}: p50 ${percentile(timings, 50).toFixed(2)} ms, p99 ${percentile(timings, 99).toFixed(2)} ms, max ${timings.at(-1)!.toFixed(2)} ms; ${(rows / samples).toFixed(1)} accesses per subject on average`,
      );
    }
  } finally {
    await db.destroy();
    if (!values.keep) await dropDatabase(target);
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message ?? err);
  process.exit(1);
});
