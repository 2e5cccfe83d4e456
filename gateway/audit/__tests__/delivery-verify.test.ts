/**
 * `npm run audit:verify` over a trail in which ordinary responses and exports (the `delivery`
 * field, contracts/audit/record-delivery.ts) follow one another in one chain: written by the
 * real journal, shipped by the real shipper, verified by the command itself, and a delivery
 * added to, removed from or changed in a stored row is found.
 */
import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import { readAuditConfig } from '../../config/audit';
import { AuditTrail } from '../audit-trail';
import { runVerifyCommand } from '../verify-command';
import { entry, tempDir } from '../../../test/utils/audit-fixtures';

let dir: string;
beforeEach(() => {
  dir = tempDir('delivery-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function verify(env: Record<string, string>) {
  let out = '';
  const code = await runVerifyCommand([], env, {
    out: (t) => (out += t),
    err: (t) => (out += t),
  });
  return { code, out };
}

describe('audit:verify with exports in the trail', () => {
  it('verifies a chain of records with and without a delivery, and finds any change to one', async () => {
    const env = { DATA_DIR: dir, GATEWAY_INSTANCE: 'gw-x', MYSQL_URL: '' };
    const trail = await AuditTrail.open(readAuditConfig(env), { onWarning: () => undefined });
    const records = [];
    for (const [i, delivery] of [
      [1, null],
      [2, 'EXPORT_CSV'],
      [3, null],
      [4, 'EXPORT_XLSX'],
    ] as const)
      records.push(await trail.append(entry(i, delivery ? { delivery } : {})));
    expect(records.map((r) => r.delivery)).toEqual([
      undefined,
      'EXPORT_CSV',
      undefined,
      'EXPORT_XLSX',
    ]);
    await trail.close();

    const clean = await verify(env);
    expect(clean.code).toBe(0);
    expect(clean.out).toMatch(/chain gw-x\/\S+: seq 1\.\.4 \(4 records\)/);

    const db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'audit.sqlite') },
      useNullAsDefault: true,
    });
    try {
      const rows = await db('audit_records').orderBy('seq').select('seq', 'delivery');
      expect(rows.map((r: { delivery: string | null }) => r.delivery)).toEqual([
        null,
        'EXPORT_CSV',
        null,
        'EXPORT_XLSX',
      ]);
      for (const [seq, delivery, original] of [
        [1, 'EXPORT_CSV', null],
        [2, null, 'EXPORT_CSV'],
        [4, 'EXPORT_CSV', 'EXPORT_XLSX'],
      ] as const) {
        await db('audit_records').where({ seq }).update({ delivery });
        const tampered = await verify(env);
        expect(tampered.code).toBe(1);
        expect(tampered.out).toContain(`MODIFIED: record ${records[seq - 1].id} (seq ${seq}`);
        await db('audit_records').where({ seq }).update({ delivery: original });
      }
      expect((await verify(env)).code).toBe(0);
    } finally {
      await db.destroy();
    }
  }, 30_000);
});
