/**
 * The demo city: a deterministic description of Nantong's people, households and legal
 * entities that every subgraph's seeder derives from. A person or enterprise is a pure
 * function of (seed, index), so the licences seeder can name certificate holders and the
 * legal-entity seeder their representatives without reading the population database.
 */
import { withIdNumberCheck } from '../id-number';
import { buildCreditCode } from '../credit-code';
import { COUNTY_REGIONS, RegionSeed, townsOf } from '../regions';
import { permute, Rng, scramble } from './random';
import { ETHNICITIES, FEMALE_GIVEN, MALE_GIVEN, ROADS, SURNAMES, ENTERPRISE_WORDS, INDUSTRIES } from './vocabulary';

export interface WorldOptions {
  seed: number;
  persons: number;
}

export interface World extends WorldOptions {
  households: number | null; // known after a pass over the persons; see iteratePersons
  entities: number;
}

export function createWorld(options: Partial<WorldOptions> = {}): World {
  const persons = Math.max(1, Math.floor(options.persons ?? 20000));
  return { seed: options.seed ?? 20171, persons, households: null, entities: entityCountFor(persons) };
}

/** One legal entity per ten residents is roughly Nantong's ratio of market entities to people. */
export function entityCountFor(persons: number): number {
  return Math.max(1, Math.round(persons / 10));
}

const BIRTH_EPOCH = Date.UTC(1945, 0, 1);
const BIRTH_DAYS = 29200; // 1945-01-01 .. 2024-12-13
const SEQ_SLOTS = 499; // sequence 001..998 by parity: never 000, never 999
const PERSON_SLOTS = COUNTY_REGIONS.length * BIRTH_DAYS * SEQ_SLOTS;

export type Gender = 'MALE' | 'FEMALE';

export interface PersonSeed {
  index: number;
  idNumber: string;
  name: string;
  gender: Gender;
  birthDate: string; // YYYY-MM-DD
  ethnicityCode: string;
  ethnicity: string;
  phone: string | null;
  /** County of the ID number: where the number was first issued. */
  idRegionCode: string;
}

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function personAt(world: WorldOptions, index: number): PersonSeed {
  const slot = permute(index, PERSON_SLOTS, world.seed);
  const seqHalf = slot % SEQ_SLOTS;
  const rest = Math.floor(slot / SEQ_SLOTS);
  const county = COUNTY_REGIONS[rest % COUNTY_REGIONS.length];
  const day = Math.floor(rest / COUNTY_REGIONS.length);
  const birthDate = isoDate(BIRTH_EPOCH + day * 86_400_000);
  const rng = new Rng(world.seed, 'person', index);
  const gender: Gender = rng.chance(0.5) ? 'MALE' : 'FEMALE';
  const seq = seqHalf * 2 + (gender === 'MALE' ? 1 : 2);
  const idNumber = withIdNumberCheck(county.code + birthDate.replace(/-/g, '') + String(seq).padStart(3, '0'));
  const surname = rng.weighted(SURNAMES);
  const given = gender === 'MALE' ? MALE_GIVEN : FEMALE_GIVEN;
  const name = surname + rng.pick(given) + (rng.chance(0.7) ? rng.pick(given) : '');
  const [ethnicityCode, ethnicity] = rng.weighted(ETHNICITIES);
  const adult = Number(birthDate.slice(0, 4)) <= 2012;
  const phone = adult ? mobileNumber(rng) : null;
  return { index, idNumber, name, gender, birthDate, ethnicityCode, ethnicity, phone, idRegionCode: county.code };
}

const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '157', '158', '159', '177', '180', '181', '182', '187', '188', '189', '199'];

function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(100_000_000)).padStart(8, '0');
}

export type HouseholdRelation = 'HEAD' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'OTHER';

export interface HouseholdSeed {
  index: number;
  /** 户号: county code + nine-digit serial. */
  number: string;
  regionCode: string; // county
  townCode: string;
  address: AddressSeed;
}

export interface AddressSeed {
  /** Standard address code (标准地址编码): town code + seven-digit serial. */
  code: string;
  townCode: string;
  countyCode: string;
  road: string;
  houseNumber: string;
  fullText: string;
  longitude: number;
  latitude: number;
}

export interface ResidentSeed extends PersonSeed {
  household: HouseholdSeed;
  relation: HouseholdRelation;
}

