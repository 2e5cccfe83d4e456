/**
 * The shipper takes the lines a group commit just made durable from memory instead of reading the
 * segment back. The batches must be the very batches the file gives: the same records, documents
 * and checkpoints, in the same order, to the same cursors, across segments and checkpoints, and
 * whether the shipper keeps up or falls behind what memory keeps.
 */
import fs from 'node:fs';
import { buildRecordBody } from '../../../contracts/audit/audit-record';
import { Journal } from '../journal';
import { JournalBatchReader, ReadableJournal, ShipCursor } from '../journal-batch-reader';
import { nodeJournalFs, JournalFs } from '../journal-fs';
import type { JournalLine } from '../journal-format';
import { RecentLines } from '../journal-recent-lines';
import type { ShipBatch } from '../audit-store';
import { entry, tempDir, testKeys } from '../../../test/utils/audit-fixtures';

const keys = testKeys();
const INSTANCE = 'gw-recent';

/** Records of two documents taking turns, so some lines carry a document's text and some not. */
function body(i: number) {
  const document =
    i % 2 === 0
      ? 'query PersonLookup($id: ID!) { person(idNumber: $id) { name phone } }'
      : 'query Names($id: ID!) { person(idNumber: $id) { name } }';
  return buildRecordBody(entry(i, { document }), { instance: INSTANCE, key: keys.hmac });
}
const documentOf = (i: number) => entry(i).document ?? null;

/** node:fs with the segment reads counted. */
function countingFs(): JournalFs & { reads: number } {
  const counted = {
    ...nodeJournalFs,
    reads: 0,
    read(file: string, offset: number, length: number) {
      counted.reads++;
      return nodeJournalFs.read(file, offset, length);
    },
  };
  return counted;
}

/** Every batch from the start until nothing more can be read, and where reading ended. */
async function shipAll(
  source: ReadableJournal,
  fs: JournalFs,
  batchRecords: number,
  between: () => Promise<void> = async () => undefined,
): Promise<{ batches: ShipBatch[]; cursor: ShipCursor }> {
  const reader = new JournalBatchReader({
    fs,
    source,
    batchRecords,
    readBytes: 64 * 1024,
    warn: (key, message) => {
      throw new Error(`${key}: ${message}`);
    },
  });
  const batches: ShipBatch[] = [];
  let cursor: ShipCursor = { segment: 0, offset: 0 };
  for (;;) {
    const { batch, next, progressed } = await reader.read(cursor);
    if (!progressed) return { batches, cursor };
    if (batch.records.length > 0 || batch.checkpoints.length > 0) batches.push(batch);
    cursor = next;
    await between();
  }
}

/** What a sequence of batches ships, whatever their bounds. */
function shipped(batches: readonly ShipBatch[]) {
  return {
    records: batches.flatMap((b) => b.records.map((r) => JSON.stringify(r))),
    documents: batches.flatMap((b) => [...b.documents]),
    checkpoints: batches.flatMap((b) => b.checkpoints),
  };
}

