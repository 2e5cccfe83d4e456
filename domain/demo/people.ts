/**
 * The demo city's people: who person n is (ID number, name, gender, birth date, ethnicity,
 * mobile number). ID numbers come from a permutation of the numbers the city's counties could
 * issue to people born 1945-2024, so no two people share one, and each carries its GB 11643
 * check character.
 */
import { withIdNumberCheck } from '../id-number';
import { COUNTY_REGIONS } from '../regions';
import { permute, Rng } from './random';
import { ETHNICITIES, FEMALE_GIVEN, MALE_GIVEN, SURNAMES } from './vocabulary';
import type { WorldOptions } from './world';

/** Born on or before this day: an adult on the demo city's as-of day. */
export const ADULT_BORN_BY = '2006-12-31';

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

/** The calendar day (UTC) of a timestamp, as YYYY-MM-DD. */
export function isoDate(epochMs: number): string {
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
  const idNumber = withIdNumberCheck(
    county.code + birthDate.replace(/-/g, '') + String(seq).padStart(3, '0'),
  );
  const surname = rng.weighted(SURNAMES);
  const given = gender === 'MALE' ? MALE_GIVEN : FEMALE_GIVEN;
  const name = surname + rng.pick(given) + (rng.chance(0.7) ? rng.pick(given) : '');
  const [ethnicityCode, ethnicity] = rng.weighted(ETHNICITIES);
  const adult = Number(birthDate.slice(0, 4)) <= 2012;
  const phone = adult ? mobileNumber(rng) : null;
  return {
    index,
    idNumber,
    name,
    gender,
    birthDate,
    ethnicityCode,
    ethnicity,
    phone,
    idRegionCode: county.code,
  };
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '177',
  '180',
  '181',
  '182',
  '187',
  '188',
  '189',
  '199',
];

function mobileNumber(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(100_000_000)).padStart(8, '0');
}
