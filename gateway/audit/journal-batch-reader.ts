/**
 * Reads the next batch to ship from the journal's segments: the lines after a cursor, up to
 * what the journal has synced, at most `batchRecords` records. A damaged or unfinished line
 * stops shipping there in the newest segment (it may still be completed or repaired); in an
 * older one the rest of the segment was never acknowledged, so reading moves on to the next.
 */
import path from 'node:path';
import type { AuditRecord } from '../../contracts/audit/audit-record';
import type { Checkpoint } from '../../contracts/audit/checkpoint';
import type { ShipBatch } from './audit-store';
import { parseChunk, segmentFileName, segmentNumbers } from './journal-format';
import type { JournalFs } from './journal-fs';
import type { ParsedLine } from './journal-format';
import type { RecentLines } from './journal-recent-lines';

/** Where shipping stands: a segment and the byte offset after the last shipped line. */
export interface ShipCursor {
  readonly segment: number;
  readonly offset: number;
}

/** The segments a journal writes, and how far each may be read. */
export interface ReadableJournal {
  readonly dir: string;
  /** Bytes of segment `n` that are on stable storage and may be shipped. */
  readableLimit(n: number): number;
  /** Lines just made durable, taken instead of read back where they are there. @default none */
  readonly recent?: RecentLines;
}

export interface ReadResult {
  readonly batch: ShipBatch;
  readonly next: ShipCursor;
  /** False when there is nothing more to read now. */
  readonly progressed: boolean;
}

export interface BatchReaderSettings {
  readonly fs: JournalFs;
  readonly source: ReadableJournal;
  /** Records per batch. */
  readonly batchRecords: number;
  /** Bytes read from a segment at a time. */
  readonly readBytes: number;
  /** Reports damage once per `key`. */
  readonly warn: (key: string, message: string) => void;
}

const EMPTY: ShipBatch = { records: [], documents: new Map(), checkpoints: [] };

/** The first `n` complete lines of `chunk` (all of it when it has fewer). */
function firstLines(chunk: Buffer, n: number): Buffer {
  let end = -1;
  for (let i = 0; i < n; i++) {
    end = chunk.indexOf(0x0a, end + 1);
    if (end < 0) return chunk;
  }
  return chunk.subarray(0, end + 1);
}

export class JournalBatchReader {
  constructor(private readonly settings: BatchReaderSettings) {}

  file(n: number): string {
    return path.join(this.settings.source.dir, segmentFileName(n));
  }

  async read(from: ShipCursor): Promise<ReadResult> {
    const { fs, source, batchRecords, readBytes, warn } = this.settings;
    const numbers = segmentNumbers(await fs.list(source.dir));
    let cursor = from;
    if (!numbers.includes(cursor.segment)) {
      const next = numbers.find((n) => n > cursor.segment);
      if (next === undefined) return { batch: EMPTY, next: cursor, progressed: false };
      cursor = { segment: next, offset: 0 };
    }
    const hasNewer = numbers.some((n) => n > cursor.segment);
    const moveOn = (): ReadResult => {
      const next = numbers.find((n) => n > cursor.segment)!;
      return { batch: EMPTY, next: { segment: next, offset: 0 }, progressed: true };
    };
    const size = (await fs.size(this.file(cursor.segment))) ?? 0;
    const limit = Math.min(size, source.readableLimit(cursor.segment));
    if (cursor.offset >= limit) {
      // An older segment is finished once everything in it has been read.
      if (hasNewer && limit >= size) return moveOn();
      return { batch: EMPTY, next: cursor, progressed: cursor !== from };
    }
    const kept = source.recent?.take(cursor.segment, cursor.offset, limit, batchRecords) ?? [];
    if (kept.length > 0) return this.batchOf(kept, cursor);
    let want = Math.min(limit - cursor.offset, readBytes);
    // Only the lines one batch can take are parsed: after an outage the backlog is many reads
    // long, and parsing all of each read for one batch of it would parse it many times over.
    const read = async () =>
      parseChunk(
        firstLines(await fs.read(this.file(cursor.segment), cursor.offset, want), batchRecords),
        cursor.offset,
      );
    let parsed = await read();
    // A line longer than one read: read more until it ends or the readable part does.
    while (
      parsed.lines.length === 0 &&
      !parsed.bad &&
      parsed.incompleteBytes > 0 &&
      cursor.offset + want < limit
    ) {
      want = Math.min(limit - cursor.offset, want * 2);
      parsed = await read();
    }
    if (parsed.lines.length === 0) {
      const at = parsed.bad?.offset ?? parsed.end;
      const why = parsed.bad ? parsed.bad.reason : 'an incomplete last line';
      if (hasNewer) {
        warn(
          `${cursor.segment}:${at}`,
          `audit journal ${segmentFileName(cursor.segment)}: ${why} at byte ${at}; the rest of this segment is not shipped (it was never acknowledged, or it is damaged)`,
        );
        return moveOn();
      }
      warn(
        `${cursor.segment}:${at}`,
        `audit journal ${segmentFileName(cursor.segment)}: ${why} at byte ${at}; shipping waits here`,
      );
      return { batch: EMPTY, next: cursor, progressed: cursor !== from };
    }
    return this.batchOf(parsed.lines, cursor);
  }

  /** The batch of `lines`, which follow one another from `cursor`. */
  private batchOf(lines: readonly ParsedLine[], cursor: ShipCursor): ReadResult {
    const { batchRecords, warn } = this.settings;
    const records: AuditRecord[] = [];
    const documents = new Map<string, string>();
    const checkpoints: Checkpoint[] = [];
    let end = cursor.offset;
    for (const { line, end: lineEnd } of lines) {
      if (records.length >= batchRecords) break;
      if (line.t === 'record') {
        records.push(line.record);
        if (line.document !== undefined && line.record.documentHash)
          documents.set(line.record.documentHash, line.document);
      } else if (line.t === 'checkpoint') {
        checkpoints.push(line.checkpoint);
      } else if (cursor.offset !== 0 || end !== 0) {
        warn(
          `${cursor.segment}:header`,
          `audit journal ${segmentFileName(cursor.segment)}: a segment header in the middle of the segment`,
        );
      }
      end = lineEnd;
    }
    return {
      batch: { records, documents, checkpoints },
      next: { segment: cursor.segment, offset: end },
      progressed: true,
    };
  }
}
