/**
 * The workbench's JSON APIs about the signed-in analyst: who they are and which purposes their
 * grants name (GET /workbench/api/me), what every field means to them now (GET
 * /workbench/api/access), and the policy's dry-run of a document (POST /workbench/api/dry-run).
 * Every answer comes from the policy engine and grants the gateway enforces with (deps.policy(),
 * deps.grantsFor()); none of them runs an operation or reads data, so none is an access to
 * record in the audit trail.
 */
import { departmentByCode } from '../../../domain/departments';
import { ErrorCode } from '../../../domain/error-codes';
import { writeJson } from '../../../contracts/http/http-adapter';
import { HttpError } from '../../../contracts/http/http-error';
import { createOperationLimiter } from '../../limits';
import type { HttpRoute } from '../../http/http-route';
import type { WorkbenchDeps } from '../workbench-deps';
import { accessTables } from './access-table';
import { analystOf, grantsOf } from './api-caller';
import { purposesInForce } from './caller-purposes';
import { dryRun, InvalidDocument } from './dry-run';
import { readJsonObject } from './json-request';

/** Answers about one caller, never to be kept by a shared cache. */
const PRIVATE = { 'cache-control': 'private, no-store' } as const;

function optionalString(body: Record<string, unknown>, key: string): string | null {
  const value = body[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string')
    throw new HttpError(400, `${key} must be a string.`, ErrorCode.BAD_REQUEST);
  return value;
}

export function analystRoutes(deps: WorkbenchDeps): HttpRoute[] {
  const tables = accessTables();
  // The gateway's own limits, on the schema it serves, so a document the endpoint would refuse
  // unparsed is refused here unparsed too.
  const limiter = deps.config.operationLimits
    ? createOperationLimiter(deps.config.operationLimits, () => deps.apiSchema())
    : null;

  return [
    {
      method: 'GET',
      path: '/workbench/api/me',
      async handle(req, res) {
        const caller = await analystOf(deps, req);
        const grants = await grantsOf(deps, caller.department);
        writeJson(
          res,
          200,
          {
            caller: {
              department: caller.department,
              departmentName: departmentByCode(caller.department)?.name ?? caller.department,
              application: caller.application,
              operator: caller.operator,
              roles: caller.roles,
            },
            purposes: purposesInForce(grants, caller, Date.now()),
            grantsAvailable: grants.status === 'LOADED',
          },
          PRIVATE,
        );
      },
    },
    {
      method: 'GET',
      path: '/workbench/api/access',
      async handle(req, res) {
        const caller = await analystOf(deps, req);
        const grants = await grantsOf(deps, caller.department);
        const body = tables.json(deps.policy(), caller, grants, Date.now());
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          ...PRIVATE,
        });
        res.end(body);
      },
    },
    {
      method: 'POST',
      path: '/workbench/api/dry-run',
      async handle(req, res) {
        const caller = await analystOf(deps, req);
        const body = await readJsonObject(req, deps.config.maxBodyBytes);
        const query = optionalString(body, 'query');
        if (query === null)
          throw new HttpError(400, 'Send the document to check as "query".', ErrorCode.BAD_REQUEST);
        const variables = body.variables;
        if (variables !== undefined && variables !== null && typeof variables !== 'object')
          throw new HttpError(400, 'variables must be an object.', ErrorCode.BAD_REQUEST);
        const grants = await grantsOf(deps, caller.department);
        try {
          const answer = dryRun(
            deps.policy(),
            limiter,
            { query, operationName: optionalString(body, 'operationName') },
            caller,
            grants,
          );
          writeJson(res, 200, answer, PRIVATE);
        } catch (err) {
          if (!(err instanceof InvalidDocument)) throw err;
          writeJson(res, 400, { errors: err.errors }, PRIVATE);
        }
      },
    },
  ];
}
