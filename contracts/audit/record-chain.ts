/**
 * Hash chaining of audit records (pure). Each record's hash covers its content, its chain, its
 * sequence number and its predecessor's hash, so changing, removing, inserting or moving any
 * record breaks the chain at that point (verify-chain.ts finds where).
 *
 *   hash = lower-case hex SHA-256 of the UTF-8 canonical JSON (canonical-json.ts) of the
 *          record with every property except `hash` itself.
 *
 * One chain per gateway instance's journal: instances never wait on each other for the head.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { AuditRecord, AuditRecordBody } from './audit-record';

/** The predecessor of the first record of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Where a chain stands: the last record's sequence number and hash (0 and GENESIS_HASH when empty). */
export interface ChainHead {
  readonly chain: string;
  readonly seq: number;
  readonly hash: string;
}

export function emptyChain(chain: string): ChainHead {
  return { chain, seq: 0, hash: GENESIS_HASH };
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function sha256Canonical(value: object): string {
  return sha256Hex(canonicalJson(value));
}

/** The hash a record must carry; any `hash` property of the argument is ignored. */
export function recordHash(record: Omit<AuditRecord, 'hash'> | AuditRecord): string {
  if (!('hash' in record)) return sha256Canonical(record);
  const { hash: _ignored, ...hashed } = record;
  return sha256Canonical(hashed);
}

/**
 * Places a record after `head`; returns the record, the new head, and the record as JSON text:
 * the canonical text that was hashed with `hash` appended as its last member, so that whoever
 * stores the record need not serialise it a second time.
 */
export function chainRecord(
  body: AuditRecordBody,
  head: ChainHead,
): { record: AuditRecord; head: ChainHead; json: string } {
  const unordered: Record<string, unknown> = {
    ...body,
    chain: head.chain,
    seq: head.seq + 1,
    prevHash: head.hash,
  };
  // Members in canonical order, so that hashing takes canonicalJson's fast way.
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(unordered).sort()) ordered[key] = unordered[key];
  const record = ordered as { -readonly [K in keyof AuditRecord]: AuditRecord[K] };
  // Hashed before `hash` is added; the object is not shared until returned.
  const canonical = canonicalJson(record);
  record.hash = sha256Hex(canonical);
  // The canonical text is an object with members: it ends in `}`, and `hash` goes before it.
  const json = `${canonical.slice(0, -1)},"hash":"${record.hash}"}`;
  return { record, head: { chain: head.chain, seq: record.seq, hash: record.hash }, json };
}

export function isRecordIntact(record: AuditRecord): boolean {
  return recordHash(record) === record.hash;
}
