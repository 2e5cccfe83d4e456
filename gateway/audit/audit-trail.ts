/**
 * The audit trail as the gateway uses it: one object that builds, chains and journals a record
 * per request, ships the journal to the audit database in the background, and reports health.
 */
import { Knex } from 'knex';
import type { AuditEntry, AuditRecord, SubjectKind } from '../../contracts/audit/audit-record';
import { buildRecordBody } from '../../contracts/audit/audit-record';
import { databaseLabel } from '../../contracts/audit/audit-config';
import type { AuditConfig } from '../config/audit';
import { AuditKeys, loadAuditKeys } from '../../contracts/audit/audit-keys';
import { ShippingDatabase, ShippingDatabaseOptions } from './shipping-database';
import { JournalFs } from './journal-fs';
import { Journal, JournalStatus } from './journal';
import { JournalShipper, ShipperStatus } from './journal-shipper';
import { subjectHash } from '../../contracts/audit/keyed-hash';

export interface AuditHealth {
  /** `unavailable`: the journal cannot be written; the gateway must answer 503 AUDIT_UNAVAILABLE. */
  readonly status: 'ok' | 'unavailable';
  readonly journal: JournalStatus;
  /** Shipping lag is not an outage: records wait safely in the journal. */
  readonly shipping: ShipperStatus;
}

export interface AuditTrailOptions {
  /** File operations (tests inject failures). @default node:fs */
  readonly fs?: JournalFs;
  /** Opens the audit database. @default a ShippingDatabase's connect (shipping-database.ts) */
  readonly connect?: () => Promise<Knex>;
  /** Keys already loaded; otherwise read (or, in development, generated) from config.keys. */
  readonly keys?: AuditKeys;
  /** Start-up damage, dev key generation, shipping problems. @default console.warn */
  readonly onWarning?: (message: string) => void;
  /** Do not ship in the background (tests drive `shipper.drain()` themselves). @default true */
  readonly ship?: boolean;
  /** Observer: a group of records journalled, with its write and fsync time (metrics). @default none */
  readonly onGroupCommit?: (records: number, durationMs: number) => void;
  /** Settings of the embedded database's thread (benchmarks vary them). @default ShippingDatabase's */
  readonly database?: Omit<ShippingDatabaseOptions, 'onWarning'>;
}

export class AuditTrail {
  private constructor(
    readonly config: AuditConfig,
    readonly keys: AuditKeys,
    readonly journal: Journal,
    readonly shipper: JournalShipper,
    private readonly database: ShippingDatabase | null,
  ) {}

  static async open(config: AuditConfig, options: AuditTrailOptions = {}): Promise<AuditTrail> {
    const warn = options.onWarning ?? ((m: string) => console.warn(`[audit] ${m}`));
    const keys = options.keys ?? loadAuditKeys(config.keys);
    for (const file of keys.generated)
      warn(
        `development key written: ${file} (configure AUDIT_HMAC_KEY / AUDIT_SIGNING_KEY_FILE in production)`,
      );
    const journal = await Journal.open({
      dir: config.journalDir,
      instance: config.instance,
      signer: keys.signer,
      fs: options.fs,
      groupWindowMs: config.groupWindowMs,
      groupMaxRecords: config.groupMaxRecords,
      segmentBytes: config.segmentBytes,
      checkpointEveryRecords: config.checkpointEveryRecords,
      checkpointIntervalMs: config.checkpointIntervalMs,
      onWarning: warn,
      onGroupCommit: options.onGroupCommit,
    });
    const database = options.connect
      ? null
      : new ShippingDatabase(config.database, { ...options.database, onWarning: warn });
    const shipper = new JournalShipper({
      source: journal,
      connect: options.connect ?? (() => database!.connect()),
      makeShippedDurable: database ? () => database.makeShippedDurable() : undefined,
      afterStore: database ? (db) => database.afterStore(db) : undefined,
      store: database ? (db, batch) => database.store(db, batch) : undefined,
      target: databaseLabel(config.database),
      fs: options.fs,
      batchRecords: config.shipBatchRecords,
      retryMaxMs: config.shipRetryMaxMs,
      intervalMs: config.shipIntervalMs,
      keepShipped: config.keepShipped,
      onWarning: warn,
    });
    if (options.ship ?? true) shipper.start();
    return new AuditTrail(config, keys, journal, shipper, database);
  }

  /**
   * Records one request. Resolves once the record is on stable storage: only then may the
   * response leave. Rejects with AuditUnavailableError when it cannot be journalled.
   */
  append(entry: AuditEntry): Promise<AuditRecord> {
    let body;
    try {
      body = buildRecordBody(entry, { instance: this.config.instance, key: this.keys.hmac });
    } catch (err) {
      return Promise.reject(err);
    }
    return this.journal.append(body, entry.document ?? null);
  }

  health(): AuditHealth {
    const journal = this.journal.status();
    return {
      status: journal.available ? 'ok' : 'unavailable',
      journal,
      shipping: this.shipper.status(),
    };
  }

  /** Like health(), but first tries to recover an unavailable journal (a writable disk again). */
  async probe(): Promise<AuditHealth> {
    await this.journal.probe();
    return this.health();
  }

  /** The stored hash of a data subject, for "who accessed this person's data". */
  subjectHash(kind: SubjectKind, id: string): string {
    return subjectHash(this.keys.hmac, kind, id);
  }

  /** Stops accepting records, writes what is queued with a final checkpoint, ships what it can, closes. */
  async close(options: { shipTimeoutMs?: number } = {}): Promise<void> {
    await this.journal.close();
    const timeout = options.shipTimeoutMs ?? 5000;
    if (timeout > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.shipper.drain().catch(() => undefined),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeout);
        }),
      ]);
      clearTimeout(timer);
    }
    await this.shipper.stop();
    await this.database?.close();
  }
}
