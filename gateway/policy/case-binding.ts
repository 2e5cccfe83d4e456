/**
 * A request bound to an approval case (办件): what the sharing policy needs to decide whether a
 * grant made for an approval item (事项授权) may serve it. National rules let the service
 * network use only the data an approval item needs, about the applicants of that item, while
 * the case is open, within what the applicants authorised; so an item grant serves a field only
 * when all of these hold. The subject half (every subject served under an item grant is an
 * applicant) is checked on the result: gateway/quotas/ withholds the rest as SUBJECT_NOT_ON_CASE.
 */
import { Grant, listCovers } from './grant';

export interface CaseBinding {
  readonly number: string;
  readonly item: string;
  readonly open: boolean;
  /** The item's data list: coordinates, `Type.*` allowed. */
  readonly dataItems: readonly string[];
  /** What the applicants authorised: coordinates, `Type.*` allowed. */
  readonly consent: readonly string[];
}

/** Why an item grant cannot serve this request; null when it can. */
export type CaseRefusal = 'CASE_REQUIRED' | 'CASE_CLOSED' | 'NOT_IN_ITEM' | 'NOT_CONSENTED';

/** Whether an item grant may serve `coordinate` in a request bound to `binding`. */
export function itemGrantRefusal(
  grant: Grant,
  coordinate: string,
  binding: CaseBinding | null | undefined,
): CaseRefusal | null {
  if (!binding) return 'CASE_REQUIRED';
  if (!binding.open) return 'CASE_CLOSED';
  if (grant.item !== binding.item || !listCovers(binding.dataItems, coordinate))
    return 'NOT_IN_ITEM';
  if (!listCovers(binding.consent, coordinate)) return 'NOT_CONSENTED';
  return null;
}

/** Part of the plan cache key: plans for different bindings differ. */
export function caseBindingKey(binding: CaseBinding | null | undefined): string | null {
  if (!binding) return null;
  return JSON.stringify([
    binding.number,
    binding.item,
    binding.open,
    binding.dataItems,
    binding.consent,
  ]);
}
