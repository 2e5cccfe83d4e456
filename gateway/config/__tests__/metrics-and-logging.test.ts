import { readGatewayConfig } from '..';

describe('METRICS_TOKEN and LOG_LEVEL', () => {
  it('defaults to loopback-only metrics and info logs', () => {
    const config = readGatewayConfig({});
    expect(config.metricsToken).toBeNull();
    expect(config.logLevel).toBe('info');
  });

  it('reads a metrics token and a log level', () => {
    const config = readGatewayConfig({
      METRICS_TOKEN: 'scrape-token-0123456789',
      LOG_LEVEL: 'warn',
    });
    expect(config.metricsToken).toBe('scrape-token-0123456789');
    expect(config.logLevel).toBe('warn');
  });

  it('refuses a guessable metrics token, without echoing it', () => {
    expect(() => readGatewayConfig({ METRICS_TOKEN: 'short-secret' })).toThrow(
      /METRICS_TOKEN must be at least 16 characters/,
    );
    expect(() => readGatewayConfig({ METRICS_TOKEN: 'short-secret' })).not.toThrow(/short-secret/);
  });

  it('refuses an unknown log level, naming the variable', () => {
    expect(() => readGatewayConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL must be one of/);
  });
});
