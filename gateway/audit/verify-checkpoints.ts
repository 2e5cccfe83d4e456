/**
 * The verifier's use of signed checkpoints: which of a chain's checkpoints count as evidence
 * (a valid signature with one of the given public keys; two valid ones that disagree are a
 * forked chain), and the tail cut they reveal when the stored chain ends before the last of
 * them. Records after the last checkpoint can be cut off without trace until the next checkpoint
 * covers them: checkpoints are signed at least every AUDIT_CHECKPOINT_EVERY records,
 * AUDIT_CHECKPOINT_INTERVAL_MS, and on every shutdown.
 */
import type { KeyObject } from 'node:crypto';
import { Checkpoint, checkpointValidity } from '../../contracts/audit/checkpoint';
import { ChainFinding, shortHash } from './verify-findings';

/** The validly signed checkpoints by sequence number; the others are reported through `emit`. */
export function validCheckpoints(
  checkpoints: readonly Checkpoint[],
  publicKeys: ReadonlyMap<string, KeyObject>,
  emit: (finding: ChainFinding) => void,
): Map<number, Checkpoint> {
  const valid = new Map<number, Checkpoint>();
  for (const cp of checkpoints) {
    const validity = checkpointValidity(cp, publicKeys);
    if (validity === 'valid') {
      if (!valid.has(cp.seq) || valid.get(cp.seq)!.hash === cp.hash) valid.set(cp.seq, cp);
      else
        emit({
          kind: 'checkpoint-mismatch',
          seq: cp.seq,
          recordId: null,
          time: cp.time,
          message: `two validly signed checkpoints for seq ${cp.seq} disagree about its hash: the chain was forked`,
        });
      continue;
    }
    emit({
      kind: validity,
      seq: cp.seq,
      recordId: null,
      time: cp.time,
      message:
        validity === 'unknown-key'
          ? `the checkpoint at seq ${cp.seq} (${cp.time}) is signed with key ${cp.keyId}, which is not among the public keys given: forged, or verify with that key too`
          : `the checkpoint at seq ${cp.seq} (${cp.time}) has an invalid signature: it was forged or altered`,
    });
  }
  return valid;
}

/**
 * The tail cut shown by the newest valid checkpoint from `startSeq` on beyond the stored chain's
 * end (`lastSeq`, null when it has no records; `lastId` the record it ends with), if any.
 */
export function tailCut(
  valid: ReadonlyMap<number, Checkpoint>,
  startSeq: number,
  lastSeq: number | null,
  lastId: string | null,
): ChainFinding | null {
  const beyond = [...valid.values()]
    .filter((cp) => cp.seq >= startSeq && cp.seq > (lastSeq ?? 0))
    .sort((a, b) => b.seq - a.seq);
  if (beyond.length === 0) return null;
  const cp = beyond[0];
  const end = lastSeq === null ? 'has no records' : `ends at seq ${lastSeq}`;
  return {
    kind: 'tail-cut',
    seq: lastSeq,
    recordId: lastId,
    time: cp.time,
    message: `a checkpoint signed ${cp.time} says the chain reached seq ${cp.seq} (hash ${shortHash(cp.hash)}), but the stored chain ${end}: records ${(lastSeq ?? 0) + 1}..${cp.seq} were removed`,
  };
}
