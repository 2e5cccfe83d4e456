/** A refusal with its HTTP status and GraphQL error code, as both the gateway and the subgraphs answer it (GraphQL over HTTP). */
import { ErrorCode } from '../../domain/error-codes';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string = ErrorCode.BAD_REQUEST,
    /** More for the error's `extensions` beside `code`, e.g. `{ reason: 'EXPIRED' }`. */
    readonly extensions: Readonly<Record<string, unknown>> = {},
    /** Response headers that belong to the refusal, e.g. `www-authenticate` on a 401 (lower-case names). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
