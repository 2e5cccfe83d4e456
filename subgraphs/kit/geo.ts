/**
 * Spherical geometry for nearby searches over CGCS2000 (EPSG:4490) coordinates. CGCS2000 and
 * WGS84 differ by centimetres, far below what a sphere of mean radius gets wrong (up to ~0.5%),
 * so one formula serves both. Pure functions: the searches that use them are tested without SQL.
 */

export interface GeoPoint {
  longitude: number;
  latitude: number;
}

export interface BoundingBox {
  minLongitude: number;
  minLatitude: number;
  maxLongitude: number;
  maxLatitude: number;
}

/** IUGG mean Earth radius (R1). */
export const EARTH_RADIUS_METERS = 6_371_008.8;

const RADIANS = Math.PI / 180;
const DEGREES = 180 / Math.PI;

export function isValidGeoPoint(p: GeoPoint): boolean {
  return (
    Number.isFinite(p.longitude) &&
    Number.isFinite(p.latitude) &&
    Math.abs(p.longitude) <= 180 &&
    Math.abs(p.latitude) <= 90
  );
}

/** Great-circle distance by the haversine formula, which stays accurate for short distances. */
export function haversineMeters(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.latitude - a.latitude) * RADIANS;
  const dLon = (b.longitude - a.longitude) * RADIANS;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * RADIANS) * Math.cos(b.latitude * RADIANS) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The point `meters` away from `from` on the initial bearing `bearingDegrees` (clockwise from
 * north) along a great circle, with longitude brought back into [-180, 180].
 */
export function destinationPoint(from: GeoPoint, bearingDegrees: number, meters: number): GeoPoint {
  const d = meters / EARTH_RADIUS_METERS;
  const lat1 = from.latitude * RADIANS;
  const bearing = bearingDegrees * RADIANS;
  const lat2 = Math.asin(
    Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing),
  );
  const dLon = Math.atan2(
    Math.sin(bearing) * Math.sin(d) * Math.cos(lat1),
    Math.cos(d) - Math.sin(lat1) * Math.sin(lat2),
  );
  const lon = from.longitude + dLon * DEGREES;
  return { longitude: ((((lon + 180) % 360) + 360) % 360) - 180, latitude: lat2 * DEGREES };
}

/**
 * The smallest latitude/longitude box holding every point within `radiusMeters` of `center`
 * (J. P. Matuschek, "Finding Points Within a Distance of a Latitude/Longitude Using Bounding
 * Coordinates"). Near a pole, or across the antimeridian, the box widens to all longitudes
 * rather than wrap: a prefilter may return too much, never too little.
 */
export function boundingBoxAround(center: GeoPoint, radiusMeters: number): BoundingBox {
  const angular = radiusMeters / EARTH_RADIUS_METERS;
  const lat = center.latitude * RADIANS;
  const minLat = lat - angular;
  const maxLat = lat + angular;
  if (minLat <= -Math.PI / 2 || maxLat >= Math.PI / 2) {
    return {
      minLongitude: -180,
      minLatitude: Math.max(minLat * DEGREES, -90),
      maxLongitude: 180,
      maxLatitude: Math.min(maxLat * DEGREES, 90),
    };
  }
  const dLon = Math.asin(Math.sin(angular) / Math.cos(lat)) * DEGREES;
  const minLon = center.longitude - dLon;
  const maxLon = center.longitude + dLon;
  if (minLon < -180 || maxLon > 180) {
    return {
      minLongitude: -180,
      minLatitude: minLat * DEGREES,
      maxLongitude: 180,
      maxLatitude: maxLat * DEGREES,
    };
  }
  return {
    minLongitude: minLon,
    minLatitude: minLat * DEGREES,
    maxLongitude: maxLon,
    maxLatitude: maxLat * DEGREES,
  };
}

export function boxContains(box: BoundingBox, p: GeoPoint): boolean {
  return (
    p.longitude >= box.minLongitude &&
    p.longitude <= box.maxLongitude &&
    p.latitude >= box.minLatitude &&
    p.latitude <= box.maxLatitude
  );
}

/**
 * Weight of squared longitude differences in a planar metric over `box`:
 * `dLat² + weight·dLon²` (degrees). Using the cosine of the box's highest latitude makes the
 * metric a lower bound of the true distance for any two points in the box (see
 * `planarLowerBoundMeters`), which is what lets a database order candidates by it.
 */
export function longitudeWeight(box: BoundingBox): number {
  // A box widened to every longitude (pole, antimeridian) compares raw longitudes that may be
  // 360° apart for neighbours: there only latitude is a safe lower bound.
  if (box.maxLongitude - box.minLongitude >= 360) return 0;
  const highest = Math.max(Math.abs(box.minLatitude), Math.abs(box.maxLatitude));
  return Math.cos(Math.min(highest, 90) * RADIANS) ** 2;
}

/** The planar metric the database orders by: squared degrees, weighted as above. */
export function planarMetric(center: GeoPoint, p: GeoPoint, weight: number): number {
  const dLat = p.latitude - center.latitude;
  const dLon = p.longitude - center.longitude;
  return dLat * dLat + weight * dLon * dLon;
}

/**
 * A distance no greater than the great-circle distance between two points inside the box that
 * `weight` was taken from, given their planar metric. From the haversine formula,
 * θ² ≥ 4sin²(Δφ/2) + 4cosφ₁cosφ₂·sin²(Δλ/2); with 2sin(x/2) ≥ x(1 − x²/24) and
 * cosφ₁cosφ₂ ≥ weight this gives θ ≥ (1 − m²/24)·√(Δφ² + weight·Δλ²), where m, the larger
 * angular difference, is at most √(metric/weight). For a few kilometres the factor is within
 * 1e-7 of one, so the bound is tight enough to stop a search after its first fetch.
 */
export function planarLowerBoundMeters(metric: number, weight: number): number {
  if (metric <= 0) return 0;
  const planar = Math.sqrt(metric) * RADIANS;
  // With weight 0 the longitude term is dropped, and m need only bound the latitude difference.
  const m = weight > 0 ? planar / Math.sqrt(weight) : planar;
  const shrink = Math.max(0, 1 - (m * m) / 24);
  return EARTH_RADIUS_METERS * planar * shrink;
}