let dirs: string[] = [];
const journals: Journal[] = [];
afterEach(async () => {
  for (const j of journals.splice(0)) await j.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

async function journalWith(
  records: number,
  options: { segmentBytes?: number; recentLines?: number } = {},
) {
  const dir = tempDir('recent-');
  dirs.push(dir);
  const journal = await Journal.open({
    dir,
    instance: INSTANCE,
    signer: keys.signer,
    // Several segments and checkpoints inside the run.
    segmentBytes: options.segmentBytes ?? 16 * 1024,
    checkpointEveryRecords: 7,
    recentLines: options.recentLines,
  });
  journals.push(journal);
  for (let i = 0; i < records; i += 5)
    await Promise.all(
      Array.from({ length: Math.min(5, records - i) }, (_, k) =>
        journal.append(body(i + k), documentOf(i + k)),
      ),
    );
  return journal;
}

/** The journal's segments as the file gives them: the same source without the kept lines. */
const fromFileOnly = (journal: Journal): ReadableJournal => ({
  dir: journal.dir,
  readableLimit: (n) => journal.readableLimit(n),
});

describe('shipping the lines a group commit just made durable', () => {
  it('gives the batches the file gives, across segments and checkpoints, reading the file far less', async () => {
    const journal = await journalWith(60);
    const fileFs = countingFs();
    const file = await shipAll(fromFileOnly(journal), fileFs, 4);
    const keptFs = countingFs();
    const kept = await shipAll(journal, keptFs, 4);

    expect(shipped(kept.batches)).toEqual(shipped(file.batches));
    expect(kept.cursor).toEqual(file.cursor);
    const all = shipped(file.batches);
    expect(all.records).toHaveLength(60);
    expect(all.checkpoints.length).toBeGreaterThan(3);
    expect(all.documents.length).toBeGreaterThan(2);
    // The current segment's lines come from memory; older segments' from the file.
    expect(keptFs.reads).toBeLessThan(fileFs.reads);
  });

  it('reads what memory no longer keeps from the file, the same batches in the same order', async () => {
    // One segment, and twenty lines kept at most: the rest of a lagging shipper's backlog is in
    // the file only, and so is the segment's header.
    const journal = await journalWith(50, { segmentBytes: 64 * 1024 * 1024, recentLines: 20 });
    expect(journal.recent.size).toBe(20);
    const fileFs = countingFs();
    const fileOnly = await shipAll(fromFileOnly(journal), fileFs, 6);
    const mixedFs = countingFs();
    const mixed = await shipAll(journal, mixedFs, 6);
    expect(shipped(mixed.batches)).toEqual(shipped(fileOnly.batches));
    expect(mixed.cursor).toEqual(fileOnly.cursor);
    expect(shipped(mixed.batches).records).toHaveLength(50);
    expect(mixedFs.reads).toBeLessThan(fileFs.reads);
    expect(journal.recent.size).toBe(0);
  });

  it('keeps no more bytes than its bound, however large the documents lines carry', () => {
    const line = { t: 'segment' } as unknown as JournalLine;
    const recent = new RecentLines(100, 1000);
    recent.add(1, 0, line, 600);
    recent.add(1, 600, line, 1100); // would hold 1,100 bytes: left to the file
    recent.add(1, 1100, line, 1500);
    expect(recent.size).toBe(2);
    expect(recent.bytes).toBe(1000);
    expect(recent.take(1, 0, 2000, 10).map((l) => l.end)).toEqual([600]);
    expect(recent.bytes).toBe(400);
    // Shipped past from the file: dropped, and the room is free again.
    expect(recent.take(1, 1500, 2000, 10)).toEqual([]);
    expect(recent.bytes).toBe(0);
    recent.add(1, 1500, line, 2400);
    expect(recent.bytes).toBe(900);
  });

  it('keeps lines by segment and offset, hands each out once, and drops what was shipped past', () => {
    const line = (i: number): JournalLine =>
      ({
        t: 'checkpoint',
        checkpoint: { chain: 'c', seq: i, hash: 'h', time: 't', keyId: 'k', signature: 's', v: 1 },
      }) as unknown as JournalLine;
    const recent = new RecentLines(3);
    recent.add(1, 100, line(1), 150);
    recent.add(1, 150, line(2), 200);
    recent.add(1, 200, line(3), 260);
    recent.add(1, 260, line(4), 300); // full: not kept
    expect(recent.size).toBe(3);
    // Not durable beyond 250 yet: the line ending at 260 waits.
    expect(recent.take(1, 100, 250, 10).map((l) => l.end)).toEqual([150, 200]);
    expect(recent.take(1, 200, 300, 10).map((l) => l.end)).toEqual([260]);
    // Handed out already, or never kept: the file has it.
    expect(recent.take(1, 100, 300, 10)).toEqual([]);
    expect(recent.take(1, 260, 300, 10)).toEqual([]);
    recent.add(1, 300, line(5), 340);
    recent.add(1, 340, line(6), 380);
    // Asked from 340: the line at 300 was shipped from the file, and is dropped.
    expect(recent.take(1, 340, 400, 10).map((l) => l.end)).toEqual([380]);
    expect(recent.size).toBe(0);
    // Another segment: what the last one kept is gone, and nothing of it is given for this one.
    recent.add(1, 400, line(7), 450);
    recent.add(2, 0, line(8), 40);
    expect(recent.take(1, 400, 500, 10)).toEqual([]);
    expect(recent.take(2, 0, 100, 1).map((l) => l.end)).toEqual([40]);
  });
});
