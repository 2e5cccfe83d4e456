/**
 * Wraps the Apollo gateway so the operation stage (request-hooks.ts, step 3) runs between
 * validation and query planning. A stage that replaces the document also changes the
 * query-plan cache key: otherwise a caller could be served a plan made for another caller's
 * (differently edited) operation.
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
import type { ApolloContextValue } from './gateway-context';
import { HookPipeline, OperationStage, runStage } from './request-hooks';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export class StagedGateway implements GatewayInterface {
  constructor(
    private readonly inner: GatewayInterface,
    private readonly pipeline: HookPipeline,
  ) {}

  async load(options: Parameters<GatewayInterface['load']>[0]): Promise<GatewayLoadResult> {
    const loaded = await this.inner.load(options);
    return { ...loaded, executor: loaded.executor && this.staged(loaded.executor) };
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): GatewayUnsubscriber {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  private staged(execute: GatewayExecutor): GatewayExecutor {
    const hooks = this.pipeline.onOperation;
    return async (requestContext) => {
      const context = (requestContext.context as ApolloContextValue).gateway;
      let extraErrors: readonly GraphQLError[] = [];
      if (hooks.length > 0) {
        const stage: OperationStage = {
          context,
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
      context.operation = { document: requestContext.document, operationName: requestContext.operationName };
      const result = await execute(requestContext);
      const merged = extraErrors.length > 0 ? { ...result, errors: [...extraErrors, ...(result.errors ?? [])] } : result;
      context.result = merged;
      return merged;
    };
  }
}

function replaceDocument(requestContext: GatewayGraphQLRequestContext, stage: OperationStage): void {
  const writable = requestContext as Writable<GatewayGraphQLRequestContext>;
  writable.document = stage.document;
  // The gateway keys its query-plan cache on queryHash.
  writable.queryHash = stage.documentKey ?? createHash('sha256').update(print(stage.document)).digest('hex');
}
