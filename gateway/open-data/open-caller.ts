/**
 * Who an open-data request runs as inside the platform: the big data bureau's registered
 * open-data application (OPEN_DATA_APPLICATION), with a token this gateway signs for itself, so
 * authentication, the registry check (the application must be ACTIVE: suspending it closes the
 * open endpoint), the application's rate limits, the sharing policy, the signing of subgraph
 * fetches and the audit all apply as to any caller. The client's own headers never reach the
 * pipeline: the request handed to it (openPipelineRequest) carries only this token and the JSON
 * content type, so an Authorization, x-purpose or x-case sent by an anonymous caller changes
 * nothing.
 */
import type http from 'node:http';
import { pipelineRequest } from '../http/pipeline-request';
import { issueToken, TokenAudience } from '../auth/issue-token';
import type { SigningKey } from '../auth/token-keys';

/** Tokens live an hour and are renewed ten minutes before they expire. */
const TOKEN_TTL_SECONDS = 3600;
const RENEW_BEFORE_MS = 10 * 60_000;

export interface OpenCaller {
  /** `Bearer <token>` for the next request. */
  authorization(): Promise<string>;
}

export function openCaller(
  key: SigningKey,
  where: TokenAudience,
  identity: { readonly department: string; readonly application: string },
  // Read at each call rather than captured: the token's lifetime is judged by the clock the
  // verifier reads (a simulated year drives Date forward; scripts/year-traffic/).
  now: () => number = () => Date.now(),
): OpenCaller {
  let current: { token: string; renewAt: number } | null = null;
  return {
    async authorization() {
      const at = now();
      if (!current || at >= current.renewAt) {
        const token = await issueToken(key, where, {
          department: identity.department,
          application: identity.application,
          operator: null,
          roles: [],
          ttlSeconds: TOKEN_TTL_SECONDS,
        });
        current = { token, renewAt: at + TOKEN_TTL_SECONDS * 1000 - RENEW_BEFORE_MS };
      }
      return `Bearer ${current.token}`;
    },
  };
}

/**
 * The request the GraphQL endpoint runs for an open-data call: a POST of `body` to
 * /open/graphql from the client's address (which the audit record keeps), with no header of the
 * client's.
 */
export function openPipelineRequest(
  body: string,
  authorization: string,
  clientAddress: string,
): http.IncomingMessage {
  return pipelineRequest(
    '/open/graphql',
    body,
    { host: 'open-data.internal', authorization },
    clientAddress,
  );
}
