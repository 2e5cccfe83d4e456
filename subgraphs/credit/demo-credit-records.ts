/**
 * The demo city's credit records, derived from the world alone so that every subject is a
 * resident of the population database or an entity of the legal-entity database:
 *  - every market entity (company, individual business, cooperative) has the licensing record
 *    of its establishment registration (设立登记, the business licence);
 *  - an entity the register shows as revoked has the revocation penalty, dated the day the
 *    register changed its status; about 3% more have another penalty and 1% a serious one that
 *    put them on a black list; about 3% of enterprises are on a red list;
 *  - about 3% of adult residents have a penalty and 0.5% are listed as judgment defaulters.
 * Nothing is dated after the demo city's as-of day. How each decision is written up:
 * demo-credit-decisions.ts.
 */
import {
  addDays,
  addYears,
  ageOn,
  dayWithin,
  DEMO_AS_OF,
  earlierOf,
  laterOf,
} from '../../domain/demo/calendar';
import { Rng } from '../../domain/demo/random';
import { EntitySeed, ResidentSeed, WorldOptions } from '../../domain/demo/world';
import { entityStatusChangedOn } from '../legal-entity/entity-record';
import { CreditRecordRow } from './credit-record-row';
import {
  BLACK_LIST_MEASURES,
  ENTITY_VIOLATIONS,
  JUDGMENT_DEFAULTER_LIST,
  LICENCE_REVOCATION,
  PERSON_VIOLATIONS,
  RED_LISTS,
  SERIOUS_ENTITY_VIOLATIONS,
} from './credit-vocabulary';
import { businessLicence, listEntry, penalty, Subject } from './demo-credit-decisions';

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

/** A removal (信用修复, 期满移出) only if it happened by the as-of day. */
function removalBy(day: string): string | null {
  return day < DEMO_AS_OF ? day : null;
}

export function entityCreditRecords(world: WorldOptions, e: EntitySeed): CreditRecordRow[] {
  const rng = new Rng(world.seed, 'credit-entity', e.index);
  const subject: Subject = {
    kind: 'LEGAL_ENTITY',
    key: e.creditCode,
    name: e.name,
    serial: e.index,
    regionCode: e.regionCode,
    townCode: e.townCode,
  };
  const rows: CreditRecordRow[] = [];
  if (MARKET_ENTITY_KINDS.includes(e.kind)) rows.push(businessLicence(subject, e));

  // The entity could be penalised while it existed: until the register revoked, cancelled or moved it.
  const statusChanged = entityStatusChangedOn(world, e);
  const until = statusChanged ?? DEMO_AS_OF;
  const from = laterOf(addDays(e.establishedOn, 30), RECORDS_FROM);
  let penalties = 0;
  if (e.status === 'REVOKED' && statusChanged)
    rows.push(penalty(rng, subject, ++penalties, LICENCE_REVOCATION, statusChanged));

  const draw = rng.next();
  // A listing follows its penalty by one to four months, so the penalty leaves room for it.
  const blackUntil = addDays(until, -120);
  if (draw < RATES.entityBlackList && from < blackUntil) {
    const serious = rng.pick(SERIOUS_ENTITY_VIOLATIONS);
    const decided = dayWithin(rng, from, blackUntil);
    rows.push(penalty(rng, subject, ++penalties, serious, decided));
    const listedOn = dayWithin(rng, addDays(decided, 30), addDays(decided, 120));
    const removedOn = removalBy(dayWithin(rng, addYears(listedOn, 1), addYears(listedOn, 3)));
    rows.push(
      listEntry(
        rng,
        subject,
        1,
        'BLACK',
        {
          ...serious,
          name: serious.blackList,
          reason: serious.violation,
          measures: BLACK_LIST_MEASURES[serious.blackList],
        },
        listedOn,
        removedOn,
      ),
    );
  } else if (draw < RATES.entityBlackList + RATES.entityPenalty && from < until) {
    const fitting = ENTITY_VIOLATIONS.filter(
      (v) => v.sections.length === 0 || v.sections.includes(e.industryCode),
    );
    const count = rng.chance(0.2) ? 2 : 1;
    for (let k = 0; k < count; k++)
      rows.push(penalty(rng, subject, ++penalties, rng.pick(fitting), dayWithin(rng, from, until)));
  } else if (
    draw >= 1 - RATES.enterpriseRedList &&
    e.status === 'ACTIVE' &&
    penalties === 0 &&
    (e.kind === 'COMPANY' || e.kind === 'COOPERATIVE')
  ) {
    const list = rng.pick(RED_LISTS);
    const earliest = laterOf(addYears(e.establishedOn, 2), RECORDS_FROM);
    if (earliest < DEMO_AS_OF) {
      const listedOn = dayWithin(rng, earliest, DEMO_AS_OF);
      rows.push(
        listEntry(
          rng,
          subject,
          1,
          'RED',
          list,
          listedOn,
          removalBy(addYears(listedOn, list.years)),
        ),
      );
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
  if (penalised)
    rows.push(
      penalty(rng, subject, 1, rng.pick(PERSON_VIOLATIONS), dayWithin(rng, from, DEMO_AS_OF)),
    );
  if (defaulter) {
    const listedOn = dayWithin(rng, from, DEMO_AS_OF);
    // About half have paid since: the court then removes them (屏蔽失信信息).
    const removedOn = rng.chance(0.5)
      ? removalBy(
          dayWithin(
            rng,
            addDays(listedOn, 90),
            earlierOf(addYears(listedOn, JUDGMENT_DEFAULTER_LIST.years), DEMO_AS_OF),
          ),
        )
      : null;
    rows.push(listEntry(rng, subject, 1, 'BLACK', JUDGMENT_DEFAULTER_LIST, listedOn, removedOn));
  }
  return rows;
}
