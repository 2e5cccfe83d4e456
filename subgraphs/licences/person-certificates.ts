/**
 * The certificates residents of the demo city hold, derived from the world alone so that every
 * holder is a person in the population database: an ID card from 16, a driving licence for about
 * a third of adults, a marriage certificate for about 30% of residents, a real-estate title for
 * about 60% of household heads. With the entities' licences that is about 1.65 certificates per
 * resident (measured at 20,000 residents).
 */
import { ResidentSeed, WorldOptions } from '../../domain/demo/world';
import { Rng } from '../../domain/demo/random';
import { FEMALE_GIVEN, MALE_GIVEN, SURNAMES } from '../../domain/demo/vocabulary';
import {
  addDays,
  addYears,
  ageOn,
  dayWithin,
  DEMO_AS_OF,
  earlierOf,
  laterOf,
} from '../../domain/demo/calendar';
import { CertificateRow, certificateRow, printedDate } from './certificate-row';
import { issuingAuthority } from './issuing-authorities';
import { marriageRegistrationNumber, realEstateTitleNumber } from './licence-numbers';

const DRIVING_RATE = 0.35;
/** Couples registered together in one household; most marriages in the demo are of this kind where possible. */
const COUPLE_RATE = 0.85;
/** Married people whose spouse is registered elsewhere: tuned so that about 30% of residents hold a marriage certificate. */
const SINGLE_MARRIAGE_RATE = 0.32;
const TITLE_RATE = 0.6;
/** Who fails to renew a certificate that ran out: the rest renew shortly before expiry. */
const ID_CARD_LAPSE = 0.04;
const DRIVING_LAPSE = 0.05;

const LAST_DAY = addDays(DEMO_AS_OF, -1);

function person(r: ResidentSeed) {
  return { kind: 'PERSON' as const, key: r.idNumber, name: r.name };
}

/** 居民身份证法 第五条: the term depends on age at issue. */
function idCardValidTo(birthDate: string, issuedOn: string): string | null {
  const age = ageOn(birthDate, issuedOn);
  if (age < 16) return addYears(issuedOn, 5);
  if (age <= 25) return addYears(issuedOn, 10);
  if (age <= 45) return addYears(issuedOn, 20);
  return null;
}

export function residentIdCard(world: WorldOptions, r: ResidentSeed): CertificateRow | null {
  if (ageOn(r.birthDate, DEMO_AS_OF) < 16) return null;
  const rng = new Rng(world.seed, 'id-card', r.index);
  // Second-generation cards were issued from 2004, replacing the first generation by 2013.
  let issued = laterOf(
    addDays(addYears(r.birthDate, 16), rng.int(300)),
    addDays('2004-03-01', rng.int(5 * 365)),
  );
  issued = earlierOf(issued, LAST_DAY);
  let validTo = idCardValidTo(r.birthDate, issued);
  while (validTo !== null && validTo < DEMO_AS_OF && !rng.chance(ID_CARD_LAPSE)) {
    issued = dayWithin(rng, addDays(validTo, -90), validTo);
    validTo = idCardValidTo(r.birthDate, issued);
  }
  const issuer = issuingAuthority('public-security', r.household.regionCode);
  return certificateRow(rng, {
    type: 'RESIDENT_ID_CARD',
    serial: r.index,
    licenceNumber: r.idNumber,
    holder: person(r),
    address: r.household.address.fullText,
    issuer,
    issuedOn: issued,
    validTo,
    surface: [
      { name: '民族', value: r.ethnicity.replace(/族$/, '') },
      { name: '出生', value: printedDate(r.birthDate) },
      { name: '签发机关', value: issuer.name },
    ],
  });
}

const DRIVING_CLASSES: [string, number][] = [
  ['C1', 82],
  ['C2', 10],
  ['B2', 3],
  ['A2', 2],
  ['A1', 1],
  ['D', 2],
];
const DRIVING_TERMS = [6, 10]; // then without limit

