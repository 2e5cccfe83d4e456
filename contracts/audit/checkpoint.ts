/**
 * Signed checkpoints of chain heads (pure, over node:crypto Ed25519). A checkpoint says "chain C
 * had reached seq N with hash H at time T", signed with the gateway's audit signing key. Someone
 * who can rewrite the audit database can recompute every hash after a change, or cut off the
 * end of a chain, but cannot sign: the verifier, holding only the public key, sees that the
 * stored chain no longer passes through (N, H).
 *
 * The signature covers the canonical JSON (canonical-json.ts) of
 *   { type: "shujutong-audit-checkpoint", v: 1, chain, seq, hash, time, keyId }
 * and is stored base64-encoded. keyId is the first 16 hex digits of the SHA-256 of the public
 * key's SPKI DER encoding, so keys can be rotated and old checkpoints still verified.
 */
import { createHash, KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { ChainHead } from './record-chain';

export const CHECKPOINT_TYPE = 'shujutong-audit-checkpoint';

export interface Checkpoint {
  readonly v: 1;
  readonly chain: string;
  readonly seq: number;
  readonly hash: string;
  /** When it was signed, ISO 8601 UTC with milliseconds. */
  readonly time: string;
  readonly keyId: string;
  readonly signature: string;
}

export interface CheckpointSigner {
  readonly keyId: string;
  readonly privateKey: KeyObject;
}

export function publicKeyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

export function checkpointPayload(cp: Omit<Checkpoint, 'signature'>): Buffer {
  return Buffer.from(
    canonicalJson({
      type: CHECKPOINT_TYPE,
      v: cp.v,
      chain: cp.chain,
      seq: cp.seq,
      hash: cp.hash,
      time: cp.time,
      keyId: cp.keyId,
    }),
    'utf8',
  );
}

export function signCheckpoint(head: ChainHead, time: Date, signer: CheckpointSigner): Checkpoint {
  const unsigned = {
    v: 1 as const,
    chain: head.chain,
    seq: head.seq,
    hash: head.hash,
    time: time.toISOString(),
    keyId: signer.keyId,
  };
  // Ed25519 takes no digest algorithm: node:crypto wants null here.
  const signature = sign(null, checkpointPayload(unsigned), signer.privateKey).toString('base64');
  return { ...unsigned, signature };
}

export type CheckpointValidity = 'valid' | 'bad-signature' | 'unknown-key';

/** `keys` maps keyId to the public key; a checkpoint signed by any other key is not trusted. */
export function checkpointValidity(
  cp: Checkpoint,
  keys: ReadonlyMap<string, KeyObject>,
): CheckpointValidity {
  const key = keys.get(cp.keyId);
  if (!key) return 'unknown-key';
  try {
    // A forged row may hold anything (a non-integer seq, a signature that is not base64):
    // whatever cannot even be checked is simply not a valid signature.
    return verify(null, checkpointPayload(cp), key, Buffer.from(cp.signature, 'base64'))
      ? 'valid'
      : 'bad-signature';
  } catch {
    return 'bad-signature';
  }
}
