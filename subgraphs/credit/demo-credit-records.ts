/**
 * The demo city's credit records, derived from the world alone so that every subject is a
 * resident of the population database or an entity of the legal-entity database:
 *  - every market entity (company, individual business, cooperative) has the licensing record
 *    of its establishment registration (设立登记, the business licence);
 *  - an entity the register shows as revoked has the revocation penalty, dated the day the
 *    register changed its status; about 3% more have another penalty and 1% a serious one that
 *    put them on a black list; about 3% of enterprises are on a red list;
 *  - about 3% of adult residents have a penalty and 0.5% are listed as judgment defaulters.
 * Nothing is dated after the demo city's as-of day.
 */
import { addDays, addYears, ageOn, dayWithin, DEMO_AS_OF, earlierOf, laterOf } from '../../domain/demo/calendar';
import { Rng } from '../../domain/demo/random';
import { FEMALE_GIVEN, MALE_GIVEN, SURNAMES } from '../../domain/demo/vocabulary';
import { EntitySeed, ResidentSeed, WorldOptions } from '../../domain/demo/world';
import { entityStatusChangedOn } from '../legal-entity/entity-record';
import { authorityName, decisionNumber } from './authorities';
import { CreditRecordRow, creditRecordRow, MEASURE_SEPARATOR } from './credit-record-row';
import {
  BLACK_LIST_MEASURES,
  ENTITY_VIOLATIONS,
  JUDGMENT_DEFAULTER_LIST,
  LICENCE_REVOCATION,
  ListDefinition,
  PenaltyType,
  PERSON_VIOLATIONS,
  RED_LISTS,
  SERIOUS_ENTITY_VIOLATIONS,
  Violation,
} from './credit-vocabulary';
import { recordId, SubjectKind } from './record-id';

/** 双公示 began in 2015-2016; the demo keeps penalties and listings to recent years. */
const RECORDS_FROM = '2019-01-01';

export const RATES = {
  entityPenalty: 0.03,
  entityBlackList: 0.01,
  enterpriseRedList: 0.04,
  adultPenalty: 0.03,
  adultBlackList: 0.005,
} as const;

const MARKET_ENTITY_KINDS = ['COMPANY', 'INDIVIDUAL_BUSINESS', 'COOPERATIVE'];

interface Subject {
  kind: SubjectKind;
  key: string;
  name: string;
  serial: number;
  regionCode: string;
  townCode: string;
}

