import fs from 'node:fs';
import path from 'node:path';
import { Knex } from 'knex';
import { describeWithService } from '../../../../test/utils/services';
import {
  entry,
  tempDir,
  testAuditDatabase,
  TestAuditDatabase,
  testKeys,
} from '../../../../test/utils/audit-fixtures';
import { AuditRecord, buildRecordBody } from '../../../../contracts/audit/audit-record';
import { documentHash } from '../../../../contracts/audit/keyed-hash';
import { Checkpoint, signCheckpoint } from '../../../../contracts/audit/checkpoint';
import { chainRecord, ChainHead, emptyChain } from '../../../../contracts/audit/record-chain';
import {
  ensureMonthlyPartitions,
  existingPartitions,
} from '../../../../contracts/audit/audit-partitions';
import { isMysql } from '../../../../contracts/database/database';
import { storeBatch } from '../../audit-store';
import { verifyAuditDatabase } from '../../verify-database';
import { runRetention, retentionCutoff } from '../retention-cycle';
import { verifyArchives } from '../archive-verifier';
import { runArchiveVerifyCommand } from '../archive-verify-command';
import { MANIFEST_FILE, sha256 } from '../archive-format';

const keys = testKeys();
const NOW = new Date('2026-12-06T12:00:00Z');
/** May 2026 .. December 2026: the cycle below keeps October onwards (retention 2). */
const MONTHS = [4, 5, 6, 7, 8, 9, 10, 11];
const PER_MONTH = 4;
const SHARED_DOC = entry(1).document!;
const MAY_DOC = 'query OnlyInMay { person(idNumber: "x") { name } }';

/** Two chains with records on days 3..6 of every month, checkpoints every 5 records. */
async function seed(db: Knex): Promise<void> {
  const records: AuditRecord[] = [];
  const checkpoints: Checkpoint[] = [];
  const documents = new Map([
    [documentHash(SHARED_DOC), SHARED_DOC],
    [documentHash(MAY_DOC), MAY_DOC],
  ]);
  for (const instance of ['gw-a', 'gw-b']) {
    let head: ChainHead = emptyChain(`${instance}/20260501T000000Z-retain`);
    let i = 0;
    for (const month of MONTHS) {
      for (let day = 3; day < 3 + PER_MONTH; day++) {
        i++;
        const time = Date.UTC(2026, month, day, 9, instance === 'gw-a' ? 0 : 30);
        const doc = month === 4 ? MAY_DOC : SHARED_DOC;
        const chained = chainRecord(
          buildRecordBody(entry(i, { time, document: doc }), { instance, key: keys.hmac }),
          head,
        );
        records.push(chained.record);
        head = chained.head;
        if (i % 5 === 0) checkpoints.push(signCheckpoint(head, new Date(time + 1000), keys.signer));
      }
    }
  }
  await storeBatch(db, { records, documents, checkpoints });
}

async function countBefore(db: Knex, table: string, time: string): Promise<number> {
  const row = (await db(table).where('time', '<', time).count({ n: '*' }).first()) as {
    n: number | string;
  };
  return Number(row.n);
}

it('keeps the current and previous month whatever the retention says', () => {
  expect(retentionCutoff(NOW, 0).toISOString()).toBe('2026-11-01T00:00:00.000Z');
  expect(retentionCutoff(NOW, 2).toISOString()).toBe('2026-10-01T00:00:00.000Z');
  expect(retentionCutoff(NOW, 84).toISOString()).toBe('2019-12-01T00:00:00.000Z');
});

