/**
 * 办件: the approval case a case-bound request served (issue 9), as its audit record keeps it:
 * the case number (domain/case-number.ts) and the approval item's code, each one column. A
 * citizen reads them back in "who accessed my data", so they can tell an access for their own
 * application from anything else.
 *
 * Both properties are left out of a record that served no case, exactly as quotaRefusals and
 * lookupMisses are: such a record has the properties, and so the canonical JSON and the hash,
 * it had before cases existed, and every chain written before still verifies.
 */
import { storableText, TEXT_LIMITS } from './storable-text';

/** The case as the gateway's case stage knew it. */
export interface CaseRef {
  /** 办件编号 as the request named it, e.g. NT20261206-ZF0101-000042. */
  readonly number: string;
  /**
   * 事项编码 of the case's approval item, e.g. ZF0101; null when the request was bound to no
   * case (unknown, or another application's): the number it named is still evidence.
   */
  readonly item: string | null;
}

/** The record's case properties: each present only when known and not empty. */
export interface RecordCaseFields {
  readonly caseNumber?: string;
  readonly itemCode?: string;
}

export function recordCase(ref: CaseRef | null | undefined): RecordCaseFields {
  if (!ref) return {};
  const number = typeof ref.number === 'string' ? ref.number : '';
  const item = typeof ref.item === 'string' ? ref.item : '';
  return {
    ...(number ? { caseNumber: storableText(number, TEXT_LIMITS.caseNumber) } : {}),
    ...(item ? { itemCode: storableText(item, TEXT_LIMITS.itemCode) } : {}),
  };
}

/** The audit_records columns that hold them (NULL on records without a case). */
export const CASE_NUMBER_COLUMN = 'case_number';
export const ITEM_CODE_COLUMN = 'item_code';