function subjectColumns(s: Subject) {
  return { subject_kind: s.kind, subject_key: s.key, subject_name: s.name, region_code: s.regionCode, town_code: s.townCode };
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
function penalty(rng: Rng, subject: Subject, ordinal: number, v: Violation, decidedOn: string): CreditRecordRow {
  const [lo, hi] = v.amountWan;
  // Skewed towards the low end: most fines are near the statutory minimum.
  const total = hi > 0 ? round2(lo + (hi - lo) * rng.next() ** 2) : 0;
  const confiscated = v.types.includes('CONFISCATION') && v.types.includes('FINE') ? round2(total * (0.2 + 0.3 * rng.next())) : v.types.includes('CONFISCATION') ? total : 0;
  const fine = round2(total - confiscated);
  return creditRecordRow({
    id: recordId('PENALTY', subject.kind, subject.serial, ordinal),
    kind: 'PENALTY',
    ...subjectColumns(subject),
    decided_on: decidedOn,
    issuing_authority: authorityName(v.authority, subject.regionCode),
    document_number: decisionNumber(v.authority, subject.regionCode, Number(decidedOn.slice(0, 4)), rng.between(1, 999)),
    violation: v.violation,
    legal_basis: v.legalBasis,
    penalty_types: v.types.join(','),
    content: penaltyContent(v.types, confiscated, fine),
    amount: hi > 0 ? total : null,
    publicity_ends_on: addDays(addYears(decidedOn, v.serious ? 3 : 1), -1),
    case_handler: caseHandlers(rng),
  });
}

function listEntry(
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

/** A removal (信用修复, 期满移出) only if it happened by the as-of day. */
function removalBy(day: string): string | null {
  return day < DEMO_AS_OF ? day : null;
}

export function entityCreditRecords(world: WorldOptions, e: EntitySeed): CreditRecordRow[] {
  const rng = new Rng(world.seed, 'credit-entity', e.index);
  const subject: Subject = { kind: 'LEGAL_ENTITY', key: e.creditCode, name: e.name, serial: e.index, regionCode: e.regionCode, townCode: e.townCode };
  const rows: CreditRecordRow[] = [];
  if (MARKET_ENTITY_KINDS.includes(e.kind)) {
    rows.push(
      creditRecordRow({
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
      }),
    );
  }

  // The entity could be penalised while it existed: until the register revoked, cancelled or moved it.
  const statusChanged = entityStatusChangedOn(world, e);
  const until = statusChanged ?? DEMO_AS_OF;
  const from = laterOf(addDays(e.establishedOn, 30), RECORDS_FROM);
  let penalties = 0;
  if (e.status === 'REVOKED' && statusChanged) rows.push(penalty(rng, subject, ++penalties, LICENCE_REVOCATION, statusChanged));

  const draw = rng.next();
  // A listing follows its penalty by one to four months, so the penalty leaves room for it.
  const blackUntil = addDays(until, -120);
  if (draw < RATES.entityBlackList && from < blackUntil) {
    const serious = rng.pick(SERIOUS_ENTITY_VIOLATIONS);
    const decided = dayWithin(rng, from, blackUntil);
    rows.push(penalty(rng, subject, ++penalties, serious, decided));
    const listedOn = dayWithin(rng, addDays(decided, 30), addDays(decided, 120));
    const removedOn = removalBy(dayWithin(rng, addYears(listedOn, 1), addYears(listedOn, 3)));
    rows.push(listEntry(rng, subject, 1, 'BLACK', { ...serious, name: serious.blackList, reason: serious.violation, measures: BLACK_LIST_MEASURES[serious.blackList] }, listedOn, removedOn));
  } else if (draw < RATES.entityBlackList + RATES.entityPenalty && from < until) {
    const fitting = ENTITY_VIOLATIONS.filter((v) => v.sections.length === 0 || v.sections.includes(e.industryCode));
    const count = rng.chance(0.2) ? 2 : 1;
    for (let k = 0; k < count; k++) rows.push(penalty(rng, subject, ++penalties, rng.pick(fitting), dayWithin(rng, from, until)));
  } else if (draw >= 1 - RATES.enterpriseRedList && e.status === 'ACTIVE' && penalties === 0 && (e.kind === 'COMPANY' || e.kind === 'COOPERATIVE')) {
    const list = rng.pick(RED_LISTS);
    const earliest = laterOf(addYears(e.establishedOn, 2), RECORDS_FROM);
    if (earliest < DEMO_AS_OF) {
      const listedOn = dayWithin(rng, earliest, DEMO_AS_OF);
      rows.push(listEntry(rng, subject, 1, 'RED', list, listedOn, removalBy(addYears(listedOn, list.years))));
    }
  }
  return rows;
}

export function personCreditRecords(world: WorldOptions, p: ResidentSeed): CreditRecordRow[] {
  if (ageOn(p.birthDate, DEMO_AS_OF) < 18) return [];
  const rng = new Rng(world.seed, 'credit-person', p.index);
  const penalised = rng.chance(RATES.adultPenalty);
  const defaulter = rng.chance(RATES.adultBlackList);
  if (!penalised && !defaulter) return [];
  const subject: Subject = {
    kind: 'NATURAL_PERSON',
    key: p.idNumber,
    name: p.name,
    serial: p.index,
    regionCode: p.household.regionCode,
    townCode: p.household.townCode,
  };
  const from = laterOf(addYears(p.birthDate, 18), RECORDS_FROM);
  const rows: CreditRecordRow[] = [];
  if (penalised) rows.push(penalty(rng, subject, 1, rng.pick(PERSON_VIOLATIONS), dayWithin(rng, from, DEMO_AS_OF)));
  if (defaulter) {
    const listedOn = dayWithin(rng, from, DEMO_AS_OF);
    // About half have paid since: the court then removes them (屏蔽失信信息).
    const removedOn = rng.chance(0.5) ? removalBy(dayWithin(rng, addDays(listedOn, 90), earlierOf(addYears(listedOn, JUDGMENT_DEFAULTER_LIST.years), DEMO_AS_OF))) : null;
    rows.push(listEntry(rng, subject, 1, 'BLACK', JUDGMENT_DEFAULTER_LIST, listedOn, removedOn));
  }
  return rows;
}
