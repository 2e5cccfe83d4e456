/**
 * The audit database down is no outage of the gateway: requests are served, their records wait
 * in the journal, and when the database is back each is shipped once (idempotent by record id),
 * through a second outage in the middle of traffic too. The database is one the test can stop
 * (outage-database.ts), never the machine's shared MariaDB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Knex } from 'knex';
import { verifyAuditDatabase } from '../../../gateway/audit';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { describeWithService } from '../../utils/services';
import { requireMysqlUrl, uniqueSuffix } from '../../utils/temp-database';
import { duplicatedRequestIds, recordCounts } from './audit-rows';
import { outageDatabase, OutageDatabase, outageDatabaseKind } from './outage-database';

interface Health {
  status: string;
  audit: {
    status: string;
    shipping: { connected: boolean; caughtUp: boolean; shippedRecords: number };
  };
}

describeWithService('mysql', `the audit database down (${outageDatabaseKind()})`, () => {
  let dir: string;
  let database: OutageDatabase;
  let platform: Platform;
  let headers: Record<string, string>;
  let person: string;
  const sent: string[] = [];

  const health = async (): Promise<{ status: number; body: Health }> => {
    const res = await fetch(platform.gatewayUrl.replace(/\/graphql$/, '/health'));
    return { status: res.status, body: (await res.json()) as Health };
  };
  const serve = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const result = await postGraphQL(
        platform.gatewayUrl,
        'query($id: ID!) { person(idNumber: $id) { gender } }',
        { id: person },
        headers,
      );
      expect(result.status).toBe(200);
      expect(result.body.data!.person.gender).toBeTruthy();
      sent.push(result.headers.get('x-request-id')!);
    }
  };
  /** Waits until everything sent is shipped; then each request id must have exactly one record. */
  const expectAllShippedOnce = async () => {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const { body } = await health();
      if (
        body.audit.shipping.connected &&
        body.audit.shipping.caughtUp &&
        body.audit.shipping.shippedRecords >= sent.length
      )
        break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const db: Knex = await platform.audit!.connect();
    const counts = await recordCounts(db, sent);
    expect(sent.filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect(await duplicatedRequestIds(db)).toEqual([]);
    expect(
      Number(((await db('audit_records').count({ n: '*' }).first()) as { n: number | string }).n),
    ).toBe(sent.length);
    return db;
  };

  beforeAll(async () => {
    // knex's pool logs every failed connection attempt to the console; expected here, and noise.
    const log = console.log;
    jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      if (!/connection error|Connection Error/i.test(String(args[0]))) log(...args);
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-outage-'));
    database = await outageDatabase(dir, requireMysqlUrl());
    platform = await startPlatform({
      subgraphs: ['population', 'sharing'],
      persons: 200,
      // The audit database is the one that goes down; it is down from the start.
      audit: {
        env: {
          MYSQL_URL: database.url,
          SHUJUTONG_DB_PREFIX: `sjt_outage_${uniqueSuffix()}`,
          AUDIT_SHIP_RETRY_MAX_MS: '300',
        },
      },
    });
    headers = await platform.headers({ department: 'tax', operator: 'outage-test' });
    person = (await platform.subgraphs.population!.db('people').first('id_number')).id_number;
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
    await database?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('serves while the database is unreachable: the records wait in the journal', async () => {
    await serve(25);
    const { status, body } = await health();
    // Shipping lag is not an outage: the gateway stays in service.
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      audit: {
        status: 'ok',
        journal: 'writable',
        shipping: { connected: false, shippedRecords: 0 },
      },
    });
  });

  it('ships every waiting record once when the database comes back', async () => {
    await database.up();
    await expectAllShippedOnce();
  });

  it('survives a second outage in the middle of traffic, shipping each record once', async () => {
    const during = serve(30);
    await new Promise((r) => setTimeout(r, 50));
    await database.down();
    await during;
    await serve(10);
    expect((await health()).body.audit.shipping.connected).toBe(false);
    await database.up();
    const db = await expectAllShippedOnce();
    const report = await verifyAuditDatabase(db, {
      publicKeys: [platform.audit!.stage.trail!.keys.publicKey],
    });
    expect(report.findings).toEqual([]);
  });
});
