/**
 * How the gateway proves to a subgraph that a request comes from it, and for whom: an
 * HMAC-SHA256, under a secret only the gateway and the subgraphs hold, over one canonical
 * string that binds the target (subgraph, method, path), the exact body (its SHA-256), a
 * timestamp and a nonce (so a captured request goes stale and cannot be replayed), the
 * request id, and the caller as sent in `x-shujutong-caller`. Change any of them and the
 * signature no longer matches. Pure: the secret, clock and nonce come from the caller.
 *
 * The subgraph's side (freshness window, replay memory) is subgraphs/kit/request-signature.ts.
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { CallerIdentity } from '../caller/caller-identity';

/** Names the scheme in the canonical string, so a later scheme cannot be confused with this one. */
export const SIGNATURE_SCHEME = 'shujutong-subgraph-v1';

export const SIGNATURE_HEADER = 'x-shujutong-signature';
/** Epoch milliseconds when the gateway signed. */
export const TIMESTAMP_HEADER = 'x-shujutong-timestamp';
/** 122 random bits (a v4 UUID): two requests signed in the same millisecond still differ. */
export const NONCE_HEADER = 'x-shujutong-nonce';
/** base64url of the caller's JSON (`null` for no caller); the subgraph decodes it only once the signature holds. */
export const CALLER_HEADER = 'x-shujutong-caller';
export const REQUEST_ID_HEADER = 'x-shujutong-request-id';

export interface SignedRequest {
  /** The subgraph's name (e.g. `population`): a request signed for one subgraph is refused by another. */
  readonly subgraph: string;
  readonly method: string;
  /** Path and query string as the subgraph receives them, e.g. `/graphql`. */
  readonly path: string;
  readonly body: string | Buffer;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly nonce: string;
  readonly requestId: string;
  /** The `x-shujutong-caller` header value, exactly as sent. */
  readonly encodedCaller: string;
}

export function sha256Hex(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * One field per line. No field may contain a newline (they are header values, names and a hex
 * digest), so two different requests never produce the same string.
 */
export function canonicalString(request: SignedRequest): string {
  return [
    SIGNATURE_SCHEME,
    request.subgraph,
    request.method.toUpperCase(),
    request.path,
    sha256Hex(request.body),
    String(request.timestamp),
    request.nonce,
    request.requestId,
    request.encodedCaller,
  ].join('\n');
}

/** base64url HMAC-SHA256 of the canonical string. */
export function computeSignature(request: SignedRequest, secret: Buffer): string {
  return createHmac('sha256', secret).update(canonicalString(request)).digest('base64url');
}

/** Constant-time comparison, so response timing does not reveal how much of a forged signature was right. */
export function signatureMatches(
  request: SignedRequest,
  secret: Buffer,
  presented: string,
): boolean {
  const expected = Buffer.from(computeSignature(request, secret));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Only the identity fields, in a fixed order, so the encoding of one caller is always the same. */
export function encodeCaller(caller: CallerIdentity | null): string {
  const value = caller && {
    department: caller.department,
    application: caller.application,
    operator: caller.operator,
    purpose: caller.purpose,
    roles: caller.roles,
    // Only a citizen's token carries it; other callers encode exactly as before.
    ...(caller.citizenIdNumber !== undefined ? { citizenIdNumber: caller.citizenIdNumber } : {}),
  };
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** randomUUID draws from a buffered CSPRNG pool: about a tenth of the cost of randomBytes(16) per fetch. */
export function newNonce(): string {
  return randomUUID();
}

export interface SignatureInput {
  readonly subgraph: string;
  /** @default /graphql */
  readonly path?: string;
  /** @default POST */
  readonly method?: string;
  /** Exactly the bytes that will be sent. */
  readonly body: string | Buffer;
  /** Null: a request without a caller (the subgraph then sees none). */
  readonly caller: CallerIdentity | null;
  readonly requestId: string;
  readonly secret: Buffer;
  /** Epoch milliseconds. @default Date.now() */
  readonly now?: number;
  /** @default a random v4 UUID */
  readonly nonce?: string;
}

/** The headers that authenticate one subgraph request (lower-case names). */
export function signatureHeaders(input: SignatureInput): Record<string, string> {
  const request: SignedRequest = {
    subgraph: input.subgraph,
    method: input.method ?? 'POST',
    path: input.path ?? '/graphql',
    body: input.body,
    timestamp: input.now ?? Date.now(),
    nonce: input.nonce ?? newNonce(),
    requestId: input.requestId,
    encodedCaller: encodeCaller(input.caller),
  };
  return {
    [SIGNATURE_HEADER]: computeSignature(request, input.secret),
    [TIMESTAMP_HEADER]: String(request.timestamp),
    [NONCE_HEADER]: request.nonce,
    [REQUEST_ID_HEADER]: request.requestId,
    [CALLER_HEADER]: request.encodedCaller,
  };
}
