import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readAuditConfig } from '../../../gateway/config/audit';
import { AuditTrail } from '../../../gateway/audit/audit-trail';
import { testKeys } from '../../utils/audit-fixtures';
import { databaseTarget, openDatabase } from '../../../contracts/database/database';
import { prepareAllDatabases } from '../../../subgraphs/prepare-all';
import { clearTables, prepareDatabase } from '../../../subgraphs/kit/prepare-database';
import { auditSubgraph } from '../../../subgraphs/audit/module';
import { access, PERSON_A } from './audit-fixture';

describe('the audit database under npm run seed and npm start', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-audit-keep-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is migrated but never reset, cleared or seeded: the trail is evidence, not demo data', async () => {
    const env = { DATA_DIR: dir, GATEWAY_INSTANCE: 'gw-keep' };
    const trail = await AuditTrail.open(readAuditConfig(env), {
      keys: testKeys(),
      ship: false,
      onWarning: () => {},
    });
    await trail.append(
      access(
        '2025-03-03T02:00:00.000Z',
        { department: 'civil-affairs' },
        { served: ['Person.name'], people: [PERSON_A] },
      ),
    );
    await trail.close();

    const outcomes: string[] = [];
    await prepareAllDatabases({
      world: { seed: 7, persons: 10 },
      reset: true,
      only: ['audit'],
      env,
      onSubgraph: (name, outcome) => outcomes.push(`${name}:${outcome}`),
    });
    expect(outcomes).toEqual(['audit:kept']);

    const target = databaseTarget('audit', env);
    const db = await prepareDatabase(auditSubgraph, target, {
      seedIfEmpty: { seed: 7, persons: 10 },
    });
    try {
      expect(await db('audit_records').count({ n: '*' }).first()).toEqual({ n: 1 });
      expect(await db.schema.hasTable('seed_info')).toBe(false);
      await expect(clearTables(db, auditSubgraph)).rejects.toThrow(/never cleared/);
      expect(await db('audit_records').count({ n: '*' }).first()).toEqual({ n: 1 });
    } finally {
      await db.destroy();
    }
    // And the read side's tables came with the audit library's migrations.
    const check = await openDatabase(target);
    try {
      expect(await check.schema.hasTable('audit_usage_fields')).toBe(true);
    } finally {
      await check.destroy();
    }
  });
});
