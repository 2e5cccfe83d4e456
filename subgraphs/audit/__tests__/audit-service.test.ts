import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Knex } from 'knex';
import { dbTime, RecordRow, RECORDS_TABLE } from '../../../contracts/audit/audit-rows';
import { USAGE_CURSOR_TABLE } from '../../../contracts/audit/audit-usage-migration';
import { databaseTarget, DatabaseTarget, openDatabase } from '../../../contracts/database/database';
import { createSubgraphService } from '../../kit/subgraph-service';
import { auditService } from '../audit-service';
import { readAuditReadSettings } from '../audit-settings';

const CHAIN = 'gw-service-test';

/** A stored record as the gateway's shipper leaves it; only what the rollup reads matters. */
function record(seq: number): RecordRow {
  return {
    id: `rec-${seq}`,
    time: dbTime(new Date(Date.UTC(2025, 2, 3, 2, 0, seq)).toISOString()),
    chain: CHAIN,
    seq,
    prev_hash: '0'.repeat(64),
    hash: String(seq).padStart(64, '0'),
    format_version: 1,
    request_id: `req-${seq}`,
    instance: CHAIN,
    department: 'civil-affairs',
    application: null,
    operator: 'op@civil-affairs',
    roles: '[]',
    client_address: null,
    operation_name: null,
    document_hash: null,
    variables_hash: null,
    purpose: 'SOCIAL_ASSISTANCE',
    fields_requested: '["Person.name"]',
    fields_served: '["Person.name"]',
    fields_masked: '[]',
    fields_denied: '[]',
    subgraphs: '["population"]',
    outcome: 'ok',
    http_status: 200,
    error_codes: '[]',
    latency_ms: 5,
    response_bytes: 100,
  };
}

async function cursorOf(db: Knex): Promise<number> {
  const row = (await db(USAGE_CURSOR_TABLE).where({ chain: CHAIN }).first('seq')) as
    { seq: number | string } | undefined;
  return row ? Number(row.seq) : 0;
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

describe('audit service', () => {
  let dir: string;
  let database: DatabaseTarget;
  const log = () => {};

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-audit-service-'));
    database = databaseTarget('audit', { DATA_DIR: dir });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('summarises newly shipped records in the background, and no longer once stopped', async () => {
    // DATA_DIR: the development HMAC key is made there, not in ./data.
    const settings = readAuditReadSettings({ DATA_DIR: dir, AUDIT_USAGE_INTERVAL_MS: '50' });
    const service = await createSubgraphService(auditService, settings, { database, port: 0, log });
    expect(service.tasks.map((t) => t.name)).toEqual(['usage rollup every 50 ms']);
    await service.db(RECORDS_TABLE).insert([record(1), record(2), record(3)]);
    // No usage query is asked: only the background task moves the cursor.
    expect(await waitFor(async () => (await cursorOf(service.db)) === 3, 3000)).toBe(true);
    await service.stop();

    const db = await openDatabase(database);
    try {
      await db(RECORDS_TABLE).insert(record(4));
      await new Promise((r) => setTimeout(r, 250));
      expect(await cursorOf(db)).toBe(3);
    } finally {
      await db.destroy();
    }
  });

  it('runs no rollup with AUDIT_USAGE_INTERVAL_MS=0: usage is then summarised on demand only', async () => {
    const settings = readAuditReadSettings({ DATA_DIR: dir, AUDIT_USAGE_INTERVAL_MS: '0' });
    const service = await createSubgraphService(auditService, settings, { database, port: 0, log });
    try {
      expect(service.tasks).toEqual([]);
      await service.db(RECORDS_TABLE).insert(record(1));
      await new Promise((r) => setTimeout(r, 150));
      expect(await cursorOf(service.db)).toBe(0);
    } finally {
      await service.stop();
    }
  });
});
