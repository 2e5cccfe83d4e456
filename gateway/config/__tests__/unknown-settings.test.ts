import { readGatewayConfig } from '..';

describe('readGatewayConfig: one reader, checked once', () => {
  it('refuses a misspelt setting instead of ignoring it, naming the closest known variable', () => {
    expect(() => readGatewayConfig({ SHARING_POLICY_MOD: 'reject' })).toThrow(
      'SHARING_POLICY_MOD is not a setting: did you mean SHARING_POLICY_MODE?',
    );
  });

  it("accepts the subgraphs' settings, since npm start gives every process one environment", () => {
    const env = {
      POPULATION_PORT: '5001',
      SUBGRAPH_HOST: '0.0.0.0',
      SHARING_REPLY_WORKING_DAYS: '15',
      AUDIT_USAGE_INTERVAL_MS: '0',
    };
    expect(readGatewayConfig(env).subgraphUrls).toEqual({
      population: 'http://127.0.0.1:5001/graphql',
    });
  });

  it('leaves variables outside our prefixes alone', () => {
    expect(() =>
      readGatewayConfig({ PATH: '/bin', HOME: '/root', NODE_OPTIONS: '--enable-source-maps' }),
    ).not.toThrow();
  });

  it('reports every problem at once', () => {
    expect(() =>
      readGatewayConfig({ GATEWAY_PROT: '4000', SUBGRAPH_TIMEOUT_MS: '-1', JWT_ISSUER: 'not one' }),
    ).toThrow(
      /GATEWAY_PROT is not a setting: did you mean GATEWAY_PORT\?; SUBGRAPH_TIMEOUT_MS must be .*; JWT_ISSUER must be/,
    );
  });

  it('composes tokens, the signing secret and the audit trail into the one object', () => {
    const config = readGatewayConfig({
      DATA_DIR: '/srv/data',
      GATEWAY_INSTANCE: 'gw-1',
      JWT_AUDIENCE: 'them',
    });
    expect(config.tokens).toMatchObject({
      issuer: 'shujutong',
      audience: 'them',
      devKeyDir: '/srv/data/keys',
      devKeysAllowed: true,
    });
    expect(config.signing).toEqual({ configured: null, devSecretDir: '/srv/data/keys' });
    expect(config.audit).toMatchObject({
      instance: 'gw-1',
      journalDir: '/srv/data/audit/gw-1',
      keys: { keysDir: '/srv/data/keys' },
    });
    expect(config.auditDisabled).toBe(false);
    for (const part of [
      config,
      config.tokens,
      config.signing,
      config.audit,
      config.audit.keys,
      config.operationLimits,
    ]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
  });

  it('checks the audit trail settings even when the trail is off', () => {
    expect(() =>
      readGatewayConfig({ SHUJUTONG_INSECURE_DISABLE_AUDIT: '1', AUDIT_SHIP_BATCH: 'lots' }),
    ).toThrow(/AUDIT_SHIP_BATCH/);
  });

  it('refuses production without a signing secret, and a short one anywhere', () => {
    expect(() => readGatewayConfig({ NODE_ENV: 'production' })).toThrow(
      /SUBGRAPH_SIGNING_SECRET is not set/,
    );
    expect(() => readGatewayConfig({ SUBGRAPH_SIGNING_SECRET: 'short' })).toThrow(
      /at least 32 characters/,
    );
    const secret = 'x'.repeat(32);
    expect(
      readGatewayConfig({ NODE_ENV: 'production', SUBGRAPH_SIGNING_SECRET: secret }).signing
        .configured,
    ).toBe(secret);
  });
});
