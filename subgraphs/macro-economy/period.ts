/**
 * Statistical periods as the bureau labels them: a month `2024-03`, a quarter `2024-Q1`, a year
 * `2024`. Each label covers a span of whole months; range filters compare spans, so a year in
 * `from` or `to` selects the months and quarters inside it.
 */
export type PeriodType = 'MONTH' | 'QUARTER' | 'YEAR';

export const PERIOD_TYPES: readonly PeriodType[] = ['MONTH', 'QUARTER', 'YEAR'];

export interface Period {
  type: PeriodType;
  label: string;
  year: number;
  /** 1..12, inclusive. */
  firstMonth: number;
  lastMonth: number;
}

export interface PeriodProblem {
  kind: 'FORMAT' | 'RANGE';
  message: string;
}

/** Years a label may name: the People's Republic's statistics start in 1949. */
export const EARLIEST_YEAR = 1949;
export const LATEST_YEAR = 2099;

const HINT = 'use 2024-03 (month), 2024-Q1 (quarter) or 2024 (year)';

export function parsePeriod(text: string): Period | PeriodProblem {
  const m = /^(\d{4})(?:-(\d{2})|-Q(\d))?$/.exec(text);
  if (!m) return { kind: 'FORMAT', message: `"${text}" is not a period: ${HINT}` };
  const year = Number(m[1]);
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
    return {
      kind: 'RANGE',
      message: `"${text}": the year must be between ${EARLIEST_YEAR} and ${LATEST_YEAR}`,
    };
  }
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    if (month < 1 || month > 12)
      return { kind: 'FORMAT', message: `"${text}": the month must be 01 to 12` };
    return monthPeriod(year, month);
  }
  if (m[3] !== undefined) {
    const quarter = Number(m[3]);
    if (quarter < 1 || quarter > 4)
      return { kind: 'FORMAT', message: `"${text}": the quarter must be Q1 to Q4` };
    return quarterPeriod(year, quarter);
  }
  return yearPeriod(year);
}

export function isPeriodProblem(p: Period | PeriodProblem): p is PeriodProblem {
  return 'kind' in p;
}

export function monthPeriod(year: number, month: number): Period {
  return {
    type: 'MONTH',
    label: `${year}-${String(month).padStart(2, '0')}`,
    year,
    firstMonth: month,
    lastMonth: month,
  };
}

export function quarterPeriod(year: number, quarter: number): Period {
  return {
    type: 'QUARTER',
    label: `${year}-Q${quarter}`,
    year,
    firstMonth: quarter * 3 - 2,
    lastMonth: quarter * 3,
  };
}

export function yearPeriod(year: number): Period {
  return { type: 'YEAR', label: String(year), year, firstMonth: 1, lastMonth: 12 };
}

/** First day of the period, ISO date. */
export function periodStart(p: Period): string {
  return `${p.year}-${String(p.firstMonth).padStart(2, '0')}-01`;
}

/** Last day of the period, ISO date. */
export function periodEnd(p: Period): string {
  const lastDay = new Date(Date.UTC(p.year, p.lastMonth, 0)).getUTCDate();
  return `${p.year}-${String(p.lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}
