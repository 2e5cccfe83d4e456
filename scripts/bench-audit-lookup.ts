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
import {
  addMonths,
  ensureMonthlyPartitions,
  monthStart,
} from '../contracts/audit/audit-partitions';
import { openAuditDatabase } from '../gateway/audit/audit-store';
import { subjectHash } from '../contracts/audit/keyed-hash';
import { subjectAccessQuery } from '../contracts/audit/subject-lookup';
import { fill, key, personId, rng } from './bench-audit/synthetic-records';
import { positiveInt } from './cli/positive-int';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
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
  if (!process.env.MYSQL_URL)
    throw new Error(
      'MYSQL_URL must point at MariaDB (e.g. mysql://root@127.0.0.1:3306): the benchmark is for the partitioned tables',
    );
  const records = positiveInt('--records', values.records, 10_000_000);
  const people = positiveInt('--subjects', values.subjects, Math.max(1, Math.floor(records / 5)));
  const samples = positiveInt('--samples', values.samples, 100);
  const limit = positiveInt('--limit', values.limit, 100);
  const chains = positiveInt('--chains', values.chains, 4);
  const target = databaseTarget('audit', {
    ...process.env,
    SHUJUTONG_DB_PREFIX: process.env.SHUJUTONG_DB_PREFIX || 'sjt_bench',
  });
  if (target.client !== 'mysql') throw new Error('unreachable');
  console.log(
    `audit lookup benchmark on ${target.database}: ${records.toLocaleString()} records, ${people.toLocaleString()} people, ${samples} lookups of up to ${limit} rows`,
  );
  if (!values.reuse) await dropDatabase(target);
  const db = await openAuditDatabase(target);
  try {
    if (!values.reuse) {
      const now = new Date();
      await ensureMonthlyPartitions(db, {
        from: addMonths(monthStart(now), -12),
        through: addMonths(monthStart(now), 12),
      });
      await fill(db, records, people, chains);
      await db.raw('ANALYZE TABLE audit_records, audit_subjects');
    }
    const [sizes] = (await db.raw(
      "SELECT TABLE_NAME AS t, TABLE_ROWS AS r, ROUND(DATA_LENGTH/1048576) AS data_mb, ROUND(INDEX_LENGTH/1048576) AS index_mb FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME LIKE 'audit_%' ORDER BY t",
    )) as [Array<{ t: string; r: number; data_mb: number; index_mb: number }>];
    for (const s of sizes)
      console.log(
        `  ${s.t}: ~${Number(s.r).toLocaleString()} rows, ${s.data_mb} MB data, ${s.index_mb} MB indexes`,
      );
    const [[bp]] = (await db.raw('SELECT @@innodb_buffer_pool_size AS b')) as [[{ b: number }]];
    console.log(`  innodb_buffer_pool_size: ${Math.round(Number(bp.b) / 1048576)} MB`);

    const random = rng(7);
    const hashes = Array.from({ length: samples }, () =>
      subjectHash(key, 'person', personId(Math.floor(random() * people))),
    );
    const explain = subjectAccessQuery(db, { subjectHash: hashes[0], limit }).toSQL().toNative();
    const [plan] = (await db.raw(
      `EXPLAIN ${explain.sql}`,
      explain.bindings as readonly Knex.Value[],
    )) as [Array<Record<string, unknown>>];
    console.log('query plan:');
    for (const row of plan)
      console.log(
        `  ${row.table}: type=${row.type} key=${row.key} rows=${row.rows} ${row.Extra ?? ''}`,
      );
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
