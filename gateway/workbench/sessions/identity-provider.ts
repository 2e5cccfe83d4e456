/**
 * The government's OpenID Connect provider, through openid-client: authorization code with
 * PKCE (S256), state and nonce, the ID token verified by the library, the userinfo endpoint
 * asked only when the ID token lacks a configured claim. The provider's metadata is discovered
 * on first use, not at start (the provider may come up after the gateway), and a failed
 * discovery is retried by the next sign-in rather than remembered.
 */
import * as client from 'openid-client';
import type { OidcSettings } from '../../config';
import { isLoopbackUrl } from '../../config/workbench';
import { claimValue } from './provider-claims';

/** What the browser carries (sealed) from the start of a sign-in to its callback. */
export interface PendingSignIn {
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
  readonly next: string;
}

export interface ProviderSignIn {
  readonly claims: Readonly<Record<string, unknown>>;
  /** For the provider's sign-out (id_token_hint). */
  readonly idToken: string | null;
}

export interface IdentityProvider {
  start(redirectUri: string, next: string): Promise<{ url: string; pending: PendingSignIn }>;
  finish(callbackUrl: URL, pending: PendingSignIn): Promise<ProviderSignIn>;
  /** The provider's end-session URL, or null when it has none (or cannot be reached now). */
  endSessionUrl(idToken: string | null, postLogoutRedirectUri: string): Promise<string | null>;
}

/** The provider could not be reached (or its metadata read): try again later. */
export class ProviderUnavailableError extends Error {
  constructor(cause: unknown) {
    super(
      `the identity provider cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'ProviderUnavailableError';
  }
}

const DISCOVERY_ATTEMPTS = 3;
const TIMEOUT_SECONDS = 5;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A failure to talk to the provider at all, as opposed to an answer that was refused. */
function isUnreachable(err: unknown): boolean {
  if (err instanceof ProviderUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  return (
    (err instanceof TypeError && /fetch failed/i.test(err.message)) ||
    err.name === 'AbortError' ||
    err.name === 'TimeoutError' ||
    (err instanceof client.ClientError && err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM')
  );
}

export function createIdentityProvider(settings: OidcSettings): IdentityProvider {
  const issuer = new URL(settings.issuer);
  const names = Object.values(settings.claims);
  let discovered: Promise<client.Configuration> | null = null;

  const discover = async (): Promise<client.Configuration> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await client.discovery(
          issuer,
          settings.clientId,
          settings.clientSecret ?? undefined,
          settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None(),
          {
            timeout: TIMEOUT_SECONDS,
            // The config allows http only for a provider on loopback (a local one).
            execute:
              issuer.protocol === 'http:' && isLoopbackUrl(issuer)
                ? [client.allowInsecureRequests]
                : [],
          },
        );
      } catch (err) {
        if (attempt >= DISCOVERY_ATTEMPTS) throw new ProviderUnavailableError(err);
        await sleep(200 * attempt);
      }
    }
  };
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= discover().catch((err: unknown) => {
      discovered = null;
      throw err;
    });
    return discovered;
  };

  return {
    async start(redirectUri, next) {
      const config = await configuration();
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.scopes.join(' '),
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, pending: { verifier, state, nonce, next } };
    },

    async finish(callbackUrl, pending) {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('the provider returned no ID token');
      let claims: Record<string, unknown> = { ...idClaims };
      // Many providers put only the subject in the ID token and the rest behind userinfo.
      const missing = names.some((name) => claimValue(claims, name) === undefined);
      if (missing && config.serverMetadata().userinfo_endpoint) {
        const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
        // The ID token's signed claims win over userinfo's where both speak.
        claims = { ...info, ...claims };
      }
      return { claims, idToken: tokens.id_token ?? null };
    },

    async endSessionUrl(idToken, postLogoutRedirectUri) {
      let config: client.Configuration;
      try {
        config = await configuration();
      } catch {
        return null;
      }
      if (!config.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(config, {
        ...(idToken ? { id_token_hint: idToken } : { client_id: settings.clientId }),
        post_logout_redirect_uri: postLogoutRedirectUri,
      }).href;
    },
  };
}

/** How a failed callback is answered: 503 when the provider was unreachable, else the response is refused. */
export function providerFailureStatus(err: unknown): 503 | 400 {
  return isUnreachable(err) ? 503 : 400;
}
