/**
 * Wraps the Apollo gateway so the operation stage (stage-hooks.ts, step 3) runs between
 * validation and query planning, and the result stage (step 5) between execution and
 * serialisation. A stage that replaces the document also changes the query-plan cache key:
 * otherwise a caller could be served a plan made for another caller's (differently edited)
 * operation. It also hands the hooks the supergraph and starts and stops them with the gateway.
 */
import { createHash } from 'node:crypto';
import { GraphQLError, print } from 'graphql';
import type {
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback,
  GatewayUnsubscriber,
} from '@apollo/server-gateway-interface';
import type { ApolloContextValue } from '../stages/request-context';
import { HookPipeline, OperationStage, ResultStage, runStage } from '../stages/stage-hooks';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export class StagedGateway implements GatewayInterface {
  /** A hook's failure to take the supergraph, raised from load() so the gateway does not start without it. */
  private supergraphFailure: unknown = null;

  constructor(
    private readonly inner: GatewayInterface,
    private readonly pipeline: HookPipeline,
    /** Puts another executor in front of the inner gateway's (plan-execution/lean-executor.ts). */
    private readonly executorOf: (inner: GatewayExecutor) => GatewayExecutor = (inner) => inner,
  ) {
    if (pipeline.onSupergraph.length > 0) {
      inner.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
        try {
          for (const hook of pipeline.onSupergraph) hook(coreSupergraphSdl);
        } catch (err) {
          this.supergraphFailure = err;
        }
      });
    }
  }

  async load(options: Parameters<GatewayInterface['load']>[0]): Promise<GatewayLoadResult> {
    const loaded = await this.inner.load(options);
    try {
      if (this.supergraphFailure) throw this.supergraphFailure;
      for (const start of this.pipeline.start) await start();
    } catch (err) {
      await this.stop();
      throw err;
    }
    return {
      ...loaded,
      executor: loaded.executor && this.staged(this.executorOf(loaded.executor)),
    };
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): GatewayUnsubscriber {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  async stop(): Promise<void> {
    try {
      await this.inner.stop();
    } finally {
      await Promise.allSettled(this.pipeline.stop.map((stop) => stop()));
    }
  }

  private staged(execute: GatewayExecutor): GatewayExecutor {
    const hooks = this.pipeline.onOperation;
    const resultHooks = this.pipeline.onResult;
    return async (requestContext) => {
      const context = (requestContext.context as ApolloContextValue).gateway;
      let extraErrors: readonly GraphQLError[] = [];
      if (hooks.length > 0) {
        const stage: OperationStage = {
          context,
          schema: requestContext.schema,
          document: requestContext.document,
          operationName: requestContext.operationName,
          variables: requestContext.request.variables ?? {},
          errors: [],
        };
        try {
          await runStage(hooks, stage);
        } catch (err) {
          // A stage may refuse the whole operation with a GraphQL error (e.g. nothing left to run).
          if (err instanceof GraphQLError) return { errors: [err] };
          throw err;
        }
        if (stage.document !== requestContext.document) replaceDocument(requestContext, stage);
        extraErrors = stage.errors;
      }
      context.operation = {
        document: requestContext.document,
        operationName: requestContext.operationName,
      };
      const result = await execute(requestContext);
      const merged =
        extraErrors.length > 0
          ? { ...result, errors: [...extraErrors, ...(result.errors ?? [])] }
          : result;
      if (resultHooks.length === 0) {
        context.result = merged;
        return merged;
      }
      const stage: ResultStage = {
        context,
        result: merged,
        operationName: requestContext.operationName,
        variables: requestContext.request.variables ?? {},
      };
      await runStage(resultHooks, stage);
      context.result = stage.result;
      return stage.result;
    };
  }
}

function replaceDocument(
  requestContext: GatewayGraphQLRequestContext,
  stage: OperationStage,
): void {
  const writable = requestContext as Writable<GatewayGraphQLRequestContext>;
  writable.document = stage.document;
  // The gateway keys its query-plan cache on queryHash.
  writable.queryHash =
    stage.documentKey ?? createHash('sha256').update(print(stage.document)).digest('hex');
}
