/**
 * Opaque, tamper-evident page cursors. A keyset cursor holds the last row's key, and keys are
 * often personal data (a `people` page is keyed by ID number) or reveal order; so the key is
 * encrypted and authenticated (AES-256-GCM) with a key derived from the deployment's subgraph
 * signing secret (HKDF-SHA256, its own label), and bound to its connection — the field's schema
 * coordinate and its filter arguments — as additional authenticated data. A cursor made by hand,
 * altered, truncated, from another deployment, another connection or another filter does not open.
 *
 * The nonce is synthetic (HMAC of binding and key, as in SIV), so the same row of the same
 * connection always gets the same cursor and no nonce is ever reused for different plaintexts.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_SALT = 'shujutong';
const HKDF_LABEL = 'shujutong/page-cursor/v1';

export interface CursorCodec {
  /** The cursor of `key` in the connection `binding` names. */
  seal(binding: string, key: string): string;
  /** The key, or null when `cursor` was not sealed by this codec for `binding`. */
  open(binding: string, cursor: string): string | null;
}

/** @param secret the subgraph signing secret (signing-secret.ts); cursor keys are derived, never the secret itself. */
export function createCursorCodec(secret: Buffer): CursorCodec {
  const keys = Buffer.from(hkdfSync('sha256', secret, HKDF_SALT, HKDF_LABEL, 64));
  const encryptionKey = keys.subarray(0, 32);
  const nonceKey = keys.subarray(32);
  return {
    seal(binding, key) {
      const plaintext = Buffer.from(key, 'utf8');
      const nonce = createHmac('sha256', nonceKey)
        .update(binding)
        .update('\0')
        .update(plaintext)
        .digest()
        .subarray(0, NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, nonce);
      cipher.setAAD(Buffer.from(binding, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([Buffer.of(VERSION), nonce, body, cipher.getAuthTag()]).toString(
        'base64url',
      );
    },
    open(binding, cursor) {
      if (typeof cursor !== 'string' || cursor.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(cursor))
        return null;
      const raw = Buffer.from(cursor, 'base64url');
      // A re-encoding mismatch means padding bits or characters were altered outside the bytes.
      if (
        raw.length < 1 + NONCE_BYTES + TAG_BYTES ||
        raw[0] !== VERSION ||
        raw.toString('base64url') !== cursor
      )
        return null;
      try {
        const decipher = createDecipheriv(
          'aes-256-gcm',
          encryptionKey,
          raw.subarray(1, 1 + NONCE_BYTES),
        );
        decipher.setAAD(Buffer.from(binding, 'utf8'));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        return Buffer.concat([
          decipher.update(raw.subarray(1 + NONCE_BYTES, raw.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

let processCodec: CursorCodec | null = null;

/**
 * For a server started without a secret (unit tests): a random key for this process, so cursors
 * are still opaque and tamper-evident, but valid only until it exits.
 */
export function processCursorCodec(): CursorCodec {
  return (processCodec ??= createCursorCodec(randomBytes(32)));
}

/**
 * What a cursor is bound to: the field's coordinate and the arguments that select its rows
 * (paging arguments left out, absent and null alike), in a canonical order.
 */
export function connectionBinding(
  coordinate: string,
  filter: Readonly<Record<string, unknown>>,
): string {
  const entries = Object.entries(filter)
    .filter(
      ([name, value]) =>
        name !== 'first' && name !== 'after' && value !== null && value !== undefined,
    )
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${coordinate}\n${JSON.stringify(entries)}`;
}
