/**
 * The demo city's legal entities (companies, individual businesses, cooperatives, private
 * non-enterprise units, public institutions): entity n's GB 32100 credit code, name, kind,
 * status, industry and legal representative, an adult resident of the same world.
 */
import { buildCreditCode } from '../credit-code';
import { COUNTY_REGIONS, townsOf } from '../regions';
import { AddressSeed, addressIn } from './addresses';
import { ADULT_BORN_BY, isoDate, PersonSeed, personAt } from './people';
import { Rng, scramble } from './random';
import { ENTERPRISE_WORDS, INDUSTRIES } from './vocabulary';
import type { World, WorldOptions } from './world';

export type EntityKind =
  | 'COMPANY'
  | 'INDIVIDUAL_BUSINESS'
  | 'COOPERATIVE'
  | 'PRIVATE_NON_ENTERPRISE'
  | 'PUBLIC_INSTITUTION';
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
    kind === 'COMPANY'
      ? `南通${word}${industry}有限公司`
      : kind === 'INDIVIDUAL_BUSINESS'
        ? `${place}${representative.name.slice(0, 1)}记${industry}经营部`
        : kind === 'COOPERATIVE'
          ? `${place}${word}农业专业合作社`
          : kind === 'PRIVATE_NON_ENTERPRISE'
            ? `南通市${word}社会服务中心`
            : `南通市${place}${word}事务中心`;
  const status = rng.weighted<EntityStatus>([
    ['ACTIVE', 85],
    ['CANCELLED', 8],
    ['REVOKED', 5],
    ['MOVED_OUT', 2],
  ]);
  const established = Date.UTC(1992, 0, 1) + rng.int(33 * 365) * 86_400_000;
  const capital =
    kind === 'INDIVIDUAL_BUSINESS' ? rng.between(1, 50) : Math.round(Math.exp(rng.next() * 9 + 2));
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
