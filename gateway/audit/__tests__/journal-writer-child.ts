/**
 * Run by the SIGKILL test as a separate process (`node --import tsx`): appends records as fast
 * as it can, 64 in flight, and prints each one's id once its append() has resolved. The parent
 * kills it with SIGKILL mid-stream and checks that every printed id survived.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { buildRecordBody } from '../../../contracts/audit/audit-record';
import { publicKeyId } from '../../../contracts/audit/checkpoint';
import { Journal } from '../journal';
import { auditKey } from '../../../contracts/audit/keyed-hash';
import { entry } from '../../../test/utils/audit-fixtures';

async function main(): Promise<void> {
  const privateKey = createPrivateKey(process.env.AUDIT_TEST_SIGNING_KEY!);
  const signer = { keyId: publicKeyId(createPublicKey(privateKey)), privateKey };
  const key = auditKey(Buffer.alloc(32, 7));
  const journal = await Journal.open({
    dir: process.env.AUDIT_TEST_DIR!,
    instance: 'gw-kill',
    signer,
    groupWindowMs: 1,
    checkpointEveryRecords: 100,
  });
  let i = 0;
  const one = async (): Promise<void> => {
    for (;;) {
      const n = ++i;
      const record = await journal.append(
        buildRecordBody(entry(n), { instance: 'gw-kill', key }),
        entry(n).document!,
      );
      process.stdout.write(`${record.id}\n`);
    }
  };
  await Promise.all(Array.from({ length: 64 }, one));
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
