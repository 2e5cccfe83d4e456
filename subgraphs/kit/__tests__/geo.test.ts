import { Rng } from '../../../domain/demo/random';
import {
  boundingBoxAround,
  destinationPoint,
  boxContains,
  EARTH_RADIUS_METERS,
  GeoPoint,
  haversineMeters,
  isValidGeoPoint,
  longitudeWeight,
  planarLowerBoundMeters,
  planarMetric,
} from '../geo';

const NANTONG: GeoPoint = { longitude: 120.89, latitude: 32.0 };

describe('haversineMeters', () => {
  it('is zero from a point to itself', () => {
    expect(haversineMeters(NANTONG, NANTONG)).toBe(0);
  });

  it('measures one degree of latitude as R·π/180 along a meridian', () => {
    const d = haversineMeters({ longitude: 120, latitude: 32 }, { longitude: 120, latitude: 33 });
    expect(d).toBeCloseTo((EARTH_RADIUS_METERS * Math.PI) / 180, 3);
  });

  it('shrinks a degree of longitude by the cosine of the latitude (short arcs)', () => {
    const d = haversineMeters(
      { longitude: 120.0, latitude: 32 },
      { longitude: 120.01, latitude: 32 },
    );
    const expected = (EARTH_RADIUS_METERS * Math.PI * 0.01 * Math.cos((32 * Math.PI) / 180)) / 180;
    expect(Math.abs(d - expected)).toBeLessThan(0.01);
  });

  it('is symmetric and agrees with destinationPoint', () => {
    const there = destinationPoint(NANTONG, 37, 2_500);
    expect(haversineMeters(NANTONG, there)).toBeCloseTo(2_500, 6);
    expect(haversineMeters(there, NANTONG)).toBeCloseTo(haversineMeters(NANTONG, there), 9);
  });
});

describe('boundingBoxAround', () => {
  it.each([
    ['Nantong', NANTONG, 5_000],
    ['the equator', { longitude: 10, latitude: 0 }, 20_000],
    ['high latitude', { longitude: 25, latitude: 69.5 }, 50_000],
  ])('contains every point on the circle of the radius around %s', (_, center, radius) => {
    const box = boundingBoxAround(center, radius);
    for (let bearing = 0; bearing < 360; bearing += 2.5) {
      const p = destinationPoint(center, bearing, radius * 0.999999);
      expect(boxContains(box, p)).toBe(true);
    }
  });

  it('is tight: the points due north, south and the widest east are on its edges', () => {
    const box = boundingBoxAround(NANTONG, 3_000);
    expect(destinationPoint(NANTONG, 0, 3_000).latitude).toBeCloseTo(box.maxLatitude, 9);
    expect(destinationPoint(NANTONG, 180, 3_000).latitude).toBeCloseTo(box.minLatitude, 9);
    const widest = Math.max(
      ...Array.from(
        { length: 3600 },
        (_, i) => destinationPoint(NANTONG, 60 + i / 60, 3_000).longitude,
      ),
    );
    expect(widest).toBeLessThanOrEqual(box.maxLongitude + 1e-12);
    expect(box.maxLongitude - widest).toBeLessThan(1e-7);
  });

  it('spans all longitudes when the circle reaches a pole', () => {
    const box = boundingBoxAround({ longitude: 0, latitude: 89.99 }, 5_000);
    expect(box).toMatchObject({ minLongitude: -180, maxLongitude: 180, maxLatitude: 90 });
  });

  it('spans all longitudes rather than wrap across the antimeridian', () => {
    const box = boundingBoxAround({ longitude: 179.99, latitude: -17 }, 5_000);
    expect(box.minLongitude).toBe(-180);
    expect(box.maxLongitude).toBe(180);
    const across = destinationPoint({ longitude: 179.99, latitude: -17 }, 90, 4_000);
    expect(across.longitude).toBeLessThan(-179.9);
    expect(boxContains(box, across)).toBe(true);
  });
});

describe('planarLowerBoundMeters', () => {
  it('never exceeds the true distance of two points in the box, and stays within 0.1% at city scale', () => {
    const box = boundingBoxAround(NANTONG, 5_000);
    const weight = longitudeWeight(box);
    const rng = new Rng(1, 'geo-test', 0);
    const inBox = (): GeoPoint => ({
      longitude: box.minLongitude + rng.next() * (box.maxLongitude - box.minLongitude),
      latitude: box.minLatitude + rng.next() * (box.maxLatitude - box.minLatitude),
    });
    for (let i = 0; i < 5_000; i++) {
      const a = inBox();
      const b = inBox();
      const exact = haversineMeters(a, b);
      const bound = planarLowerBoundMeters(planarMetric(a, b, weight), weight);
      expect(bound).toBeLessThanOrEqual(exact);
      expect(bound).toBeGreaterThanOrEqual(exact * 0.999 - 1e-9);
    }
  });

  it('uses latitude alone when the box spans every longitude', () => {
    const box = boundingBoxAround({ longitude: 179.99, latitude: -17 }, 5_000);
    expect(longitudeWeight(box)).toBe(0);
    const a = { longitude: 179.99, latitude: -17 };
    const b = { longitude: -179.99, latitude: -17.01 };
    expect(planarLowerBoundMeters(planarMetric(a, b, 0), 0)).toBeLessThanOrEqual(
      haversineMeters(a, b),
    );
  });

  it('is zero for a zero metric', () => {
    expect(planarLowerBoundMeters(0, 0.7)).toBe(0);
  });
});

describe('isValidGeoPoint', () => {
  it.each([
    [{ longitude: 120.9, latitude: 32 }, true],
    [{ longitude: 180, latitude: -90 }, true],
    [{ longitude: 180.5, latitude: 0 }, false],
    [{ longitude: 0, latitude: 91 }, false],
    [{ longitude: Number.NaN, latitude: 0 }, false],
  ])('judges %j valid: %s', (p, valid) => {
    expect(isValidGeoPoint(p)).toBe(valid);
  });
});
