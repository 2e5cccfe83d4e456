/** Test support for the workbench API scenarios: the callers of the demo city and JSON calls. */
import { Platform } from '../../utils/platform';
import type { TestTokenRequest } from '../../utils/platform';

/** Civil affairs' minimum living allowance system: a clear demo grant for SOCIAL_ASSISTANCE. */
export const CIVIL_APP: TestTokenRequest = {
  department: 'civil-affairs',
  application: 'minimum-living-allowance',
  operator: 'zhang.wei',
};
/** The same department without its application: the grant names the application, so none. */
export const CIVIL_DEPT: TestTokenRequest = { department: 'civil-affairs', operator: 'li.na' };
/** The service network: standing grants for ADMINISTRATIVE_APPROVAL and item grants (事项授权). */
export const SERVICE_NETWORK: TestTokenRequest = {
  department: 'big-data-bureau',
  application: 'service-network',
  operator: 'clerk-01',
};
/** The owner of the population database. */
export const PUBLIC_SECURITY: TestTokenRequest = {
  department: 'public-security',
  operator: 'officer-7',
};

export interface JsonAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export async function api<T = any>(
  platform: Platform,
  path: string,
  options: {
    caller?: TestTokenRequest | null;
    purpose?: string;
    body?: unknown;
    headers?: Record<string, string>;
  } = {},
): Promise<JsonAnswer<T>> {
  const origin = new URL(platform.gatewayUrl).origin;
  const headers: Record<string, string> = {
    ...(options.caller ? await platform.headers(options.caller) : {}),
    ...(options.purpose ? { 'x-purpose': options.purpose } : {}),
    ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...options.headers,
  };
  const res = await fetch(`${origin}${path}`, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    throw new Error(`non-JSON answer (${res.status}) from ${path}: ${text.slice(0, 200)}`);
  }
  return { status: res.status, headers: res.headers, body };
}
