/**
 * Signs every subgraph fetch of the gateway's query plans (stage-hooks.ts, onSubgraphRequest)
 * with the caller the authentication stage set, so a subgraph serves only the gateway and
 * knows for whom (subgraphs/kit/request-signature.ts). Install it last: the headers must
 * describe the caller as the earlier stages left it.
 *
 * A fetch without an incoming request (the gateway's health checks) is signed as the
 * platform itself, GATEWAY_CALLER; a request that no authentication stage named a caller for
 * is signed with no caller, and the subgraph sees none.
 */
import { randomUUID } from 'node:crypto';
import { GATEWAY_CALLER } from '../../contracts/caller/caller-identity';
import type { GatewayHooks } from './stage-hooks';
import { signatureHeaders } from '../../contracts/signing/subgraph-signature';

export interface SigningHookOptions {
  readonly secret: Buffer;
  /** Epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

export function createSigningHook({ secret, now = Date.now }: SigningHookOptions): GatewayHooks {
  // Each subgraph has one URL; parse it once, not per fetch.
  const paths = new Map<string, string>();
  const pathOf = (url: string) => {
    let path = paths.get(url);
    if (path === undefined) {
      const parsed = new URL(url);
      path = `${parsed.pathname}${parsed.search}`;
      paths.set(url, path);
    }
    return path;
  };
  return {
    name: 'subgraph-signing',
    onSubgraphRequest({ subgraph, url, body, headers, context }) {
      Object.assign(
        headers,
        signatureHeaders({
          subgraph,
          path: pathOf(url),
          body,
          caller: context ? context.caller : GATEWAY_CALLER,
          requestId: context?.requestId ?? randomUUID(),
          secret,
          now: now(),
        }),
      );
    },
  };
}
