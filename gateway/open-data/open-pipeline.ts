/**
 * Runs a validated open document through the gateway's own GraphQL pipeline
 * (graphql-endpoint.ts `run`) as the open-data application (open-caller.ts): the stages run
 * as for any caller, and the audit record, durable before anything is answered, says the access
 * was open data (`delivery` OPEN_DATA, OPEN_DATA_CSV or OPEN_DATA_JSON) and keeps the client's
 * address. The delivery admits only the very document that was validated against the open
 * schema: nothing between the check and the execution can swap it.
 */
import { ErrorCode } from '../../domain/error-codes';
import type { Delivery as DeliveryKind } from '../../contracts/audit/record-delivery';
import { HttpError } from '../../contracts/http/http-error';
import type { DeliveredResponse, GraphQLEndpoint, HeldResponse } from '../http/graphql-endpoint';
import { onlyQueries } from '../http/pipeline-request';
import { openPipelineRequest, OpenCaller } from './open-caller';
import type { OpenRequestBody } from './open-document';

export type OpenDeliveryKind = Extract<
  DeliveryKind,
  'OPEN_DATA' | 'OPEN_DATA_CSV' | 'OPEN_DATA_JSON'
>;

export interface OpenPipeline {
  run<T>(
    body: OpenRequestBody,
    clientAddress: string,
    kind: OpenDeliveryKind,
    prepare?: (response: HeldResponse) => T | null,
  ): Promise<DeliveredResponse<T>>;
}

export function openPipeline(graphql: GraphQLEndpoint, caller: OpenCaller): OpenPipeline {
  return {
    async run(body, clientAddress, kind, prepare) {
      const text = JSON.stringify(body);
      const request = openPipelineRequest(text, await caller.authorization(), clientAddress);
      return graphql.run(request, {
        kind,
        admit(admitted) {
          const query = (admitted as { query?: unknown } | null)?.query;
          // Second line of defence: whatever reaches the platform as the open-data application reads only.
          if (query !== body.query || !onlyQueries(body.query))
            throw new HttpError(
              500,
              'the open-data request changed between its check and its execution',
              ErrorCode.INTERNAL_SERVER_ERROR,
            );
        },
        prepare: (response) => (prepare ? prepare(response) : null),
      });
    },
  };
}
