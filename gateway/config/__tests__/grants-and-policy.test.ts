import { readGatewayConfig } from '..';

describe('readGatewayConfig: sharing policy and grants', () => {
  it('filters, without Redis, caching grants in process for at most a second, when nothing is set', () => {
    expect(readGatewayConfig({})).toMatchObject({
      sharingPolicyMode: 'filter',
      redisUrl: null,
      grantsRedisNamespace: null,
      grantsTtlMs: 1000,
      grantsRedisTtlMs: 30_000,
      grantsDegradedTtlMs: 10_000,
      grantsLoadTimeoutMs: 2000,
    });
  });

  it('reads the mode, Redis and its namespace', () => {
    expect(
      readGatewayConfig({
        SHARING_POLICY_MODE: 'dry-run',
        REDIS_URL: 'redis://10.0.0.7:6379',
        GRANTS_REDIS_NAMESPACE: 'staging',
      }),
    ).toMatchObject({
      sharingPolicyMode: 'dry-run',
      redisUrl: 'redis://10.0.0.7:6379',
      grantsRedisNamespace: 'staging',
    });
  });

  it.each([
    ['SHARING_POLICY_MODE', 'off', /SHARING_POLICY_MODE must be one of filter, reject, dry-run/],
    ['REDIS_URL', 'http://127.0.0.1:6379', /REDIS_URL must be a redis:\/\//],
    ['REDIS_URL', 'nonsense', /REDIS_URL is not a URL/],
    ['GRANTS_REDIS_NAMESPACE', 'a b', /GRANTS_REDIS_NAMESPACE/],
    // The promises: changes within a second without Redis, at most 30 s stale while Redis is away.
    ['GRANTS_TTL_MS', '1001', /GRANTS_TTL_MS must be an integer from 50 to 1000/],
    [
      'GRANTS_DEGRADED_TTL_MS',
      '30001',
      /GRANTS_DEGRADED_TTL_MS must be an integer from 100 to 30000/,
    ],
    ['GRANTS_LOAD_TIMEOUT_MS', '0', /GRANTS_LOAD_TIMEOUT_MS/],
  ])('refuses %s=%s, naming the variable', (variable, value, message) => {
    expect(() => readGatewayConfig({ [variable]: value })).toThrow(message);
  });
});
