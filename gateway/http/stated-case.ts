/**
 * The approval case (办件) a request says it serves: header `x-case`, or `extensions.case` in the
 * GraphQL request. A malformed number is the caller's mistake (400 BAD_USER_INPUT), not a request
 * without a case: a typo must not quietly fall back to standing grants.
 */
import type http from 'node:http';
import { CASE_HEADER } from '../../contracts/cases/approval-case';
import { HttpError } from '../../contracts/http/http-error';
import { isCaseNumberProblem, parseCaseNumber } from '../../domain/case-number';
import { ErrorCode } from '../../domain/error-codes';
import { requestExtension } from './request-extension';

function badCase(message: string): HttpError {
  return new HttpError(400, message, ErrorCode.BAD_USER_INPUT, { argument: 'case' });
}

function checked(value: unknown, where: string): string {
  if (typeof value !== 'string')
    throw badCase(`${where} must be a case number, got ${typeof value}`);
  const parsed = parseCaseNumber(value.trim());
  if (isCaseNumberProblem(parsed)) throw badCase(`${where}: ${parsed.problem}`);
  return parsed.number;
}

/** The case number, or null when none is named. Throws HttpError 400 for a malformed one or two that differ. */
export function statedCase(
  request: { method: string; url: string; headers: http.IncomingHttpHeaders },
  rawBody: Buffer,
): string | null {
  const header = request.headers[CASE_HEADER];
  const fromHeader =
    header === undefined || header === '' ? null : checked(header, `header ${CASE_HEADER}`);
  const extension = requestExtension(request, rawBody, 'case');
  const fromExtensions =
    extension === undefined || extension === null ? null : checked(extension, 'extensions.case');
  if (fromHeader && fromExtensions && fromHeader !== fromExtensions) {
    throw badCase(
      `two cases named: ${fromHeader} (header ${CASE_HEADER}) and ${fromExtensions} (extensions.case); name one`,
    );
  }
  return fromHeader ?? fromExtensions;
}
