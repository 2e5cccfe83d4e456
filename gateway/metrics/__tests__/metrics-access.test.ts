import { isLoopback, mayReadMetrics } from '../metrics-access';

const TOKEN = 'scrape-token-0123456789';

describe('who may read GET /metrics', () => {
  it('answers loopback callers, IPv4, IPv6 and IPv4-mapped, without a token', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect(mayReadMetrics({ remoteAddress: address, authorization: undefined }, null)).toBe(true);
  });

  it('refuses a remote caller when no METRICS_TOKEN is set, whatever it presents', () => {
    expect(
      mayReadMetrics({ remoteAddress: '10.0.0.7', authorization: `Bearer ${TOKEN}` }, null),
    ).toBe(false);
  });

  it('answers a remote caller presenting METRICS_TOKEN as a bearer token', () => {
    expect(
      mayReadMetrics({ remoteAddress: '10.0.0.7', authorization: `Bearer ${TOKEN}` }, TOKEN),
    ).toBe(true);
    expect(
      mayReadMetrics({ remoteAddress: '2001:db8::1', authorization: `bearer ${TOKEN}` }, TOKEN),
    ).toBe(true);
  });

  it('refuses a remote caller with a wrong, truncated, differently-schemed or missing token', () => {
    for (const authorization of [
      'Bearer wrong-token-0123456789',
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN}x`,
      `Basic ${TOKEN}`,
      TOKEN,
      undefined,
    ])
      expect(mayReadMetrics({ remoteAddress: '10.0.0.7', authorization }, TOKEN)).toBe(false);
  });

  it('does not take look-alikes of loopback for loopback', () => {
    for (const address of ['128.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', '::', '127.0.0.1.evil', null])
      expect(isLoopback(address)).toBe(false);
    expect(mayReadMetrics({ remoteAddress: null, authorization: undefined }, null)).toBe(false);
  });
});
