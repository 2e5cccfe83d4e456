import { readSubgraphConfig } from '../../kit/subgraph-config';
import { readAuditReadSettings } from '../audit-settings';

describe('the audit subgraph process settings', () => {
  it("hold usage, probing and the gateway's HMAC key sources", () => {
    const config = readSubgraphConfig(
      'audit',
      {
        DATA_DIR: '/srv/data',
        AUDIT_HMAC_KEY_FILE: '/etc/shujutong/hmac.key',
        AUDIT_USAGE_INTERVAL_MS: '0',
      },
      readAuditReadSettings,
    );
    expect(config.database).toEqual({ client: 'sqlite', file: '/srv/data/audit.sqlite' });
    expect(config.own).toMatchObject({
      usageIntervalMs: 0,
      usageRequestBudgetMs: 2000,
      probing: { windowMinutes: 10 },
      hmacKeys: {
        hmacKeyFile: '/etc/shujutong/hmac.key',
        keysDir: '/srv/data/keys',
        allowDevKeys: true,
      },
    });
  });

  it('name the variable that is wrong', () => {
    expect(() => readAuditReadSettings({ AUDIT_USAGE_INTERVAL_MS: 'often' })).toThrow(
      'AUDIT_USAGE_INTERVAL_MS must be a whole number of milliseconds from 0 to 86400000, got "often"',
    );
  });
});
