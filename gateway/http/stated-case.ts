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

function extensionsCase(method: string, url: string, rawBody: Buffer): unknown {
  let extensions: unknown;
  try {
    if (method === 'GET') {
      const q = url.indexOf('?');
      const text = q >= 0 ? new URLSearchParams(url.slice(q)).get('extensions') : null;
      if (!text) return undefined;
      extensions = JSON.parse(text);
    } else {
      // Most requests name no case: skip parsing a body that cannot contain one.
      if (!rawBody.includes('"case"')) return undefined;
      extensions = (JSON.parse(rawBody.toString('utf8')) as { extensions?: unknown } | null)
        ?.extensions;
    }
  } catch {
    return undefined;
  }
  return typeof extensions === 'object' && extensions !== null
    ? (extensions as { case?: unknown }).case
    : undefined;
}

/** The case number, or null when none is named. Throws HttpError 400 for a malformed one or two that differ. */
export function statedCase(
  request: { method: string; url: string; headers: http.IncomingHttpHeaders },
  rawBody: Buffer,
): string | null {
  const header = request.headers[CASE_HEADER];
  const fromHeader =
    header === undefined || header === '' ? null : checked(header, `header ${CASE_HEADER}`);
  const extension = extensionsCase(request.method, request.url, rawBody);
  const fromExtensions =
    extension === undefined || extension === null ? null : checked(extension, 'extensions.case');
  if (fromHeader && fromExtensions && fromHeader !== fromExtensions) {
    throw badCase(
      `two cases named: ${fromHeader} (header ${CASE_HEADER}) and ${fromExtensions} (extensions.case); name one`,
    );
  }
  return fromHeader ?? fromExtensions;
}
