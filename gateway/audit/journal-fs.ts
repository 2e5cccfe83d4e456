/**
 * The file operations the journal and shipper use, behind an interface so tests can count
 * fsyncs and inject disk-full or permission failures without a real full disk.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface JournalFile {
  /** Appends all of `data` (looping over short writes). */
  write(data: Buffer): Promise<void>;
  /** fdatasync: the data, and the size needed to read it back, are on stable storage. */
  sync(): Promise<void>;
  /** write then sync, as one operation where the platform allows (see NodeJournalFile). */
  writeDurable(data: Buffer): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export interface JournalFs {
  mkdir(dir: string): Promise<void>;
  /** File names in `dir`. */
  list(dir: string): Promise<string[]>;
  /** Creates a new file for appending; fails if it exists. */
  create(file: string): Promise<JournalFile>;
  /** Opens an existing file for appending and truncation (repair after a crash). */
  openExisting(file: string): Promise<JournalFile>;
  /** Up to `length` bytes from `offset`; fewer at the end of the file. */
  read(file: string, offset: number, length: number): Promise<Buffer>;
  /** null when the file does not exist. */
  size(file: string): Promise<number | null>;
  /** Makes a directory entry change (create, rename, unlink) durable. */
  syncDir(dir: string): Promise<void>;
  /** Replaces `file` with `text` so that a reader sees the old or the new content, never a mix. */
  replaceFile(file: string, text: string): Promise<void>;
  /** null when the file does not exist. */
  readText(file: string): Promise<string | null>;
  remove(file: string): Promise<void>;
}

/**
 * Files the journal writes are opened for synchronized data writes (O_DSYNC) where the platform
 * has it: a write returns once its data, and the size needed to read it back, are on stable
 * storage, as fdatasync would ensure. A group commit then costs one trip to the thread pool
 * instead of two (write, then fdatasync), each of which wakes a thread that competes with the
 * event loop on a busy machine.
 */
const DSYNC = fs.constants.O_DSYNC ?? 0;
const CREATE_FLAGS =
  fs.constants.O_WRONLY |
  fs.constants.O_CREAT |
  fs.constants.O_EXCL |
  fs.constants.O_APPEND |
  DSYNC;
const EXISTING_FLAGS = fs.constants.O_RDWR | DSYNC;

class NodeJournalFile implements JournalFile {
  constructor(private readonly handle: fs.promises.FileHandle) {}
  async writeDurable(data: Buffer): Promise<void> {
    await this.write(data);
    // Without O_DSYNC the written data still has to be flushed.
    if (DSYNC === 0) await this.sync();
  }
  async write(data: Buffer): Promise<void> {
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await this.handle.write(data, written, data.length - written);
      written += bytesWritten;
    }
  }
  sync(): Promise<void> {
    return this.handle.datasync();
  }
  truncate(length: number): Promise<void> {
    return this.handle.truncate(length);
  }
  close(): Promise<void> {
    return this.handle.close();
  }
}

function missing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException).code === 'ENOENT';
}

export const nodeJournalFs: JournalFs = {
  async mkdir(dir) {
    await fs.promises.mkdir(dir, { recursive: true });
  },
  list(dir) {
    return fs.promises.readdir(dir);
  },
  async create(file) {
    return new NodeJournalFile(await fs.promises.open(file, CREATE_FLAGS));
  },
  async openExisting(file) {
    return new NodeJournalFile(await fs.promises.open(file, EXISTING_FLAGS));
  },
  async read(file, offset, length) {
    const handle = await fs.promises.open(file, 'r');
    try {
      const buffer = Buffer.allocUnsafe(length);
      let total = 0;
      while (total < length) {
        const { bytesRead } = await handle.read(buffer, total, length - total, offset + total);
        if (bytesRead === 0) break;
        total += bytesRead;
      }
      return buffer.subarray(0, total);
    } finally {
      await handle.close();
    }
  },
  async size(file) {
    try {
      return (await fs.promises.stat(file)).size;
    } catch (err) {
      if (missing(err)) return null;
      throw err;
    }
  },
  async syncDir(dir) {
    const handle = await fs.promises.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async replaceFile(file, text) {
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    const handle = await fs.promises.open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, file);
  },
  async readText(file) {
    try {
      return await fs.promises.readFile(file, 'utf8');
    } catch (err) {
      if (missing(err)) return null;
      throw err;
    }
  },
  async remove(file) {
    await fs.promises.rm(file, { force: true });
  },
};
