/**
 * The audit database going away and coming back, on a real MariaDB: first a shipper pointed at
 * a port where nothing listens, then one whose connection passes through a proxy that is cut
 * and restored while the gateway keeps journalling.
 */
import fs from 'node:fs';
import net from 'node:net';
import { describeWithService } from '../../../test/utils/services';
import { buildRecordBody } from '../../../contracts/audit/audit-record';
import { openAuditDatabase } from '../audit-store';
import { Journal } from '../journal';
import { CURSOR_FILE, JournalShipper } from '../journal-shipper';
import { verifyAuditDatabase } from '../verify-database';
import {
  countRows,
  entry,
  tempDir,
  testAuditDatabase,
  TestAuditDatabase,
  testKeys,
} from '../../../test/utils/audit-fixtures';

const keys = testKeys();

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

/** A TCP proxy to MariaDB that can be cut (every connection dropped, no new ones) and restored. */
class CuttableProxy {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  constructor(
    readonly port: number,
    private readonly upstream: { host: string; port: number },
  ) {}
  async up(): Promise<void> {
    this.server = net.createServer((client) => {
      const server = net.connect(this.upstream);
      for (const s of [client, server]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(server).pipe(client);
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
  }
  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server?.close(r));
    this.server = null;
  }
}

/**
 * Each case migrates a fresh audit database on MariaDB: two partitioned tables of 14 partitions,
 * each a file created and fsynced. On a quiet machine a case takes under a second; on a loaded CI
 * machine one took longer than Jest's default 5 s.
 */
const MARIADB_DEADLINE_MS = 30_000;

describeWithService('mysql', 'shipping through a MariaDB outage', () => {
  let dir: string;
  let database: TestAuditDatabase;
  let journal: Journal;
  const shippers: JournalShipper[] = [];
  const append = (from: number, to: number) =>
    Promise.all(
      Array.from({ length: to - from + 1 }, (_, k) =>
        journal.append(
          buildRecordBody(entry(from + k), { instance: 'gw-o', key: keys.hmac }),
          entry(from + k).document!,
        ),
      ),
    );

  beforeEach(async () => {
    dir = tempDir('outage-');
    database = testAuditDatabase('mysql');
    journal = await Journal.open({
      dir,
      instance: 'gw-o',
      signer: keys.signer,
      checkpointEveryRecords: 10,
    });
  });
  afterEach(async () => {
    for (const s of shippers.splice(0)) await s.stop();
    await journal.close();
    await database.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'keeps records while the database is unreachable and ships each once from the real one',
    async () => {
      await append(1, 30);
      const url = new URL(process.env.MYSQL_URL!);
      const unreachable = {
        ...database.target,
        url: `mysql://${url.username || 'root'}@127.0.0.1:${await freePort()}`,
      } as typeof database.target;
      const dead = new JournalShipper({
        source: journal,
        connect: () => openAuditDatabase(unreachable),
        target: 'unreachable',
      });
      shippers.push(dead);
      await expect(dead.drain()).rejects.toThrow(/ECONNREFUSED/);
      expect(dead.status().connected).toBe(false);

      const live = new JournalShipper({
        source: journal,
        connect: () => database.connect(),
        target: 'live',
        onWarning: () => undefined,
      });
      shippers.push(live);
      expect(await live.drain()).toBe(30);
      const db = await database.connect();
      const once = await countRows(db);
      expect(once.audit_records).toBe(30);
      // Shipping everything again changes nothing.
      fs.rmSync(`${dir}/${CURSOR_FILE}`);
      const again = new JournalShipper({
        source: journal,
        connect: () => database.connect(),
        target: 'live',
      });
      shippers.push(again);
      expect(await again.drain()).toBe(30);
      expect(await countRows(db)).toEqual(once);
    },
    MARIADB_DEADLINE_MS,
  );

  it(
    'resumes shipping when the database comes back, with every record once and the chain intact',
    async () => {
      const url = new URL(process.env.MYSQL_URL!);
      const proxy = new CuttableProxy(await freePort(), {
        host: url.hostname,
        port: Number(url.port) || 3306,
      });
      await proxy.up();
      const viaProxy = {
        ...database.target,
        url: `mysql://${url.username || 'root'}${url.password ? `:${url.password}` : ''}@127.0.0.1:${proxy.port}`,
      } as typeof database.target;
      const shipper = new JournalShipper({
        source: journal,
        connect: () => openAuditDatabase(viaProxy),
        target: 'proxied',
        retryMinMs: 20,
        retryMaxMs: 100,
      });
      shippers.push(shipper);
      try {
        await append(1, 10);
        expect(await shipper.drain()).toBe(10);
        await proxy.down();
        await append(11, 25);
        await expect(shipper.drain()).rejects.toThrow();
        expect(shipper.status().connected).toBe(false);
        await proxy.up();
        // The background loop retries by itself; wait for it.
        shipper.start();
        for (let i = 0; i < 200 && !(shipper.status().caughtUp && shipper.status().connected); i++)
          await new Promise((r) => setTimeout(r, 25));
        await append(26, 30);
        await shipper.drain();
      } finally {
        await shipper.stop();
        await proxy.down();
      }
      const db = await database.connect();
      expect((await countRows(db)).audit_records).toBe(30);
      const report = await verifyAuditDatabase(db, { publicKeys: [keys.publicKey] });
      expect(report.findings).toEqual([]);
      expect(report.chains[0]).toMatchObject({ records: 30, firstSeq: 1, lastSeq: 30 });
    },
    MARIADB_DEADLINE_MS,
  );
});
