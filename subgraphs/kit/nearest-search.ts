/**
 * Exact k-nearest search over a table of points, using only B-tree indexes that SQLite and
 * MariaDB both have. The database filters by the radius's bounding box (an index range on
 * latitude, longitude) and returns candidates ordered by a cheap planar metric; the exact
 * haversine distance is computed here. Because the metric never exceeds the true distance
 * (geo.ts), the search knows when no unfetched row can come closer and stops; otherwise it
 * fetches a larger batch. Usually the first fetch decides.
 */
import { Knex } from 'knex';
import {
  BoundingBox,
  boundingBoxAround,
  GeoPoint,
  haversineMeters,
  longitudeWeight,
  planarLowerBoundMeters,
  planarMetric,
} from './geo';
import { NearbyRequest } from './nearby-request';

export interface NearbySource<Row> {
  /**
   * At most `limit` rows inside `box`, ordered by `planarMetric(center, point, weight)`
   * ascending, then by key.
   */
  fetch(box: BoundingBox, center: GeoPoint, weight: number, limit: number): Promise<Row[]>;
  pointOf(row: Row): GeoPoint;
  keyOf(row: Row): string;
}

export interface Nearby<Row> {
  row: Row;
  distanceMeters: number;
}

/** Guards the comparison with the database's own rounding of the same metric. */
const METRIC_SLACK = 1 - 1e-9;

/** Rows within the radius, nearest first (ties by key), at most `request.limit`. */
export async function findNearest<Row>(
  source: NearbySource<Row>,
  request: NearbyRequest,
): Promise<Nearby<Row>[]> {
  const { center, radiusMeters, limit } = request;
  if (limit === 0) return [];
  const box = boundingBoxAround(center, radiusMeters);
  const weight = longitudeWeight(box);
  let fetchSize = Math.max(2 * limit, 16);
  for (;;) {
    const rows = await source.fetch(box, center, weight, fetchSize);
    const ranked = rows
      .map((row) => ({ row, distanceMeters: haversineMeters(center, source.pointOf(row)) }))
      .filter((n) => n.distanceMeters <= radiusMeters)
      .sort(
        (a, b) =>
          a.distanceMeters - b.distanceMeters ||
          compareKeys(source.keyOf(a.row), source.keyOf(b.row)),
      );
    if (rows.length < fetchSize) return ranked.slice(0, limit);
    // Every row not fetched has a metric at least the last fetched row's, hence a distance at least this.
    const unseen =
      planarLowerBoundMeters(
        planarMetric(center, source.pointOf(rows[rows.length - 1]), weight),
        weight,
      ) * METRIC_SLACK;
    if (unseen > radiusMeters) return ranked.slice(0, limit);
    if (ranked.length >= limit && ranked[limit - 1].distanceMeters < unseen)
      return ranked.slice(0, limit);
    fetchSize *= 4;
  }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface PointColumns {
  key: string;
  longitude: string;
  latitude: string;
}

/**
 * A table as a nearby source. It needs an index on (latitude, longitude): the box becomes one
 * index range on latitude, with longitude checked from the same index entries.
 */
export function tableNearbySource<Row extends object>(
  db: Knex,
  table: string,
  columns: PointColumns,
): NearbySource<Row> {
  const { key, longitude, latitude } = columns;
  return {
    async fetch(box, center, weight, limit) {
      return db(table)
        .select('*')
        .whereBetween(latitude, [box.minLatitude, box.maxLatitude])
        .whereBetween(longitude, [box.minLongitude, box.maxLongitude])
        .orderByRaw('(?? - ?) * (?? - ?) + ? * (?? - ?) * (?? - ?)', [
          latitude,
          center.latitude,
          latitude,
          center.latitude,
          weight,
          longitude,
          center.longitude,
          longitude,
          center.longitude,
        ])
        .orderBy(key)
        .limit(limit);
    },
    pointOf: (row) => {
      const r = row as Record<string, unknown>;
      return { longitude: Number(r[longitude]), latitude: Number(r[latitude]) };
    },
    keyOf: (row) => String((row as Record<string, unknown>)[key]),
  };
}
