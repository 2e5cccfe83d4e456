/**
 * 系统清查 The measured side of the system inventory: from an application's registry entry and
 * its traffic, how often it is really used and whether it is a zombie candidate (僵尸系统) or
 * not connected (应接未接). Pure functions over rows, so the yearly report can apply the same
 * rules to the same figures (the 2017 Nantong integration plan: idle systems are cleaned up,
 * systems that should connect and do not lose their maintenance funding).
 *
 * Months are China-time calendar months (UTC+8), as the usage tables date requests.
 *
 *  - zombie candidate, IDLE: no request for `idleMonths` months, counted from the last request
 *    (or, never used, from registration): a system registered last week is not idle.
 *  - zombie candidate, FAR_BELOW_DECLARED: over the `idleMonths` whole months before the current
 *    one, the observed frequency is at least `frequencySteps` steps below the declared one on the
 *    scale DAILY > WEEKLY > MONTHLY > QUARTERLY > RARELY > none. Judged only for a system
 *    registered before that window began, so a partial window never counts against it.
 *  - not connected, NEVER_CALLED: registered as needing shared data and never called.
 * A RETIRED system is cleaned up already and carries no flag.
 */
import { chinaMonth } from './time-window';

export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'RARELY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * Average requests per month at or above which a system is used at that frequency: DAILY on
 * every working day (about 21 a month, 20 allowing a holiday), WEEKLY 4, MONTHLY 1, QUARTERLY one
 * in three months; any use below is RARELY.
 */
export const MONTHLY_REQUESTS_FOR: Readonly<Record<Exclude<Frequency, 'RARELY'>, number>> =
  Object.freeze({ DAILY: 20, WEEKLY: 4, MONTHLY: 1, QUARTERLY: 1 / 3 });

export type InventoryReason = 'IDLE' | 'FAR_BELOW_DECLARED' | 'NEVER_CALLED';

export interface InventoryRules {
  /** `AUDIT_ZOMBIE_IDLE_MONTHS`: months without a request that make a zombie candidate. @default 3 */
  readonly idleMonths: number;
  /** `AUDIT_ZOMBIE_FREQUENCY_STEPS`: how many steps below its declared frequency is "far below". @default 2 */
  readonly frequencySteps: number;
}

export const DEFAULT_INVENTORY_RULES: InventoryRules = Object.freeze({
  idleMonths: 3,
  frequencySteps: 2,
});

/** What the registry says of a system (the sharing subgraph's Application). */
export interface RegistryEntry {
  readonly usageFrequency: string;
  readonly needsSharedData: boolean;
  readonly status: string;
  /** ISO instant */
  readonly registeredAt: string;
}

export interface MonthlyRequests {
  /** YYYY-MM, China time */
  readonly month: string;
  readonly requests: number;
}

export interface InventoryFlags {
  readonly zombieCandidate: boolean;
  readonly notConnected: boolean;
  readonly reasons: readonly InventoryReason[];
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** The China-time month of an ISO instant. */
export function chinaMonthOf(iso: string): string {
  return chinaMonth(new Date(iso).toISOString().replace('T', ' ').slice(0, 23));
}

/** 'YYYY-MM' plus `n` months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** The months from `from` to `to`, both inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** The UTC instant (ISO) at which a China-time month begins. */
export function chinaMonthStart(month: string): string {
  return new Date(Date.parse(`${month}-01T00:00:00.000Z`) - CHINA_OFFSET_MS).toISOString();
}

/**
 * The same China-time moment `n` months earlier, the day clamped to the month's length
 * (31 May less 3 months is 28 or 29 February).
 */
export function chinaMonthsBefore(nowIso: string, n: number): string {
  const china = new Date(Date.parse(nowIso) + CHINA_OFFSET_MS);
  const y = china.getUTCFullYear();
  const m = china.getUTCMonth() - n;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    y,
    m,
    Math.min(china.getUTCDate(), lastDay),
    china.getUTCHours(),
    china.getUTCMinutes(),
    china.getUTCSeconds(),
    china.getUTCMilliseconds(),
  );
  return new Date(shifted - CHINA_OFFSET_MS).toISOString();
}

/** The whole China months before the current one over which use is judged. */
export function judgedMonths(nowIso: string, rules: InventoryRules): string[] {
  const current = chinaMonthOf(nowIso);
  return monthsBetween(addMonths(current, -rules.idleMonths), addMonths(current, -1));
}

/** The frequency an average number of requests per month amounts to; null: no use at all. */
export function frequencyOf(requestsPerMonth: number): Frequency | null {
  if (requestsPerMonth <= 0) return null;
  for (const f of ['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY'] as const)
    if (requestsPerMonth >= MONTHLY_REQUESTS_FOR[f]) return f;
  return 'RARELY';
}

/** The observed frequency over the given months (missing months count as none). */
export function observedFrequency(
  rows: readonly MonthlyRequests[],
  months: readonly string[],
): Frequency | null {
  if (months.length === 0) return null;
  const wanted = new Set(months);
  const total = rows.filter((r) => wanted.has(r.month)).reduce((n, r) => n + r.requests, 0);
  return frequencyOf(total / months.length);
}

/** Steps from `declared` down to `observed` on DAILY > … > RARELY > none (negative: used more). */
export function stepsBelow(declared: string, observed: Frequency | null): number {
  const d = FREQUENCIES.indexOf(declared as Frequency);
  if (d < 0) return 0;
  const o = observed === null ? FREQUENCIES.length : FREQUENCIES.indexOf(observed);
  return o - d;
}

/**
 * The flags of one system, now. `rows` must cover at least judgedMonths(now, rules);
 * `lastAccessAt` is its last request ever (ISO), null when it never called.
 */
export function inventoryFlags(
  entry: RegistryEntry,
  rows: readonly MonthlyRequests[],
  lastAccessAt: string | null,
  nowIso: string,
  rules: InventoryRules = DEFAULT_INVENTORY_RULES,
): InventoryFlags {
  if (entry.status === 'RETIRED')
    return { zombieCandidate: false, notConnected: false, reasons: [] };
  const reasons: InventoryReason[] = [];
  const idleSince = lastAccessAt ?? entry.registeredAt;
  if (Date.parse(idleSince) <= Date.parse(chinaMonthsBefore(nowIso, rules.idleMonths)))
    reasons.push('IDLE');
  const months = judgedMonths(nowIso, rules);
  if (
    months.length > 0 &&
    Date.parse(entry.registeredAt) < Date.parse(chinaMonthStart(months[0])) &&
    stepsBelow(entry.usageFrequency, observedFrequency(rows, months)) >= rules.frequencySteps
  )
    reasons.push('FAR_BELOW_DECLARED');
  if (entry.needsSharedData && lastAccessAt === null) reasons.push('NEVER_CALLED');
  return {
    zombieCandidate: reasons.includes('IDLE') || reasons.includes('FAR_BELOW_DECLARED'),
    notConnected: reasons.includes('NEVER_CALLED'),
    reasons,
  };
}
