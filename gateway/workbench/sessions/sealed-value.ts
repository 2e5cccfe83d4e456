/**
 * A small JSON value sealed for a cookie (AES-256-GCM, key derived from the shared secret): the
 * browser carries it between the sign-in's two requests, so any gateway instance can finish what
 * another started, and neither reads it (the PKCE verifier stays secret) nor changes it. The
 * cookie's name is bound in as associated data, so one sealed cookie cannot stand in for another.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

interface Envelope {
  /** Expiry, epoch seconds: a stale cookie is refused even if the browser kept it. */
  readonly e: number;
  readonly v: unknown;
}

export function seal(
  key: Buffer,
  name: string,
  value: unknown,
  ttlSeconds: number,
  now = Date.now(),
): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const envelope: Envelope = { e: Math.floor(now / 1000) + ttlSeconds, v: value };
  const body = Buffer.concat([cipher.update(JSON.stringify(envelope), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The value, or null when the text was not sealed by this key under this name, or has expired. */
export function unseal(key: Buffer, name: string, text: string, now = Date.now()): unknown {
  const raw = Buffer.from(text, 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES + 2) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES), {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(Buffer.from(name, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
      decipher.final(),
    ]);
    const envelope = JSON.parse(plain.toString('utf8')) as Envelope;
    if (typeof envelope?.e !== 'number' || envelope.e * 1000 <= now) return null;
    return envelope.v;
  } catch {
    return null;
  }
}