export function drivingLicence(world: WorldOptions, r: ResidentSeed): CertificateRow | null {
  const age = ageOn(r.birthDate, DEMO_AS_OF);
  if (age < 18) return null;
  const rng = new Rng(world.seed, 'driving', r.index);
  if (!rng.chance(DRIVING_RATE)) return null;
  let first = addDays(addYears(r.birthDate, 18 + rng.int(Math.min(age, 60) - 17)), rng.int(365));
  if (first < '1988-01-01') first = addDays('1988-01-01', rng.int(3650));
  first = earlierOf(first, LAST_DAY);
  let issued = first;
  let term = 0;
  let validTo: string | null = addYears(issued, DRIVING_TERMS[0]);
  while (validTo !== null && validTo < DEMO_AS_OF && !rng.chance(DRIVING_LAPSE)) {
    issued = dayWithin(rng, addDays(validTo, -90), validTo);
    term++;
    validTo = term < DRIVING_TERMS.length ? addYears(issued, DRIVING_TERMS[term]) : null;
  }
  const fate = rng.next();
  // 暂扣 lasts up to six months, so only recent suspensions are still in force.
  const status =
    fate < 0.01
      ? {
          recorded: 'SUSPENDED' as const,
          on: dayWithin(rng, laterOf(issued, addDays(DEMO_AS_OF, -180)), DEMO_AS_OF),
          reason: '饮酒后驾驶机动车，暂扣机动车驾驶证六个月',
        }
      : fate < 0.015
        ? {
            recorded: 'REVOKED' as const,
            on: dayWithin(rng, addDays(issued, 1), DEMO_AS_OF),
            reason: '醉酒驾驶机动车，吊销机动车驾驶证，五年内不得重新取得',
          }
        : null;
  return certificateRow(rng, {
    type: 'DRIVING_LICENCE',
    serial: r.index,
    licenceNumber: r.idNumber,
    holder: person(r),
    address: r.household.address.fullText,
    issuer: issuingAuthority('traffic-police', r.household.regionCode),
    issuedOn: issued,
    validTo,
    status,
    surface: [
      { name: '国籍', value: '中国' },
      { name: '初次领证日期', value: printedDate(first) },
      { name: '准驾车型', value: rng.weighted(DRIVING_CLASSES) },
    ],
  });
}

export function realEstateTitle(world: WorldOptions, r: ResidentSeed): CertificateRow | null {
  if (r.relation !== 'HEAD' || ageOn(r.birthDate, DEMO_AS_OF) < 20) return null;
  const rng = new Rng(world.seed, 'real-estate', r.household.index);
  if (!rng.chance(TITLE_RATE)) return null;
  // Unified real-estate registration (不动产统一登记) replaced house and land certificates from 2016.
  const issued = dayWithin(rng, laterOf('2016-01-01', addYears(r.birthDate, 20)), DEMO_AS_OF);
  const year = Number(issued.slice(0, 4));
  const landGranted = dayWithin(rng, '1995-01-01', issued);
  const area = (45 + rng.next() * 135).toFixed(2);
  const shared = rng.chance(0.6);
  const transferred = rng.chance(0.03);
  return certificateRow(rng, {
    type: 'REAL_ESTATE_TITLE',
    serial: r.household.index,
    licenceNumber: realEstateTitleNumber(r.household.regionCode, year, rng.int(10_000_000)),
    holder: person(r),
    address: r.household.address.fullText,
    issuer: issuingAuthority('natural-resources', r.household.regionCode),
    issuedOn: issued,
    validTo: null,
    status: transferred
      ? {
          recorded: 'REVOKED',
          on: dayWithin(rng, addDays(issued, 1), DEMO_AS_OF),
          reason: '房屋已办理转移登记，原不动产权证书注销',
        }
      : null,
    surface: [
      { name: '权利人', value: r.name },
      { name: '共有情况', value: shared ? '共同共有' : '单独所有' },
      { name: '权利类型', value: '国有建设用地使用权/房屋所有权' },
      { name: '权利性质', value: '出让/市场化商品房' },
      { name: '用途', value: '城镇住宅用地/住宅' },
      { name: '面积', value: `房屋建筑面积${area}㎡` },
      // Residential land is granted for 70 years (城镇国有土地使用权出让和转让暂行条例 第十二条).
      { name: '使用期限', value: `国有建设用地使用权 ${printedDate(addYears(landGranted, 70))}止` },
    ],
  });
}

/** 民法典 第一千零四十七条: men may marry at 22, women at 20. */
function marriageableFrom(p: ResidentSeed): string {
  return addYears(p.birthDate, p.gender === 'MALE' ? 22 : 20);
}

function marriageable(p: ResidentSeed): boolean {
  return marriageableFrom(p) <= DEMO_AS_OF;
}

