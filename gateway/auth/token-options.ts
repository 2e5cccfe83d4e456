/**
 * The arguments of `npm run token`, checked before any key is touched, so a typo in a
 * department code or a lifetime is reported instead of producing a token the gateway refuses.
 */
import { parseArgs } from 'node:util';
import { DEPARTMENTS, isDepartmentCode } from '../../domain/departments';
import { parseTokenTtl } from './duration';
import { idNumberProblem } from '../../domain/id-number';
import { CITIZEN_DEPARTMENT } from '../../contracts/caller/caller-identity';
import { isApplicationId, isOperatorId, isRoleName } from './token-claims';
import { TokenRequest } from './issue-token';

export const TOKEN_USAGE = `usage: npm run token -- --department <code> [--app <id>] [--operator <id>] [--roles <r1,r2>] [--ttl <8h|30m|7d>]
       npm run token -- --citizen <ID number> [--ttl <1h>]
  --department  department code, one of: ${DEPARTMENTS.map((d) => d.code).join(', ')}
  --app         registered application id (the gateway refuses it unless ACTIVE in the registry)
  --operator    the person or service account acting
  --roles       comma-separated role names
  --ttl         lifetime, a number and s/m/h/d (default 8h, at most 30d)
  --citizen     a citizen's own token for that ID number (GB 11643): it may only ask who
                accessed that person's data (whoAccessedMyData); no department, app, operator or roles
Prints the token on stdout. Keys: JWT_PRIVATE_KEY, or dev keys under <DATA_DIR>/keys.`;

export type TokenCommand = { kind: 'help' } | { kind: 'issue'; request: TokenRequest };

export const DEFAULT_TOKEN_TTL = '8h';

export function parseTokenArgs(argv: readonly string[]): TokenCommand {
  // strict: an unknown or misspelt option (--departmnet) is an error, not silently ignored.
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      department: { type: 'string' },
      app: { type: 'string' },
      operator: { type: 'string' },
      roles: { type: 'string' },
      ttl: { type: 'string' },
      citizen: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help' };
  if (values.citizen !== undefined) return citizenCommand(values);
  const department = values.department;
  if (!department) throw new Error('--department is required');
  if (!isDepartmentCode(department))
    throw new Error(
      `--department "${department}" is not a department code; known: ${DEPARTMENTS.map((d) => d.code).join(', ')}`,
    );
  if (values.app !== undefined && !isApplicationId(values.app))
    throw new Error(
      `--app "${values.app}" is not an application id (lower-case letters, digits and hyphens)`,
    );
  if (values.operator !== undefined && !isOperatorId(values.operator))
    throw new Error(
      `--operator "${values.operator}" is not an operator id (letters, digits, . _ @ -, at most 64)`,
    );
  const roles =
    values.roles === undefined
      ? []
      : values.roles
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean);
  const badRole = roles.find((r) => !isRoleName(r));
  if (badRole !== undefined)
    throw new Error(
      `--roles: "${badRole}" is not a role name (lower-case letters, digits, _ and -)`,
    );
  let ttlSeconds: number;
  try {
    ttlSeconds = parseTokenTtl(values.ttl ?? DEFAULT_TOKEN_TTL);
  } catch (err) {
    throw new Error(`--ttl: ${(err as Error).message}`);
  }
  const request: TokenRequest = {
    department,
    application: values.app ?? null,
    operator: values.operator ?? null,
    roles,
    ttlSeconds,
  };
  return { kind: 'issue', request };
}

function ttlOf(ttl: string | undefined): number {
  try {
    return parseTokenTtl(ttl ?? DEFAULT_TOKEN_TTL);
  } catch (err) {
    throw new Error(`--ttl: ${(err as Error).message}`);
  }
}

/** `--citizen <ID number>`: a citizen's own token (citizen-claims.ts), which names nothing else. */
function citizenCommand(values: {
  citizen?: string;
  department?: string;
  app?: string;
  operator?: string;
  roles?: string;
  ttl?: string;
}): TokenCommand {
  const idNumber = values.citizen!.trim();
  const problem = idNumberProblem(idNumber);
  if (problem) throw new Error(`--citizen "${idNumber}" is not an ID number: ${problem.message}`);
  const extra = (['department', 'app', 'operator', 'roles'] as const).filter(
    (k) => values[k] !== undefined,
  );
  if (extra.length > 0)
    throw new Error(
      `--citizen cannot be combined with ${extra.map((k) => `--${k}`).join(', ')}: a citizen is not a department`,
    );
  return {
    kind: 'issue',
    request: {
      department: CITIZEN_DEPARTMENT,
      citizenIdNumber: idNumber,
      ttlSeconds: ttlOf(values.ttl),
    },
  };
}
