/**
 * Verdicts that make a verification a lookup miss. A verification answers every key with an
 * object (免证办: `verifyCertificate` answers a status, never null), so "answered null" alone
 * would never count it, and a caller could guess keys through it free of the daily budget of
 * misses (gateway/rate-limits/lookup-miss-budget.ts) and unseen by the probing flags: which ID
 * number holds a known certificate, one HOLDER_MISMATCH at a time. The gateway therefore counts
 * a root answer carrying one of these values as a miss, like a null one (gateway/audit-capture/
 * lookup-misses.ts); subgraphs answer exactly these values when the key names nobody, or not the
 * one asked about. Values, not field names: aliases do not hide them.
 */
export const LOOKUP_MISS_VERDICTS: ReadonlySet<string> = new Set(['NOT_FOUND', 'HOLDER_MISMATCH']);