/** A new household starts on average every 2.7 people, the size of a Jiangsu household. */
function startsHousehold(world: WorldOptions, index: number): boolean {
  return index === 0 || new Rng(world.seed, 'household-break', index).chance(1 / 2.7);
}

export function householdAt(world: WorldOptions, householdIndex: number, head: PersonSeed): HouseholdSeed {
  const rng = new Rng(world.seed, 'household', householdIndex);
  // Most people are registered where their number was issued; some moved within the city.
  const county = rng.chance(0.85) ? head.idRegionCode : rng.pick(COUNTY_REGIONS).code;
  const town = rng.pick(townsOf(county));
  return {
    index: householdIndex,
    number: county + String(householdIndex + 1).padStart(9, '0'),
    regionCode: county,
    townCode: town.code,
    address: addressIn(world, town, 'H', householdIndex),
  };
}

const COUNTY_NAMES = new Map(COUNTY_REGIONS.map((c) => [c.code, c.name]));

/** Addresses of households ("H") and enterprises ("E") live in separate serial ranges. */
export function addressIn(world: WorldOptions, town: RegionSeed, kind: 'H' | 'E', index: number): AddressSeed {
  const rng = new Rng(world.seed, `address-${kind}`, index);
  const road = rng.pick(ROADS);
  const houseNumber = `${rng.between(1, 399)}号` + (kind === 'H' && rng.chance(0.6) ? `${rng.between(1, 40)}幢${rng.between(1, 30) * 100 + rng.between(1, 4)}室` : '');
  const serial = (kind === 'H' ? 0 : 5_000_000) + index;
  const [bx0, by0, bx1, by1] = town.bbox;
  const longitude = Math.round((bx0 + rng.next() * (bx1 - bx0)) * 1e6) / 1e6;
  const latitude = Math.round((by0 + rng.next() * (by1 - by0)) * 1e6) / 1e6;
  const countyCode = town.parentCode as string;
  return {
    code: `${town.code}${String(serial).padStart(7, '0')}`,
    townCode: town.code,
    countyCode,
    road,
    houseNumber,
    fullText: `江苏省南通市${COUNTY_NAMES.get(countyCode)}${town.name}${road}${houseNumber}`,
    longitude,
    latitude,
  };
}

const ADULT_BORN_BY = '2006-12-31';

function yearsBetween(older: string, younger: string): number {
  return (Date.parse(younger) - Date.parse(older)) / (365.25 * 86_400_000);
}

/**
 * Relations follow ages: the head is the oldest adult of working age (or the oldest member), a
 * spouse is an adult of the other gender within twelve years of the head, parents are at least
 * eighteen years older and children at least eighteen years younger. Head first, then spouse.
 */
export function assignRelations(members: PersonSeed[]): { person: PersonSeed; relation: HouseholdRelation }[] {
  const byAge = [...members].sort((a, b) => a.birthDate.localeCompare(b.birthDate) || a.index - b.index);
  const adults = byAge.filter((p) => p.birthDate <= ADULT_BORN_BY);
  const head = adults.find((p) => p.birthDate >= '1960-01-01') ?? adults[0] ?? byAge[0];
  const spouse = adults.find((p) => p !== head && p.gender !== head.gender && Math.abs(yearsBetween(head.birthDate, p.birthDate)) <= 12);
  const out: { person: PersonSeed; relation: HouseholdRelation }[] = [{ person: head, relation: 'HEAD' }];
  if (spouse) out.push({ person: spouse, relation: 'SPOUSE' });
  for (const p of byAge) {
    if (p === head || p === spouse) continue;
    const gap = yearsBetween(head.birthDate, p.birthDate);
    out.push({ person: p, relation: gap >= 18 ? 'CHILD' : gap <= -18 ? 'PARENT' : 'OTHER' });
  }
  return out;
}

/**
 * Walks every resident with their household. Households are contiguous runs of indices, so the
 * walk is streaming (memory holds one household): flat for a million people. Within a
 * household, the head comes first.
 */
export function* iterateResidents(world: WorldOptions): Generator<ResidentSeed> {
  let members: PersonSeed[] = [];
  let householdIndex = 0;
  function* flush(): Generator<ResidentSeed> {
    if (members.length === 0) return;
    const ordered = assignRelations(members);
    const household = householdAt(world, householdIndex++, ordered[0].person);
    for (const { person, relation } of ordered) yield { ...person, household, relation };
    members = [];
  }
  for (let i = 0; i < world.persons; i++) {
    if (startsHousehold(world, i)) yield* flush();
    members.push(personAt(world, i));
  }
  yield* flush();
}

