import { signInPage, SignInPageModel } from '../sign-in-page';

const base: SignInPageModel = {
  next: '/catalogue',
  signedIn: null,
  oidcName: null,
  dev: { applications: [{ id: 'tax-collection', name: '税收征管系统', department: 'tax' }] },
  unavailable: null,
};

describe('the sign-in page', () => {
  it('marks the development sign-in as such, in both languages', () => {
    const html = signInPage(base);
    expect(html).toContain('开发用登录 · Development sign-in — not for production');
    expect(html).toContain('action="/auth/dev/sign-in"');
    expect(html).toContain('<option value="tax-collection">');
    expect(html).toContain('name="next" value="/catalogue"');
  });

  it('offers the provider, and no development form when it is off', () => {
    const html = signInPage({ ...base, oidcName: '统一身份认证 <SSO>', dev: null });
    expect(html).toContain('href="/auth/oidc/start?next=%2Fcatalogue"');
    expect(html).toContain('统一身份认证 &lt;SSO&gt;');
    expect(html).not.toContain('/auth/dev/sign-in');
    expect(html).not.toContain('Development sign-in');
  });

  it('carries no script at all, and escapes what it shows', () => {
    const html = signInPage({
      ...base,
      next: '/x"><script>alert(1)</script>',
      signedIn: { operator: '<b>', department: 'tax' },
      dev: { applications: [{ id: 'x', name: '<img src=x onerror=alert(1)>', department: 'tax' }] },
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;b&gt;');
  });

  it('says when nobody can sign in, and why', () => {
    expect(signInPage({ ...base, unavailable: 'no signing key here' })).toContain(
      'no signing key here',
    );
    expect(signInPage({ ...base, unavailable: 'x' })).not.toContain('/auth/dev/sign-in');
    expect(signInPage({ ...base, dev: null })).toContain('No sign-in is configured');
  });

  it('says when the registry did not answer', () => {
    expect(signInPage({ ...base, dev: { applications: null } })).toContain(
      'The application registry is not answering',
    );
  });
});
