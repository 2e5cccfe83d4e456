/**
 * A subgraph's half of the gateway signature (contracts/signing/subgraph-signature.ts): every
 * request must be signed by the gateway for this subgraph, recently, and only once. Without
 * this check anyone on the network could query a departmental database around the gateway,
 * and so around its authentication, sharing policy and audit, or name themselves as any caller.
 *
 * Refusals are 401 UNAUTHENTICATED with `extensions.reason` saying which check failed, so an
 * operator can tell a clock out of sync (STALE, FROM_THE_FUTURE) from a wrong secret
 * (BAD_SIGNATURE) from an attack (REPLAYED). GET /health stays unsigned (subgraph-server.ts).
 */
import type http from 'node:http';
import { ErrorCode } from '../../domain/error-codes';
import {
  CALLER_HEADER,
  NONCE_HEADER,
  REQUEST_ID_HEADER,
  SIGNATURE_HEADER,
  signatureMatches,
  SignedRequest,
  TIMESTAMP_HEADER,
} from '../../contracts/signing/subgraph-signature';
import { HttpError } from '../../contracts/http/http-error';
import type { RequestVerifier } from './subgraph-server';
import type { CallerIdentity } from '../../contracts/caller/caller-identity';

export type SignatureRefusal =
  'UNSIGNED' | 'MALFORMED' | 'BAD_SIGNATURE' | 'STALE' | 'FROM_THE_FUTURE' | 'REPLAYED';

/** A signature older than this is refused: a captured request is useless after a minute. */
export const MAX_SIGNATURE_AGE_MS = 60_000;
/** How far ahead of this machine's clock the gateway's may be; more looks like a request prepared for later replay. */
export const MAX_CLOCK_AHEAD_MS = 5_000;
/** Signatures remembered for replay detection; see ReplayGuard for what happens when it fills. */
export const DEFAULT_REMEMBERED_SIGNATURES = 100_000;

export interface RequestSignatureOptions {
  /** This subgraph's name: a request signed for another subgraph is refused. */
  readonly subgraph: string;
  readonly secret: Buffer;
  /** @default MAX_SIGNATURE_AGE_MS */
  readonly maxAgeMs?: number;
  /** @default MAX_CLOCK_AHEAD_MS */
  readonly maxAheadMs?: number;
  /** @default DEFAULT_REMEMBERED_SIGNATURES */
  readonly rememberedSignatures?: number;
  /** Epoch milliseconds. @default Date.now */
  readonly now?: () => number;
  /**
   * Answer unsigned requests too, with no caller (signed ones are still checked). Only for
   * SHUJUTONG_INSECURE_SKIP_SUBGRAPH_SIGNATURES (signing-secret.ts), never in production.
   * @default false
   */
  readonly acceptUnsigned?: boolean;
}

export function signatureRefused(reason: SignatureRefusal, message: string): HttpError {
  return new HttpError(
    401,
    `request not signed by the gateway: ${message}`,
    ErrorCode.UNAUTHENTICATED,
    { reason },
  );
}

/**
 * The signatures seen within the freshness window, so an identical request sent again is
 * refused. Bounded: when full, the oldest entry is dropped and the freshness floor moves up to
 * its timestamp, so whatever was forgotten is refused as stale instead of accepted as new. A
 * flood therefore shortens the window (requests delayed past the floor are refused) but never
 * opens a replay.
 */
export class ReplayGuard {
  /** signature -> its timestamp; insertion order is (nearly) timestamp order. */
  private readonly seen = new Map<string, number>();
  private floor = -Infinity;

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
  ) {}

  /** Timestamps at or below this are refused (STALE): they may have been forgotten. */
  get oldestAccepted(): number {
    return this.floor;
  }

  get size(): number {
    return this.seen.size;
  }

  /** True the first time a signature is offered; false for a replay. */
  admit(signature: string, timestamp: number, now: number): boolean {
    this.forgetExpired(now);
    if (this.seen.has(signature)) return false;
    this.seen.set(signature, timestamp);
    if (this.seen.size > this.capacity) {
      const [oldest, at] = this.seen.entries().next().value as [string, number];
      this.seen.delete(oldest);
      this.floor = Math.max(this.floor, at);
    }
    return true;
  }

  private forgetExpired(now: number): void {
    const horizon = now - this.windowMs;
    for (const [signature, at] of this.seen) {
      if (at >= horizon) break;
      this.seen.delete(signature);
    }
  }
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

const isNullableString = (v: unknown) => v === null || typeof v === 'string';

/** Distinct callers remembered decoded; past this the oldest is decoded again when next seen. */
const MAX_DECODED_CALLERS = 1_000;

/**
 * Decoded callers by their header value: a gateway sends the same few callers over and over, so
 * each is parsed and checked once. Only headers under a valid signature get here.
 */
