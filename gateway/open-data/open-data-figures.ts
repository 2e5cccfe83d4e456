/**
 * The open-data figures of a period, pure over audit records (rows rebuilt with
 * contracts/audit/audit-rows.ts `rowToRecord`, or selected `WHERE delivery LIKE 'OPEN_DATA%'`).
 * Months are China time (UTC+8), as the yearly report's are. The yearly report
 * (gateway/yearly-report/) does not show them yet: it reads the graph, whose access log rightly
 * leaves client addresses out, so distinct clients need a reading of the audit tables of its own.
 *
 * Client addresses are counted, never listed: a report goes on paper and an address is personal
 * information under PIPL once it can be tied to someone.
 */
import type { AuditRecordBody } from '../../contracts/audit/audit-record';
import { chinaToday } from '../../domain/china-date';

export type OpenDataRecord = Pick<
  AuditRecordBody,
  'time' | 'delivery' | 'clientAddress' | 'fieldsServed' | 'outcome'
>;

export interface OpenDataFigures {
  /** Open-data requests that reached the platform (validation refusals never do). */
  readonly requests: number;
  /** By delivery: OPEN_DATA (GraphQL), OPEN_DATA_CSV, OPEN_DATA_JSON. */
  readonly byDelivery: Readonly<Record<string, number>>;
  /** `YYYY-MM` (China time) to requests. */
  readonly byMonth: Readonly<Record<string, number>>;
  readonly distinctClients: number;
  /** `Type` (the resource part of each coordinate served) to requests that served it. */
  readonly byResourceType: Readonly<Record<string, number>>;
  /** Requests not answered in full (outcome other than `ok`): refused, failed, partial. */
  readonly notOk: number;
}

export function isOpenDataRecord(record: Pick<AuditRecordBody, 'delivery'>): boolean {
  return typeof record.delivery === 'string' && record.delivery.startsWith('OPEN_DATA');
}

function chinaMonth(time: string): string {
  return chinaToday(new Date(time)).slice(0, 7);
}

const bump = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

export function openDataFigures(records: Iterable<OpenDataRecord>): OpenDataFigures {
  const byDelivery: Record<string, number> = {};
  const byMonth: Record<string, number> = {};
  const byResourceType: Record<string, number> = {};
  const clients = new Set<string>();
  let requests = 0;
  let notOk = 0;
  for (const r of records) {
    if (!isOpenDataRecord(r)) continue;
    requests++;
    bump(byDelivery, r.delivery!);
    bump(byMonth, chinaMonth(r.time));
    if (r.clientAddress) clients.add(r.clientAddress);
    if (r.outcome !== 'ok') notOk++;
    for (const type of new Set(r.fieldsServed.map((c) => c.slice(0, c.indexOf('.')))))
      if (type !== 'Query') bump(byResourceType, type);
  }
  return { requests, byDelivery, byMonth, distinctClients: clients.size, byResourceType, notOk };
}
