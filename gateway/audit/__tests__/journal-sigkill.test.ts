/**
 * SIGKILL loses no record whose append() had resolved: a real process is killed mid-stream,
 * the journal is reopened, shipped and verified.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Journal } from '../journal';
import { JournalShipper } from '../journal-shipper';
import { verifyAuditDatabase } from '../verify-database';
import { tempDir, testAuditDatabase, testKeys } from '../../../test/utils/audit-fixtures';

const keys = testKeys();

it('loses no acknowledged record when the process is killed with SIGKILL', async () => {
  const dir = tempDir('kill-');
  const database = testAuditDatabase('sqlite');
  const acknowledged: string[] = [];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'journal-writer-child.ts')],
    {
      cwd: path.resolve(__dirname, '../../..'),
      env: {
        ...process.env,
        AUDIT_TEST_DIR: dir,
        AUDIT_TEST_SIGNING_KEY: keys.signer.privateKey
          .export({ type: 'pkcs8', format: 'pem' })
          .toString(),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let buffered = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      acknowledged.push(...lines);
      if (acknowledged.length >= 2000 && !child.killed) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`the writer exited before it was killed: ${stderr}`)));
  }).catch((err) => {
    if (!child.killed) throw err;
  });
  expect(await exited).toBe('SIGKILL');

  const warnings: string[] = [];
  const journal = await Journal.open({
    dir,
    instance: 'gw-kill',
    signer: keys.signer,
    onWarning: (m) => warnings.push(m),
  });
  const shipper = new JournalShipper({
    source: journal,
    connect: () => database.connect(),
    target: 'kill-test',
  });
  try {
    await shipper.drain();
    const db = await database.connect();
    const stored = new Set((await db('audit_records').pluck('id')) as string[]);
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
    // Recovery leaves no trace of tampering: the chain continues and the head is checkpointed.
    const report = await verifyAuditDatabase(db, { publicKeys: [keys.publicKey] });
    expect(report.findings).toEqual([]);
    expect(report.chains[0].lastCheckpointSeq).toBe(report.chains[0].lastSeq);
  } finally {
    await shipper.stop();
    await journal.close();
    await database.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
