/**
 * The demo city's households (户): consecutive people form a household, registered in a town of
 * the county that issued its head's ID number (or, for some, another county they moved to),
 * with the members' relations to the head following their ages.
 */
import { COUNTY_REGIONS, townsOf } from '../regions';
import { AddressSeed, addressIn } from './addresses';
import { ADULT_BORN_BY, PersonSeed, personAt } from './people';
import { Rng } from './random';
import type { WorldOptions } from './world';

export type HouseholdRelation = 'HEAD' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'OTHER';

export interface HouseholdSeed {
  index: number;
  /** 户号: county code + nine-digit serial. */
  number: string;
  regionCode: string; // county
  townCode: string;
  address: AddressSeed;
}

export interface ResidentSeed extends PersonSeed {
  household: HouseholdSeed;
  relation: HouseholdRelation;
}

/** A new household starts on average every 2.7 people, the size of a Jiangsu household. */
function startsHousehold(world: WorldOptions, index: number): boolean {
  return index === 0 || new Rng(world.seed, 'household-break', index).chance(1 / 2.7);
}

export function householdAt(
  world: WorldOptions,
  householdIndex: number,
  head: PersonSeed,
): HouseholdSeed {
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

function yearsBetween(older: string, younger: string): number {
  return (Date.parse(younger) - Date.parse(older)) / (365.25 * 86_400_000);
}

/**
 * Relations follow ages: the head is the oldest adult of working age (or the oldest member), a
 * spouse is an adult of the other gender within twelve years of the head, parents are at least
 * eighteen years older and children at least eighteen years younger. Head first, then spouse.
 */
export function assignRelations(
  members: PersonSeed[],
): { person: PersonSeed; relation: HouseholdRelation }[] {
  const byAge = [...members].sort(
    (a, b) => a.birthDate.localeCompare(b.birthDate) || a.index - b.index,
  );
  const adults = byAge.filter((p) => p.birthDate <= ADULT_BORN_BY);
  const head = adults.find((p) => p.birthDate >= '1960-01-01') ?? adults[0] ?? byAge[0];
  const spouse = adults.find(
    (p) =>
      p !== head &&
      p.gender !== head.gender &&
      Math.abs(yearsBetween(head.birthDate, p.birthDate)) <= 12,
  );
  const out: { person: PersonSeed; relation: HouseholdRelation }[] = [
    { person: head, relation: 'HEAD' },
  ];
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
