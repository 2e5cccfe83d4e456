/**
 * The shipper's position, kept in a cursor file beside the segments and replaced atomically
 * after each committed batch, and the removal of segments it has moved past. A cursor written
 * for another database, or one that cannot be read, starts over at the beginning: shipping a
 * batch twice is harmless (the database skips existing keys), skipping one is not.
 */
import path from 'node:path';
import type { ShipCursor } from './journal-batch-reader';
import { segmentNumbers } from './journal-format';
import type { JournalFs } from './journal-fs';

export const CURSOR_FILE = 'ship-cursor.json';

export interface ShipCursorSettings {
  readonly fs: JournalFs;
  /** The journal directory. */
  readonly dir: string;
  /** Names the database in the cursor file. */
  readonly target: string;
  /** Keep segments after shipping them. */
  readonly keepShipped: boolean;
  /** The path of segment `n`. */
  readonly file: (n: number) => string;
  /** Reports a problem once per `key`. */
  readonly warn: (key: string, message: string) => void;
}

export class ShipCursorFile {
  private cursor: ShipCursor | null = null;

  constructor(private readonly settings: ShipCursorSettings) {}

  /** The last saved or loaded position; null before the first load. */
  get current(): ShipCursor | null {
    return this.cursor;
  }

  async load(): Promise<ShipCursor> {
    if (this.cursor) return this.cursor;
    const { fs, dir, target, warn } = this.settings;
    const text = await fs.readText(path.join(dir, CURSOR_FILE));
    let cursor: ShipCursor = { segment: 0, offset: 0 };
    if (text !== null) {
      try {
        const saved = JSON.parse(text) as { target?: unknown; segment?: unknown; offset?: unknown };
        if (
          saved.target === target &&
          Number.isSafeInteger(saved.segment) &&
          Number.isSafeInteger(saved.offset)
        ) {
          cursor = { segment: saved.segment as number, offset: saved.offset as number };
        } else if (saved.target !== target) {
          warn(
            `target:${String(saved.target)}`,
            `audit shipper: the cursor was for ${String(saved.target)}; shipping the whole journal to ${target}`,
          );
        }
      } catch {
        warn(
          'cursor',
          `audit shipper: ${CURSOR_FILE} is unreadable; shipping the whole journal again (duplicates are ignored)`,
        );
      }
    }
    this.cursor = cursor;
    return cursor;
  }

  async save(cursor: ShipCursor): Promise<void> {
    const { fs, dir, target } = this.settings;
    const text = `${JSON.stringify({ v: 1, target, segment: cursor.segment, offset: cursor.offset, updated: new Date().toISOString() })}\n`;
    await fs.replaceFile(path.join(dir, CURSOR_FILE), text);
    this.cursor = cursor;
  }

  /**
   * Deletes the segments wholly behind the cursor, once the cursor's segment (and its header) has
   * been read. `makeShippedDurable` runs first: the rows shipped from them must be on disk, not
   * only committed, before their only other copy goes.
   */
  async removeShipped(
    cursor: ShipCursor,
    makeShippedDurable: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    const { fs, dir } = this.settings;
    if (this.settings.keepShipped || cursor.offset === 0) return;
    const old = segmentNumbers(await fs.list(dir)).filter((n) => n < cursor.segment);
    if (old.length === 0) return;
    await makeShippedDurable();
    // The cursor must survive a crash before the segments it points past disappear.
    await fs.syncDir(dir);
    for (const n of old) await fs.remove(this.settings.file(n));
  }
}
