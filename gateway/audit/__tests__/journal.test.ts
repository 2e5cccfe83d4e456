import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { AuditRecord, buildRecordBody } from '../../../contracts/audit/audit-record';
import { AuditUnavailableError } from '../audit-unavailable-error';
import { parseChunk, segmentFileName, segmentNumbers } from '../journal-format';
import { nodeJournalFs } from '../journal-fs';
import { Journal, JournalOptions } from '../journal';
import { JournalInUseError } from '../journal-lock';
import { GENESIS_HASH } from '../../../contracts/audit/record-chain';
import { entry, instrumentedFs, tempDir, testKeys } from '../../../test/utils/audit-fixtures';

const keys = testKeys();
const body = (i: number) => buildRecordBody(entry(i), { instance: 'gw-j', key: keys.hmac });

let dirs: string[] = [];
const journals: Journal[] = [];
function dir(): string {
  const d = tempDir('journal-');
  dirs.push(d);
  return d;
}
async function open(options: Partial<JournalOptions> & { dir: string }): Promise<Journal> {
  const j = await Journal.open({ instance: 'gw-j', signer: keys.signer, ...options });
  journals.push(j);
  return j;
}
afterEach(async () => {
  for (const j of journals.splice(0)) await j.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** Every line of every segment, in order. */
function lines(d: string) {
  const names = segmentNumbers(fs.readdirSync(d)).map(segmentFileName);
  return names.flatMap((n) =>
    parseChunk(fs.readFileSync(path.join(d, n)), 0).lines.map((l) => l.line),
  );
}
const recordsIn = (d: string) => lines(d).flatMap((l) => (l.t === 'record' ? [l.record] : []));

/** The flags this process holds `file` open with, from the kernel (/proc); null elsewhere than Linux. */
function openFlags(file: string): number | null {
  if (!fs.existsSync('/proc/self/fdinfo')) return null;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    let target: string;
    try {
      target = fs.readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      continue; // closed meanwhile (the listing's own descriptor)
    }
    if (target !== fs.realpathSync(file)) continue;
    const info = fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8');
    return parseInt(/^flags:\s*([0-7]+)/m.exec(info)![1], 8);
  }
  throw new Error(`${file} is not open`);
}

describe('Journal group commit', () => {
  it('shares one fsync among many concurrent appends', async () => {
    const counting = instrumentedFs();
    const j = await open({ dir: dir(), fs: counting, groupWindowMs: 5, groupMaxRecords: 10_000 });
    const before = counting.syncs;
    const records = await Promise.all(Array.from({ length: 500 }, (_, i) => j.append(body(i + 1))));
    const syncs = counting.syncs - before;
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(syncs).toBeGreaterThanOrEqual(1);
    expect(syncs).toBeLessThanOrEqual(3);
  });

  it('holds its segment open for synchronized data writes, so that a group is durable in one write', async () => {
    const d = dir();
    const j = await open({ dir: d });
    await j.append(body(1));
    const segment = path.join(d, segmentFileName(segmentNumbers(fs.readdirSync(d))[0]));
    const flags = openFlags(segment);
    if (flags === null) return; // no /proc to read the kernel's view from
    expect(flags & fs.constants.O_DSYNC).toBe(fs.constants.O_DSYNC);
  });

  it('syncs a group as soon as it reaches the record limit, without waiting for the window', async () => {
    const j = await open({ dir: dir(), groupWindowMs: 60_000, groupMaxRecords: 4 });
    const started = Date.now();
    await Promise.all([1, 2, 3, 4].map((i) => j.append(body(i))));
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('resolves an append only after its group is on stable storage', async () => {
    const counting = instrumentedFs();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const j = await open({ dir: dir(), fs: counting, groupWindowMs: 0 });
    counting.beforeSync = () => gate;
    let resolved = false;
    const p = j.append(body(1)).then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(resolved).toBe(false);
    release();
    await p;
    expect(resolved).toBe(true);
  });

  it('writes records in chain order, each linked to the one before, across segment rotations', async () => {
    const d = dir();
    const j = await open({ dir: d, segmentBytes: 4096, groupMaxRecords: 7 });
    const written: AuditRecord[] = [];
    for (let round = 0; round < 6; round++)
      written.push(
        ...(await Promise.all(
          Array.from({ length: 7 }, (_, i) => j.append(body(round * 7 + i + 1))),
        )),
      );
    expect(segmentNumbers(fs.readdirSync(d)).length).toBeGreaterThan(3);
    const onDisk = recordsIn(d);
    expect(onDisk.map((r) => r.id)).toEqual(written.map((r) => r.id));
    onDisk.forEach((r, i) => expect(r.prevHash).toBe(i === 0 ? GENESIS_HASH : onDisk[i - 1].hash));
  });

  it('stores a document with the first record in a segment that uses it', async () => {
    const d = dir();
    const j = await open({ dir: d });
    await j.append(body(1), entry(1).document!);
    await j.append(body(2), entry(2).document!);
    const recordLines = lines(d).filter((l) => l.t === 'record');
    expect(recordLines.map((l) => (l as { document?: string }).document)).toEqual([
      entry(1).document,
      undefined,
    ]);
  });

  it('signs a checkpoint every N records and on close', async () => {
    const d = dir();
    const j = await open({
      dir: d,
      checkpointEveryRecords: 5,
      groupMaxRecords: 1,
      groupWindowMs: 0,
    });
    for (let i = 1; i <= 12; i++) await j.append(body(i));
    await j.close();
    const checkpoints = lines(d).flatMap((l) => (l.t === 'checkpoint' ? [l.checkpoint.seq] : []));
    expect(checkpoints).toEqual([5, 10, 12]);
  });

  it('signs a checkpoint once the interval has passed, even when no more records come', async () => {
    const d = dir();
    let clock = Date.UTC(2026, 10, 26);
    const j = await open({
      dir: d,
      checkpointEveryRecords: 1000,
      checkpointIntervalMs: 30,
      now: () => new Date(clock),
    });
    await Promise.all([j.append(body(1)), j.append(body(2))]);
    const checkpointed = () =>
      lines(d).flatMap((l) => (l.t === 'checkpoint' ? [l.checkpoint.seq] : []));
    await new Promise((r) => setTimeout(r, 100));
    expect(checkpointed()).toEqual([]);
    clock += 31;
    for (let i = 0; i < 50 && checkpointed().length === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(checkpointed()).toEqual([2]);
  });

  it('continues the chain after a restart', async () => {
    const d = dir();
    const first = await open({ dir: d });
    const a = await first.append(body(1));
    await first.close();
    const second = await open({ dir: d });
    const b = await second.append(body(2));
    expect(second.chainId).toBe(first.chainId);
    expect(b).toMatchObject({ seq: 2, prevHash: a.hash });
  });

  it('refuses a second writer on the same directory', async () => {
    const d = dir();
    await open({ dir: d });
    await expect(
      Journal.open({ dir: d, instance: 'gw-j', signer: keys.signer }),
    ).rejects.toBeInstanceOf(JournalInUseError);
  });

  it('refuses a journal that belongs to another instance', async () => {
    const d = dir();
    const j = await open({ dir: d });
    await j.close();
    await expect(
      Journal.open({ dir: d, instance: 'gw-other', signer: keys.signer }),
    ).rejects.toThrow(/belongs to gateway instance "gw-j"/);
  });
});

describe('Journal after a crash', () => {
  it('ignores and reports a torn last line, cuts it off, and continues the chain from the last whole record', async () => {
    const d = dir();
    const j = await open({ dir: d });
    const written = await Promise.all([1, 2, 3].map((i) => j.append(body(i))));
    // A crash: the segment as left on disk, plus half of a fourth line that never finished.
    const crashed = dir();
    for (const name of fs.readdirSync(d).filter((n) => n.startsWith('segment-')))
      fs.copyFileSync(path.join(d, name), path.join(crashed, name));
    const last = segmentNumbers(fs.readdirSync(crashed)).at(-1)!;
    const file = path.join(crashed, segmentFileName(last));
    const sizeBefore = fs.statSync(file).size;
    fs.appendFileSync(file, '{"t":"record","record":{"id":"torn","ch');
    const warnings: string[] = [];
    const reopened = await open({ dir: crashed, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([
      expect.stringMatching(
        /incomplete last line at byte \d+; the 39 bytes from there were never acknowledged/,
      ),
    ]);
    expect(fs.statSync(file).size).toBe(sizeBefore);
    expect(reopened.head).toMatchObject({ seq: 3, hash: written[2].hash });
    const next = await reopened.append(body(4));
    expect(next).toMatchObject({ seq: 4, prevHash: written[2].hash });
    expect(recordsIn(crashed).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
  });

  it('removes a segment left without a header by a crash while it was created', async () => {
    const d = dir();
    const j = await open({ dir: d });
    await j.append(body(1));
    await j.close();
    const n = segmentNumbers(fs.readdirSync(d)).at(-1)! + 1;
    fs.writeFileSync(path.join(d, segmentFileName(n)), '{"t":"segm');
    const warnings: string[] = [];
    const reopened = await open({ dir: d, onWarning: (m) => warnings.push(m) });
    expect(warnings[0]).toMatch(/no header/);
    expect(fs.existsSync(path.join(d, segmentFileName(n)))).toBe(false);
    expect((await reopened.append(body(2))).seq).toBe(2);
  });
});

describe('Journal when the disk fails', () => {
  it('rejects appends with AuditUnavailableError on a full disk, cuts back the partial write and recovers when space returns', async () => {
    const d = dir();
    const disk = instrumentedFs();
    const j = await open({ dir: d, fs: disk, retryIntervalMs: 0 });
    const ok = await j.append(body(1));
    disk.fault = 'ENOSPC';
    disk.partialBytes = 100;
    const failed = await Promise.allSettled([2, 3, 4].map((i) => j.append(body(i))));
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const reason = (failed[0] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(AuditUnavailableError);
    expect(reason).toMatchObject({ code: 'AUDIT_UNAVAILABLE', reason: 'ENOSPC' });
    expect(j.status()).toMatchObject({ available: false, reason: 'ENOSPC', seq: 1 });
    await expect(j.append(body(5))).rejects.toBeInstanceOf(AuditUnavailableError);
    expect((await j.probe()).available).toBe(false);

    disk.fault = null;
    expect((await j.probe()).available).toBe(true);
    const after = await j.append(body(6));
    expect(after).toMatchObject({ seq: 2, prevHash: ok.hash });
    // Nothing of the refused records is left: the journal holds exactly what was acknowledged.
    expect(recordsIn(d).map((r) => r.id)).toEqual([ok.id, after.id]);
  });

  it('opens unavailable when the directory cannot be written, and recovers once it can', async () => {
    const disk = instrumentedFs();
    disk.fault = 'EACCES';
    const j = await open({ dir: dir(), fs: disk, retryIntervalMs: 0 });
    expect(j.status()).toMatchObject({ available: false, reason: 'EACCES' });
    await expect(j.append(body(1))).rejects.toBeInstanceOf(AuditUnavailableError);
    disk.fault = null;
    // A later append retries by itself: the gateway recovers even without a health probe.
    expect((await j.append(body(2))).seq).toBe(1);
  });
});

describe('Journal on a read-only directory (real file-system errors)', () => {
  const isRoot = process.getuid?.() === 0;
  /** As root, permissions do not stop writes; the immutable attribute does (ext4, xfs, btrfs). */
  function setReadOnly(d: string, on: boolean): boolean {
    const targets = [d, ...fs.readdirSync(d).map((n) => path.join(d, n))];
    if (isRoot) {
      try {
        execFileSync('chattr', [on ? '+i' : '-i', ...targets], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    }
    for (const t of targets)
      fs.chmodSync(t, on ? (t === d ? 0o500 : 0o400) : t === d ? 0o700 : 0o600);
    return true;
  }

  it('rejects appends with AuditUnavailableError while read-only and recovers when writable again', async () => {
    const d = dir();
    // Small segments: without root, an already open file stays writable, so the failure shows at the next rotation.
    const j = await open({ dir: d, segmentBytes: 4096, retryIntervalMs: 0, groupWindowMs: 0 });
    const first = await j.append(body(1));
    if (!setReadOnly(d, true)) {
      console.warn('skipped: cannot make a directory read-only here (root without chattr support)');
      return;
    }
    let rejection: unknown = null;
    const acknowledged: AuditRecord[] = [first];
    try {
      for (let i = 2; i < 100 && !rejection; i++) {
        try {
          acknowledged.push(await j.append(body(i)));
        } catch (err) {
          rejection = err;
        }
      }
      expect(rejection).toBeInstanceOf(AuditUnavailableError);
      expect(['EACCES', 'EPERM', 'EROFS']).toContain((rejection as AuditUnavailableError).reason);
      expect((await j.probe()).available).toBe(false);
      await expect(j.append(body(200))).rejects.toBeInstanceOf(AuditUnavailableError);
    } finally {
      setReadOnly(d, false);
    }
    expect((await j.probe()).available).toBe(true);
    const next = await j.append(body(201));
    expect(next).toMatchObject({
      seq: acknowledged.length + 1,
      prevHash: acknowledged.at(-1)!.hash,
    });
    expect(recordsIn(d).map((r) => r.id)).toEqual([...acknowledged, next].map((r) => r.id));
  });
});

describe('journal-fs', () => {
  it('replaces a file atomically and reads back', async () => {
    const d = dir();
    const f = path.join(d, 'x.json');
    await nodeJournalFs.replaceFile(f, 'one');
    await nodeJournalFs.replaceFile(f, 'two');
    expect(await nodeJournalFs.readText(f)).toBe('two');
    expect(fs.readdirSync(d)).toEqual(['x.json']);
  });
});
