import { Rng } from '../../../domain/demo/random';
import {
  BoundingBox,
  boxContains,
  destinationPoint,
  GeoPoint,
  haversineMeters,
  planarMetric,
} from '../geo';
import { findNearest, NearbySource } from '../nearest-search';

interface Point extends GeoPoint {
  key: string;
}

/** An in-memory source that honours the contract a database source has: box filter, metric order, limit. */
function memorySource(points: Point[]): NearbySource<Point> & { fetches: number[] } {
  const fetches: number[] = [];
  return {
    fetches,
    async fetch(box: BoundingBox, center: GeoPoint, weight: number, limit: number) {
      fetches.push(limit);
      return points
        .filter((p) => boxContains(box, p))
        .sort(
          (a, b) =>
            planarMetric(center, a, weight) - planarMetric(center, b, weight) ||
            (a.key < b.key ? -1 : 1),
        )
        .slice(0, limit);
    },
    pointOf: (p) => p,
    keyOf: (p) => p.key,
  };
}

function bruteForce(points: Point[], center: GeoPoint, radius: number, limit: number): string[] {
  return points
    .map((p) => ({ key: p.key, d: haversineMeters(center, p) }))
    .filter((x) => x.d <= radius)
    .sort((a, b) => a.d - b.d || (a.key < b.key ? -1 : 1))
    .slice(0, limit)
    .map((x) => x.key);
}

const CENTER: GeoPoint = { longitude: 120.89, latitude: 32.0 };

function scatter(n: number, spread: number): Point[] {
  const rng = new Rng(3, 'nearest-test', n);
  return Array.from({ length: n }, (_, i) => ({
    key: `P${String(i).padStart(5, '0')}`,
    longitude: CENTER.longitude + (rng.next() - 0.5) * spread,
    latitude: CENTER.latitude + (rng.next() - 0.5) * spread,
  }));
}

describe('findNearest', () => {
  const points = scatter(3_000, 0.2);

  it.each([
    [500, 10],
    [1_500, 20],
    [5_000, 100],
  ])('returns what a brute-force scan returns (radius %d m, first %d)', async (radius, limit) => {
    const found = await findNearest(memorySource(points), {
      center: CENTER,
      radiusMeters: radius,
      limit,
    });
    expect(found.map((n) => n.row.key)).toEqual(bruteForce(points, CENTER, radius, limit));
    expect(found.every((n) => n.distanceMeters <= radius)).toBe(true);
  });

  it('leaves out points inside the bounding box but outside the circle', async () => {
    // A point near the box corner: inside the box, about 1.4 radii away.
    const corner: Point = {
      key: 'corner',
      longitude: CENTER.longitude + 0.0105,
      latitude: CENTER.latitude + 0.0089,
    };
    const found = await findNearest(memorySource([corner]), {
      center: CENTER,
      radiusMeters: 1_000,
      limit: 10,
    });
    expect(haversineMeters(CENTER, corner)).toBeGreaterThan(1_000);
    expect(found).toEqual([]);
  });

  it('fetches again when the planar order cannot yet prove which point is nearest', async () => {
    // Seventeen points one kilometre away: more than one batch of 16, all at the same distance.
    const ring: Point[] = Array.from({ length: 17 }, (_, i) => ({
      key: `R${i}`,
      ...destinationPoint(CENTER, (360 * i) / 17, 1_000),
    }));
    const source = memorySource(ring);
    const found = await findNearest(source, { center: CENTER, radiusMeters: 2_000, limit: 1 });
    expect(source.fetches.length).toBeGreaterThan(1);
    expect(found.map((n) => n.row.key)).toEqual(bruteForce(ring, CENTER, 2_000, 1));
  });

  it('stops after one fetch when the batch already proves the answer', async () => {
    const source = memorySource(points);
    await findNearest(source, { center: CENTER, radiusMeters: 3_000, limit: 5 });
    expect(source.fetches).toEqual([16]);
  });

  it.each([
    ['across the antimeridian', { longitude: 179.9995, latitude: -17 }],
    ['next to a pole', { longitude: 40, latitude: 89.99 }],
  ])('stays exact %s, where the box spans every longitude', async (_, center) => {
    const rng = new Rng(5, 'nearest-edge', 0);
    const around: Point[] = Array.from({ length: 400 }, (_, i) => ({
      key: `E${String(i).padStart(3, '0')}`,
      ...destinationPoint(center, rng.next() * 360, rng.next() * 6_000),
    }));
    const found = await findNearest(memorySource(around), {
      center,
      radiusMeters: 4_000,
      limit: 25,
    });
    expect(found.map((n) => n.row.key)).toEqual(bruteForce(around, center, 4_000, 25));
  });

  it('returns nothing for first: 0 without touching the source', async () => {
    const source = memorySource(points);
    expect(await findNearest(source, { center: CENTER, radiusMeters: 3_000, limit: 0 })).toEqual(
      [],
    );
    expect(source.fetches).toEqual([]);
  });
});
