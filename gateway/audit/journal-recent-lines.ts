/**
 * The lines of the current segment that were just made durable, as the objects they were written
 * from, for the shipper: while it keeps up, a round takes its batch from here instead of reading
 * the segment back and parsing every line again (a read, a JSON parse and a check of each record,
 * some 4 KB for an applicant profile's, per request on the gateway's thread).
 *
 * The file stays the truth: a line is found here only by the exact byte offset it was written at
 * in the exact segment, and only once it is on stable storage (the group commit adds it after the
 * sync). Anything not found (a segment's header, a line dropped because the shipper fell behind
 * and this filled up, the lines of a previous run, a batch stored again after a failure) is read
 * from the file as before, so a batch is the same either way.
 */
import { decodeLine, JournalLine, ParsedLine } from './journal-format';

/** Lines kept at most: about four shipping rounds of a gateway at 2,000 requests a second. */
export const RECENT_LINES = 2000;
/**
 * Bytes of lines kept at most. A line carries its document's text on the document's first use in
 * a segment, up to the request body limit: a caller sending new large documents while shipping
 * is stalled (the audit database down) must not make these lines hold hundreds of MiB.
 */
export const RECENT_BYTES = 16 * 1024 * 1024;

export class RecentLines {
  private segment: number | null = null;
  /** By the offset each line starts at, in the order written (ascending offsets). */
  private readonly lines = new Map<number, ParsedLine>();
  private heldBytes = 0;

  constructor(
    private readonly max: number = RECENT_LINES,
    private readonly maxBytes: number = RECENT_BYTES,
  ) {}

  /** Lines kept now. */
  get size(): number {
    return this.lines.size;
  }

  /** Bytes of the lines kept now, as written in the segment. */
  get bytes(): number {
    return this.heldBytes;
  }

  /** A durable line of `segment`, from byte `offset` to `end` (after its newline). */
  add(segment: number, offset: number, line: JournalLine, end: number): void {
    if (segment !== this.segment) {
      this.lines.clear();
      this.heldBytes = 0;
      this.segment = segment;
    }
    // A shipper this far behind reads the file; the lines it will ask for next are kept.
    if (this.lines.size >= this.max || this.heldBytes + (end - offset) > this.maxBytes) return;
    this.lines.set(offset, { line, end });
    this.heldBytes += end - offset;
  }

  /**
   * Lines of `segment` from `offset` on as their bytes (a segment's header, a checkpoint): decoded
   * here, a few per thousand records. Returns the offset after them.
   */
  addEncoded(segment: number, offset: number, lines: readonly Buffer[]): number {
    let at = offset;
    for (const bytes of lines) {
      const line = decodeLine(bytes.toString('utf8', 0, bytes.length - 1));
      if (typeof line === 'string') break;
      this.add(segment, at, line, at + bytes.length);
      at += bytes.length;
    }
    return at;
  }

  private drop(offset: number, line: ParsedLine): void {
    this.lines.delete(offset);
    this.heldBytes -= line.end - offset;
  }

  /**
   * The lines of `segment` from `offset` on, one after the other, that end within `limit`, at
   * most `maxLines` of them; empty when the line at `offset` is not here. What lies before
   * `offset` was shipped and is dropped, and so is what is returned.
   */
  take(segment: number, offset: number, limit: number, maxLines: number): ParsedLine[] {
    if (segment !== this.segment) return [];
    for (const [start, line] of this.lines) {
      if (start >= offset) break;
      this.drop(start, line);
    }
    const out: ParsedLine[] = [];
    let at = offset;
    // At most `lines` lines, as the file's reader parses at most that many (a batch's records).
    while (out.length < maxLines) {
      const next = this.lines.get(at);
      if (next === undefined || next.end > limit) break;
      out.push(next);
      this.drop(at, next);
      at = next.end;
    }
    return out;
  }
}
