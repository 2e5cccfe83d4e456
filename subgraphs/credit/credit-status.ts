/**
 * A subject's credit status, computed from its records and the day of the request: penalties
 * leave publicity and listings end without a batch job rewriting rows, so the status, the
 * records' `active` flags and the rating always agree.
 */
import { addDays } from '../../domain/demo/calendar';
import { CreditRecordRow } from './credit-record-row';

export type CreditRating = 'A' | 'B' | 'C' | 'D';

export interface CreditStatus {
  rating: CreditRating;
  onRedList: boolean;
  onBlackList: boolean;
  activePenalties: number;
  /** The last day the status changed; null for a subject without records. */
  lastUpdated: string | null;
  /** Internal 0-100 risk score of the credit office's supervision model. */
  riskScore: number;
  asOf: string;
}

type StatusColumns = Pick<
  CreditRecordRow,
  'kind' | 'decided_on' | 'publicity_ends_on' | 'list_type' | 'removed_on'
>;

/** A penalty is active (公示中) from its decision to the last day of its publicity period. */
export function isActivePenalty(r: StatusColumns, today: string): boolean {
  return (
    r.kind === 'PENALTY' &&
    r.decided_on <= today &&
    r.publicity_ends_on !== null &&
    today <= r.publicity_ends_on
  );
}

/** A listing is active from the day of listing until the day it is removed. */
export function isActiveListing(r: StatusColumns, today: string): boolean {
  return (
    r.kind === 'LIST_ENTRY' &&
    r.decided_on <= today &&
    (r.removed_on === null || today < r.removed_on)
  );
}

/** Days on which the subject's status changed: decisions, removals, and the day after publicity ends. */
function changeDays(r: StatusColumns): string[] {
  const days = [r.decided_on];
  if (r.removed_on) days.push(r.removed_on);
  if (r.kind === 'PENALTY' && r.publicity_ends_on) days.push(addDays(r.publicity_ends_on, 1));
  return days;
}

/**
 * The rating follows the rules of differentiated supervision (分级分类监管):
 * D on a black list, C with a penalty in publicity, A on a red list, B otherwise.
 */
export function creditStatusOf(records: readonly StatusColumns[], today: string): CreditStatus {
  const onBlackList = records.some((r) => r.list_type === 'BLACK' && isActiveListing(r, today));
  const onRedList = records.some((r) => r.list_type === 'RED' && isActiveListing(r, today));
  const activePenalties = records.filter((r) => isActivePenalty(r, today)).length;
  const pastPenalties =
    records.filter((r) => r.kind === 'PENALTY' && r.decided_on <= today).length - activePenalties;
  const rating: CreditRating = onBlackList
    ? 'D'
    : activePenalties > 0
      ? 'C'
      : onRedList
        ? 'A'
        : 'B';
  const lastUpdated = records
    .flatMap(changeDays)
    .filter((d) => d <= today)
    .reduce<string | null>((latest, d) => (latest === null || d > latest ? d : latest), null);
  const score =
    20 +
    25 * Math.min(activePenalties, 3) +
    40 * Number(onBlackList) -
    10 * Number(onRedList) +
    5 * Math.min(pastPenalties, 4);
  return {
    rating,
    onRedList,
    onBlackList,
    activePenalties,
    lastUpdated,
    riskScore: Math.max(0, Math.min(100, score)),
    asOf: today,
  };
}

export { chinaToday } from '../../domain/china-date';
