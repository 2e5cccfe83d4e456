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

function extensionsPurpose(method: string, url: string, rawBody: Buffer): unknown {
  let extensions: unknown;
  if (method === 'GET') {
    const q = url.indexOf('?');
    const text = q >= 0 ? new URLSearchParams(url.slice(q)).get('extensions') : null;
    if (!text) return undefined;
    try {
      extensions = JSON.parse(text);
    } catch {
      return undefined;
    }
  } else {
    // Most requests state no purpose in the body: skip parsing a body that cannot contain one.
    // (Apollo parses it again; its own errors report a body that is not JSON.)
    if (!rawBody.includes('"purpose"')) return undefined;
    try {
      extensions = (JSON.parse(rawBody.toString('utf8')) as { extensions?: unknown } | null)
        ?.extensions;
    } catch {
      return undefined;
    }
  }
  return typeof extensions === 'object' && extensions !== null
    ? (extensions as { purpose?: unknown }).purpose
    : undefined;
}

/** The purpose code, or null when none is stated. Throws HttpError 400 BAD_USER_INPUT for an unknown one or two that differ. */
export function statedPurpose(
  request: { method: string; url: string; headers: http.IncomingHttpHeaders },
  rawBody: Buffer,
): string | null {
  const header = request.headers[PURPOSE_HEADER];
  const fromHeader =
    header === undefined || header === '' ? null : checked(header, `header ${PURPOSE_HEADER}`);
  const extension = extensionsPurpose(request.method, request.url, rawBody);
  const fromExtensions =
    extension === undefined || extension === null ? null : checked(extension, 'extensions.purpose');
  if (fromHeader && fromExtensions && fromHeader !== fromExtensions) {
    throw badPurpose(
      `two purposes stated: ${fromHeader} (header ${PURPOSE_HEADER}) and ${fromExtensions} (extensions.purpose); state one`,
    );
  }
  return fromHeader ?? fromExtensions;
}
