/**
 * Text as the audit database stores it, decided before hashing: what is stored is exactly what
 * was hashed, so a database that refused or truncated an over-long value cannot block shipping
 * or break the chain.
 */

/**
 * Column widths in characters (code points). Longer values are cut when the record is built,
 * before hashing.
 */
export const TEXT_LIMITS = {
  requestId: 100,
  instance: 64,
  chain: 100,
  department: 100,
  application: 100,
  operator: 100,
  clientAddress: 64,
  operationName: 200,
  purpose: 500,
  /** 办件编号 (domain/case-number.ts: 24 characters); room for a longer national format. */
  caseNumber: 64,
  /** 事项编码 (6 characters in the demo; national item codes run longer). */
  itemCode: 32,
  /** EXPORT_CSV, EXPORT_XLSX (record-delivery.ts). */
  delivery: 16,
} as const;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Makes a string storable in a utf8mb4 column exactly as hashed: lone surrogates (which UTF-8
 * cannot encode) become U+FFFD, and cutting counts code points so no pair is split.
 */
export function storableText(value: string, limit: number): string {
  const clean = value.replace(LONE_SURROGATE, '\ufffd');
  if (clean.length <= limit) return clean;
  const points = Array.from(clean);
  return points.length <= limit ? clean : points.slice(0, limit).join('');
}

export function optionalText(value: string | null | undefined, limit: number): string | null {
  return value === null || value === undefined ? null : storableText(String(value), limit);
}
