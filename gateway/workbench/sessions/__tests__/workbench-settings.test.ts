import { readGatewayConfig } from '../../../config';
import { readWorkbenchSettings } from '../../../config/workbench';

describe('workbench settings', () => {
  it('default to 15-minute tokens, 8-hour sessions, development sign-in, no provider', () => {
    expect(readWorkbenchSettings({})).toEqual({
      sessionTtlSeconds: 900,
      sessionMaxAgeSeconds: 8 * 3600,
      secureCookies: false,
      devSignIn: true,
      publicUrl: null,
      oidc: null,
    });
    expect(readGatewayConfig({}).workbench.devSignIn).toBe(true);
  });

  it('turn the development sign-in off and cookies Secure in production', () => {
    expect(readWorkbenchSettings({ NODE_ENV: 'production' })).toMatchObject({
      devSignIn: false,
      secureCookies: true,
    });
  });

  it('offer the development sign-in by default only on a gateway listening on loopback', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2'])
      expect(readWorkbenchSettings({ GATEWAY_HOST: host }).devSignIn).toBe(true);
    // Reachable from the network: anyone there could choose to be any department.
    for (const host of ['0.0.0.0', '::', '10.2.3.4', 'gateway.internal'])
      expect(readWorkbenchSettings({ GATEWAY_HOST: host }).devSignIn).toBe(false);
    // Asked for by name (a shared test environment), it is on.
    expect(
      readWorkbenchSettings({ GATEWAY_HOST: '0.0.0.0', WORKBENCH_DEV_SIGN_IN: 'on' }).devSignIn,
    ).toBe(true);
  });

  it('stop start-up when the development sign-in is asked for in production', () => {
    expect(() =>
      readGatewayConfig({ NODE_ENV: 'production', WORKBENCH_DEV_SIGN_IN: 'on' }),
    ).toThrow(/WORKBENCH_DEV_SIGN_IN is on and NODE_ENV=production/);
  });

  it('read a provider with its claim mapping', () => {
    const { oidc } = readWorkbenchSettings({
      WORKBENCH_OIDC_ISSUER: 'https://id.example.gov.cn/realms/nt',
      WORKBENCH_OIDC_CLIENT_ID: 'shujutong',
      WORKBENCH_OIDC_CLIENT_SECRET: 's3cret',
      WORKBENCH_OIDC_SCOPES: 'openid profile gov',
      WORKBENCH_OIDC_CLAIM_DEPARTMENT: 'org.dept',
      WORKBENCH_OIDC_NAME: '南通政务通',
    });
    expect(oidc).toEqual({
      issuer: 'https://id.example.gov.cn/realms/nt',
      clientId: 'shujutong',
      clientSecret: 's3cret',
      scopes: ['openid', 'profile', 'gov'],
      claims: {
        department: 'org.dept',
        application: 'application',
        operator: 'preferred_username',
        roles: 'roles',
      },
      name: '南通政务通',
    });
  });

  it.each([
    [{ WORKBENCH_SESSION_TTL: '15' }, 'WORKBENCH_SESSION_TTL'],
    [{ WORKBENCH_SESSION_TTL: '2h' }, 'WORKBENCH_SESSION_TTL'],
    [
      { WORKBENCH_SESSION_TTL: '30m', WORKBENCH_SESSION_MAX_AGE: '10m' },
      'WORKBENCH_SESSION_MAX_AGE',
    ],
    [{ WORKBENCH_SECURE_COOKIES: 'maybe' }, 'WORKBENCH_SECURE_COOKIES'],
    [{ WORKBENCH_PUBLIC_URL: 'https://x.example/workbench' }, 'without a path'],
    [{ WORKBENCH_PUBLIC_URL: 'ftp://x.example' }, 'WORKBENCH_PUBLIC_URL'],
    [
      { WORKBENCH_OIDC_ISSUER: 'http://id.example.gov.cn', WORKBENCH_OIDC_CLIENT_ID: 'c' },
      'http only on loopback',
    ],
    [{ WORKBENCH_OIDC_ISSUER: 'https://id.example.gov.cn' }, 'WORKBENCH_OIDC_CLIENT_ID is not'],
    [{ WORKBENCH_OIDC_CLIENT_ID: 'c' }, 'WORKBENCH_OIDC_ISSUER is not'],
    [
      {
        WORKBENCH_OIDC_ISSUER: 'https://id.example',
        WORKBENCH_OIDC_CLIENT_ID: 'c',
        WORKBENCH_OIDC_SCOPES: 'profile',
      },
      'must include openid',
    ],
    [
      {
        NODE_ENV: 'production',
        WORKBENCH_OIDC_ISSUER: 'https://id.example',
        WORKBENCH_OIDC_CLIENT_ID: 'c',
      },
      'WORKBENCH_PUBLIC_URL is not',
    ],
    [
      { NODE_ENV: 'production', WORKBENCH_PUBLIC_URL: 'http://data.example.gov.cn' },
      'Serve the gateway over https',
    ],
  ])('stop start-up on %j, naming the problem', (env, message) => {
    expect(() => readWorkbenchSettings(env)).toThrow(message);
  });

  it('allow an http provider on loopback (a local one)', () => {
    expect(
      readWorkbenchSettings({
        WORKBENCH_OIDC_ISSUER: 'http://127.0.0.1:4400',
        WORKBENCH_OIDC_CLIENT_ID: 'c',
      }).oidc?.issuer,
    ).toBe('http://127.0.0.1:4400/');
  });

  it('refuse a misspelt WORKBENCH_ variable', () => {
    expect(() => readGatewayConfig({ WORKBENCH_SESION_TTL: '5m' })).toThrow(
      /WORKBENCH_SESION_TTL is not a setting: did you mean WORKBENCH_SESSION_TTL/,
    );
  });
});
