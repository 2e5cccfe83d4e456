import { Knex } from 'knex';
import { AddressSeed, iterateEntities, iterateResidents, World } from '../../domain/demo/world';
import { Rng } from '../../domain/demo/random';
import { REGIONS } from '../../domain/regions';
import { BulkWriter, Row } from '../kit/bulk-writer';
import { SeedReporter } from '../kit/subgraph-module';

/**
 * 宗地代码 patterned on GB/T 37346: county (6) + cadastral zone (3) + subzone (3) + parcel type
 * (2) + serial (5). The zone is the town's serial; GB marks state-owned construction land in
 * subdistricts, JC collective construction land in towns. Illustrative: several addresses on
 * one parcel share a code, as flats in one block do.
 */
export function cadastralParcelCode(
  world: World,
  address: AddressSeed,
  usage: 'H' | 'E',
  index: number,
): string {
  const rng = new Rng(world.seed, `parcel-${usage}`, index);
  const townSerial = address.townCode.slice(6);
  const type = Number(townSerial) < 100 ? 'GB' : 'JC';
  return `${address.countyCode}${townSerial}${String(rng.between(1, 20)).padStart(3, '0')}${type}${String(rng.between(1, 99_999)).padStart(5, '0')}`;
}

function addressRow(world: World, a: AddressSeed, usage: 'H' | 'E', index: number): Row {
  return {
    code: a.code,
    usage: usage === 'H' ? 'RESIDENTIAL' : 'BUSINESS',
    town_code: a.townCode,
    county_code: a.countyCode,
    road: a.road,
    house_number: a.houseNumber,
    full_text: a.fullText,
    longitude: a.longitude,
    latitude: a.latitude,
    cadastral_parcel_code: cadastralParcelCode(world, a, usage, index),
  };
}

export async function seedSpatial(db: Knex, world: World, reporter: SeedReporter): Promise<void> {
  const onWritten = (table: string, rows: number) => reporter.written(table, rows);
  const regions = new BulkWriter(db, 'regions', { onWritten });
  for (const r of REGIONS) {
    await regions.add({
      code: r.code,
      name: r.name,
      name_en: r.nameEn,
      level: r.level,
      parent_code: r.level === 'CITY' ? null : r.parentCode,
      centroid_longitude: r.centroid[0],
      centroid_latitude: r.centroid[1],
      min_longitude: r.bbox[0],
      min_latitude: r.bbox[1],
      max_longitude: r.bbox[2],
      max_latitude: r.bbox[3],
    });
  }
  await regions.flush();

  const addresses = new BulkWriter(db, 'addresses', { onWritten });
  const residences = new BulkWriter(db, 'residences', { onWritten });
  let lastHousehold = -1;
  for (const r of iterateResidents(world)) {
    // Residents of one household are consecutive: its address is written once, at its head.
    if (r.household.index !== lastHousehold) {
      lastHousehold = r.household.index;
      await addresses.add(addressRow(world, r.household.address, 'H', r.household.index));
    }
    await residences.add({ id_number: r.idNumber, address_code: r.household.address.code });
  }
  await residences.flush();

  const registered = new BulkWriter(db, 'registered_addresses', { onWritten });
  for (const e of iterateEntities(world)) {
    await addresses.add(addressRow(world, e.address, 'E', e.index));
    await registered.add({ credit_code: e.creditCode, address_code: e.address.code });
  }
  await registered.flush();
  await addresses.flush();
}
