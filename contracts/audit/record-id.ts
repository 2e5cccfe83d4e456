/**
 * Record ids are UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits. Being
 * time-ordered, they make the audit tables' primary keys (id, time) grow at one end, so InnoDB
 * appends instead of splitting pages all over a 10,000,000-row index as random UUIDs would.
 */
import { randomFillSync } from 'node:crypto';

/** Random bytes drawn in bulk: one getrandom call per 256 ids instead of one each (as randomUUID does). */
const pool = Buffer.alloc(16 * 256);
let used = pool.length;

export function uuidV7(ms: number = Date.now()): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const b = Buffer.from(pool.subarray(used, used + 16));
  used += 16;
  const t = Math.max(0, Math.trunc(ms));
  // 48-bit big-endian timestamp: split because bitwise operators work on 32 bits.
  const high = Math.floor(t / 2 ** 16);
  b.writeUInt32BE(high >>> 0, 0);
  b.writeUInt16BE(t % 2 ** 16, 4);
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
