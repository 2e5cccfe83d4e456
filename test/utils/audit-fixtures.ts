/** Shared test material: keys, entries and chains of records, built with the real code. */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Knex } from 'knex';
import {
  DatabaseTarget,
  databaseTarget,
  dropDatabase,
  openDatabase,
} from '../../contracts/database/database';
import { requireMysqlUrl, uniqueSuffix } from './temp-database';
import { openAuditDatabase } from '../../gateway/audit/audit-store';
import { auditMigrations } from '../../contracts/audit/audit-migrations';
import { migrateToLatest } from '../../contracts/database/migrations';
import { AuditEntry, AuditRecord, buildRecordBody } from '../../contracts/audit/audit-record';
import { AuditKeys } from '../../contracts/audit/audit-keys';
import { CheckpointSigner, publicKeyId } from '../../contracts/audit/checkpoint';
import { auditKey } from '../../contracts/audit/keyed-hash';
import { JournalFile, JournalFs, nodeJournalFs } from '../../gateway/audit/journal-fs';
import { chainRecord, ChainHead, emptyChain } from '../../contracts/audit/record-chain';

export function testKeys(): AuditKeys {
  const pair = generateKeyPairSync('ed25519');
  const signer: CheckpointSigner = {
    keyId: publicKeyId(pair.publicKey),
    privateKey: pair.privateKey,
  };
  return { hmac: auditKey(Buffer.alloc(32, 7)), signer, publicKey: pair.publicKey, generated: [] };
}

export const PERSON_A = '320602199001011234';
export const ENTITY_A = '91320602MA1XXXXXX0';

export function entry(i: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    requestId: `req-${i}`,
    time: Date.UTC(2026, 10, 26, 10, 0, 0, i % 1000) + i * 1000,
    caller: {
      department: i % 2 ? '公安局' : 'market-supervision',
      application: `app-${i % 3}`,
      operator: `op-${i}`,
      roles: ['reader', 'auditor'],
      clientAddress: '10.0.0.7',
    },
    operationName: 'PersonLookup',
    document: 'query PersonLookup($id: ID!) { person(idNumber: $id) { name phone } }',
    variables: { id: PERSON_A },
    purpose: '不见面审批 approval #42',
    fields: {
      requested: ['Person.name', 'Person.phone'],
      served: ['Person.name'],
      masked: ['Person.phone'],
      denied: [{ coordinate: 'Person.address', reason: 'NO_APPLICATION' }],
    },
    subgraphs: ['population'],
    outcome: 'ok',
    httpStatus: 200,
    errorCodes: [],
    latencyMs: 12,
    responseBytes: 345,
    subjects: [
      { kind: 'person', id: PERSON_A },
      ...(i % 4 === 0 ? [{ kind: 'legal-entity' as const, id: ENTITY_A }] : []),
    ],
    ...overrides,
  };
}

/** `n` records chained from the start of `chain`. */
export function chainOf(
  n: number,
  keys: AuditKeys,
  chain = 'gw-test/20261126T000000Z-abc123',
): AuditRecord[] {
  let head: ChainHead = emptyChain(chain);
  const out: AuditRecord[] = [];
  for (let i = 1; i <= n; i++) {
    const chained = chainRecord(
      buildRecordBody(entry(i), { instance: 'gw-test', key: keys.hmac }),
      head,
    );
    out.push(chained.record);
    head = chained.head;
  }
  return out;
}

export function tempDir(prefix = 'audit-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `shujutong-${prefix}`));
}

/** node:fs with fsyncs counted and, when `fault` is set, writes failing like a full disk. */
export interface InstrumentedFs extends JournalFs {
  syncs: number;
  /** Fail every write (after writing `partialBytes` of it) and every file creation with this error code. */
  fault: string | null;
  partialBytes: number;
  /** Awaited before every fsync: lets a test hold a sync in flight. */
  beforeSync: (() => Promise<void>) | null;
}

function failure(code: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`${code}: simulated`);
  err.code = code;
  return err;
}

export function instrumentedFs(): InstrumentedFs {
  const fs: InstrumentedFs = {
    ...nodeJournalFs,
    syncs: 0,
    fault: null,
    partialBytes: 0,
    beforeSync: null,
    async create(file) {
      if (fs.fault) throw failure(fs.fault);
      return wrap(await nodeJournalFs.create(file));
    },
    async openExisting(file) {
      return wrap(await nodeJournalFs.openExisting(file));
    },
  };
  const wrap = (inner: JournalFile): JournalFile => {
    const file: JournalFile = {
      async write(data) {
        if (fs.fault) {
          if (fs.partialBytes > 0)
            await inner.write(data.subarray(0, Math.min(fs.partialBytes, data.length)));
          throw failure(fs.fault);
        }
        return inner.write(data);
      },
      async sync() {
        if (fs.beforeSync) await fs.beforeSync();
        fs.syncs++;
        return inner.sync();
      },
      // A durable write counts as a sync, held and failed like the two it stands for.
      async writeDurable(data) {
        await file.write(data);
        if (fs.beforeSync) await fs.beforeSync();
        fs.syncs++;
        return inner.sync();
      },
      truncate: (n) => inner.truncate(n),
      close: () => inner.close(),
    };
    return file;
  };
  return fs;
}

/** A throw-away audit database: SQLite in a temp folder, or a uniquely named MariaDB database. */
export interface TestAuditDatabase {
  readonly target: DatabaseTarget;
  /** Opens (and migrates) a new connection pool; each is destroyed by cleanup(). */
  connect(): Promise<Knex>;
  /** Opens a new connection pool without migrating, for tests of the migrations themselves. */
  open(): Promise<Knex>;
  cleanup(): Promise<void>;
}

export function testAuditDatabase(backend: 'sqlite' | 'mysql'): TestAuditDatabase {
  const dir = tempDir('db-');
  const target =
    backend === 'mysql'
      ? databaseTarget('audit', {
          MYSQL_URL: requireMysqlUrl(),
          SHUJUTONG_DB_PREFIX: `sjt_test_${uniqueSuffix()}`,
        })
      : databaseTarget('audit', { DATA_DIR: dir });
  const opened: Knex[] = [];
  return {
    target,
    async connect() {
      const db = await openAuditDatabase(target);
      opened.push(db);
      return db;
    },
    async open() {
      const db = await openDatabase(target, { poolMax: 2 });
      opened.push(db);
      return db;
    },
    async cleanup() {
      for (const db of opened) await db.destroy();
      await dropDatabase(target);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function countRows(db: Knex): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['audit_records', 'audit_subjects', 'audit_documents', 'audit_checkpoints']) {
    const row = (await db(table).count({ n: '*' }).first()) as { n: number | string };
    out[table] = Number(row.n);
  }
  return out;
}

/**
 * A scratch audit database of `backend`, migrated to the latest, for the tests of one describe
 * block: made before them, removed after them. `db` is set once they run.
 */
export function migratedAuditScratch(backend: 'sqlite' | 'mysql'): { readonly db: Knex } {
  const handle = {} as { db: Knex };
  let scratch: TestAuditDatabase | undefined;
  beforeAll(async () => {
    scratch = testAuditDatabase(backend);
    handle.db = await scratch.open();
    await migrateToLatest(handle.db, auditMigrations);
  }, 60_000);
  afterAll(async () => {
    await scratch?.cleanup();
  });
  return handle;
}
