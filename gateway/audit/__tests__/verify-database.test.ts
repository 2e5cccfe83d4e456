import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Knex } from 'knex';
import { describeWithService } from '../../../test/utils/services';
import { buildRecordBody } from '../../../contracts/audit/audit-record';
import { RecordRow, rowToRecord, SubjectRow } from '../../../contracts/audit/audit-rows';
import { Journal } from '../journal';
import { JournalShipper } from '../journal-shipper';
import { subjectHash } from '../../../contracts/audit/keyed-hash';
import { recordHash } from '../../../contracts/audit/record-chain';
import { accessesToSubject } from '../../../contracts/audit/subject-lookup';
import { verifyAuditDatabase, VerifyReport } from '../verify-database';
import { formatVerifyReport } from '../verify-report';
import {
  entry,
  PERSON_A,
  tempDir,
  testAuditDatabase,
  TestAuditDatabase,
  testKeys,
} from '../../../test/utils/audit-fixtures';

const keys = testKeys();
const verifyOptions = { publicKeys: [keys.publicKey] };

/** Two instances' chains of 40 records each, written and shipped by the real journal and shipper; checkpoints at 10, 20, 30, 40. */
async function writeLog(database: TestAuditDatabase): Promise<{ db: Knex; chains: string[] }> {
  const chains: string[] = [];
  for (const instance of ['gw-a', 'gw-b']) {
    const dir = tempDir('log-');
    const journal = await Journal.open({
      dir,
      instance,
      signer: keys.signer,
      checkpointEveryRecords: 10,
      checkpointIntervalMs: 3_600_000,
    });
    for (let i = 1; i <= 40; i += 5) {
      await Promise.all(
        [0, 1, 2, 3, 4].map((k) =>
          journal.append(
            buildRecordBody(entry(i + k), { instance, key: keys.hmac }),
            entry(i + k).document!,
          ),
        ),
      );
    }
    await journal.close();
    const shipper = new JournalShipper({
      source: journal,
      connect: () => database.connect(),
      target: 'test',
    });
    await shipper.drain();
    await shipper.stop();
    chains.push(journal.chainId);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { db: await database.connect(), chains };
}

function tamperSuite(backend: 'sqlite' | 'mysql') {
  let database: TestAuditDatabase;
  let db: Knex;
  let chain: string;
  let other: string;

  beforeAll(async () => {
    database = testAuditDatabase(backend);
    ({
      db,
      chains: [chain, other],
    } = await writeLog(database));
  }, 60_000);
  afterAll(async () => {
    await database?.cleanup();
  });

  const row = async (trx: Knex, seq: number): Promise<RecordRow> =>
    (await trx('audit_records').where({ chain, seq }).first()) as RecordRow;

  /** Tampers inside a transaction, verifies what the transaction sees, and rolls back. */
  async function tampered(
    change: (trx: Knex.Transaction) => Promise<void>,
    options = {},
  ): Promise<VerifyReport> {
    const trx = await db.transaction();
    try {
      await change(trx);
      return await verifyAuditDatabase(trx, { ...verifyOptions, ...options });
    } finally {
      await trx.rollback();
    }
  }
  const summary = (r: VerifyReport) =>
    r.findings.map((f) => [f.kind, f.chain === chain ? 'a' : 'b', f.seq, f.recordId]);

  it('verifies an untouched log clean', async () => {
    const report = await verifyAuditDatabase(db, verifyOptions);
    expect(report.findings).toEqual([]);
    expect(report.records).toBe(80);
    expect(
      report.chains.map((c) => [c.records, c.firstSeq, c.lastSeq, c.lastCheckpointSeq]),
    ).toEqual([
      [40, 1, 40, 40],
      [40, 1, 40, 40],
    ]);
    expect(formatVerifyReport(report, 'test')).toContain('VERIFIED');
  });

  it('names the record whose field was modified', async () => {
    const target = await row(db, 17);
    const report = await tampered((trx) =>
      trx('audit_records').where({ id: target.id }).update({ purpose: 'routine check' }),
    );
    expect(summary(report)).toEqual([['modified', 'a', 17, target.id]]);
    expect(formatVerifyReport(report, 'test')).toMatch(
      new RegExp(`MODIFIED: record ${target.id} \\(seq 17`),
    );
  });

  it('names where a row was deleted', async () => {
    const next = await row(db, 23);
    const report = await tampered((trx) =>
      trx('audit_records')
        .where({ chain, seq: 22 })
        .delete()
        .then(() => undefined),
    );
    expect(summary(report)).toEqual([['deleted', 'a', 23, next.id]]);
    expect(report.findings[0].message).toContain('seq 22 is missing');
  });

  it('names an inserted forged row', async () => {
    const forgedId = randomUUID();
    const report = await tampered(async (trx) => {
      // The forger knows the format: a well-formed record with its own correct hash, at seq 9.
      const original = await row(trx, 9);
      const record = rowToRecord(original, []);
      const forged = { ...record, id: forgedId, department: 'forged-department', subjects: [] };
      await trx('audit_records').insert({
        ...original,
        id: forgedId,
        department: 'forged-department',
        hash: recordHash(forged),
      });
    });
    expect(summary(report)).toEqual([['inserted', 'a', 9, forgedId]]);
  });

  it('names both rows of a swap as reordered', async () => {
    const [r5, r6] = [await row(db, 5), await row(db, 6)];
    const report = await tampered(async (trx) => {
      await trx('audit_records').where({ id: r5.id }).update({ seq: 6 });
      await trx('audit_records').where({ id: r6.id }).update({ seq: 5 });
    });
    expect(summary(report)).toEqual([
      ['reordered', 'a', 5, r6.id],
      ['reordered', 'a', 6, r5.id],
    ]);
  });

  it('finds a tail cut after the last checkpoint was signed', async () => {
    const last = await row(db, 34);
    const report = await tampered((trx) =>
      trx('audit_records')
        .where({ chain })
        .where('seq', '>', 34)
        .delete()
        .then(() => undefined),
    );
    expect(summary(report)).toEqual([['tail-cut', 'a', 34, last.id]]);
    expect(report.findings[0].message).toContain('records 35..40 were removed');
  });

  it('finds a forged checkpoint signature', async () => {
    const report = await tampered(async (trx) => {
      const cp = await trx('audit_checkpoints').where({ chain: other, seq: 20 }).first();
      const signature = Buffer.from(cp.signature, 'base64');
      signature[10] ^= 0xff;
      await trx('audit_checkpoints')
        .where({ chain: other, seq: 20 })
        .update({ signature: signature.toString('base64') });
    });
    expect(summary(report)).toEqual([['bad-signature', 'b', 20, null]]);
  });

  it('finds a subject row removed to hide who looked at a person', async () => {
    const target = await row(db, 12);
    const report = await tampered((trx) =>
      trx('audit_subjects')
        .where({ record_id: target.id })
        .delete()
        .then(() => undefined),
    );
    expect(summary(report)).toEqual([['modified', 'a', 12, target.id]]);
  });

  it('finds a changed document text', async () => {
    const report = await tampered((trx) =>
      trx('audit_documents')
        .update({ text: '{ everything }' })
        .then(() => undefined),
    );
    expect(report.findings.map((f) => f.kind)).toEqual(['document-modified']);
  });

  it('names the record rewritten with a recomputed hash', async () => {
    const target = await row(db, 14);
    const report = await tampered(async (trx) => {
      const subjects = (await trx('audit_subjects').where({
        record_id: target.id,
      })) as SubjectRow[];
      const changed = rowToRecord({ ...target, operator: 'someone-else' }, subjects);
      await trx('audit_records')
        .where({ id: target.id })
        .update({ operator: 'someone-else', hash: recordHash(changed) });
    });
    // Record 14 now hashes correctly, but record 15 was chained after the original.
    expect(summary(report)).toEqual([['broken-link', 'a', 14, target.id]]);
  });

  it('verifies a time range, anchored on the record before it', async () => {
    const [from, to] = [await row(db, 11), await row(db, 25)];
    const iso = (t: string) => new Date(`${t.replace(' ', 'T')}Z`);
    const range = { from: iso(String(from.time)), to: iso(String(to.time)) };
    const clean = await verifyAuditDatabase(db, { ...verifyOptions, ...range });
    expect(clean.findings).toEqual([]);
    expect(clean.chains.find((c) => c.chain === chain)).toMatchObject({
      firstSeq: 11,
      lastSeq: 25,
    });
    const inside = await row(db, 18);
    const outsideReport = await tampered(
      (trx) =>
        trx('audit_records')
          .where({ chain, seq: 30 })
          .update({ purpose: 'x' })
          .then(() => undefined),
      range,
    );
    expect(outsideReport.findings).toEqual([]);
    const insideReport = await tampered(
      (trx) =>
        trx('audit_records')
          .where({ id: inside.id })
          .update({ purpose: 'x' })
          .then(() => undefined),
      range,
    );
    expect(summary(insideReport)).toEqual([['modified', 'a', 18, inside.id]]);
  });

  it('answers who looked at a person, newest first, by the subject hash index', async () => {
    const accesses = await accessesToSubject(db, {
      subjectHash: subjectHash(keys.hmac, 'person', PERSON_A),
      limit: 1000,
    });
    expect(accesses).toHaveLength(80);
    const times = accesses.map((a) => a.time);
    expect(times).toEqual([...times].sort().reverse());
    expect(accesses[0]).toMatchObject({
      department: expect.any(String),
      application: expect.any(String),
      purpose: '不见面审批 approval #42',
      fieldsServed: ['Person.name'],
      fieldsMasked: ['Person.phone'],
    });
    const page2 = await accessesToSubject(db, {
      subjectHash: subjectHash(keys.hmac, 'person', PERSON_A),
      limit: 5,
      before: accesses[4],
    });
    expect(page2.map((a) => a.recordId)).toEqual(accesses.slice(5, 10).map((a) => a.recordId));
  });
}

describe('verifyAuditDatabase on SQLite', () => tamperSuite('sqlite'));
describeWithService('mysql', 'verifyAuditDatabase on MariaDB', () => tamperSuite('mysql'));
