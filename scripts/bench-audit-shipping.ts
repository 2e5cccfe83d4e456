/**
 * npm run bench:audit-ship -- [--records N] [--round N] [--subjects N] [--population N]
 *                               [--fields N] [--checkpoint-ms N] [--merge-rows N] [--rate N]
 *
 * What durable audit costs the gateway per record, on the embedded audit database: records of
 * people-page size (`--subjects` data subjects each, default 50, drawn from `--population`
 * residents, default 20,000) are built, journalled `--round` at a time (default 32, about a
 * shipping round of a busy gateway) and shipped after each round into a fresh `audit.sqlite`,
 * `--records` of them (default 6,000), as the gateway does with AuditTrail.open. Prints CPU per
 * record of the event loop (the main thread's own counter in /proc) and of all the process's
 * threads (the database's own thread inserts the batches, checkpoints, and folds the subjects'
 * lookup), and the wall time. Subject rows still waiting for a fold, and pages still waiting for a
 * checkpoint, at the end are folded and checkpointed and counted (all threads).
 * `--fields` lists that many field coordinates as requested and served (default: the people
 * page's four), for records as wide as an applicant profile's (some seventy requested).
 * `--checkpoint-ms` and `--merge-rows` set the database thread's checkpoint interval and the
 * recent subject rows that start a merge (default: the gateway's, CHECKPOINT_INTERVAL_MS and
 * MERGE_ROWS), to measure them against other values. `--rate` paces the records (per second)
 * as a gateway's traffic would arrive, instead of as fast as they can be journalled: what a
 * checkpoint interval saves depends on how many records each checkpoint covers.
 * A benchmark prints numbers; it asserts nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditEntry } from '../contracts/audit/audit-record';
import { databaseTarget, openDatabase } from '../contracts/database/database';
import {
  countRecentSubjects,
  foldPendingSubjects,
  MERGE_ROWS,
  mergeRecentSubjects,
} from '../contracts/audit/subject-index';
import { DEFAULT_FOLD } from '../gateway/audit/shipping-database';
import { CHECKPOINT_INTERVAL_MS } from '../gateway/audit/sqlite-checkpointer';
import { AuditTrail } from '../gateway/audit/audit-trail';
import { readAuditConfig } from '../gateway/config/audit';
import { positiveInt } from './cli/positive-int';
import { personId } from './bench-audit/synthetic-records';

/** CPU microseconds from a /proc stat line (utime + stime, in clock ticks of 10 ms). */
function cpuUs(statFile: string): number {
  const fields = fs.readFileSync(statFile, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}
const mainThreadUs = () => cpuUs(`/proc/self/task/${process.pid}/stat`);
const allThreadsUs = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/**
 * The fields a record lists as requested and served: the people page's four, or `count` of them
 * (`--fields`), as an applicant profile's record lists some seventy and serves many of them.
 */
function fieldList(count: number | null): string[] {
  if (count === null)
    return ['Query.people', 'Person.idNumber', 'Person.name', 'Person.certificates'];
  return Array.from({ length: count }, (_, k) => `Type${k % 9}.field${k}`);
}

function peoplePage(i: number, subjects: number, population: number, fields: string[]): AuditEntry {
  const first = (i * subjects) % population;
  return {
    requestId: `bench-${i}`,
    time: Date.now(),
    caller: {
      department: 'housing',
      application: 'housing-subsidy',
      operator: 'bench.housing',
      roles: [],
      clientAddress: '127.0.0.1',
    },
    operationName: 'PeoplePage',
    document:
      'query PeoplePage($regionCode: ID!, $first: Int!, $after: String) { people(regionCode: $regionCode, first: $first, after: $after) { totalCount nodes { idNumber name certificates { number type status validTo } } } }',
    variables: { regionCode: '320681', first: subjects, after: `cursor-${i}` },
    purpose: 'HOUSING_SECURITY',
    fields: {
      requested: fields,
      served: fields,
      masked: fields.slice(1, 3),
      denied: [],
    },
    subgraphs: ['population', 'licences'],
    outcome: 'ok',
    httpStatus: 200,
    errorCodes: [],
    latencyMs: 40,
    responseBytes: 30_000,
    subjects: Array.from({ length: subjects }, (_, k) => ({
      kind: 'person' as const,
      id: personId((first + k) % population),
    })),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      records: { type: 'string' },
      round: { type: 'string' },
      subjects: { type: 'string' },
      population: { type: 'string' },
      fields: { type: 'string' },
      'checkpoint-ms': { type: 'string' },
      'merge-rows': { type: 'string' },
      rate: { type: 'string' },
    },
  });
  const records = positiveInt('--records', values.records, 6000);
  const round = positiveInt('--round', values.round, 32);
  const subjects = positiveInt('--subjects', values.subjects, 50);
  const population = positiveInt('--population', values.population, 20_000);
  const fields = fieldList(
    values.fields === undefined ? null : positiveInt('--fields', values.fields, 4),
  );
  const checkpointIntervalMs = positiveInt(
    '--checkpoint-ms',
    values['checkpoint-ms'],
    CHECKPOINT_INTERVAL_MS,
  );
  const mergeRows = positiveInt('--merge-rows', values['merge-rows'], MERGE_ROWS);
  const rate = values.rate === undefined ? null : positiveInt('--rate', values.rate, 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-audit-ship-'));
  // The journal's timers do not hold a process open (a stopping gateway must not wait on them);
  // here nothing else would while a group waits for its fsync.
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    const env = { DATA_DIR: dir, GATEWAY_INSTANCE: 'bench-ship' };
    const trail = await AuditTrail.open(readAuditConfig(env), {
      ship: false,
      database: { checkpointIntervalMs, fold: { ...DEFAULT_FOLD, mergeRows } },
      onWarning: (m) => {
        if (!m.startsWith('development key')) console.warn(m);
      },
    });
    await trail.shipper.drain();
    const entries = Array.from({ length: records }, (_, i) =>
      peoplePage(i, subjects, population, fields),
    );
    const main0 = mainThreadUs();
    const all0 = allThreadsUs();
    const wall0 = Date.now();
    for (let i = 0; i < records; i += round) {
      await Promise.all(entries.slice(i, i + round).map((e) => trail.append(e)));
      await trail.shipper.drain();
      const due = rate === null ? 0 : wall0 + ((i + round) / rate) * 1000 - Date.now();
      if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
    }
    const main1 = mainThreadUs();
    // The database's thread ends with a last checkpoint; then no other writer races the last fold.
    await trail.close({ shipTimeoutMs: 0 });
    const db = await openDatabase(databaseTarget('audit', env));
    await foldPendingSubjects(db);
    if ((await countRecentSubjects(db)) >= mergeRows) await mergeRecentSubjects(db);
    // The last fold's pages are checkpointed too, as the thread would.
    await db.raw('PRAGMA wal_checkpoint(PASSIVE)');
    await db.destroy();
    const all1 = allThreadsUs();
    const wall1 = Date.now();
    const per = (us: number) => `${(us / records / 1000).toFixed(2)} ms`;
    console.log(
      `${records} records of ${subjects} subjects and ${fields.length} fields, journalled and shipped ${round} at a time${rate === null ? '' : `, ${rate} a second,`} into audit.sqlite (checkpoints every ${checkpointIntervalMs} ms, merges at ${mergeRows} rows):`,
    );
    console.log(`  event loop  ${per(main1 - main0)} CPU per record`);
    console.log(`  all threads ${per(all1 - all0)} CPU per record`);
    console.log(`  wall        ${((wall1 - wall0) / 1000).toFixed(1)} s`);
  } finally {
    clearInterval(keepAlive);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