interface Spouse {
  name: string;
  idNumber: string | null;
}

function marriageCertificate(
  rng: Rng,
  holder: ResidentSeed,
  spouse: Spouse,
  registeredOn: string,
  registrationNumber: string,
): CertificateRow {
  return certificateRow(rng, {
    type: 'MARRIAGE_CERTIFICATE',
    serial: holder.index,
    licenceNumber: registrationNumber,
    holder: person(holder),
    address: null,
    issuer: issuingAuthority('civil-affairs', holder.household.regionCode),
    issuedOn: registeredOn,
    validTo: null,
    surface: [
      { name: '持证人', value: holder.name },
      { name: '登记日期', value: printedDate(registeredOn) },
      { name: '配偶姓名', value: spouse.name },
      ...(spouse.idNumber ? [{ name: '配偶身份证件号', value: spouse.idNumber }] : []),
    ],
  });
}

/** Each spouse holds a certificate of their own; both carry the same registration number (字号). */
function* coupleMarriage(
  world: WorldOptions,
  a: ResidentSeed,
  b: ResidentSeed,
): Generator<CertificateRow> {
  const rng = new Rng(world.seed, 'marriage', a.household.index);
  const from = laterOf(laterOf(marriageableFrom(a), marriageableFrom(b)), '1985-01-01');
  const registeredOn = dayWithin(rng, from, DEMO_AS_OF);
  const number = marriageRegistrationNumber(
    a.household.regionCode,
    Number(registeredOn.slice(0, 4)),
    a.household.index + 1,
  );
  yield marriageCertificate(rng, a, { name: b.name, idNumber: b.idNumber }, registeredOn, number);
  yield marriageCertificate(rng, b, { name: a.name, idNumber: a.idNumber }, registeredOn, number);
}

/** A married resident whose spouse is not registered in Nantong: only the spouse's name is known. */
function* singleMarriage(world: WorldOptions, r: ResidentSeed): Generator<CertificateRow> {
  if (!marriageable(r)) return;
  const rng = new Rng(world.seed, 'marriage-single', r.index);
  if (!rng.chance(SINGLE_MARRIAGE_RATE)) return;
  const registeredOn = dayWithin(rng, laterOf(marriageableFrom(r), '1985-01-01'), DEMO_AS_OF);
  const given = r.gender === 'MALE' ? FEMALE_GIVEN : MALE_GIVEN;
  const spouse =
    rng.weighted(SURNAMES) + rng.pick(given) + (rng.chance(0.7) ? rng.pick(given) : '');
  const number = marriageRegistrationNumber(
    r.household.regionCode,
    Number(registeredOn.slice(0, 4)),
    r.index + 1,
  );
  yield marriageCertificate(rng, r, { name: spouse, idNumber: null }, registeredOn, number);
}

function* marriages(
  world: WorldOptions,
  head: ResidentSeed,
  spouse: ResidentSeed,
): Generator<CertificateRow> {
  // The population register calls them spouses, so the marriage register agrees wherever the
  // law allows it (the demo world draws their genders and ages independently).
  const couple = marriageable(head) && marriageable(spouse) && head.gender !== spouse.gender;
  if (couple && new Rng(world.seed, 'marriage-couple', head.household.index).chance(COUPLE_RATE)) {
    yield* coupleMarriage(world, head, spouse);
  } else {
    yield* singleMarriage(world, head);
    yield* singleMarriage(world, spouse);
  }
}

/**
 * Walks residents in index order and yields their certificates. A household head is held back
 * until the next resident shows whether a spouse follows, so couples share one marriage
 * registration; memory stays at one resident.
 */
export function* personCertificates(
  world: WorldOptions,
  residents: Iterable<ResidentSeed>,
): Generator<CertificateRow> {
  let head: ResidentSeed | null = null;
  for (const r of residents) {
    for (const c of [residentIdCard(world, r), drivingLicence(world, r), realEstateTitle(world, r)])
      if (c) yield c;
    if (head && r.relation === 'SPOUSE' && r.household.index === head.household.index) {
      yield* marriages(world, head, r);
      head = null;
      continue;
    }
    if (head) yield* singleMarriage(world, head);
    head = null;
    if (r.relation === 'HEAD') head = r;
    else yield* singleMarriage(world, r);
  }
  if (head) yield* singleMarriage(world, head);
}
