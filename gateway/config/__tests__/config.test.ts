import { readGatewayConfig } from '..';

describe('readGatewayConfig', () => {
  it('serves on loopback port 4000 with a 5 s subgraph deadline when nothing is set', () => {
    const config = readGatewayConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 4000,
      subgraphTimeoutMs: 5000,
      graphiql: true,
      introspection: true,
    });
    expect(config.supergraphPath).toMatch(/schema\/supergraph\.graphql$/);
    expect(config.subgraphUrls).toEqual({});
  });

  it("runs query plans with the gateway's own executor unless GATEWAY_EXECUTOR=apollo", () => {
    expect(readGatewayConfig({}).executor).toBe('lean');
    expect(readGatewayConfig({ GATEWAY_EXECUTOR: 'apollo' }).executor).toBe('apollo');
  });

  it('returns a frozen object', () => {
    const config = readGatewayConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.subgraphUrls)).toBe(true);
  });

  it('takes a subgraph URL from <NAME>_URL, and from <NAME>_PORT on loopback', () => {
    const config = readGatewayConfig({
      LEGAL_ENTITY_URL: 'http://10.0.0.5:4002/graphql',
      POPULATION_PORT: '5001',
    });
    expect(config.subgraphUrls).toEqual({
      'legal-entity': 'http://10.0.0.5:4002/graphql',
      population: 'http://127.0.0.1:5001/graphql',
    });
  });

  it.each([
    ['GATEWAY_PORT', 'eighty'],
    ['GATEWAY_PORT', '70000'],
    ['SUBGRAPH_TIMEOUT_MS', '-1'],
    ['SUBGRAPH_TIMEOUT_MS', '1.5'],
    ['SUBGRAPH_CONNECT_TIMEOUT_MS', 'soon'],
    ['SUBGRAPH_CONNECTIONS', '0'],
    ['GATEWAY_EXECUTOR', 'fast'],
    ['GATEWAY_GRAPHIQL', 'maybe'],
    ['CREDIT_URL', 'not a url'],
    ['CREDIT_URL', 'ftp://10.0.0.5/graphql'],
    ['SPATIAL_PORT', '99999'],
    ['GATEWAY_REGISTRY_CACHE_MS', '-5'],
    ['GATEWAY_RATE_LIMITS', 'sometimes'],
    ['RATE_LIMIT_DEPARTMENT_BURST', '0'],
    ['RATE_LIMIT_DEPARTMENT_PER_MINUTE', '1.5'],
    ['RATE_LIMIT_DEPARTMENT_CONCURRENCY', '-1'],
    ['RATE_LIMIT_LEASE_MS', '10'],
    ['RATE_LIMIT_REDIS_NAMESPACE', 'has spaces'],
  ])('fails start-up naming %s when it is "%s"', (variable, value) => {
    expect(() => readGatewayConfig({ [variable]: value })).toThrow(variable);
  });

  it('enforces rate limits by default, with the documented department limits', () => {
    expect(readGatewayConfig({})).toMatchObject({
      rateLimits: true,
      departmentRequestsPerMinute: 6000,
      departmentBurst: 500,
      departmentConcurrency: 64,
      rateLimitRedisNamespace: null,
      rateLimitLeaseMs: 60_000,
    });
    expect(readGatewayConfig({ GATEWAY_RATE_LIMITS: 'off' }).rateLimits).toBe(false);
  });

  it('reads switches written as true/false, on/off or 1/0', () => {
    expect(
      readGatewayConfig({ GATEWAY_GRAPHIQL: 'off', GATEWAY_INTROSPECTION: '0' }),
    ).toMatchObject({ graphiql: false, introspection: false });
  });
});
