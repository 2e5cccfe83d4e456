import { clientAddress } from '../client-address';

describe('the address an open-data caller is limited by', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', [])).toBe('203.0.113.9');
    expect(clientAddress('::ffff:127.0.0.1', undefined, [])).toBe('127.0.0.1');
  });

  it('is the rightmost untrusted X-Forwarded-For entry behind a trusted proxy', () => {
    const proxies = ['10.0.0.1', '10.0.0.2'];
    expect(clientAddress('10.0.0.1', '198.51.100.7', proxies)).toBe('198.51.100.7');
    // What the client wrote itself (left of what our proxies appended) is never believed.
    expect(clientAddress('10.0.0.1', '1.2.3.4, 198.51.100.7, 10.0.0.2', proxies)).toBe(
      '198.51.100.7',
    );
    expect(clientAddress('10.0.0.1', 'not-an-address', proxies)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '10.0.0.2', proxies)).toBe('10.0.0.1');
  });
});
