import { Knex } from 'knex';
import { describeWithService } from '../../../test/utils/services';
import {
  ensureMonthlyPartitions,
  existingPartitions,
  initialPartitionClause,
  monthlyPartitions,
  partitionName,
  planPartitionChanges,
  addMonths,
  monthStart,
} from '../../../contracts/audit/audit-partitions';
import { recordToRow } from '../../../contracts/audit/audit-rows';
import { openAuditDatabase } from '../audit-store';
import {
  chainOf,
  testAuditDatabase,
  TestAuditDatabase,
  testKeys,
} from '../../../test/utils/audit-fixtures';

describe('monthly partitions', () => {
  it('start with history below the current month, one partition per month for a year ahead, and a MAXVALUE catch-all', () => {
    const clause = initialPartitionClause(new Date('2026-11-26T18:00:00Z'), 12);
    expect(clause).toContain("PARTITION p_before VALUES LESS THAN ('2026-11-01')");
    expect(clause).toContain("PARTITION p202611 VALUES LESS THAN ('2026-12-01')");
    expect(clause).toContain("PARTITION p202711 VALUES LESS THAN ('2027-12-01')");
    expect(clause).toContain('PARTITION pmax VALUES LESS THAN (MAXVALUE)');
    expect(clause.match(/PARTITION p\d{6}/g)).toHaveLength(13);
  });

  it('cross year ends', () => {
    expect(monthlyPartitions(new Date('2026-12-15Z'), new Date('2027-01-02Z'))).toEqual([
      { name: 'p202612', lessThan: '2027-01-01' },
      { name: 'p202701', lessThan: '2027-02-01' },
    ]);
  });

  it('split pmax to add months, and p_before to add history', () => {
    const existing = [
      { name: 'p_before', description: "'2026-11-01 00:00:00'" },
      { name: 'p202611', description: "'2026-12-01 00:00:00'" },
      { name: 'pmax', description: 'MAXVALUE' },
    ];
    const [high, low] = planPartitionChanges('audit_records', existing, {
      from: new Date('2026-09-05Z'),
      through: new Date('2027-01-31Z'),
    });
    expect(high).toBe(
      "ALTER TABLE `audit_records` REORGANIZE PARTITION pmax INTO (PARTITION p202612 VALUES LESS THAN ('2027-01-01'), PARTITION p202701 VALUES LESS THAN ('2027-02-01'), PARTITION pmax VALUES LESS THAN (MAXVALUE))",
    );
    expect(low).toBe(
      "ALTER TABLE `audit_records` REORGANIZE PARTITION p_before INTO (PARTITION p_before VALUES LESS THAN ('2026-09-01'), PARTITION p202609 VALUES LESS THAN ('2026-10-01'), PARTITION p202610 VALUES LESS THAN ('2026-11-01'))",
    );
  });

  it('plan nothing when the months exist', () => {
    const existing = [
      { name: 'p_before', description: "'2026-11-01 00:00:00'" },
      { name: 'p202611', description: "'2026-12-01 00:00:00'" },
      { name: 'pmax', description: 'MAXVALUE' },
    ];
    expect(
      planPartitionChanges('t', existing, {
        from: new Date('2026-11-03Z'),
        through: new Date('2026-11-30Z'),
      }),
    ).toEqual([]);
  });
});

describeWithService('mysql', 'monthly partitions on MariaDB', () => {
  let database: TestAuditDatabase;
  let db: Knex;
  beforeAll(async () => {
    database = testAuditDatabase('mysql');
    db = await database.connect();
  });
  afterAll(() => database.cleanup());

  it('are created with the tables, with the time column in every key', async () => {
    const now = monthStart(new Date());
    for (const table of ['audit_records', 'audit_subjects']) {
      const names = (await existingPartitions(db, table)).map((p) => p.name);
      expect(names[0]).toBe('p_before');
      expect(names.at(-1)).toBe('pmax');
      expect(names).toContain(partitionName(now));
      expect(names).toContain(partitionName(addMonths(now, 12)));
      expect(names).toHaveLength(15);
    }
  });

  it('are added for history and future months, and rows land in their month', async () => {
    const now = monthStart(new Date());
    const ran = await ensureMonthlyPartitions(db, {
      from: addMonths(now, -3),
      through: addMonths(now, 14),
    });
    expect(ran).toHaveLength(4);
    expect(
      await ensureMonthlyPartitions(db, { from: addMonths(now, -3), through: addMonths(now, 14) }),
    ).toEqual([]);
    const old = addMonths(now, -2);
    const [record] = chainOf(1, testKeys());
    await db('audit_records').insert(
      recordToRow({ ...record, time: new Date(old.getTime() + 86_400_000).toISOString() }),
    );
    const [rows] = await db.raw(
      `SELECT COUNT(*) AS n FROM audit_records PARTITION (${partitionName(old)})`,
    );
    expect(Number(rows[0].n)).toBe(1);
  });
});

describeWithService('mysql', 'opening the audit database on MariaDB', () => {
  // Partition DDL on MariaDB: under a second here, over Jest's default 5 s once on a loaded CI machine.
  it('adds the partitions for the next 12 months when it is opened a year later', async () => {
    const database = testAuditDatabase('mysql');
    try {
      await database.connect();
      const later = addMonths(monthStart(new Date()), 14);
      const db = await openAuditDatabase(database.target, later);
      const names = (await existingPartitions(db, 'audit_subjects')).map((p) => p.name);
      await db.destroy();
      expect(names).toContain(partitionName(addMonths(later, 12)));
      expect(names.at(-1)).toBe('pmax');
    } finally {
      await database.cleanup();
    }
  }, 30_000);
});
