import { auditDisabledRequested } from '../audit-switch';
import { readGatewayConfig } from '..';

describe('SHUJUTONG_INSECURE_DISABLE_AUDIT', () => {
  it('keeps the audit on unless set', () => {
    expect(auditDisabledRequested({})).toBe(false);
    expect(auditDisabledRequested({ SHUJUTONG_INSECURE_DISABLE_AUDIT: '0' })).toBe(false);
    expect(readGatewayConfig({}).auditDisabled).toBe(false);
  });

  it('turns it off when set outside production', () => {
    expect(auditDisabledRequested({ SHUJUTONG_INSECURE_DISABLE_AUDIT: '1' })).toBe(true);
    expect(readGatewayConfig({ SHUJUTONG_INSECURE_DISABLE_AUDIT: 'true' }).auditDisabled).toBe(
      true,
    );
  });

  it('stops start-up with NODE_ENV=production, and on a value that is not a switch', () => {
    expect(() =>
      readGatewayConfig({ SHUJUTONG_INSECURE_DISABLE_AUDIT: '1', NODE_ENV: 'production' }),
    ).toThrow(/SHUJUTONG_INSECURE_DISABLE_AUDIT is set and NODE_ENV=production/);
    expect(() => readGatewayConfig({ SHUJUTONG_INSECURE_DISABLE_AUDIT: 'please' })).toThrow(
      /must be 1 or 0/,
    );
  });
});