function retentionSuite(backend: 'sqlite' | 'mysql') {
  let database: TestAuditDatabase;
  let db: Knex;
  let out: string;
  const options = () => ({
    retentionMonths: 2,
    outDir: out,
    publicKeys: [keys.publicKey],
    now: NOW,
  });

  beforeAll(async () => {
    database = testAuditDatabase(backend);
    db = await database.connect();
    // June onwards in partitions of their own; May stays in p_before (deleted in batches).
    if (isMysql(db))
      await ensureMonthlyPartitions(db, { from: new Date('2026-06-01Z'), through: NOW });
    await seed(db);
    out = tempDir('archive-');
  }, 60_000);
  afterAll(async () => {
    await database?.cleanup();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it('a dry run names the months it would archive and changes nothing', async () => {
    const outcomes = await runRetention(db, { ...options(), dryRun: true });
    expect(outcomes.map((o) => [o.month, o.action])).toEqual(
      ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09'].map((m) => [m, 'would-archive']),
    );
    expect(fs.readdirSync(out)).toEqual([]);
    expect(await countBefore(db, 'audit_records', '2026-10-01')).toBe(2 * 5 * PER_MONTH);
  });

  it('archives every month older than the retention, verified, then drops it', async () => {
    const outcomes = await runRetention(db, options());
    expect(outcomes.map((o) => [o.month, o.action, o.records])).toEqual(
      ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09'].map((m) => [
        m,
        'archived',
        2 * PER_MONTH,
      ]),
    );
    expect(fs.readdirSync(out).sort()).toEqual([
      'audit-2026-05',
      'audit-2026-06',
      'audit-2026-07',
      'audit-2026-08',
      'audit-2026-09',
    ]);
    for (const table of ['audit_records', 'audit_subjects'])
      expect(await countBefore(db, table, '2026-10-01')).toBe(0);
    expect(await countBefore(db, 'audit_records', '2027-01-01')).toBe(2 * 3 * PER_MONTH);
    // Checkpoints of archived records went with them; the May-only document too, the shared one stays.
    const cps = (await db('audit_checkpoints').select('seq')) as { seq: number }[];
    expect(cps.map((c) => Number(c.seq)).every((s) => s > 5 * PER_MONTH)).toBe(true);
    expect(
      await db('audit_documents')
        .where({ hash: documentHash(MAY_DOC) })
        .first(),
    ).toBe(undefined);
    expect(
      await db('audit_documents')
        .where({ hash: documentHash(SHARED_DOC) })
        .first(),
    ).toEqual(expect.objectContaining({ text: SHARED_DOC }));
    if (isMysql(db)) {
      const names = (await existingPartitions(db, 'audit_records')).map((p) => p.name);
      expect(names).not.toContain('p202606');
      expect(names).not.toContain('p202609');
      expect(names).toContain('p202610');
    }
  }, 60_000);

  it('the archives verify offline, each month continuing the one before', async () => {
    const report = verifyArchives([out], [keys.publicKey]);
    expect(report.findings).toEqual([]);
    expect(report.months.map((m) => [m.month, m.records])).toEqual(
      ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09'].map((m) => [m, 2 * PER_MONTH]),
    );
    const keyFile = path.join(out, '..', `${path.basename(out)}.pub.pem`);
    fs.writeFileSync(keyFile, keys.publicKey.export({ type: 'spki', format: 'pem' }));
    const lines: string[] = [];
    const io = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };
    expect(runArchiveVerifyCommand(['--', '--archive', out, '--public-key', keyFile], {}, io)).toBe(
      0,
    );
    expect(lines.join('\n')).toContain('VERIFIED');
    fs.rmSync(keyFile);
  });

  it('the remaining chain still verifies against the database, from the archived heads', async () => {
    const report = await verifyAuditDatabase(db, { publicKeys: [keys.publicKey] });
    expect(report.findings).toEqual([]);
    expect(report.records).toBe(2 * 3 * PER_MONTH);
    expect(report.chains.map((c) => c.firstSeq)).toEqual([5 * PER_MONTH + 1, 5 * PER_MONTH + 1]);
  });

  it('running again changes nothing', async () => {
    const before = fs.readFileSync(path.join(out, 'audit-2026-07', MANIFEST_FILE), 'utf8');
    expect(await runRetention(db, options())).toEqual([]);
    expect(fs.readFileSync(path.join(out, 'audit-2026-07', MANIFEST_FILE), 'utf8')).toBe(before);
    expect(await countBefore(db, 'audit_records', '2027-01-01')).toBe(2 * 3 * PER_MONTH);
  });

  it('a changed archive fails verification, even with its digest recomputed', async () => {
    const copy = tempDir('tampered-');
    try {
      fs.cpSync(path.join(out, 'audit-2026-07'), copy, { recursive: true });
      const file = path.join(copy, 'records.jsonl');
      const changed = fs.readFileSync(file, 'utf8').replace('"op-', '"someone-else-');
      fs.writeFileSync(file, changed);
      const digest = verifyArchives([copy], [keys.publicKey]).findings.map((f) => f.message);
      expect(digest).toEqual([
        expect.stringContaining('records.jsonl does not match the SHA-256'),
        expect.stringMatching(/^MODIFIED: .*\(seq 9, 2026-07-03/),
      ]);

      const manifest = JSON.parse(fs.readFileSync(path.join(copy, MANIFEST_FILE), 'utf8'));
      manifest.files['records.jsonl'] = {
        sha256: sha256(changed),
        bytes: Buffer.byteLength(changed),
      };
      fs.writeFileSync(path.join(copy, MANIFEST_FILE), JSON.stringify(manifest));
      const chain = verifyArchives([copy], [keys.publicKey]).findings.map((f) => f.message);
      expect(chain).toEqual([expect.stringMatching(/^MODIFIED: .*does not match its hash/)]);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('a run of months with one left out shows the gap', () => {
    const partial = [path.join(out, 'audit-2026-06'), path.join(out, 'audit-2026-08')];
    const findings = verifyArchives(partial, [keys.publicKey]).findings;
    expect(findings).toHaveLength(2);
    expect(findings[0].message).toMatch(/does not continue 2026-06/);
  });
}

describe('audit retention on SQLite', () => retentionSuite('sqlite'));
describeWithService('mysql', 'audit retention on MariaDB', () => retentionSuite('mysql'));

describe('audit retention after a run that stopped mid-way', () => {
  it('finishes the drop from the verified archive, never re-archiving the rows left', async () => {
    const database = testAuditDatabase('sqlite');
    const out = tempDir('archive-');
    try {
      const db = await database.connect();
      await seed(db);
      const options = { retentionMonths: 2, outDir: out, publicKeys: [keys.publicKey], now: NOW };
      await runRetention(db, options);
      const archived = fs.readFileSync(path.join(out, 'audit-2026-08', MANIFEST_FILE), 'utf8');
      // As if the run had stopped after recording the heads, half-way through deleting August.
      const rows = fs
        .readFileSync(path.join(out, 'audit-2026-08', 'records.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      await db('audit_records').insert(rows.slice(0, rows.length / 2));
      expect(await countBefore(db, 'audit_records', '2026-10-01')).toBe(rows.length / 2);

      const outcomes = await runRetention(db, options);
      expect(outcomes.map((o) => [o.month, o.action, o.records])).toEqual([
        ['2026-08', 'finished', rows.length / 2],
      ]);
      expect(fs.readFileSync(path.join(out, 'audit-2026-08', MANIFEST_FILE), 'utf8')).toBe(
        archived,
      );
      expect(await countBefore(db, 'audit_records', '2026-10-01')).toBe(0);
      expect((await verifyAuditDatabase(db, { publicKeys: [keys.publicKey] })).findings).toEqual(
        [],
      );
    } finally {
      await database.cleanup();
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('audit retention refuses', () => {
  it('to drop a month whose chain does not verify, and every month after it', async () => {
    const database = testAuditDatabase('sqlite');
    const out = tempDir('archive-');
    try {
      const db = await database.connect();
      await seed(db);
      const row = (await db('audit_records')
        .where('time', '<', '2026-07-01')
        .where('time', '>=', '2026-06-01')
        .first()) as { id: string };
      await db('audit_records').where({ id: row.id }).update({ purpose: 'rewritten' });
      const outcomes = await runRetention(db, {
        retentionMonths: 2,
        outDir: out,
        publicKeys: [keys.publicKey],
        now: NOW,
      });
      expect(outcomes.map((o) => [o.month, o.action])).toEqual([
        ['2026-05', 'archived'],
        ['2026-06', 'refused'],
      ]);
      expect(outcomes[1].reason).toMatch(/MODIFIED/);
      expect(await countBefore(db, 'audit_records', '2026-06-01')).toBe(0);
      expect(await countBefore(db, 'audit_records', '2026-10-01')).toBe(2 * 4 * PER_MONTH);
    } finally {
      await database.cleanup();
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 30_000);
});
