/**
 * The segment files of the journal and their rotation: the one segment being written, how much
 * of it is on stable storage, when it is full, and the next one's header. A new segment opens
 * with its header and, if the chain moved since the last checkpoint, a checkpoint, so that the
 * newest segment alone tells where the chain stands (see journal-format.ts).
 */
import path from 'node:path';
import type { ChainHead } from '../../contracts/audit/record-chain';
import type { CheckpointSchedule } from './journal-checkpoints';
import {
  encodeLine,
  JOURNAL_FORMAT_VERSION,
  SegmentHeader,
  segmentFileName,
} from './journal-format';
import type { JournalFile, JournalFs } from './journal-fs';
import type { RecentLines } from './journal-recent-lines';
import { cutBack } from './journal-repair';

interface OpenSegment {
  readonly number: number;
  readonly file: JournalFile;
  /** Bytes known to be on stable storage. */
  durable: number;
  /** Bytes handed to write(); differs from durable only while a group is in flight or after a failure. */
  written: number;
}

export interface SegmentSettings {
  readonly fs: JournalFs;
  readonly dir: string;
  readonly instance: string;
  readonly chain: string;
  /** A new segment is started once the current one reaches this size. */
  readonly segmentBytes: number;
  readonly now: () => Date;
  /** Takes a new segment's opening lines for the shipper (journal-recent-lines.ts). @default none */
  readonly recent?: RecentLines;
}

export class SegmentRotation {
  private current: OpenSegment | null = null;
  /** The current segment had a failed write: it must be cut back to `durable` before anything else. */
  private broken = false;
  private nextSegment: number;
  /** A document's text is written once per segment, with the first record that uses it. */
  private readonly documentsInSegment = new Set<string>();

  constructor(
    private readonly settings: SegmentSettings,
    private readonly checkpoints: CheckpointSchedule,
    /** The highest segment number a previous run used. */
    maxSegment: number,
  ) {
    this.nextSegment = maxSegment + 1;
  }

  /** The number of the segment being written, if one is open. */
  get number(): number | null {
    return this.current?.number ?? null;
  }

  get isOpen(): boolean {
    return this.current !== null;
  }

  /** The synced length of segment `n` when it is the one being written, else null. */
  readableLimit(n: number): number | null {
    return this.current && n === this.current.number ? this.current.durable : null;
  }

  /** True the first time a document is used in the current segment: its text goes with this record. */
  firstUse(documentHash: string): boolean {
    if (this.documentsInSegment.has(documentHash)) return false;
    this.documentsInSegment.add(documentHash);
    return true;
  }

  /** Where the next write goes: the current segment and its length as written so far. */
  position(): { readonly segment: number; readonly offset: number } {
    return { segment: this.current!.number, offset: this.current!.written };
  }

  /** Appends `data` to the current segment and syncs it; resolves with whether the segment is now full. */
  async write(data: Buffer): Promise<boolean> {
    const segment = this.current!;
    segment.written += data.length;
    await segment.file.writeDurable(data);
    segment.durable = segment.written;
    return segment.durable >= this.settings.segmentBytes;
  }

  /** After a failed write: whether bytes beyond the synced ones may have reached the file. */
  markBroken(): void {
    this.broken = this.current !== null && this.current.written !== this.current.durable;
  }

  /** Cuts a broken segment back to its last synced byte: what lies beyond was refused to its callers. */
  async cutBackBroken(): Promise<void> {
    if (this.current && this.broken) {
      await cutBack(this.current.file, this.current.durable);
      this.broken = false;
    }
  }

  /** Closes the current segment, if any; a failing close loses nothing, its data is synced or cut off. */
  async closeCurrent(): Promise<void> {
    if (this.current) {
      const old = this.current;
      this.current = null;
      await old.file.close().catch(() => undefined);
    }
  }

  /** Closes the full segment and starts the next one at `head`. */
  async rotate(head: ChainHead): Promise<void> {
    const old = this.current!;
    this.current = null;
    await old.file.close();
    await this.start(head);
  }

  /** A new segment opens with its header and, if the chain moved since the last checkpoint, a checkpoint. */
  async start(head: ChainHead): Promise<void> {
    const { fs, dir } = this.settings;
    const number = this.nextSegment++;
    const file = path.join(dir, segmentFileName(number));
    const now = this.settings.now();
    const header: SegmentHeader = {
      t: 'segment',
      v: JOURNAL_FORMAT_VERSION,
      segment: number,
      chain: this.settings.chain,
      instance: this.settings.instance,
      created: now.toISOString(),
      head: { seq: head.seq, hash: head.hash },
    };
    const lines = [encodeLine(header)];
    const checkpoint = this.checkpoints.uncovered > 0;
    if (checkpoint) lines.push(this.checkpoints.line(head, now));
    const data = Buffer.concat(lines);
    const handle = await fs.create(file);
    try {
      await handle.write(data);
      await handle.sync();
      await fs.syncDir(dir);
    } catch (err) {
      await handle.close().catch(() => undefined);
      await fs.remove(file).catch(() => undefined);
      throw err;
    }
    this.current = { number, file: handle, durable: data.length, written: data.length };
    this.documentsInSegment.clear();
    this.settings.recent?.addEncoded(number, 0, lines);
    if (checkpoint) this.checkpoints.covered(now);
  }
}
