/**
 * When the journal signs a checkpoint: at the end of a group once `every` records or
 * `intervalMs` have passed since the last one, at the start of a segment and on close when the
 * chain moved since, and from an idle timer so a quiet journal's last records are covered too.
 * A checkpoint is the verifier's proof that nobody cut the chain's tail, so it is written in the
 * same write (and fsync) as the records it covers, never on its own afterwards.
 */
import { CheckpointSigner, signCheckpoint } from '../../contracts/audit/checkpoint';
import type { ChainHead } from '../../contracts/audit/record-chain';
import { encodeLine } from './journal-format';

/** What a group leaves uncovered and whether it ends with a checkpoint. */
export interface GroupCheckpoint {
  readonly since: number;
  readonly due: boolean;
}

export class CheckpointSchedule {
  private recordsSince: number;
  private lastAt: number;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly signer: CheckpointSigner,
    private readonly every: number,
    private readonly intervalMs: number,
    private readonly now: () => Date,
    /** Records on disk not covered by a checkpoint, as the previous run left them. */
    recordsSince: number,
    openedAt: Date,
  ) {
    this.recordsSince = recordsSince;
    this.lastAt = openedAt.getTime();
  }

  /** Records written since the last checkpoint. */
  get uncovered(): number {
    return this.recordsSince;
  }

  /** Whether a group of `size` records written at `now` must end with a checkpoint. */
  forGroup(size: number, now: Date, force: boolean): GroupCheckpoint {
    const since = this.recordsSince + size;
    const due =
      since > 0 && (force || since >= this.every || now.getTime() - this.lastAt >= this.intervalMs);
    return { since, due };
  }

  /** The signed checkpoint line for `head`. */
  line(head: ChainHead, now: Date): Buffer {
    return encodeLine({ t: 'checkpoint', checkpoint: signCheckpoint(head, now, this.signer) });
  }

  /** Bookkeeping once a group planned by `forGroup` is on stable storage. */
  settle(group: GroupCheckpoint, now: Date): void {
    this.recordsSince = group.due ? 0 : group.since;
    if (group.due) this.lastAt = now.getTime();
  }

  /** A checkpoint written at `now` (with a segment header) covers everything so far. */
  covered(now: Date): void {
    this.recordsSince = 0;
    this.lastAt = now.getTime();
  }

  /** Records wait uncovered for longer than the interval. */
  intervalElapsed(): boolean {
    return this.recordsSince > 0 && this.now().getTime() - this.lastAt >= this.intervalMs;
  }

  /** Calls `tick` every `intervalMs` (kept between 10 ms and a minute); the timer does not hold the process open. */
  startTimer(tick: () => void): void {
    this.timer = setInterval(tick, Math.max(10, Math.min(this.intervalMs, 60_000)));
    this.timer.unref();
  }

  stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
