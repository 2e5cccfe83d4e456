/**
 * The policy's dry-run of a document for the workbench editor: which fields the gateway would
 * withhold (with the reason and the message a caller would read) and which it would mask, with
 * where each was selected in the document, before anything runs. It is the gateway's own plan
 * (PolicyEngine.plan, the plan the sharing stage enforces), not a second implementation; nothing
 * is executed, no subgraph is asked, nothing is recorded as data access.
 *
 * The operation limits are applied first, as the endpoint applies them before Apollo parses and
 * validates: validation is super-linear on some documents, and the dry-run must not be the way
 * around the limits. Item grants need a bound case (x-case, read by the gateway's case stage):
 * without one they count as CASE_REQUIRED here.
 */
import {
  DocumentNode,
  getOperationAST,
  GraphQLError,
  GraphQLFormattedError,
  parse,
  validate,
} from 'graphql';
import { ErrorCode } from '../../../domain/error-codes';
import { HttpError } from '../../../contracts/http/http-error';
import type { OperationLimiter } from '../../limits';
import type { DenialReason, GrantSnapshot, PolicyCaller, PolicyEngine } from '../../policy';
import { explainDenial } from '../../policy/denial-error';
import { DocumentLocation, locateResponsePaths, pathKey } from './document-locations';

export interface DryRunRequest {
  readonly query: string;
  readonly operationName: string | null;
}

export interface WithheldField {
  readonly coordinate: string;
  /** The coordinate whose rule withheld it (an implementation's, for a field asked on an interface). */
  readonly decidedBy: string;
  readonly reason: DenialReason;
  readonly message: string;
  readonly condition: string | null;
  /** Inside another withheld field: it would not reach the response anyway. */
  readonly enclosed: boolean;
  readonly path: readonly string[];
  readonly locations: readonly DocumentLocation[];
}

export interface MaskedSelection {
  readonly coordinate: string;
  readonly mask: string;
  readonly path: readonly string[];
  readonly locations: readonly DocumentLocation[];
}

export interface DryRunAnswer {
  readonly operationName: string | null;
  /** The policy's mode: in `dry-run` mode the gateway itself would serve these fields anyway. */
  readonly mode: string;
  readonly withheld: readonly WithheldField[];
  readonly masked: readonly MaskedSelection[];
}

/** A document that does not run: HTTP 400 with its GraphQL errors, as /graphql would answer. */
export class InvalidDocument extends Error {
  constructor(readonly errors: readonly GraphQLFormattedError[]) {
    super(errors[0]?.message ?? 'invalid document');
  }
}

function withCode(errors: readonly GraphQLError[], code: string): GraphQLFormattedError[] {
  return errors.map((e) => {
    const formatted = e.toJSON();
    return { ...formatted, extensions: { ...formatted.extensions, code } };
  });
}

function parsed(query: string, maxTokens: number | undefined): DocumentNode {
  try {
    return parse(query, maxTokens === undefined ? {} : { maxTokens });
  } catch (err) {
    if (err instanceof GraphQLError)
      throw new InvalidDocument(withCode([err], 'GRAPHQL_PARSE_FAILED'));
    throw err;
  }
}

export function dryRun(
  engine: PolicyEngine,
  limiter: OperationLimiter | null,
  request: DryRunRequest,
  caller: PolicyCaller,
  grants: GrantSnapshot,
): DryRunAnswer {
  const violation = limiter?.check(request.query);
  if (violation)
    throw new HttpError(400, violation.message, violation.code, { limit: violation.limit });
  const document = parsed(request.query, limiter?.limits.maxTokens);
  const invalid = validate(engine.schema, document);
  if (invalid.length > 0) throw new InvalidDocument(withCode(invalid, 'GRAPHQL_VALIDATION_FAILED'));
  const operation = getOperationAST(document, request.operationName);
  if (!operation)
    throw new InvalidDocument([
      {
        message: request.operationName
          ? `The document has no operation named "${request.operationName}".`
          : 'The document has several operations: say which to run with operationName.',
        extensions: { code: ErrorCode.OPERATION_RESOLUTION_FAILURE },
      },
    ]);
  let plan;
  try {
    plan = engine.plan(document, request.operationName, caller, grants);
  } catch (err) {
    if (err instanceof GraphQLError) throw new InvalidDocument([err.toJSON()]);
    throw err;
  }
  const locations = locateResponsePaths(document, operation, [
    ...plan.denied.map((d) => d.path),
    ...plan.masked.map((m) => m.path),
  ]);
  const at = (path: readonly string[]) => locations.get(pathKey(path)) ?? [];
  return {
    operationName: operation.name?.value ?? null,
    mode: plan.mode,
    withheld: plan.denied.map((d) => ({
      coordinate: d.coordinate,
      decidedBy: d.decidedBy,
      reason: d.reason,
      message: explainDenial(d.reason, d.decidedBy),
      condition: d.condition,
      enclosed: d.enclosed,
      path: d.path,
      locations: at(d.path),
    })),
    masked: plan.masked.map((m) => ({
      coordinate: m.coordinate,
      mask: m.mask,
      path: m.path,
      locations: at(m.path),
    })),
  };
}
