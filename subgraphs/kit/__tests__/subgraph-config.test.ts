import { readSubgraphConfig } from '../subgraph-config';

describe('readSubgraphConfig', () => {
  it('listens on loopback at its directory port, over SQLite in DATA_DIR, when nothing is set', () => {
    const config = readSubgraphConfig('legal-entity', { DATA_DIR: '/srv/data' });
    expect(config).toEqual({
      name: 'legal-entity',
      host: '127.0.0.1',
      port: 4002,
      database: { client: 'sqlite', file: '/srv/data/legal-entity.sqlite' },
      signing: { configured: null, devSecretDir: '/srv/data/keys' },
      acceptUnsigned: false,
      own: null,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads its own <NAME>_PORT and SUBGRAPH_HOST', () => {
    expect(
      readSubgraphConfig('legal-entity', { LEGAL_ENTITY_PORT: '5002', SUBGRAPH_HOST: '0.0.0.0' }),
    ).toMatchObject({ host: '0.0.0.0', port: 5002 });
  });

  it("accepts the gateway's and the other subgraphs' settings: npm start gives them all one environment", () => {
    expect(() =>
      readSubgraphConfig('credit', {
        GATEWAY_PORT: '4000',
        SHARING_POLICY_MODE: 'reject',
        POPULATION_PORT: '5001',
      }),
    ).not.toThrow();
  });

  it('refuses a misspelt setting, naming the closest known variable', () => {
    expect(() => readSubgraphConfig('credit', { CREDIT_PROT: '4007' })).toThrow(
      'CREDIT_PROT is not a setting: did you mean CREDIT_PORT?',
    );
  });

  it('reports every invalid value at once, naming each variable', () => {
    expect(() =>
      readSubgraphConfig('credit', {
        CREDIT_PORT: 'x',
        SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES: 'please',
      }),
    ).toThrow(
      /CREDIT_PORT must be a port number.*; SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES must be 1 or 0/,
    );
  });

  it("includes what only this subgraph reads, from the subgraph's own reader", () => {
    const config = readSubgraphConfig('sharing', { SHARING_REPLY_WORKING_DAYS: '15' }, (env) => ({
      days: Number(env.SHARING_REPLY_WORKING_DAYS),
    }));
    expect(config.own).toEqual({ days: 15 });
    expect(() =>
      readSubgraphConfig('sharing', {}, () => {
        throw new Error('SHARING_HOLIDAYS must be dates');
      }),
    ).toThrow('SHARING_HOLIDAYS must be dates');
  });
});