export type EntityKind = 'COMPANY' | 'INDIVIDUAL_BUSINESS' | 'COOPERATIVE' | 'PRIVATE_NON_ENTERPRISE' | 'PUBLIC_INSTITUTION';
export type EntityStatus = 'ACTIVE' | 'REVOKED' | 'CANCELLED' | 'MOVED_OUT';

export interface EntitySeed {
  index: number;
  creditCode: string;
  name: string;
  kind: EntityKind;
  status: EntityStatus;
  regionCode: string; // county
  townCode: string;
  registeredCapitalWan: number; // 万元 (10,000 CNY)
  establishedOn: string;
  industryCode: string; // GB/T 4754 section
  industry: string;
  businessScope: string;
  legalRepresentativeIndex: number;
  legalRepresentativeIdNumber: string;
  address: AddressSeed;
}

// GB 32100 registration authority + entity type for each kind.
const KIND_CODES: Record<EntityKind, [string, string]> = {
  COMPANY: ['9', '1'],
  INDIVIDUAL_BUSINESS: ['9', '2'],
  COOPERATIVE: ['9', '3'],
  PRIVATE_NON_ENTERPRISE: ['5', '2'],
  PUBLIC_INSTITUTION: ['1', '2'],
};

const KIND_WEIGHTS: [EntityKind, number][] = [
  ['COMPANY', 70],
  ['INDIVIDUAL_BUSINESS', 20],
  ['COOPERATIVE', 4],
  ['PRIVATE_NON_ENTERPRISE', 3],
  ['PUBLIC_INSTITUTION', 3],
];

export function entityAt(world: WorldOptions, index: number): EntitySeed {
  const rng = new Rng(world.seed, 'entity', index);
  const kind = rng.weighted(KIND_WEIGHTS);
  const county = rng.pick(COUNTY_REGIONS);
  const town = rng.pick(townsOf(county.code));
  const [authority, type] = KIND_CODES[kind];
  const orgBody = String(scramble(index, 100_000_000, 61_803_399, 31_415_926)).padStart(8, '0');
  const creditCode = buildCreditCode(authority, type, county.code, orgBody);
  const [industryCode, industry, scope] = rng.pick(INDUSTRIES);
  const word = rng.pick(ENTERPRISE_WORDS) + rng.pick(ENTERPRISE_WORDS);
  const representative = adultPersonNear(world, rng.int(world.persons));
  const place = county.name.replace(/[区县市]$/, '');
  const name =
    kind === 'COMPANY' ? `南通${word}${industry}有限公司`
      : kind === 'INDIVIDUAL_BUSINESS' ? `${place}${representative.name.slice(0, 1)}记${industry}经营部`
        : kind === 'COOPERATIVE' ? `${place}${word}农业专业合作社`
          : kind === 'PRIVATE_NON_ENTERPRISE' ? `南通市${word}社会服务中心`
            : `南通市${place}${word}事务中心`;
  const status = rng.weighted<EntityStatus>([['ACTIVE', 85], ['CANCELLED', 8], ['REVOKED', 5], ['MOVED_OUT', 2]]);
  const established = Date.UTC(1992, 0, 1) + rng.int(33 * 365) * 86_400_000;
  const capital = kind === 'INDIVIDUAL_BUSINESS' ? rng.between(1, 50) : Math.round(Math.exp(rng.next() * 9 + 2));
  return {
    index,
    creditCode,
    name,
    kind,
    status,
    regionCode: county.code,
    townCode: town.code,
    registeredCapitalWan: capital,
    establishedOn: isoDate(established),
    industryCode,
    industry,
    businessScope: scope,
    legalRepresentativeIndex: representative.index,
    legalRepresentativeIdNumber: representative.idNumber,
    address: addressIn(world, town, 'E', index),
  };
}

/** The first person at or after `start` (wrapping) who is at least 18 on 2025-01-01. */
function adultPersonNear(world: WorldOptions, start: number): PersonSeed {
  for (let k = 0; k < world.persons; k++) {
    const p = personAt(world, (start + k) % world.persons);
    if (p.birthDate <= ADULT_BORN_BY) return p;
  }
  return personAt(world, start % world.persons);
}

export function* iterateEntities(world: World): Generator<EntitySeed> {
  for (let j = 0; j < world.entities; j++) yield entityAt(world, j);
}
