import { safeNextPath } from '../next-path';

describe('safeNextPath', () => {
  it.each([
    ['/', '/'],
    ['/catalogue', '/catalogue'],
    ['/graphql?x=1#top', '/graphql?x=1#top'],
    ['/a/b/../c', '/a/c'],
    ['/目录', '/%E7%9B%AE%E5%BD%95'],
  ])('keeps the same-origin path %s', (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  it.each([
    ['protocol-relative', '//evil.example/x'],
    ['backslash', '/\\evil.example'],
    ['backslashes', '\\\\evil.example'],
    ['a scheme', 'https://evil.example/'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['a tab browsers drop', '/\t/evil.example'],
    ['a newline', '/\n/evil.example'],
    ['header injection', '/x\r\nSet-Cookie: a=b'],
    ['a NUL', '/x\0'],
    ['a relative path', 'catalogue'],
    ['dot segments into //', '/a/..//evil.example'],
    ['an empty string', ''],
    ['the sign-in itself', '/auth/sign-in?next=/x'],
    ['the sign-out', '/auth/sign-out'],
    ['a very long path', `/${'a'.repeat(3000)}`],
  ])('turns %s into /', (_, raw) => {
    expect(safeNextPath(raw)).toBe('/');
  });

  it('turns anything but a string into /', () => {
    for (const raw of [null, undefined, 42, ['/x'], { toString: () => '/x' }])
      expect(safeNextPath(raw)).toBe('/');
  });

  it('never yields a value a browser would read as another origin', () => {
    const tricky = ['/%2F%2Fevil.example', '/.//evil.example', '/%09/evil.example', '/%5Cevil'];
    for (const raw of tricky) {
      const next = safeNextPath(raw);
      expect(new URL(next, 'https://gateway.example').origin).toBe('https://gateway.example');
      expect(next.startsWith('//')).toBe(false);
      expect(next).not.toMatch(/[\\\s]/);
    }
  });
});
