/**
 * The synthetic audit trail the lookup benchmark measures against: properly chained records of
 * plausible requests (departments, purposes, fields, one or two subjects each), drawn from a
 * seeded generator so that runs are comparable.
 */
import { Knex } from 'knex';
import { buildRecordBody, SubjectRef } from '../../contracts/audit/audit-record';
import { addMonths, monthStart } from '../../contracts/audit/audit-partitions';
import { recordToRow, subjectRows } from '../../contracts/audit/audit-rows';
import { auditKey } from '../../contracts/audit/keyed-hash';
import { chainRecord, ChainHead, emptyChain } from '../../contracts/audit/record-chain';
import { RowWriter } from './row-writer';
import { mulberry32 } from '../random/mulberry32';

const DEPARTMENTS = [
  '公安局',
  '市场监督管理局',
  '人力资源和社会保障局',
  '民政局',
  '税务局',
  '卫生健康委员会',
  '住房和城乡建设局',
  '行政审批局',
];
const PURPOSES = [
  '不见面审批 business licence',
  '社保待遇资格认证',
  '低保资格复核',
  '户籍迁移审核',
  '公积金提取审核',
  '信用核查',
];
const FIELD_SETS = [
  ['Person.name', 'Person.gender', 'Person.birthDate'],
  ['Person.name', 'Person.phone', 'Person.household'],
  ['LegalEntity.name', 'LegalEntity.legalRepresentative', 'Person.name'],
  ['Person.name', 'Person.ethnicity', 'Person.address', 'Person.phone'],
];
const DOCUMENT = 'query Lookup($id: ID!) { person(idNumber: $id) { name phone } }';
/** The keyed hash's key: fixed, so a reused database's subject hashes can be looked up again. */
export const key = auditKey(Buffer.alloc(32, 42));

/** Synthetic, unique 18-character identifiers (the benchmark needs distinct subjects, not valid checksums). */
export function personId(k: number): string {
  return `320602${String(k).padStart(12, '0')}`;
}

function entityId(k: number): string {
  return `91320602${String(k).padStart(10, '0')}`;
}

/** Deterministic pseudo-random numbers, so runs are comparable. */
export const rng = mulberry32;

/**
 * Writes `records` chained records over `chains` gateway instances, spread evenly over the last
 * twelve months, each about one of `people` persons (a quarter also about a legal entity).
 */
export async function fill(
  db: Knex,
  records: number,
  people: number,
  chains: number,
): Promise<void> {
  const random = rng(20171);
  const end = Date.now();
  const start = addMonths(monthStart(new Date(end)), -12).getTime();
  const step = (end - start) / records;
  const heads: ChainHead[] = Array.from({ length: chains }, (_, c) =>
    emptyChain(`bench-gw-${c}/20250101T000000Z-bench`),
  );
  let recordWriter: RowWriter | null = null;
  const subjectWriter = new RowWriter(
    db,
    'audit_subjects',
    ['record_id', 'time', 'kind', 'subject_hash'],
    5000,
  );
  await db('audit_documents')
    .insert({
      hash: buildRecordBody(
        {
          requestId: 'x',
          time: end,
          caller: {},
          document: DOCUMENT,
          outcome: 'ok',
          httpStatus: 200,
          latencyMs: 0,
          responseBytes: 0,
        },
        { instance: 'x', key },
      ).documentHash!,
      text: DOCUMENT,
      first_seen: '2025-01-01 00:00:00.000',
    })
    .onConflict('hash')
    .merge(['hash']);
  const started = Date.now();
  let lastReport = started;
  for (let i = 0; i < records; i++) {
    const c = i % chains;
    const time = Math.floor(start + i * step);
    const subjects: SubjectRef[] = [
      { kind: 'person', id: personId(Math.floor(random() * people)) },
    ];
    // A quarter of the accesses also return a legal entity (a company and its representative).
    if (random() < 0.25)
      subjects.push({ kind: 'legal-entity', id: entityId(Math.floor(random() * people)) });
    const body = buildRecordBody(
      {
        requestId: `bench-${i}`,
        time,
        caller: {
          department: DEPARTMENTS[Math.floor(random() * DEPARTMENTS.length)],
          application: `app-${Math.floor(random() * 40)}`,
          operator: `op-${Math.floor(random() * 2000)}`,
          roles: ['reader'],
          clientAddress: '10.20.0.1',
        },
        operationName: 'Lookup',
        document: DOCUMENT,
        variables: { id: subjects[0].id },
        purpose: PURPOSES[Math.floor(random() * PURPOSES.length)],
        fields: {
          requested: FIELD_SETS[i % FIELD_SETS.length],
          served: FIELD_SETS[i % FIELD_SETS.length].slice(0, 2),
          masked: ['Person.phone'],
        },
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
    for (const s of subjectRows(record))
      await subjectWriter.add(s as unknown as Record<string, unknown>);
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      const rate = Math.round((i + 1) / ((lastReport - started) / 1000));
      process.stdout.write(`  ${(i + 1).toLocaleString()} records, ${rate.toLocaleString()}/s\n`);
    }
  }
  await recordWriter?.flush();
  await subjectWriter.flush();
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `filled ${records.toLocaleString()} records (${subjectWriter.written.toLocaleString()} subject rows) in ${seconds.toFixed(0)} s, ${Math.round(records / seconds).toLocaleString()} records/s`,
  );
}
