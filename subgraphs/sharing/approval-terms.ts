/**
 * The terms of a grant when an owner approves a sharing request. The owner may approve less
 * than was asked for (fewer items, fewer purposes, masked instead of clear, an earlier end) but
 * never more: use stays bound to what was applied for (国发〔2016〕51号).
 */
import { subjectQuotaProblem } from '../../domain/subject-quota';
import { CoordinateCatalogue } from './coordinate-catalogue';
import { coversItem, grantProblem, parseItem } from './requested-items';

export interface RequestedTerms {
  /** The owner the request is addressed to. */
  readonly owner: string;
  readonly items: readonly string[];
  readonly purposes: readonly string[];
  readonly clear: boolean;
  readonly validUntil: string | null;
  /** The daily subject quota proposed to the owner (the configured default). */
  readonly subjectQuota: number;
}

/** What the owner chose; every unset part keeps what was requested. */
export interface ApprovalChoice {
  readonly items?: readonly string[] | null;
  readonly purposes?: readonly string[] | null;
  readonly clear?: boolean | null;
  readonly validUntil?: string | null;
  /**
   * Distinct data subjects per day the applicant's application may receive the granted data
   * about. Unlike the other terms it is not bounded by the request: the applicant asks for data,
   * the owner decides how much of it a day may carry, above or below the default.
   */
  readonly subjectQuota?: number | null;
}

export interface GrantTerms {
  readonly items: readonly string[];
  readonly purposes: readonly string[];
  readonly clear: boolean;
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly subjectQuota: number;
}

export interface TermsProblem {
  /** The input field at fault: `items`, `purposes`, `clear`, `validUntil` or `subjectQuota`. */
  readonly argument: string;
  readonly message: string;
  readonly coordinate?: string;
}

export type TermsOutcome = { ok: true; terms: GrantTerms } | { ok: false; problem: TermsProblem };

function narrowedItems(
  requested: RequestedTerms,
  chosen: readonly string[],
  clear: boolean,
  catalogue: CoordinateCatalogue,
): TermsProblem | null {
  if (chosen.length === 0)
    return {
      argument: 'items',
      message: 'approve at least one item, or reject the request with a reason',
    };
  for (const item of chosen) {
    if (requested.items.includes(item)) continue;
    const parsed = parseItem(item);
    // A single field out of a requested `Type.*`: it must be one this owner serves and that needs a grant.
    const field =
      parsed && parsed.fieldName !== '*' && coversItem(requested.items, item)
        ? catalogue.field(item)
        : undefined;
    if (!field || !field.owners.includes(requested.owner) || grantProblem(field, clear) !== null) {
      return {
        argument: 'items',
        coordinate: item,
        message: `${item} was not applied for in this request (requested: ${requested.items.join(', ')})`,
      };
    }
  }
  return null;
}

export function approvalTerms(
  requested: RequestedTerms,
  choice: ApprovalChoice,
  today: string,
  catalogue: CoordinateCatalogue,
): TermsOutcome {
  const clear = choice.clear ?? requested.clear;
  if (clear && !requested.clear)
    return {
      ok: false,
      problem: {
        argument: 'clear',
        message: 'clear values were not applied for; only masked values can be granted',
      },
    };

  const items = [...new Set(choice.items ?? requested.items)].sort();
  const itemProblem = narrowedItems(requested, items, clear, catalogue);
  if (itemProblem) return { ok: false, problem: itemProblem };

  const purposes = [...new Set(choice.purposes ?? requested.purposes)].sort();
  if (purposes.length === 0)
    return {
      ok: false,
      problem: {
        argument: 'purposes',
        message: 'approve at least one purpose, or reject the request with a reason',
      },
    };
  const extra = purposes.find((p) => !requested.purposes.includes(p));
  if (extra)
    return {
      ok: false,
      problem: {
        argument: 'purposes',
        message: `${extra} was not applied for (requested: ${requested.purposes.join(', ')})`,
      },
    };

  const validUntil = choice.validUntil ?? requested.validUntil;
  if (validUntil !== null && validUntil < today)
    return {
      ok: false,
      problem: { argument: 'validUntil', message: `${validUntil} is before today (${today})` },
    };
  if (validUntil !== null && requested.validUntil !== null && validUntil > requested.validUntil) {
    return {
      ok: false,
      problem: {
        argument: 'validUntil',
        message: `${validUntil} is later than the ${requested.validUntil} applied for`,
      },
    };
  }
  const subjectQuota = choice.subjectQuota ?? requested.subjectQuota;
  const quotaProblem = subjectQuotaProblem(subjectQuota);
  if (quotaProblem)
    return { ok: false, problem: { argument: 'subjectQuota', message: quotaProblem } };
  return {
    ok: true,
    terms: { items, purposes, clear, validFrom: today, validUntil, subjectQuota },
  };
}
