/**
 * How analysts sign in to the workbench (gateway/workbench/sessions/): the session's lifetime,
 * its cookie, the development sign-in and the government's OpenID Connect provider. The
 * development sign-in lets anyone say who they are, so asking for it under NODE_ENV=production
 * stops start-up rather than being quietly ignored.
 */
import { parseDuration } from '../auth/duration';
import { isProduction, SettingsEnv, switchSetting } from '../../contracts/settings/setting-values';

/** Where the provider's claims are read from (a claim name, or a dotted path into nested claims). */
export interface OidcClaimNames {
  /** `WORKBENCH_OIDC_CLAIM_DEPARTMENT`: the department code. @default department */
  readonly department: string;
  /** `WORKBENCH_OIDC_CLAIM_APPLICATION`: the application id; absent means the department as a whole. @default application */
  readonly application: string;
  /** `WORKBENCH_OIDC_CLAIM_OPERATOR`: the staff number (工号). @default preferred_username */
  readonly operator: string;
  /** `WORKBENCH_OIDC_CLAIM_ROLES`: a list, or a string separated by spaces or commas. @default roles */
  readonly roles: string;
}

export interface OidcSettings {
  /** `WORKBENCH_OIDC_ISSUER`: https, or http on loopback only (a local provider). */
  readonly issuer: string;
  /** `WORKBENCH_OIDC_CLIENT_ID` */
  readonly clientId: string;
  /** `WORKBENCH_OIDC_CLIENT_SECRET`; null: a public client (PKCE only). @default null */
  readonly clientSecret: string | null;
  /** `WORKBENCH_OIDC_SCOPES`, space-separated, must include openid. @default openid profile */
  readonly scopes: readonly string[];
  readonly claims: OidcClaimNames;
  /** `WORKBENCH_OIDC_NAME`: the sign-in button's label. @default 统一身份认证 Single sign-on */
  readonly name: string;
}

export interface WorkbenchSettings {
  /** `WORKBENCH_SESSION_TTL`: life of the session cookie's token, renewed while the analyst works (1m to 1h). @default 15m */
  readonly sessionTtlSeconds: number;
  /** `WORKBENCH_SESSION_MAX_AGE`: after this long the analyst signs in again (the TTL to 7d). @default 8h */
  readonly sessionMaxAgeSeconds: number;
  /** `WORKBENCH_SECURE_COOKIES`: cookies only over https. @default on under NODE_ENV=production or an https public URL */
  readonly secureCookies: boolean;
  /** `WORKBENCH_DEV_SIGN_IN`: the development sign-in (pick any demo identity). @default on when the gateway listens on loopback only; off otherwise; it cannot be on under NODE_ENV=production */
  readonly devSignIn: boolean;
  /**
   * `WORKBENCH_PUBLIC_URL`: the gateway's origin as browsers reach it, e.g.
   * https://data.nantong.gov.cn; the OIDC redirect URI and the same-origin checks use it.
   * Required with OIDC in production; elsewhere null takes the request's Host header.
   * @default null
   */
  readonly publicUrl: string | null;
  /** The OpenID Connect provider; null: none configured. @default null */
  readonly oidc: OidcSettings | null;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** localhost, 127.0.0.0/8 or ::1: a host name or listen address only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A URL that never leaves the machine. */
export function isLoopbackUrl(url: URL): boolean {
  return isLoopbackHost(url.hostname);
}

function durationSetting(
  env: SettingsEnv,
  variable: string,
  fallback: string,
  min: number,
  max: number,
): number {
  const text = env[variable] || fallback;
  let seconds: number;
  try {
    seconds = parseDuration(text);
  } catch (err) {
    throw new Error(`${variable}: ${(err as Error).message}`);
  }
  if (seconds < min || seconds > max)
    throw new Error(`${variable} must be from ${min}s to ${max}s, got "${text}"`);
  return seconds;
}

function urlSetting(variable: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${variable} is not a URL: "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`${variable} must be an https:// URL, got "${url.protocol}..."`);
  if (url.username || url.password || url.search || url.hash)
    throw new Error(`${variable} must not carry credentials, a query or a fragment`);
  return url;
}

function publicUrl(env: SettingsEnv): string | null {
  const value = env.WORKBENCH_PUBLIC_URL;
  if (!value) return null;
  const url = urlSetting('WORKBENCH_PUBLIC_URL', value);
  // The routes live at the root: a path here would send the provider back somewhere they are not.
  if (url.pathname !== '/')
    throw new Error(`WORKBENCH_PUBLIC_URL must be an origin without a path, got "${value}"`);
  return url.origin;
}

function claimName(env: SettingsEnv, variable: string, fallback: string): string {
  const value = env[variable] || fallback;
  if (!/^[\w:/.@-]{1,200}$/.test(value))
    throw new Error(`${variable} must be a claim name, got "${value}"`);
  return value;
}

function oidcSettings(env: SettingsEnv): OidcSettings | null {
  const issuer = env.WORKBENCH_OIDC_ISSUER;
  const clientId = env.WORKBENCH_OIDC_CLIENT_ID;
  if (!issuer) {
    const stray = Object.keys(env).find((k) => k.startsWith('WORKBENCH_OIDC_') && env[k]);
    if (stray) throw new Error(`${stray} is set but WORKBENCH_OIDC_ISSUER is not`);
    return null;
  }
  const url = urlSetting('WORKBENCH_OIDC_ISSUER', issuer);
  // The provider's answers decide who an analyst is: only a provider on this machine may skip TLS.
  if (url.protocol === 'http:' && !isLoopbackUrl(url))
    throw new Error(
      `WORKBENCH_OIDC_ISSUER must be https (http only on loopback, for a local provider), got "${issuer}"`,
    );
  if (!clientId)
    throw new Error('WORKBENCH_OIDC_ISSUER is set but WORKBENCH_OIDC_CLIENT_ID is not');
  if (!/^[\x21-\x7e]{1,200}$/.test(clientId))
    throw new Error(`WORKBENCH_OIDC_CLIENT_ID must be printable ASCII, got "${clientId}"`);
  const scopes = (env.WORKBENCH_OIDC_SCOPES || 'openid profile').split(/\s+/).filter(Boolean);
  if (!scopes.includes('openid'))
    throw new Error(`WORKBENCH_OIDC_SCOPES must include openid, got "${scopes.join(' ')}"`);
  if (!scopes.every((s) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s)))
    throw new Error('WORKBENCH_OIDC_SCOPES must be scope tokens separated by spaces');
  const name = env.WORKBENCH_OIDC_NAME || '统一身份认证 Single sign-on';
  if (name.length > 80 || /\p{Cc}/u.test(name))
    throw new Error('WORKBENCH_OIDC_NAME must be one line of at most 80 characters');
  return Object.freeze({
    issuer: url.href,
    clientId,
    clientSecret: env.WORKBENCH_OIDC_CLIENT_SECRET || null,
    scopes: Object.freeze(scopes),
    claims: Object.freeze({
      department: claimName(env, 'WORKBENCH_OIDC_CLAIM_DEPARTMENT', 'department'),
      application: claimName(env, 'WORKBENCH_OIDC_CLAIM_APPLICATION', 'application'),
      operator: claimName(env, 'WORKBENCH_OIDC_CLAIM_OPERATOR', 'preferred_username'),
      roles: claimName(env, 'WORKBENCH_OIDC_CLAIM_ROLES', 'roles'),
    }),
    name,
  });
}

