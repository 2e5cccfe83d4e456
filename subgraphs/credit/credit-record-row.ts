/**
 * One row of `credit_records`. The three kinds of record share a table: they share the subject,
 * date and authority, a subject's records are then read with one indexed query, and the
 * kind-specific columns are null where they do not apply.
 */
import { RecordKind, SubjectKind } from './record-id';

export interface CreditRecordRow {
  id: string;
  kind: RecordKind;
  subject_kind: SubjectKind;
  /** ID number (natural person) or unified social credit code (legal entity). */
  subject_key: string;
  subject_name: string;
  /** County and town of the subject's registration (entity) or household (person). */
  region_code: string;
  town_code: string;
  /** Day of the decision; for list entries, the day of listing. */
  decided_on: string;
  issuing_authority: string;
  // 行政许可
  licence_name: string | null;
  licence_number: string | null;
  licensing_category: string | null;
  /** 许可内容 or 处罚内容 */
  content: string | null;
  valid_from: string | null;
  valid_to: string | null;
  // 行政处罚
  document_number: string | null;
  violation: string | null;
  legal_basis: string | null;
  /** Comma-separated PenaltyType values, main penalty first. */
  penalty_types: string | null;
  /** 罚没金额, 万元 */
  amount: number | null;
  publicity_ends_on: string | null;
  case_handler: string | null;
  // 红黑名单
  list_type: 'RED' | 'BLACK' | null;
  list_name: string | null;
  reason: string | null;
  removed_on: string | null;
  /** 联合奖惩措施, separated by ；(the measures themselves contain commas). */
  joint_measures: string | null;
}

type Required =
  | 'id'
  | 'kind'
  | 'subject_kind'
  | 'subject_key'
  | 'subject_name'
  | 'region_code'
  | 'town_code'
  | 'decided_on'
  | 'issuing_authority';

/**
 * A full row from the columns one kind uses. Every row carries every column, because the bulk
 * writer takes its column list from the first row of a batch.
 */
export function creditRecordRow(
  values: Pick<CreditRecordRow, Required> & Partial<CreditRecordRow>,
): CreditRecordRow {
  return {
    licence_name: null,
    licence_number: null,
    licensing_category: null,
    content: null,
    valid_from: null,
    valid_to: null,
    document_number: null,
    violation: null,
    legal_basis: null,
    penalty_types: null,
    amount: null,
    publicity_ends_on: null,
    case_handler: null,
    list_type: null,
    list_name: null,
    reason: null,
    removed_on: null,
    joint_measures: null,
    ...values,
  };
}

export const MEASURE_SEPARATOR = '；';
