/**
 * The sharing policy as the gateway uses it: `plan` an operation for a caller before query
 * planning, execute `plan.document`, then `apply` the plan to the result. Plans are cached by
 * document, operation name, the caller's department, application and purpose, and the version
 * of the department's grants, so a repeated operation costs a hash lookup, not a walk.
 *
 * An engine is built for one supergraph; build a new one when the gateway loads a new supergraph.
 */
import { createHash } from 'node:crypto';
import { DocumentNode, ExecutionResult, GraphQLSchema, parse, print, validate } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { caseBindingKey } from './case-binding';
import { denialError } from './denial-error';
import type { PolicyCaller } from './field-decision';
import { buildFieldRules, FieldRule, registeredSubgraphOwners } from '../../contracts/field-rules';
import type { GrantSnapshot } from './grant';
import { PlanCache } from './plan-cache';
import { buildPlan, PolicyMode, PolicyPlan } from './policy-plan';
import { patchResponse, ResponsePath } from './response-patch';

export interface PolicyEngineOptions {
  /** The composed supergraph SDL the gateway serves. */
  readonly supergraphSdl: string;
  /** @default 'filter' */
  readonly mode?: PolicyMode;
  /** Subgraph name → owner department code. @default the owners in contracts/subgraph-directory.ts */
  readonly subgraphOwners?: Readonly<Record<string, string>>;
  /** Plans kept, least recently used dropped first. @default 2000 */
  readonly cacheSize?: number;
  /**
   * Where a withheld non-null field's null goes: `propagate` to the nearest nullable ancestor as
   * the GraphQL spec requires, or `in-place` at the field (keeps its siblings, but puts a null
   * where the schema promises a value). @default 'propagate'
   */
  readonly nulls?: 'propagate' | 'in-place';
}

export interface PlanOptions {
  /** A key that identifies the document (e.g. Apollo's query hash); saves hashing it. */
  readonly documentKey?: string;
  /** Epoch ms the grants are judged at. @default Date.now() */
  readonly now?: number;
}

export interface PolicyEngine {
  readonly mode: PolicyMode;
  /** The API schema operations are walked against. */
  readonly schema: GraphQLSchema;
  readonly rules: ReadonlyMap<string, FieldRule>;
  /**
   * Decides an operation for a caller. A string is parsed and validated first (errors throw as
   * GraphQLError); a DocumentNode is taken as already validated against the API schema.
   * @throws GraphQLError (BAD_USER_INPUT) for an unknown operation or the policy's reserved alias.
   */
  plan(
    document: DocumentNode | string,
    operationName: string | null | undefined,
    caller: PolicyCaller,
    grants: GrantSnapshot,
    options?: PlanOptions,
  ): PolicyPlan;
  /** The response as the caller may see it: nulls and one FORBIDDEN_FIELD error per withheld field, masked values. */
  apply(
    plan: PolicyPlan,
    result: ExecutionResult,
    variables?: Readonly<Record<string, unknown>>,
  ): ExecutionResult;
  cacheStats(): { size: number; hits: number; misses: number };
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function createPolicyEngine(options: PolicyEngineOptions): PolicyEngine {
  const mode = options.mode ?? 'filter';
  const nulls = options.nulls ?? 'propagate';
  const schema = Supergraph.build(options.supergraphSdl).apiSchema().toGraphQLJSSchema();
  const rules = buildFieldRules(
    options.supergraphSdl,
    options.subgraphOwners ?? registeredSubgraphOwners(),
  );
  const cache = new PlanCache<PolicyPlan>(options.cacheSize ?? 2000);
  // Apollo keeps one DocumentNode per distinct query text, so its identity can stand for its hash.
  const documentKeys = new WeakMap<DocumentNode, string>();

  const keyOf = (document: DocumentNode | string): string => {
    if (typeof document === 'string') return sha256(document);
    let key = documentKeys.get(document);
    if (!key) documentKeys.set(document, (key = sha256(print(document))));
    return key;
  };

  const parsed = (text: string): DocumentNode => {
    const document = parse(text);
    const [error] = validate(schema, document);
    if (error) throw error;
    return document;
  };

  return {
    mode,
    schema,
    rules,
    plan(document, operationName, caller, grants, planOptions = {}) {
      if (!caller.department)
        throw new Error('the sharing policy needs an authenticated caller with a department');
      if (grants.status === 'LOADED' && grants.department !== caller.department) {
        throw new Error(
          `grants of ${grants.department} were loaded for a caller of ${caller.department}`,
        );
      }
      const now = planOptions.now ?? Date.now();
      const key = JSON.stringify([
        planOptions.documentKey ?? keyOf(document),
        operationName ?? null,
        caller.department,
        caller.application,
        caller.purpose,
        grants.status === 'LOADED' ? grants.version : null,
        caseBindingKey(caller.case),
      ]);
      const cached = cache.get(key, (p) => p.validUntil === null || now < p.validUntil);
      if (cached) return cached;
      const doc = typeof document === 'string' ? parsed(document) : document;
      const plan = buildPlan(
        { schema, rules, mode },
        { document: doc, operationName: operationName ?? null, caller, grants, now },
      );
      cache.set(key, plan);
      return plan;
    },
    apply(plan, result, variables = {}) {
      if (plan.mode === 'dry-run') return withExtension(result, dryRunReport(plan));
      let data = result.data;
      let denialPaths: ReadonlyMap<number, ResponsePath> = new Map();
      if (data !== undefined && plan.patch.entries.length > 0) {
        ({ data, denialPaths } = patchResponse(plan.patch, data, {
          variables,
          variableDefaults: plan.variableDefaults,
          nulls,
        }));
      }
      const errors = [
        ...(result.errors ?? []),
        ...plan.denied.map((d, i) => denialError(d, denialPaths.get(i) ?? d.path)),
      ];
      const patched: ExecutionResult = {
        ...result,
        data,
        ...(errors.length > 0 ? { errors } : {}),
      };
      return plan.masked.length > 0
        ? withExtension(patched, { masked: maskedSummary(plan) })
        : patched;
    },
    cacheStats: () => ({ size: cache.size, hits: cache.hits, misses: cache.misses }),
  };
}

function withExtension(
  result: ExecutionResult,
  sharingPolicy: Record<string, unknown>,
): ExecutionResult {
  return { ...result, extensions: { ...result.extensions, sharingPolicy } };
}

/** Which coordinates came back masked, and how: consumers must not take them for real values. */
function maskedSummary(plan: PolicyPlan): { coordinate: string; mask: string }[] {
  const seen = new Map<string, string>();
  for (const m of plan.masked) seen.set(m.coordinate, m.mask);
  return [...seen].map(([coordinate, mask]) => ({ coordinate, mask }));
}

function dryRunReport(plan: PolicyPlan): Record<string, unknown> {
  return {
    mode: 'dry-run',
    wouldDeny: plan.denied.map((d) => ({
      coordinate: d.coordinate,
      decidedBy: d.decidedBy,
      reason: d.reason,
      path: d.path,
    })),
    wouldMask: plan.masked.map((m) => ({ coordinate: m.coordinate, mask: m.mask, path: m.path })),
  };
}
