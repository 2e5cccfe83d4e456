/**
 * The local journal's on-disk format: append-only segment files of one JSON object per line.
 *
 *   segment-000000000001.jsonl, segment-000000000002.jsonl, …  (numbered in order of creation)
 *
 * The first line of a segment is its header, which repeats the chain id and the chain head at
 * the segment's start, so that the newest segment alone tells where the chain stands even after
 * older, shipped segments are deleted. Then record and checkpoint lines in chain order. A
 * record's document text travels with the first record that uses it in the segment.
 *
 * A crash can leave the last line of the newest segment incomplete: readers ignore and report
 * it; nothing after an incomplete line was ever acknowledged (see journal.ts).
 */
import type { AuditRecord } from '../../contracts/audit/audit-record';
import type { Checkpoint } from '../../contracts/audit/checkpoint';

export const JOURNAL_FORMAT_VERSION = 1;

export interface SegmentHeader {
  readonly t: 'segment';
  readonly v: typeof JOURNAL_FORMAT_VERSION;
  readonly segment: number;
  readonly chain: string;
  readonly instance: string;
  readonly created: string;
  readonly head: { readonly seq: number; readonly hash: string };
}

export interface RecordLine {
  readonly t: 'record';
  readonly record: AuditRecord;
  /** The GraphQL document, on the first record in the segment that refers to it. */
  readonly document?: string;
}

export interface CheckpointLine {
  readonly t: 'checkpoint';
  readonly checkpoint: Checkpoint;
}

export type JournalLine = SegmentHeader | RecordLine | CheckpointLine;

export function encodeLine(line: JournalLine): Buffer {
  return Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
}

/**
 * A record line from the record's JSON text as chainRecord gives it (record-chain.ts): the same
 * line as encodeLine({ t: 'record', record, document }), without serialising the record again.
 */
export function encodeRecordLine(recordJson: string, document?: string): Buffer {
  const tail = document === undefined ? '' : `,"document":${JSON.stringify(document)}`;
  return Buffer.from(`{"t":"record","record":${recordJson}${tail}}\n`, 'utf8');
}

const SEGMENT_NAME = /^segment-(\d{12})\.jsonl$/;

export function segmentFileName(n: number): string {
  return `segment-${String(n).padStart(12, '0')}.jsonl`;
}

export function segmentNumber(fileName: string): number | null {
  const m = SEGMENT_NAME.exec(fileName);
  return m ? Number(m[1]) : null;
}

/** Segment numbers found among `names`, ascending. */
export function segmentNumbers(names: readonly string[]): number[] {
  return names
    .map(segmentNumber)
    .filter((n): n is number => n !== null)
    .sort((a, b) => a - b);
}

const HEX64 = /^[0-9a-f]{64}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isRecord(v: unknown): v is AuditRecord {
  return (
    isObject(v) &&
    typeof v.id === 'string' &&
    typeof v.chain === 'string' &&
    Number.isSafeInteger(v.seq) &&
    typeof v.time === 'string' &&
    typeof v.prevHash === 'string' &&
    typeof v.hash === 'string' &&
    HEX64.test(v.hash)
  );
}

function isCheckpoint(v: unknown): v is Checkpoint {
  return (
    isObject(v) &&
    typeof v.chain === 'string' &&
    Number.isSafeInteger(v.seq) &&
    typeof v.hash === 'string' &&
    typeof v.signature === 'string'
  );
}

/** A line's object if it is a well-formed journal line, else why not. */
export function decodeLine(text: string): JournalLine | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!isObject(value)) return 'not an object';
  switch (value.t) {
    case 'segment':
      return Number.isSafeInteger(value.segment) &&
        typeof value.chain === 'string' &&
        isObject(value.head)
        ? (value as unknown as SegmentHeader)
        : 'malformed segment header';
    case 'record':
      return isRecord(value.record) &&
        (value.document === undefined || typeof value.document === 'string')
        ? (value as unknown as RecordLine)
        : 'malformed record';
    case 'checkpoint':
      return isCheckpoint(value.checkpoint)
        ? (value as unknown as CheckpointLine)
        : 'malformed checkpoint';
    default:
      return `unknown line type ${JSON.stringify(value.t)}`;
  }
}

export interface ParsedLine {
  readonly line: JournalLine;
  /** Byte offset (in the file) just after this line's newline. */
  readonly end: number;
}

export interface ParsedChunk {
  readonly lines: ParsedLine[];
  /** The first line that could not be decoded, if any; parsing stops there. */
  readonly bad: { readonly offset: number; readonly reason: string } | null;
  /** Offset just after the last complete line looked at (a bad line's start when bad is set). */
  readonly end: number;
  /** Bytes after `end` that do not (yet) end in a newline. */
  readonly incompleteBytes: number;
}

/**
 * Parses the complete lines of `chunk`, which starts at byte `offset` of a segment. Stops at
 * the first undecodable line: in the newest segment everything from there on is an unfinished
 * write; in an older one it is damage that a person must look at, never skipped silently.
 */
export function parseChunk(chunk: Buffer, offset: number): ParsedChunk {
  const lines: ParsedLine[] = [];
  let start = 0;
  for (;;) {
    const nl = chunk.indexOf(0x0a, start);
    if (nl < 0) break;
    const decoded = decodeLine(chunk.toString('utf8', start, nl));
    if (typeof decoded === 'string')
      return {
        lines,
        bad: { offset: offset + start, reason: decoded },
        end: offset + start,
        incompleteBytes: 0,
      };
    lines.push({ line: decoded, end: offset + nl + 1 });
    start = nl + 1;
  }
  return { lines, bad: null, end: offset + start, incompleteBytes: chunk.length - start };
}
