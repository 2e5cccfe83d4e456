/**
 * Thrown by `append` when the journal cannot be written (disk full, permissions, read-only
 * file system). The gateway answers 503 with AUDIT_UNAVAILABLE and serves nothing until the
 * audit trail's health probe reports it can log again: an access that cannot be recorded is
 * not allowed to happen (X-Road's message log makes the same choice).
 */
import { ErrorCode } from '../../domain/error-codes';

export class AuditUnavailableError extends Error {
  readonly code = ErrorCode.AUDIT_UNAVAILABLE;
  /** The file-system error code behind it (ENOSPC, EACCES, EROFS …), when there is one. */
  readonly reason: string | null;

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AuditUnavailableError';
    this.reason = (options.cause as NodeJS.ErrnoException | undefined)?.code ?? null;
  }
}

export function isAuditUnavailable(err: unknown): err is AuditUnavailableError {
  return err instanceof AuditUnavailableError;
}
