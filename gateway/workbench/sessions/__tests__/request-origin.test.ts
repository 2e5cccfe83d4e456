import type http from 'node:http';
import { gatewayOrigin, postedFromOrigin } from '../request-origin';

const request = (headers: http.IncomingHttpHeaders) => ({ headers }) as http.IncomingMessage;
const ORIGIN = 'https://data.example.gov.cn';

describe('gatewayOrigin', () => {
  it('is the public URL when configured, whatever the Host header says', () => {
    expect(gatewayOrigin(request({ host: 'evil.example' }), ORIGIN)).toBe(ORIGIN);
  });

  it('otherwise comes from a plain Host header', () => {
    expect(gatewayOrigin(request({ host: '127.0.0.1:4000' }), null)).toBe('http://127.0.0.1:4000');
    expect(gatewayOrigin(request({ host: '[::1]:4000' }), null)).toBe('http://[::1]:4000');
  });

  it('refuses a Host header that could smuggle a path or another URL part', () => {
    for (const host of ['evil.example/x', 'a@b', 'x:1\r\nX: y', '', 'evil.example#', 'a b'])
      expect(() => gatewayOrigin(request({ host }), null)).toThrow(/Host header/);
  });
});

describe('postedFromOrigin', () => {
  it('accepts a form posted from a page of the origin', () => {
    expect(postedFromOrigin(request({ origin: ORIGIN }), ORIGIN)).toBe(true);
    expect(
      postedFromOrigin(request({ origin: ORIGIN, 'sec-fetch-site': 'same-origin' }), ORIGIN),
    ).toBe(true);
    expect(postedFromOrigin(request({ referer: `${ORIGIN}/auth/sign-in` }), ORIGIN)).toBe(true);
  });

  it('refuses another site, a sibling origin, an opaque origin or no word at all', () => {
    for (const headers of [
      { origin: 'https://evil.example' },
      { origin: 'http://data.example.gov.cn' },
      { origin: `${ORIGIN}.evil.example` },
      { origin: 'null' },
      { origin: ORIGIN, 'sec-fetch-site': 'cross-site' },
      { origin: ORIGIN, 'sec-fetch-site': 'same-site' },
      { referer: `${ORIGIN}.evil.example/x` },
      { referer: 'https://evil.example/?https://data.example.gov.cn/' },
      {},
    ])
      expect(postedFromOrigin(request(headers), ORIGIN)).toBe(false);
  });
});
