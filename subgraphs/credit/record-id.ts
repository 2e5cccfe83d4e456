/**
 * Credit record IDs: a kind prefix (XK 行政许可, CF 行政处罚, MD 红黑名单), a subject digit
 * (1 legal entity, 2 natural person), the subject's nine-digit serial and a two-digit ordinal.
 * The prefix lets a reader tell the kind of record from its ID alone.
 */
import { badUserInput } from '../kit/user-input';

export type RecordKind = 'LICENSING' | 'PENALTY' | 'LIST_ENTRY';
export type SubjectKind = 'LEGAL_ENTITY' | 'NATURAL_PERSON';

const PREFIX: Record<RecordKind, string> = { LICENSING: 'XK', PENALTY: 'CF', LIST_ENTRY: 'MD' };
const SUBJECT_DIGIT: Record<SubjectKind, string> = { LEGAL_ENTITY: '1', NATURAL_PERSON: '2' };

export function recordId(
  kind: RecordKind,
  subject: SubjectKind,
  serial: number,
  ordinal: number,
): string {
  return `${PREFIX[kind]}${SUBJECT_DIGIT[subject]}${String(serial).padStart(9, '0')}${String(ordinal).padStart(2, '0')}`;
}

/** Rejects a malformed ID instead of answering "not found" for it. */
export function requireRecordId(argument: string, value: string): string {
  if (value.length !== 14)
    throw badUserInput(argument, `a credit record ID has 14 characters, got ${value.length}`, {
      problem: 'LENGTH',
    });
  if (!/^(XK|CF|MD)[12]\d{11}$/.test(value)) {
    throw badUserInput(
      argument,
      `"${value}" is not a credit record ID: XK, CF or MD, then 1 (legal entity) or 2 (person), then 11 digits`,
      { problem: 'FORMAT' },
    );
  }
  return value;
}
