/**
 * What the journal learns on opening from the segments a previous run left: the chain, where
 * it stands, whether its last checkpoint covers the head, and where an unfinished write (a crash
 * in the middle of a group) must be cut back. Only the newest segments are read: everything
 * before them was synced before they were created.
 */
import path from 'node:path';
import { parseChunk, segmentFileName } from './journal-format';
import { JournalFs } from './journal-fs';
import type { ChainHead } from '../../contracts/audit/record-chain';

/** Where the newest segment of a previous run must be cut back: its end was never synced. */
export interface Repair {
  readonly segment: number;
  readonly offset: number;
}

export interface ScanResult {
  chain: string | null;
  head: ChainHead | null;
  lastCheckpointSeq: number;
  repair: Repair | null;
  /** Newest segment files holding no valid line at all: a crash while creating them. */
  empty: number[];
  maxSegment: number;
}

/**
 * Reads the newest segments (newest first) until one holds a valid header: that segment tells
 * the chain, its head and where an unfinished write must be cut back.
 */
export async function scanNewest(
  fs: JournalFs,
  dir: string,
  numbers: number[],
  instance: string,
  warn: (m: string) => void,
): Promise<ScanResult> {
  const result: ScanResult = {
    chain: null,
    head: null,
    lastCheckpointSeq: 0,
    repair: null,
    empty: [],
    maxSegment: numbers.length ? numbers[numbers.length - 1] : 0,
  };
  for (let i = numbers.length - 1; i >= 0; i--) {
    const n = numbers[i];
    const file = path.join(dir, segmentFileName(n));
    const size = (await fs.size(file)) ?? 0;
    const parsed = parseChunk(await fs.read(file, 0, size), 0);
    const header = parsed.lines[0]?.line;
    if (!header || header.t !== 'segment') {
      if (parsed.lines.length === 0 && result.chain === null) {
        warn(
          `audit journal ${segmentFileName(n)}: no header (${size} bytes); a crash while it was being created, it will be removed`,
        );
        result.empty.push(n);
        continue;
      }
      throw new Error(
        `audit journal ${file} does not start with a segment header; move it aside or repair it before starting`,
      );
    }
    if (header.instance !== instance)
      throw new Error(
        `the audit journal at ${dir} belongs to gateway instance "${header.instance}", not "${instance}"`,
      );
    if (parsed.bad || parsed.incompleteBytes > 0) {
      const cut = size - parsed.end;
      const why = parsed.bad ? parsed.bad.reason : 'an incomplete last line';
      warn(
        `audit journal ${segmentFileName(n)}: ${why} at byte ${parsed.end}; the ${cut} bytes from there were never acknowledged and are cut off`,
      );
      result.repair = { segment: n, offset: parsed.end };
    }
    result.chain = header.chain;
    result.head = { chain: header.chain, seq: header.head.seq, hash: header.head.hash };
    result.lastCheckpointSeq = header.head.seq;
    let sawCheckpoint = false;
    for (const { line } of parsed.lines) {
      if (line.t === 'record')
        result.head = { chain: header.chain, seq: line.record.seq, hash: line.record.hash };
      if (line.t === 'checkpoint') {
        result.lastCheckpointSeq = line.checkpoint.seq;
        sawCheckpoint = true;
      }
    }
    // Without a checkpoint in this segment, whether the header's head was checkpointed is unknown: sign it again.
    if (!sawCheckpoint && result.head.seq > 0) result.lastCheckpointSeq = result.head.seq - 1;
    return result;
  }
  return result;
}