export function readWorkbenchSettings(env: SettingsEnv): WorkbenchSettings {
  const production = isProduction(env);
  const sessionTtlSeconds = durationSetting(env, 'WORKBENCH_SESSION_TTL', '15m', 60, 3600);
  const sessionMaxAgeSeconds = durationSetting(
    env,
    'WORKBENCH_SESSION_MAX_AGE',
    '8h',
    sessionTtlSeconds,
    7 * 86_400,
  );
  // On by default only where nobody else can reach it: a gateway listening beyond loopback
  // would let anyone on the network choose to be any department, unless asked for by name.
  const devSignIn = switchSetting(
    env,
    'WORKBENCH_DEV_SIGN_IN',
    !production && isLoopbackHost(env.GATEWAY_HOST || '127.0.0.1'),
  );
  if (devSignIn && production)
    throw new Error(
      'WORKBENCH_DEV_SIGN_IN is on and NODE_ENV=production: the development sign-in lets anyone choose who they are. Unset it and configure WORKBENCH_OIDC_ISSUER.',
    );
  const origin = publicUrl(env);
  const secureCookies = switchSetting(
    env,
    'WORKBENCH_SECURE_COOKIES',
    production || origin?.startsWith('https:') === true,
  );
  if (secureCookies && origin && origin.startsWith('http:') && !isLoopbackUrl(new URL(origin)))
    throw new Error(
      `WORKBENCH_PUBLIC_URL is ${origin} but cookies are Secure (WORKBENCH_SECURE_COOKIES, on in production): browsers would not keep them over http. Serve the gateway over https.`,
    );
  const oidc = oidcSettings(env);
  // Behind a proxy the Host header is whatever the client sent: the provider must not be told
  // to send codes wherever that says.
  if (oidc && production && !origin)
    throw new Error(
      'WORKBENCH_OIDC_ISSUER is set and NODE_ENV=production but WORKBENCH_PUBLIC_URL is not: set it to the origin browsers use, e.g. https://data.example.gov.cn',
    );
  return Object.freeze({
    sessionTtlSeconds,
    sessionMaxAgeSeconds,
    secureCookies,
    devSignIn,
    publicUrl: origin,
    oidc,
  });
}
