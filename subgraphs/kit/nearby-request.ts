/**
 * The arguments of a "what is near this point" query, checked once for every subgraph that
 * offers one (spatial addresses, city parts). A bad point or radius is the caller's mistake and
 * answers BAD_USER_INPUT, never an empty list that looks like "nothing there".
 */
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection';
import { GeoPoint } from './geo';
import { badUserInput } from './user-input';

/**
 * Largest search radius. A nearby search answers "what is around this spot"; a radius of a
 * whole county would turn it into a bulk export that bypasses the conditional listings.
 */
export const MAX_NEARBY_RADIUS_METERS = 5_000;

export interface NearbyArgs {
  longitude: number;
  latitude: number;
  radiusMeters: number;
  first?: number | null;
}

export interface NearbyRequest {
  center: GeoPoint;
  radiusMeters: number;
  limit: number;
}

export function requireNearbyRequest(args: NearbyArgs): NearbyRequest {
  const { longitude, latitude, radiusMeters } = args;
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) {
    throw badUserInput(
      'longitude',
      `must be between -180 and 180 degrees (CGCS2000), got ${longitude}`,
      { problem: 'RANGE' },
    );
  }
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
    throw badUserInput(
      'latitude',
      `must be between -90 and 90 degrees (CGCS2000), got ${latitude}`,
      { problem: 'RANGE' },
    );
  }
  if (
    !Number.isFinite(radiusMeters) ||
    radiusMeters <= 0 ||
    radiusMeters > MAX_NEARBY_RADIUS_METERS
  ) {
    throw badUserInput(
      'radiusMeters',
      `must be more than 0 and at most ${MAX_NEARBY_RADIUS_METERS}, got ${radiusMeters}`,
      {
        problem: 'RANGE',
        max: MAX_NEARBY_RADIUS_METERS,
      },
    );
  }
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput('first', `must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`, {
      problem: 'RANGE',
      max: MAX_PAGE_SIZE,
    });
  }
  return { center: { longitude, latitude }, radiusMeters, limit: first };
}
