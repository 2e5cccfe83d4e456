/** Reads the spatial database. Entity lookups and bindings go through per-request DataLoaders. */
import { Knex } from 'knex';
import { groupLoader, rowLoader, SelectRows } from '../kit/batch';
import { findNearest, Nearby, tableNearbySource } from '../kit/nearest-search';
import { NearbyRequest } from '../kit/nearby-request';
import type { RegionLevel } from '../../domain/regions';

export interface RegionRow {
  code: string;
  name: string;
  name_en: string;
  level: RegionLevel;
  parent_code: string | null;
  centroid_longitude: number;
  centroid_latitude: number;
  min_longitude: number;
  min_latitude: number;
  max_longitude: number;
  max_latitude: number;
}

export interface AddressRow {
  code: string;
  usage: 'RESIDENTIAL' | 'BUSINESS';
  town_code: string;
  county_code: string;
  road: string;
  house_number: string;
  full_text: string;
  longitude: number;
  latitude: number;
  cadastral_parcel_code: string;
}

export interface ResidenceRow {
  id_number: string;
  address_code: string;
}

/** An address joined to the key of whatever is bound to it (a person or an entity). */
type BoundAddressRow = AddressRow & Record<string, string | number>;

/**
 * The binding and the address it points at, joined. Made once per table, not per request:
 * batch.ts keeps the compiled SQL per select function.
 */
function boundAddress(table: string, keyColumn: string): SelectRows {
  return (q) =>
    q
      .join('addresses', 'addresses.code', `${table}.address_code`)
      .select(`${table}.${keyColumn}`, 'addresses.*');
}
const RESIDENCE = boundAddress('residences', 'id_number');
const REGISTERED_ADDRESS = boundAddress('registered_addresses', 'credit_code');

export function createSpatialStore(db: Knex) {
  const region = rowLoader<RegionRow>(db, 'regions', 'code');
  const children = groupLoader<RegionRow>(db, 'regions', 'parent_code', ['code']);
  const address = rowLoader<AddressRow>(db, 'addresses', 'code');
  const residents = groupLoader<ResidenceRow>(db, 'residences', 'address_code', ['id_number']);

  // One query per batch: the binding and the address it points at, joined.
  const residence = rowLoader<BoundAddressRow>(db, 'residences', 'id_number', RESIDENCE);
  const registeredAddress = rowLoader<BoundAddressRow>(
    db,
    'registered_addresses',
    'credit_code',
    REGISTERED_ADDRESS,
  );
  const nearbySource = tableNearbySource<AddressRow>(db, 'addresses', {
    key: 'code',
    longitude: 'longitude',
    latitude: 'latitude',
  });

  return {
    region,
    children,
    address,
    residents,
    residence,
    registeredAddress,
    async regions(level: RegionLevel | null): Promise<RegionRow[]> {
      const q = db<RegionRow>('regions').select('*').orderBy('code');
      if (level) q.where('level', level);
      const rows = await q;
      rows.forEach((r) => region.prime(r.code, r));
      return rows;
    },
    async addressesNear(request: NearbyRequest): Promise<Nearby<AddressRow>[]> {
      const found = await findNearest(nearbySource, request);
      found.forEach((n) => address.prime(n.row.code, n.row));
      return found;
    },
  };
}

export type SpatialStore = ReturnType<typeof createSpatialStore>;
