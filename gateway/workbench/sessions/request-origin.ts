/**
 * The gateway's own origin, and whether a form POST came from a page of it. The origin is the
 * configured public URL (WORKBENCH_PUBLIC_URL); only outside production may it come from the
 * request's Host header (the config refuses OIDC in production without it), and then only a
 * plain host[:port], so a forged header cannot smuggle anything into a redirect URI.
 */
import type http from 'node:http';
import { ErrorCode } from '../../../domain/error-codes';
import { HttpError } from '../../../contracts/http/http-error';

export function gatewayOrigin(req: http.IncomingMessage, publicUrl: string | null): string {
  if (publicUrl) return publicUrl;
  const host = req.headers.host ?? '';
  if (!/^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/.test(host))
    throw new HttpError(400, 'the Host header is not a host name', ErrorCode.BAD_REQUEST);
  return `http://${host.toLowerCase()}`;
}

function single(value: string | string[] | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

/**
 * Login CSRF: another site's page must not be able to sign a browser in as someone of its
 * choosing. The browser says where a POST comes from (Sec-Fetch-Site, Origin, else Referer);
 * a request that says nothing is refused too.
 */
export function postedFromOrigin(req: http.IncomingMessage, origin: string): boolean {
  const site = single(req.headers['sec-fetch-site']);
  if (site !== null && site !== 'same-origin') return false;
  const from = single(req.headers.origin);
  // Browsers send `Origin: null` for opaque origins (sandboxed frames, data: URLs): never ours.
  if (from !== null) return from === origin;
  const referer = single(req.headers.referer);
  return referer !== null && (referer === origin || referer.startsWith(`${origin}/`));
}
