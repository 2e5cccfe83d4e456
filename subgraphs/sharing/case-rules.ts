/**
 * What makes an approval case (办件) acceptable, and who may see or close one. Pure decisions:
 * the input checks throw BAD_USER_INPUT naming the argument, the access rules return null when
 * allowed or the reason they do not.
 *
 * A case is what lets the service network read an applicant's data, so each check closes a way
 * to read someone else's: the number must name the item (no case of a granted item passed off
 * for another), the applicants are well-formed identifiers (no wildcard subject), and the consent
 * lies within the item's data list (an applicant cannot be made to "authorise" more than the
 * item needs: 一网通办 and e-licence rules ask for the applicant's authorisation of exactly that).
 */
import { isCaseNumberProblem, parseCaseNumber } from '../../domain/case-number';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { badUserInput, requireCreditCode, requireIdNumber } from '../kit/user-input';
import { isPlatform } from './access-rules';
import { ApprovalItem, withinDataList } from './approval-items';
import { chinaDate } from './clock';
import type { CaseRow } from './case-store';
import { requireText } from './sharing-input';

export interface OpenCaseInput {
  number: string;
  item: string;
  applicants: { idNumbers?: readonly string[] | null; creditCodes?: readonly string[] | null };
  operator: string;
  consent: { scope: readonly string[]; signedAt: string };
}

export interface CaseTerms {
  number: string;
  idNumbers: string[];
  creditCodes: string[];
  operator: string;
  scope: string[];
  signedAt: string;
}

/** A family, its household head's businesses: enough for any real case, not a way to name a street. */
export const MAX_APPLICANTS = 20;
const MAX_OPERATOR = 64;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The well-formed number of a case of `item`, or BAD_USER_INPUT saying what is wrong. */
export function requireCaseNumber(number: string, item?: string): string {
  const parsed = parseCaseNumber(number);
  if (isCaseNumberProblem(parsed))
    throw badUserInput('number', parsed.problem, { problem: 'FORMAT' });
  if (item !== undefined && parsed.itemCode !== item)
    throw badUserInput(
      'number',
      `case number ${number} is of item ${parsed.itemCode}, not of ${item}: a case is numbered for its own item`,
      { problem: 'ITEM_MISMATCH', itemCode: parsed.itemCode },
    );
  return number;
}

function applicantList(
  argument: string,
  values: readonly string[] | null | undefined,
  check: (argument: string, value: string) => string,
): string[] {
  const list = [...new Set(values ?? [])];
  list.forEach((v, i) => check(`${argument}[${i}]`, v));
  return list.sort();
}

/** The consent's entries, each within the item's data list; BAD_USER_INPUT names the first outside it. */
export function requireConsentScope(item: ApprovalItem, scope: readonly string[]): string[] {
  if (scope.length === 0)
    throw badUserInput('consent.scope', 'name what the applicants authorised', {
      problem: 'REQUIRED',
    });
  const outside = scope.filter((entry) => !withinDataList(item, entry, true));
  if (outside.length > 0)
    throw badUserInput(
      'consent.scope',
      `${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not in the data list of item ${item.code} (${item.name}): consent covers only what the item may draw`,
      { problem: 'NOT_IN_ITEM', coordinates: outside },
    );
  return [...new Set(scope)].sort();
}

/** When the applicants signed, as an ISO instant in UTC: not in the future, not after the case opens. */
export function requireSignedAt(signedAt: string, now: Date): string {
  const t = ISO_INSTANT.test(signedAt) ? Date.parse(signedAt) : Number.NaN;
  if (Number.isNaN(t))
    throw badUserInput(
      'consent.signedAt',
      'an ISO 8601 instant with its offset, e.g. 2026-12-06T09:30:00+08:00',
      {
        problem: 'FORMAT',
      },
    );
  if (t > now.getTime())
    throw badUserInput(
      'consent.signedAt',
      `${signedAt} is in the future: consent is signed before the case opens`,
      { problem: 'RANGE' },
    );
  return new Date(t).toISOString();
}

/** The terms of a new case of `item` opened at `now`. */
export function caseTerms(input: OpenCaseInput, item: ApprovalItem, now: Date): CaseTerms {
  const number = requireCaseNumber(input.number, item.code);
  const acceptedOn = (parseCaseNumber(number) as { acceptedOn: string }).acceptedOn;
  if (acceptedOn > chinaDate(now))
    throw badUserInput('number', `case number ${number} is dated after today`, {
      problem: 'RANGE',
    });
  const idNumbers = applicantList(
    'applicants.idNumbers',
    input.applicants.idNumbers,
    requireIdNumber,
  );
  const creditCodes = applicantList(
    'applicants.creditCodes',
    input.applicants.creditCodes,
    requireCreditCode,
  );
  if (idNumbers.length + creditCodes.length === 0)
    throw badUserInput('applicants', 'name at least one applicant (ID number or credit code)', {
      problem: 'REQUIRED',
    });
  if (idNumbers.length + creditCodes.length > MAX_APPLICANTS)
    throw badUserInput('applicants', `at most ${MAX_APPLICANTS} applicants per case`, {
      problem: 'LENGTH',
      max: MAX_APPLICANTS,
    });
  return {
    number,
    idNumbers,
    creditCodes,
    operator: requireText('operator', input.operator, MAX_OPERATOR),
    scope: requireConsentScope(item, input.consent.scope),
    signedAt: requireSignedAt(input.consent.signedAt, now),
  };
}

/**
 * A case is the business of the application that opened it; the big data bureau supervises all
 * (and the gateway reads every case as the platform). Anyone else is told nothing, not even
 * that the case exists.
 */
export function maySeeCase(caller: CallerIdentity, row: CaseRow): boolean {
  if (isPlatform(caller)) return true;
  return caller.department === row.department && caller.application === row.application_id;
}

/** Closing is the handling application's act, or the bureau's in supervision. */
export function mayCloseCase(caller: CallerIdentity, row: CaseRow | null): string | null {
  if (row && maySeeCase(caller, row)) return null;
  return 'only the application that opened a case, or the big data bureau, may close it';
}
