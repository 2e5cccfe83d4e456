/**
 * 办件编号: the number a service hall gives an application when it accepts it. Shujutong's
 * format: `NT` (Nantong), the day of acceptance in China time (YYYYMMDD), the approval item's
 * code, and a six-digit serial of that item on that day:
 *
 *   NT20261206-ZF0101-000042
 *
 * Item codes (政务服务事项编码, shortened for the demo) are two letters and four digits. The day
 * must be a real calendar day, so a typo does not name a case that could never exist.
 */

export const CASE_NUMBER_PATTERN = /^NT(\d{4})(\d{2})(\d{2})-([A-Z]{2}\d{4})-(\d{6})$/;
export const ITEM_CODE_PATTERN = /^[A-Z]{2}\d{4}$/;

export interface CaseNumber {
  readonly number: string;
  /** YYYY-MM-DD, China time. */
  readonly acceptedOn: string;
  readonly itemCode: string;
  readonly serial: number;
}

/** The parts of a well-formed case number, or why it is not one. */
export function parseCaseNumber(text: string): CaseNumber | { readonly problem: string } {
  const m = CASE_NUMBER_PATTERN.exec(text);
  if (!m) {
    return {
      problem: `"${text.slice(0, 40)}" is not a case number: expected NT<YYYYMMDD>-<item code, 2 letters 4 digits>-<6-digit serial>, e.g. NT20261206-ZF0101-000042`,
    };
  }
  const [, y, mo, d, itemCode, serial] = m;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (
    day.getUTCFullYear() !== Number(y) ||
    day.getUTCMonth() !== Number(mo) - 1 ||
    day.getUTCDate() !== Number(d)
  ) {
    return { problem: `case number ${text}: ${y}-${mo}-${d} is not a calendar day` };
  }
  if (Number(serial) === 0) return { problem: `case number ${text}: serials start at 000001` };
  return { number: text, acceptedOn: `${y}-${mo}-${d}`, itemCode, serial: Number(serial) };
}

export function isCaseNumberProblem(
  parsed: CaseNumber | { readonly problem: string },
): parsed is { readonly problem: string } {
  return 'problem' in parsed;
}
