/**
 * What the analysts' workbench (sign-in, pages, its JSON APIs and exports) gets from the
 * gateway it runs in: the same token keys, authentication, policy engine and grants that serve
 * GraphQL, so what the workbench shows is what the gateway enforces.
 */
import type http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';
import type { SigningKey, VerificationKey } from '../auth/token-keys';
import type { RegistryLookup } from '../auth/registry-lookup';
import type { GatewayConfig } from '../config';
import type { GraphQLEndpoint } from '../http/graphql-endpoint';
import type { GrantSnapshot, PolicyEngine } from '../policy';
import type { PlatformClient } from '../signing/platform-client';

export interface WorkbenchDeps {
  readonly config: GatewayConfig;
  /** Token keys: `signing` is null on a gateway that only verifies (then nobody can sign in here). */
  readonly tokens: {
    readonly signing: SigningKey | null;
    readonly verification: VerificationKey;
    readonly issuer: string;
    readonly audience: string;
  };
  /**
   * The secret shared by every gateway instance (the subgraph signing secret): what the
   * workbench derives its own keys from (CSRF tokens, sign-in state), so any instance behind
   * a load balancer accepts what another issued.
   */
  readonly secret: Buffer;
  /**
   * The caller of a request, verified as GraphQL requests are (Authorization header, which the
   * session layer fills from the cookie; purpose from x-purpose). Throws HttpError.
   */
  callerOf(req: http.IncomingMessage): Promise<CallerIdentity>;
  /**
   * Runs `work` under the caller's request rate and concurrency limits, as a GraphQL request of
   * theirs would (the workbench's own APIs cost policy work too). Throws HttpError 429 over a limit.
   */
  rateLimited<T>(req: http.IncomingMessage, work: () => Promise<T>): Promise<T>;
  /** The policy engine the gateway enforces with now (replaced when a new supergraph loads). */
  policy(): PolicyEngine;
  /** The department's grants, as the policy stage sees them. */
  grantsFor(department: string): Promise<GrantSnapshot>;
  /** The API schema served. */
  apiSchema(): GraphQLSchema;
  /** The supergraph SDL served. */
  supergraphSdl(): string;
  /** The registry of application systems, as authentication asks it. */
  readonly registry: RegistryLookup;
  /** Signed calls to the subgraphs as the platform. */
  readonly client: PlatformClient;
  /** The GraphQL endpoint, to run a request through every stage (exports). */
  readonly graphql: GraphQLEndpoint;
  readonly log: (line: string) => void;
}
