/**
 * Authentication, the gateway's first request stage (stages/stage-hooks.ts, onRequest):
 * every GraphQL request carries `Authorization: Bearer <platform token>`; the token's
 * department, application, operator and roles, plus the purpose stated for this request,
 * become `context.caller`, which the policy decides on, the audit records and the signing
 * stage forwards to the subgraphs. Refusals are HTTP errors before anything executes:
 * 401 UNAUTHENTICATED (with WWW-Authenticate, RFC 6750), 403 FORBIDDEN for an application that
 * is not an ACTIVE registered one, 400 BAD_USER_INPUT for an unknown purpose, 503
 * REGISTRY_UNAVAILABLE when the registry cannot be asked. A citizen's own token
 * (citizen-claims.ts) has no application to check; in the operation stage it is narrowed to
 * "who looked at my data" (citizen-scope.ts), 403 FORBIDDEN for anything else.
 */
import type http from 'node:http';
import { ErrorCode } from '../../domain/error-codes';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import { HttpError } from '../../contracts/http/http-error';
import type { GatewayHooks } from './stage-hooks';
import { isCitizenCaller } from '../auth/citizen-claims';
import { citizenScope, citizenScopeError, outsideCitizenScope } from '../auth/citizen-scope';
import { RegistryLookup, RegistryUnavailableError } from '../auth/registry-lookup';
import { statedPurpose } from '../http/stated-purpose';
import { callerFromClaims, VerifiedClaims } from '../auth/token-claims';
import type { VerificationKey } from '../auth/token-keys';
import { VerifiedTokens } from '../auth/verified-tokens';
import { bearerToken, checkApplication, TokenFailure, verifyToken } from '../auth/verify-token';

export const AUTH_REALM = 'shujutong';

/** The registry mutations (schema/sharing.graphql) after which cached registry answers are dropped. */
const REGISTRY_MUTATIONS = new Set([
  'registerApplication',
  'updateApplication',
  'setApplicationStatus',
]);

export interface AuthHookOptions {
  readonly key: VerificationKey;
  readonly issuer: string;
  readonly audience: string;
  readonly registry: RegistryLookup;
  /** @default the system clock */
  readonly now?: () => Date;
  /** Verified tokens remembered until they expire (0: verify every time). @default 10000 */
  readonly verifiedTokens?: number;
}

/** RFC 6750 §3: no error code when no credentials were sent; invalid_token otherwise. Quotes would break the header. */
function wwwAuthenticate(failure: TokenFailure): string {
  if (failure.reason === 'MISSING') return `Bearer realm="${AUTH_REALM}"`;
  return `Bearer realm="${AUTH_REALM}", error="invalid_token", error_description="${failure.message.replace(/["\\\r\n]/g, "'")}"`;
}

export function tokenRefusal(failure: TokenFailure): HttpError {
  const headers: Record<string, string> =
    failure.status === 401 ? { 'www-authenticate': wwwAuthenticate(failure) } : {};
  return new HttpError(
    failure.status,
    failure.message,
    failure.code,
    { reason: failure.reason },
    headers,
  );
}

/** The authentication stage, and the same check for the gateway's other HTTP routes (the workbench's). */
export interface AuthStage extends GatewayHooks {
  /**
   * The caller of a request outside GraphQL, verified exactly as the stage verifies GraphQL
   * requests (token, registry, purpose header). Throws HttpError (401, 403, 400, 503).
   */
  callerOf(request: {
    method: string;
    url: string;
    headers: http.IncomingHttpHeaders;
  }): Promise<CallerIdentity>;
}

export function createAuthHook(options: AuthHookOptions): AuthStage {
  const now = options.now ?? (() => new Date());
  const verified = new VerifiedTokens(options.verifiedTokens ?? 10_000);
  const { lookup } = options.registry;
  // What a citizen's token may select (citizen-scope.ts), worked out on the first citizen request.
  let supergraphSdl: string | null = null;
  let citizenAllowed: ReadonlySet<string> | null = null;

  const authenticate = async (authorization: string | undefined): Promise<VerifiedClaims> => {
    const token = bearerToken(authorization);
    if (typeof token !== 'string') throw tokenRefusal(token);
    const known = verified.get(token, now().getTime());
    if (known) {
      const refused = await checkApplication(known, lookup);
      if (refused) throw tokenRefusal(refused);
      return known;
    }
    const result = await verifyToken(authorization, {
      key: options.key,
      issuer: options.issuer,
      audience: options.audience,
      lookupApplication: lookup,
      now,
    });
    if (!result.ok) throw tokenRefusal(result);
    verified.remember(token, result.claims);
    return result.claims;
  };

  const claimsOf = async (authorization: string | undefined): Promise<VerifiedClaims> => {
    try {
      return await authenticate(authorization);
    } catch (err) {
      if (err instanceof RegistryUnavailableError) {
        throw new HttpError(
          503,
          "cannot check the token's application against the registry now; try again shortly",
          ErrorCode.REGISTRY_UNAVAILABLE,
        );
      }
      throw err;
    }
  };

  return {
    name: 'authentication',
    async callerOf(request) {
      const claims = await claimsOf(request.headers.authorization);
      return { ...callerFromClaims(claims), purpose: statedPurpose(request, Buffer.alloc(0)) };
    },
    async onRequest({ context, rawBody }) {
      const claims = await claimsOf(context.http.headers.authorization);
      const purpose = statedPurpose(context.http, rawBody);
      context.caller = { ...callerFromClaims(claims), purpose };
      // A citizen token's sub is an ID number: personal data stays out of what is logged and recorded in clear.
      context.credentials = {
        subject: isCitizenCaller(context.caller) ? context.caller.department : claims.sub,
        tokenId: claims.jti,
        expiresAt: claims.expiresAt,
      };
    },
    onSupergraph(sdl) {
      if (sdl === supergraphSdl) return;
      supergraphSdl = sdl;
      citizenAllowed = null;
    },
    onOperation({ context, schema, document, operationName }) {
      // Before the sharing policy: a citizen is not a department, so unconditional sharing is not for it.
      if (!isCitizenCaller(context.caller)) return;
      if (supergraphSdl === null) throw citizenScopeError(['(the gateway has no supergraph yet)']);
      citizenAllowed ??= citizenScope(supergraphSdl);
      const outside = outsideCitizenScope(citizenAllowed, schema, document, operationName);
      if (outside.length > 0) throw citizenScopeError(outside);
    },
    onResponse({ context }) {
      // A registry change made through this gateway takes effect here at once; changes made
      // elsewhere within the registry cache's TTL.
      const document = context.operation?.document;
      if (!document) return;
      for (const definition of document.definitions) {
        if (definition.kind !== 'OperationDefinition' || definition.operation !== 'mutation')
          continue;
        if (
          definition.selectionSet.selections.some(
            (s) => s.kind === 'Field' && REGISTRY_MUTATIONS.has(s.name.value),
          )
        ) {
          options.registry.invalidate();
          return;
        }
      }
    },
  };
}
