/**
 * The journal's and the shipper's observers, for the gateway's metrics: every group written and
 * synced is reported with its duration, and the shipper says which record it shipped last, so
 * what still waits can be counted.
 */
import fs from 'node:fs';
import { Knex } from 'knex';
import { buildRecordBody } from '../../../contracts/audit/audit-record';
import { Journal } from '../journal';
import { JournalShipper } from '../journal-shipper';
import {
  entry,
  tempDir,
  testAuditDatabase,
  TestAuditDatabase,
  testKeys,
} from '../../../test/utils/audit-fixtures';

const keys = testKeys();
const body = (i: number) => buildRecordBody(entry(i), { instance: 'gw-o', key: keys.hmac });

let dir: string;
let database: TestAuditDatabase;
let db: Knex;

beforeEach(async () => {
  dir = tempDir('observe-');
  database = testAuditDatabase('sqlite');
  db = await database.connect();
});
afterEach(async () => {
  await database.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('reports each group commit with its record count and duration', async () => {
  const commits: [number, number][] = [];
  const journal = await Journal.open({
    dir,
    instance: 'gw-o',
    signer: keys.signer,
    onGroupCommit: (records, ms) => commits.push([records, ms]),
  });
  await Promise.all([1, 2, 3].map((i) => journal.append(body(i), null)));
  await journal.append(body(4), null);
  expect(commits.reduce((n, [records]) => n + records, 0)).toBe(4);
  for (const [, ms] of commits) expect(ms).toBeGreaterThanOrEqual(0);
  await journal.close();
});

it('survives an observer that throws', async () => {
  const journal = await Journal.open({
    dir,
    instance: 'gw-o',
    signer: keys.signer,
    onGroupCommit: () => {
      throw new Error('a broken observer');
    },
  });
  await expect(journal.append(body(1), null)).resolves.toMatchObject({ seq: 1 });
  expect(journal.status().available).toBe(true);
  await journal.close();
});

it('names the last record shipped, so the records still waiting can be counted', async () => {
  const journal = await Journal.open({ dir, instance: 'gw-o', signer: keys.signer });
  const shipper = new JournalShipper({
    source: journal,
    connect: async () => db,
    target: 'test-db',
  });
  expect(shipper.status().lastShippedSeq).toBeNull();
  for (const i of [1, 2, 3]) await journal.append(body(i), null);
  await shipper.drain();
  expect(shipper.status().lastShippedSeq).toBe(3);
  await shipper.stop();
  await journal.close();
});
