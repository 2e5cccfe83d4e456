import { chinaToday, effectiveStatus } from '../certificate-status';

describe('certificate status', () => {
  it('keeps a certificate valid through the last day of its validity', () => {
    expect(effectiveStatus('VALID', '2025-03-01', '2025-03-01')).toBe('VALID');
  });

  it('reports EXPIRED from the day after validTo', () => {
    expect(effectiveStatus('VALID', '2025-03-01', '2025-03-02')).toBe('EXPIRED');
  });

  it('never expires a certificate without an end date', () => {
    expect(effectiveStatus('VALID', null, '2099-12-31')).toBe('VALID');
  });

  it('reports a revocation or suspension even after the end date passed', () => {
    expect(effectiveStatus('REVOKED', '2020-01-01', '2025-01-01')).toBe('REVOKED');
    expect(effectiveStatus('SUSPENDED', '2020-01-01', '2025-01-01')).toBe('SUSPENDED');
  });

  it('takes the date in China, eight hours ahead of UTC', () => {
    expect(chinaToday(new Date('2025-03-01T15:59:59Z'))).toBe('2025-03-01');
    expect(chinaToday(new Date('2025-03-01T16:00:00Z'))).toBe('2025-03-02');
  });
});
