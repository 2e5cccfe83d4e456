/**
 * How a response was delivered, as its audit record keeps it (issue 10): a query's result
 * downloaded from the workbench as a CSV file or an Excel workbook is an export, and an export is
 * evidence of its own kind: the data left the platform's screens as a file that can be passed on.
 * The record says so in one column, `delivery`; an ordinary GraphQL response has none.
 *
 * The property is left out of a record delivered as the ordinary JSON response, exactly as the
 * case (record-case.ts) is left out of a record without one: such a record has the properties,
 * and so the canonical JSON and the hash, it had before exports existed, and every chain written
 * before still verifies.
 */
import { storableText, TEXT_LIMITS } from './storable-text';

/**
 * 导出: the result as a CSV file (UTF-8 with BOM) or an Excel workbook. 开放: served to an
 * anonymous caller by the open-data endpoint (issue 11, gateway/open-data/), as the JSON
 * response of /open/graphql or as an open dataset's CSV or JSON download. 报告: read to make the
 * yearly sharing report (gateway/yearly-report/), whose figures then leave as a report.
 */
export type Delivery =
  'EXPORT_CSV' | 'EXPORT_XLSX' | 'OPEN_DATA' | 'OPEN_DATA_CSV' | 'OPEN_DATA_JSON' | 'REPORT';
export const DELIVERIES: readonly Delivery[] = [
  'EXPORT_CSV',
  'EXPORT_XLSX',
  'OPEN_DATA',
  'OPEN_DATA_CSV',
  'OPEN_DATA_JSON',
  'REPORT',
];

export function isDelivery(value: unknown): value is Delivery {
  return typeof value === 'string' && (DELIVERIES as readonly string[]).includes(value);
}

/** The record's delivery property: present only for a delivery other than the JSON response. */
export interface RecordDeliveryFields {
  readonly delivery?: string;
}

export function recordDelivery(delivery: Delivery | null | undefined): RecordDeliveryFields {
  if (!isDelivery(delivery)) return {};
  return { delivery: storableText(delivery, TEXT_LIMITS.delivery) };
}

/** The audit_records column that holds it (NULL on records of ordinary responses). */
export const DELIVERY_COLUMN = 'delivery';