const decodedCallers = new Map<string, CallerIdentity | null>();

/** A copy per request, so nothing a request does to its caller reaches another request. */
function copyOf(caller: CallerIdentity | null): CallerIdentity | null {
  return caller && { ...caller, roles: [...caller.roles] };
}

function decodeCallerOnce(encoded: string): CallerIdentity | null {
  let caller = decodedCallers.get(encoded);
  if (caller === undefined) {
    caller = decodeCaller(encoded);
    if (decodedCallers.size >= MAX_DECODED_CALLERS)
      decodedCallers.delete(decodedCallers.keys().next().value as string);
    decodedCallers.set(encoded, caller);
  }
  return copyOf(caller);
}

function decodeCaller(encoded: string): CallerIdentity | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw signatureRefused('MALFORMED', `${CALLER_HEADER} is not base64url JSON`);
  }
  if (value === null) return null;
  const c = value as Record<string, unknown>;
  if (
    typeof c !== 'object' ||
    typeof c.department !== 'string' ||
    !isNullableString(c.application) ||
    !isNullableString(c.operator) ||
    !isNullableString(c.purpose) ||
    !Array.isArray(c.roles) ||
    !c.roles.every((r) => typeof r === 'string') ||
    (c.citizenIdNumber !== undefined && typeof c.citizenIdNumber !== 'string')
  ) {
    throw signatureRefused('MALFORMED', `${CALLER_HEADER} is not a caller identity`);
  }
  const caller: CallerIdentity = {
    department: c.department,
    application: c.application as string | null,
    operator: c.operator as string | null,
    purpose: c.purpose as string | null,
    roles: c.roles as string[],
  };
  if (typeof c.citizenIdNumber === 'string') caller.citizenIdNumber = c.citizenIdNumber;
  return caller;
}

/** The verifier startSubgraphServer runs on every GraphQL request. */
export function createRequestVerifier(options: RequestSignatureOptions): RequestVerifier {
  const maxAgeMs = options.maxAgeMs ?? MAX_SIGNATURE_AGE_MS;
  const maxAheadMs = options.maxAheadMs ?? MAX_CLOCK_AHEAD_MS;
  const now = options.now ?? Date.now;
  const replays = new ReplayGuard(
    options.rememberedSignatures ?? DEFAULT_REMEMBERED_SIGNATURES,
    maxAgeMs,
  );

  return (req, rawBody) => {
    const signature = header(req, SIGNATURE_HEADER);
    if (signature === undefined) {
      if (options.acceptUnsigned) return null;
      throw signatureRefused(
        'UNSIGNED',
        `no ${SIGNATURE_HEADER} header; query the platform through the gateway`,
      );
    }
    const timestampText = header(req, TIMESTAMP_HEADER);
    const nonce = header(req, NONCE_HEADER);
    const requestId = header(req, REQUEST_ID_HEADER);
    const encodedCaller = header(req, CALLER_HEADER);
    if (
      timestampText === undefined ||
      nonce === undefined ||
      requestId === undefined ||
      encodedCaller === undefined
    ) {
      throw signatureRefused(
        'MALFORMED',
        `a signed request needs ${TIMESTAMP_HEADER}, ${NONCE_HEADER}, ${REQUEST_ID_HEADER} and ${CALLER_HEADER}`,
      );
    }
    if (!/^\d{1,15}$/.test(timestampText))
      throw signatureRefused('MALFORMED', `${TIMESTAMP_HEADER} is not epoch milliseconds`);
    const timestamp = Number(timestampText);
    const signed: SignedRequest = {
      subgraph: options.subgraph,
      method: req.method ?? 'POST',
      path: req.url ?? '/',
      body: rawBody,
      timestamp,
      nonce,
      requestId,
      encodedCaller,
    };
    if (!signatureMatches(signed, options.secret, signature)) {
      throw signatureRefused(
        'BAD_SIGNATURE',
        `the signature does not match this request to ${options.subgraph} (changed in transit, another subgraph's, or another secret)`,
      );
    }
    const at = now();
    if (timestamp < at - maxAgeMs)
      throw signatureRefused(
        'STALE',
        `signed ${Math.round((at - timestamp) / 1000)} s ago; at most ${maxAgeMs / 1000} s is accepted`,
      );
    if (timestamp > at + maxAheadMs)
      throw signatureRefused(
        'FROM_THE_FUTURE',
        `signed ${timestamp - at} ms ahead of this subgraph's clock; at most ${maxAheadMs} ms is accepted`,
      );
    if (timestamp <= replays.oldestAccepted)
      throw signatureRefused(
        'STALE',
        'signed before the oldest request this subgraph still remembers (replay memory full)',
      );
    if (!replays.admit(signature, timestamp, at))
      throw signatureRefused('REPLAYED', 'this exact signed request was already received');
    return decodeCallerOnce(encodedCaller);
  };
}
