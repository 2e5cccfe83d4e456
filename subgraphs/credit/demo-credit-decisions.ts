/**
 * How the demo city's credit decisions are written up: the business licence of an entity's
 * establishment registration, a penalty decision (处罚决定) with its amounts, wording, document
 * number and case handlers, and a red or black list entry, each as the credit record row the
 * platform publishes (双公示). The draws are made from the caller's
 * random stream, in the order the rows are built.
 */
import { addDays, addYears } from '../../domain/demo/calendar';
import { Rng } from '../../domain/demo/random';
import { EntitySeed } from '../../domain/demo/world';
import { FEMALE_GIVEN, MALE_GIVEN, SURNAMES } from '../../domain/demo/vocabulary';
import { authorityName, decisionNumber } from './authorities';
import { CreditRecordRow, creditRecordRow, MEASURE_SEPARATOR } from './credit-record-row';
import { ListDefinition, PenaltyType, Violation } from './credit-vocabulary';
import { recordId, SubjectKind } from './record-id';

/** Whom a record is about: a resident or a legal entity, with where they are registered. */
export interface Subject {
  kind: SubjectKind;
  key: string;
  name: string;
  serial: number;
  regionCode: string;
  townCode: string;
}

function subjectColumns(s: Subject) {
  return {
    subject_kind: s.kind,
    subject_key: s.key,
    subject_name: s.name,
    region_code: s.regionCode,
    town_code: s.townCode,
  };
}

/** 设立登记: the business licence issued when a market entity was registered. */
export function businessLicence(subject: Subject, e: EntitySeed): CreditRecordRow {
  return creditRecordRow({
    id: recordId('LICENSING', subject.kind, subject.serial, 1),
    kind: 'LICENSING',
    ...subjectColumns(subject),
    decided_on: e.establishedOn,
    issuing_authority: authorityName('market-regulation', e.regionCode),
    licence_name: '营业执照',
    // 三证合一: the business licence carries the unified social credit code as its number.
    licence_number: e.creditCode,
    licensing_category: 'REGISTRATION',
    content: `设立登记：${e.name}；经营范围：${e.businessScope}`,
    valid_from: e.establishedOn,
    valid_to: null,
  });
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** 执法人员: two officers with their enforcement certificate numbers, as on the case file. */
function caseHandlers(rng: Rng): string {
  const officer = () => {
    const given = rng.chance(0.5) ? MALE_GIVEN : FEMALE_GIVEN;
    return `${rng.weighted(SURNAMES)}${rng.pick(given)}${rng.chance(0.6) ? rng.pick(given) : ''}（执法证号3206${String(rng.int(10_000)).padStart(4, '0')}）`;
  };
  return `${officer()}、${officer()}`;
}

const PENALTY_WORDS: Partial<Record<PenaltyType, string>> = {
  WARNING: '警告',
  SUSPENSION: '责令停产停业整顿',
  REVOCATION: '吊销营业执照',
  RESTRICTION: '限制开展生产经营活动',
  CLOSURE: '责令关闭',
};

/** 处罚内容 as written in the decision: confiscation before the fine. */
function penaltyContent(types: readonly PenaltyType[], confiscated: number, fine: number): string {
  const parts: string[] = [];
  if (types.includes('CONFISCATION')) parts.push(`没收违法所得${confiscated}万元`);
  if (types.includes('FINE')) parts.push(`${parts.length ? '并处' : ''}罚款${fine}万元`);
  for (const t of types) if (PENALTY_WORDS[t]) parts.push(PENALTY_WORDS[t] as string);
  return parts.join('，');
}

/**
 * A penalty decision. Its publicity period is the longest NDRC Order No. 58 (2023) allows:
 * one year for ordinary violations, three for serious ones.
 */
export function penalty(
  rng: Rng,
  subject: Subject,
  ordinal: number,
  v: Violation,
  decidedOn: string,
): CreditRecordRow {
  const [lo, hi] = v.amountWan;
  // Skewed towards the low end: most fines are near the statutory minimum.
  const total = hi > 0 ? round2(lo + (hi - lo) * rng.next() ** 2) : 0;
  const confiscated =
    v.types.includes('CONFISCATION') && v.types.includes('FINE')
      ? round2(total * (0.2 + 0.3 * rng.next()))
      : v.types.includes('CONFISCATION')
        ? total
        : 0;
  const fine = round2(total - confiscated);
  return creditRecordRow({
    id: recordId('PENALTY', subject.kind, subject.serial, ordinal),
    kind: 'PENALTY',
    ...subjectColumns(subject),
    decided_on: decidedOn,
    issuing_authority: authorityName(v.authority, subject.regionCode),
    document_number: decisionNumber(
      v.authority,
      subject.regionCode,
      Number(decidedOn.slice(0, 4)),
      rng.between(1, 999),
    ),
    violation: v.violation,
    legal_basis: v.legalBasis,
    penalty_types: v.types.join(','),
    content: penaltyContent(v.types, confiscated, fine),
    amount: hi > 0 ? total : null,
    publicity_ends_on: addDays(addYears(decidedOn, v.serious ? 3 : 1), -1),
    case_handler: caseHandlers(rng),
  });
}

/** An entry on a red or black list (红黑名单), with the joint measures it brings. */
export function listEntry(
  rng: Rng,
  subject: Subject,
  ordinal: number,
  listType: 'RED' | 'BLACK',
  list: Pick<ListDefinition, 'name' | 'authority' | 'reason' | 'measures'>,
  listedOn: string,
  removedOn: string | null,
): CreditRecordRow {
  return creditRecordRow({
    id: recordId('LIST_ENTRY', subject.kind, subject.serial, ordinal),
    kind: 'LIST_ENTRY',
    ...subjectColumns(subject),
    decided_on: listedOn,
    issuing_authority: authorityName(list.authority, subject.regionCode),
    list_type: listType,
    list_name: list.name,
    reason: list.reason,
    removed_on: removedOn,
    joint_measures: list.measures.join(MEASURE_SEPARATOR),
  });
}
