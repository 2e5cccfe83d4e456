/**
 * The purpose a caller states for one request (使用用途): header `x-purpose`, or
 * `extensions.purpose` in the GraphQL request. Under 国发〔2016〕51号 shared data may be used
 * only for the purpose it was applied for, so the policy compares this with the grants'
 * purposes; here it is only read and checked against the closed list in domain/departments.ts.
 * An unknown code is the caller's mistake (400), not a missing purpose.
 */
import type http from 'node:http';
import { ErrorCode } from '../../domain/error-codes';
import { isPurposeCode, PURPOSES } from '../../domain/departments';
import { HttpError } from '../../contracts/http/http-error';
import { requestExtension } from './request-extension';

export const PURPOSE_HEADER = 'x-purpose';

function badPurpose(message: string): HttpError {
  return new HttpError(400, message, ErrorCode.BAD_USER_INPUT, { argument: 'purpose' });
}

function checked(value: unknown, where: string): string {
  if (typeof value !== 'string' || !isPurposeCode(value.trim())) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 64)) : typeof value;
    throw badPurpose(
      `${where} ${shown} is not a use purpose; known: ${PURPOSES.map((p) => p.code).join(', ')}`,
    );
  }
  return value.trim();
}

/** The purpose code, or null when none is stated. Throws HttpError 400 BAD_USER_INPUT for an unknown one or two that differ. */
export function statedPurpose(
  request: { method: string; url: string; headers: http.IncomingHttpHeaders },
  rawBody: Buffer,
): string | null {
  const header = request.headers[PURPOSE_HEADER];
  const fromHeader =
    header === undefined || header === '' ? null : checked(header, `header ${PURPOSE_HEADER}`);
  const extension = requestExtension(request, rawBody, 'purpose');
  const fromExtensions =
    extension === undefined || extension === null ? null : checked(extension, 'extensions.purpose');
  if (fromHeader && fromExtensions && fromHeader !== fromExtensions) {
    throw badPurpose(
      `two purposes stated: ${fromHeader} (header ${PURPOSE_HEADER}) and ${fromExtensions} (extensions.purpose); state one`,
    );
  }
  return fromHeader ?? fromExtensions;
}
