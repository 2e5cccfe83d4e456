/**
 * The gateway's executor: plans an operation once with Apollo's query planner, compiles what
 * shaping its response takes once (shape-result.ts), and then runs the plan for every request
 * (run-plan.ts). ApolloGateway's own executor turns the operation into its internal form and
 * walks it again on every request; the answers are the same, and a differential test compares
 * them (test/e2e/gateway/lean-executor.test.ts).
 *
 * An operation whose plan or selections hold what this does not run (introspection fields,
 * @defer, subscriptions, the rewrites of @interfaceObject and @fromContext), or whose planning
 * fails, goes to Apollo's executor, which answers (or refuses) it as before.
 */
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import type { Operation, VariableDefinitions } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { PlanNode, QueryPlan } from '@apollo/query-planner';
import type { GraphQLDataSource } from '@apollo/gateway';
import type {
  GatewayExecutor,
  GatewayGraphQLRequestContext,
} from '@apollo/server-gateway-interface';
import { GraphQLError, GraphQLSchema, Kind, OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { compileShape, CompiledShape } from './shape-compile';
import { shapeResponse } from './shape-result';
import { runPlan } from './run-plan';

/** Plans kept, least recently used dropped first: each entry holds a plan, its shape and its variables. */
export const MAX_PLANS = 2000;

interface Planned {
  readonly lean: true;
  readonly plan: QueryPlan;
  readonly shape: CompiledShape;
  readonly variableDefinitions: VariableDefinitions;
  readonly definition: OperationDefinitionNode;
}

type Entry = Planned | { readonly lean: false; readonly reason: string };

/** Why a plan is left to Apollo's executor; null when this one runs it. */
export function unsupportedIn(node: PlanNode | undefined): string | null {
  if (!node) return null;
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      for (const child of node.nodes) {
        const why = unsupportedIn(child);
        if (why) return why;
      }
      return null;
    case 'Flatten':
      return unsupportedIn(node.node);
    case 'Condition':
      return unsupportedIn(node.ifClause) ?? unsupportedIn(node.elseClause);
    case 'Fetch':
      if (node.inputRewrites?.length || node.outputRewrites?.length || node.contextRewrites?.length)
        return 'a fetch rewrites its data (@interfaceObject, @fromContext)';
      return null;
    default:
      return `a ${node.kind} node`;
  }
}

export interface LeanExecutionOptions {
  readonly supergraphSdl: string;
  /** The subgraph clients by name, once the gateway has built them. */
  readonly services: () => Readonly<Record<string, GraphQLDataSource>>;
  /** @default MAX_PLANS */
  readonly maxPlans?: number;
}

export class LeanExecution {
  private readonly supergraph: Supergraph;
  private readonly planner: QueryPlanner;
  private readonly apiSchema: ReturnType<Supergraph['apiSchema']>;
  private readonly supergraphSchema: GraphQLSchema;
  private readonly entries = new Map<string, Entry>();
  private readonly maxPlans: number;
  /** Requests answered here and by Apollo's executor: for tests and the bench. */
  readonly counts = { lean: 0, apollo: 0 };
  /** Operations planned so far, each a miss of the plan cache. */
  plansMade = 0;

  constructor(private readonly options: LeanExecutionOptions) {
    this.supergraph = Supergraph.build(options.supergraphSdl);
    this.planner = new QueryPlanner(this.supergraph);
    this.apiSchema = this.supergraph.apiSchema();
    this.supergraphSchema = this.supergraph.schema.toGraphQLJSSchema();
    this.maxPlans = options.maxPlans ?? MAX_PLANS;
  }

  /** Plans kept now: at most `maxPlans`. */
  get plansKept(): number {
    return this.entries.size;
  }

  /** An executor that answers what it can and hands the rest to `apollo`. */
  executor(apollo: GatewayExecutor): GatewayExecutor {
    return async (requestContext) => {
      const entry = this.entryFor(requestContext);
      if (!entry.lean) {
        this.counts.apollo++;
        return apollo(requestContext);
      }
      this.counts.lean++;
      return this.execute(entry, requestContext);
    };
  }

  private entryFor(requestContext: GatewayGraphQLRequestContext): Entry {
    const key = `${requestContext.queryHash}\0${requestContext.request.operationName ?? ''}`;
    let entry = this.entries.get(key);
    if (entry) {
      // Least recently used goes first: a hit moves to the end.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry;
    }
    entry = this.plan(requestContext);
    this.plansMade++;
    if (this.entries.size >= this.maxPlans) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, entry);
    return entry;
  }

  private plan(requestContext: GatewayGraphQLRequestContext): Entry {
    const { document } = requestContext;
    const operationName = requestContext.request.operationName ?? undefined;
    const definition = document.definitions.find(
      (d): d is OperationDefinitionNode =>
        d.kind === Kind.OPERATION_DEFINITION &&
        (operationName === undefined || d.name?.value === operationName),
    );
    if (!definition) return { lean: false, reason: 'no such operation' };
    if (definition.operation === 'subscription') return { lean: false, reason: 'a subscription' };
    let planning: Operation;
    let shaping: Operation;
    try {
      // Two copies: the planner may normalise the one it is given.
      planning = operationFromDocument(this.apiSchema, document, { operationName });
      shaping = operationFromDocument(this.apiSchema, document, { operationName, validate: false });
    } catch (err) {
      return { lean: false, reason: String((err as Error).message) };
    }
    let plan: QueryPlan;
    let shape: CompiledShape;
    try {
      plan = this.planner.buildQueryPlan(planning);
      shape = compileShape(shaping);
    } catch (err) {
      return { lean: false, reason: String((err as Error).message) };
    }
    const why = unsupportedIn(plan.node as PlanNode | undefined);
    if (why) return { lean: false, reason: why };
    return {
      lean: true,
      plan,
      shape,
      variableDefinitions: shaping.variableDefinitions,
      definition,
    };
  }

  private async execute(entry: Planned, requestContext: GatewayGraphQLRequestContext) {
    const variables = requestContext.request.variables ?? {};
    if (entry.definition.variableDefinitions?.length) {
      const { errors } = getVariableValues(
        requestContext.schema,
        entry.definition.variableDefinitions,
        variables,
      );
      if (errors) return { errors };
    }
    const errors: Error[] = [];
    const input = await runPlan(
      {
        services: this.options.services(),
        supergraphSchema: this.supergraphSchema,
        requestContext,
        variableDefinitions: entry.variableDefinitions,
        errors,
      },
      entry.plan.node as PlanNode | undefined,
    );
    let shaped;
    try {
      shaped = shapeResponse(entry.shape, input, variables);
    } catch (err) {
      const error =
        err instanceof GraphQLError
          ? err
          : new GraphQLError((err as Error).message, { originalError: err as Error });
      return { errors: [error] };
    }
    if (errors.length > 0) return { errors: errors as GraphQLError[], data: shaped.data };
    if (shaped.errors.length > 0)
      return { extensions: { valueCompletion: shaped.errors }, data: shaped.data };
    return { data: shaped.data };
  }
}
