import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import knexFactory from 'knex';
import { readAuditConfig } from '../../config/audit';
import { AuditTrail } from '../audit-trail';
import { AuditUnavailableError } from '../audit-unavailable-error';
import { subjectsFromResult } from '../subjects-from-result';
import { runVerifyCommand } from '../verify-command';
import { entry, instrumentedFs, PERSON_A, tempDir } from '../../../test/utils/audit-fixtures';

let dir: string;
beforeEach(() => {
  dir = tempDir('trail-');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const response = {
  data: {
    person: {
      __typename: 'Person',
      idNumber: PERSON_A,
      name: '张三',
      employer: { __typename: 'LegalEntity', creditCode: '91320602MA1XXXXXX0' },
    },
  },
};

async function verifyCommand(env: Record<string, string>, args: string[] = []) {
  let out = '';
  let err = '';
  const code = await runVerifyCommand(args, env, {
    out: (t) => (out += t),
    err: (t) => (err += t),
  });
  return { code, out, err };
}

describe('AuditTrail', () => {
  it('journals, ships and verifies end to end with development keys generated on first start', async () => {
    const env = { DATA_DIR: dir, GATEWAY_INSTANCE: 'gw-t' };
    const warnings: string[] = [];
    const trail = await AuditTrail.open(readAuditConfig(env), {
      onWarning: (m) => warnings.push(m),
    });
    expect(warnings.filter((w) => w.includes('development key written'))).toHaveLength(3);
    expect(fs.readdirSync(path.join(dir, 'keys')).sort()).toEqual([
      'audit-hmac.key',
      'audit-signing.pem',
      'audit-signing.pub.pem',
    ]);
    expect(fs.statSync(path.join(dir, 'keys', 'audit-signing.pem')).mode & 0o077).toBe(0);

    const records = await Promise.all(
      [1, 2, 3].map((i) => trail.append(entry(i, { subjects: subjectsFromResult(response.data) }))),
    );
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(records[0].subjects.map((s) => s.kind)).toEqual(['legal-entity', 'person']);
    expect(trail.health()).toMatchObject({ status: 'ok', journal: { available: true, seq: 3 } });
    await trail.close();

    const clean = await verifyCommand(env);
    expect(clean).toMatchObject({ code: 0, err: '' });
    expect(clean.out).toContain('VERIFIED');
    expect(clean.out).toMatch(/chain gw-t\/\S+: seq 1\.\.3 \(3 records\)/);

    // The same keys and chain on the next start.
    const again = await AuditTrail.open(readAuditConfig(env), {
      onWarning: (m) => warnings.push(m),
    });
    expect(warnings.filter((w) => w.includes('development key written'))).toHaveLength(3);
    expect((await again.append(entry(4))).seq).toBe(4);
    expect(again.subjectHash('person', PERSON_A)).toBe(records[0].subjects[1].hash);
    await again.close();

    const db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'audit.sqlite') },
      useNullAsDefault: true,
    });
    await db('audit_records').where({ seq: 2 }).update({ department: 'someone else' });
    await db.destroy();
    const tampered = await verifyCommand(env);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain(`MODIFIED: record ${records[1].id} (seq 2`);
    expect(tampered.out).toContain('NOT VERIFIED');

    // The command-line shell gives the same verdict as its exit status.
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/audit-verify.ts', '--', '--from', '2000-01-01T00:00:00Z'],
      {
        cwd: path.resolve(__dirname, '../../..'),
        env: { ...process.env, ...env, MYSQL_URL: '' },
        encoding: 'utf8',
      },
    );
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain(records[1].id);
  }, 30_000);

  it('answers 503-worthy AuditUnavailableError while the journal cannot be written, and reports it in health', async () => {
    const disk = instrumentedFs();
    const trail = await AuditTrail.open(
      readAuditConfig({ DATA_DIR: dir, GATEWAY_INSTANCE: 'gw-u' }),
      { fs: disk, ship: false, onWarning: () => undefined },
    );
    await trail.append(entry(1));
    disk.fault = 'ENOSPC';
    await expect(trail.append(entry(2))).rejects.toMatchObject({
      name: 'AuditUnavailableError',
      code: 'AUDIT_UNAVAILABLE',
    });
    expect(trail.health()).toMatchObject({ status: 'unavailable', journal: { reason: 'ENOSPC' } });
    expect((await trail.probe()).status).toBe('unavailable');
    disk.fault = null;
    expect((await trail.probe()).status).toBe('ok');
    expect((await trail.append(entry(3))).seq).toBe(2);
    await trail.close({ shipTimeoutMs: 0 });
    await expect(trail.append(entry(4))).rejects.toBeInstanceOf(AuditUnavailableError);
  });

  it('rejects an invalid entry without touching the chain', async () => {
    const trail = await AuditTrail.open(
      readAuditConfig({ DATA_DIR: dir, GATEWAY_INSTANCE: 'gw-v' }),
      { ship: false, onWarning: () => undefined },
    );
    await expect(trail.append(entry(1, { latencyMs: NaN }))).rejects.toThrow(/latencyMs/);
    expect((await trail.append(entry(2))).seq).toBe(1);
    await trail.close({ shipTimeoutMs: 0 });
  });
});

describe('readAuditConfig', () => {
  it('has documented defaults under DATA_DIR', () => {
    const c = readAuditConfig({ DATA_DIR: '/srv/data', GATEWAY_INSTANCE: 'gw-1' });
    expect(c).toMatchObject({
      instance: 'gw-1',
      journalDir: '/srv/data/audit/gw-1',
      database: { client: 'sqlite', file: '/srv/data/audit.sqlite' },
      groupWindowMs: 2,
      groupMaxRecords: 256,
      segmentBytes: 64 * 1024 * 1024,
      keepShipped: false,
      checkpointEveryRecords: 1000,
      checkpointIntervalMs: 60_000,
      keys: { keysDir: '/srv/data/keys', allowDevKeys: true },
    });
    expect(readAuditConfig({ MYSQL_URL: 'mysql://root@db:3306' }).database).toMatchObject({
      client: 'mysql',
      database: 'shujutong_audit',
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => readAuditConfig({ AUDIT_GROUP_WINDOW_MS: 'soon' })).toThrow(
      /AUDIT_GROUP_WINDOW_MS/,
    );
    expect(() => readAuditConfig({ AUDIT_KEEP_SHIPPED: 'maybe' })).toThrow(/AUDIT_KEEP_SHIPPED/);
    expect(() => readAuditConfig({ GATEWAY_INSTANCE: '../etc' })).toThrow(/GATEWAY_INSTANCE/);
  });

  it('refuses to generate keys in production', async () => {
    const config = readAuditConfig({
      DATA_DIR: dir,
      NODE_ENV: 'production',
      GATEWAY_INSTANCE: 'gw-p',
    });
    await expect(AuditTrail.open(config)).rejects.toThrow(
      /AUDIT_HMAC_KEY or AUDIT_HMAC_KEY_FILE must be set/,
    );
    await expect(
      AuditTrail.open(
        readAuditConfig({
          DATA_DIR: dir,
          NODE_ENV: 'production',
          AUDIT_HMAC_KEY: Buffer.alloc(32, 1).toString('base64'),
        }),
      ),
    ).rejects.toThrow(/AUDIT_SIGNING_KEY_FILE must be set/);
    await expect(
      AuditTrail.open(readAuditConfig({ DATA_DIR: dir, AUDIT_HMAC_KEY: 'c2hvcnQ=' })),
    ).rejects.toThrow(/at least 32 bytes/);
  });
});
