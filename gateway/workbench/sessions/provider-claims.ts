/**
 * The identity provider's claims, read into the platform's: department, application, operator
 * and roles, from the claim names configured (WORKBENCH_OIDC_CLAIM_*). Pure. What comes out is
 * then checked like any other sign-in (identity-check.ts).
 */
import type { OidcClaimNames } from '../../config/workbench';
import type { SessionIdentity } from './session-token';

export type MappedIdentity =
  | { readonly ok: true; readonly identity: SessionIdentity }
  | { readonly ok: false; readonly problem: string };

/** A claim by its name, or, when no claim has that name, by a dotted path into nested objects. */
export function claimValue(claims: Readonly<Record<string, unknown>>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(claims, name)) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

const absent = (v: unknown) => v === undefined || v === null || v === '';

/** A staff number may come as a JSON number; nothing else is turned into text. */
function text(v: unknown): unknown {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : v;
}

function roleList(v: unknown): unknown {
  if (absent(v)) return [];
  if (typeof v === 'string') return v.split(/[\s,]+/).filter(Boolean);
  return v;
}

export function mapProviderClaims(
  claims: Readonly<Record<string, unknown>>,
  names: OidcClaimNames,
): MappedIdentity {
  const department = claimValue(claims, names.department);
  if (absent(department))
    return { ok: false, problem: `the provider sent no ${names.department} claim (department)` };
  const operator = claimValue(claims, names.operator);
  if (absent(operator))
    return { ok: false, problem: `the provider sent no ${names.operator} claim (operator)` };
  const application = claimValue(claims, names.application);
  const roles = roleList(claimValue(claims, names.roles));
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string'))
    return { ok: false, problem: `the ${names.roles} claim (roles) is not a list of names` };
  return {
    ok: true,
    identity: {
      department: department as string,
      application: absent(application) ? null : (text(application) as string),
      operator: text(operator) as string,
      roles: [...new Set(roles as string[])].sort(),
    },
  };
}
