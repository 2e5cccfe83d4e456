/**
 * Standard addresses (标准地名地址) in the demo city: a road and house number in a town, with a
 * point inside the town's bounding box. Households and enterprises draw from separate serial
 * ranges, so their address codes never collide.
 */
import { COUNTY_REGIONS, RegionSeed } from '../regions';
import { Rng } from './random';
import { ROADS } from './vocabulary';
import type { WorldOptions } from './world';

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

const COUNTY_NAMES = new Map(COUNTY_REGIONS.map((c) => [c.code, c.name]));

/** Addresses of households ("H") and enterprises ("E") live in separate serial ranges. */
export function addressIn(
  world: WorldOptions,
  town: RegionSeed,
  kind: 'H' | 'E',
  index: number,
): AddressSeed {
  const rng = new Rng(world.seed, `address-${kind}`, index);
  const road = rng.pick(ROADS);
  const houseNumber =
    `${rng.between(1, 399)}号` +
    (kind === 'H' && rng.chance(0.6)
      ? `${rng.between(1, 40)}幢${rng.between(1, 30) * 100 + rng.between(1, 4)}室`
      : '');
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
