/**
 * Repair of a torn tail: the bytes after the last synced one were refused to their callers (a
 * failed write) or never acknowledged (a crash in the middle of a group), so they are cut off
 * before the journal writes again. A segment file with no valid line at all is a crash while it
 * was being created, and is removed. Until the repair is applied, the shipper reads a torn
 * segment only up to its cut-back point.
 */
import path from 'node:path';
import { segmentFileName } from './journal-format';
import type { JournalFile, JournalFs } from './journal-fs';
import type { Repair, ScanResult } from './journal-scan';

/** Cuts `file` back to `length` bytes and makes the cut durable. */
export async function cutBack(file: JournalFile, length: number): Promise<void> {
  await file.truncate(length);
  await file.sync();
}

/** The damage a previous run left in its newest segments, until it is repaired. */
export class TornTailRepair {
  private repair: Repair | null;
  private emptySegments: number[];

  constructor(
    private readonly fs: JournalFs,
    private readonly dir: string,
    scan: Pick<ScanResult, 'repair' | 'empty'>,
  ) {
    this.repair = scan.repair;
    this.emptySegments = scan.empty;
  }

  /** How far segment `n` may be read while its repair is outstanding; null when it has none. */
  readableLimit(n: number): number | null {
    return this.repair && n === this.repair.segment ? this.repair.offset : null;
  }

  async apply(): Promise<void> {
    if (this.repair) {
      const file = await this.fs.openExisting(
        path.join(this.dir, segmentFileName(this.repair.segment)),
      );
      try {
        await cutBack(file, this.repair.offset);
      } finally {
        await file.close();
      }
      this.repair = null;
    }
    for (const n of this.emptySegments)
      await this.fs.remove(path.join(this.dir, segmentFileName(n)));
    if (this.emptySegments.length > 0) await this.fs.syncDir(this.dir);
    this.emptySegments = [];
  }
}
