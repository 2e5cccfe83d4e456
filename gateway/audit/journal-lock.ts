/**
 * One writer per journal directory. Two processes appending to the same chain would fork it
 * (two records with the same sequence number), which the verifier must report as tampering;
 * so a second gateway pointed at the same directory refuses to start instead. A lock left by a
 * killed process (SIGKILL leaves no chance to remove it) is taken over once its process is gone.
 */
import path from 'node:path';
import { JournalFs } from './journal-fs';

export const LOCK_FILE = 'journal.lock';

/** Directories locked by this process: a pid check alone cannot tell two journals in one process apart. */
const heldHere = new Set<string>();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class JournalInUseError extends Error {
  constructor(dir: string, holder: string) {
    super(
      `the audit journal at ${dir} is in use (${holder}); each gateway instance needs its own journal directory`,
    );
    this.name = 'JournalInUseError';
  }
}

export async function acquireJournalLock(fs: JournalFs, dir: string): Promise<void> {
  const key = path.resolve(dir);
  if (heldHere.has(key)) throw new JournalInUseError(dir, 'by this process');
  const file = path.join(dir, LOCK_FILE);
  const existing = await fs.readText(file);
  if (existing !== null) {
    const pid = Number.parseInt(existing, 10);
    // Our own pid on a lock we do not hold: a previous life of this process id (a container restarted as pid 1).
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid))
      throw new JournalInUseError(dir, `by process ${pid}`);
    await fs.remove(file);
  }
  let handle;
  try {
    handle = await fs.create(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new JournalInUseError(dir, 'by a process that started at the same moment');
    throw err;
  }
  try {
    await handle.write(Buffer.from(`${process.pid}\n`));
    await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.remove(file).catch(() => undefined);
    throw err;
  }
  await handle.close();
  heldHere.add(key);
}

export async function releaseJournalLock(fs: JournalFs, dir: string): Promise<void> {
  const key = path.resolve(dir);
  if (!heldHere.delete(key)) return;
  await fs.remove(path.join(dir, LOCK_FILE));
}
