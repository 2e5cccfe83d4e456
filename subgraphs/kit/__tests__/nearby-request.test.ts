import { GraphQLError } from 'graphql';
import { MAX_NEARBY_RADIUS_METERS, NearbyArgs, requireNearbyRequest } from '../nearby-request';

function problemOf(args: NearbyArgs): Record<string, unknown> | undefined {
  try {
    requireNearbyRequest(args);
    return undefined;
  } catch (err) {
    return (err as GraphQLError).extensions;
  }
}

describe('requireNearbyRequest', () => {
  it('accepts a point in Nantong with a radius and defaults first to 20', () => {
    expect(requireNearbyRequest({ longitude: 120.89, latitude: 32, radiusMeters: 800 })).toEqual({
      center: { longitude: 120.89, latitude: 32 },
      radiusMeters: 800,
      limit: 20,
    });
  });

  it.each([
    [{ longitude: 181, latitude: 32, radiusMeters: 100 }, 'longitude'],
    [{ longitude: 120, latitude: -90.5, radiusMeters: 100 }, 'latitude'],
    [{ longitude: 120, latitude: 32, radiusMeters: 0 }, 'radiusMeters'],
    [{ longitude: 120, latitude: 32, radiusMeters: -5 }, 'radiusMeters'],
    [{ longitude: 120, latitude: 32, radiusMeters: MAX_NEARBY_RADIUS_METERS + 1 }, 'radiusMeters'],
    [{ longitude: 120, latitude: 32, radiusMeters: 100, first: 101 }, 'first'],
    [{ longitude: 120, latitude: 32, radiusMeters: 100, first: -1 }, 'first'],
  ])('rejects %j with BAD_USER_INPUT naming %s', (args, argumentName) => {
    expect(problemOf(args)).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentName,
      problem: 'RANGE',
    });
  });
});
