/**
 * Binds a request to the approval case (办件) it names (gateway/http/stated-case.ts), after
 * authentication (the case must be the caller's application's) and the rate limits, before the
 * sharing policy, which serves item grants (事项授权) only under the binding
 * (gateway/policy/case-binding.ts); find-subjects.ts then checks every subject served under them
 * against the case's applicants, and the audit records the case with the request.
 *
 * The case is read from the sharing subgraph on every case-bound request, not cached: a closed
 * case must yield nothing more at once, on every gateway instance. A case that does not exist or
 * belongs to another application binds nothing (item grants then answer CASE_REQUIRED): the
 * answer must not tell a caller whether someone else's case number exists.
 */
import {
  CASE_FOR_GATEWAY_QUERY,
  caseRecordFromData,
  CaseRecord,
  REPRESENTED_ENTITIES_QUERY,
  representedCreditCodes,
  RepresentedEntitiesData,
} from '../../contracts/cases/approval-case';
import { HttpError } from '../../contracts/http/http-error';
import { ErrorCode } from '../../domain/error-codes';
import { statedCase } from '../http/stated-case';
import type { CaseBinding } from '../policy/case-binding';
import type { CaseApplicants } from '../quotas/subject-quotas';
import type { PlatformClient } from '../signing/platform-client';
import { GatewayContext, stageState } from './request-context';
import type { GatewayHooks } from './stage-hooks';

type CaseForGatewayData = Parameters<typeof caseRecordFromData>[0];

/** What a case-bound request carries through the stages after this one. */
export interface BoundCase {
  /** The number as named by the request. */
  readonly number: string;
  /** Null when the case is unknown or not the caller's application's: nothing is bound. */
  readonly binding: CaseBinding | null;
  readonly applicants: CaseApplicants | null;
  /** The case's item, for the audit record (null when nothing is bound). */
  readonly item: string | null;
}

const boundCases = stageState<BoundCase>();

/** The case this request is bound to; undefined when it names none. */
export function boundCaseOf(context: GatewayContext): BoundCase | undefined {
  return boundCases.get(context);
}

export function bindingFor(
  record: CaseRecord | null,
  application: string | null,
): BoundCase['binding'] {
  if (!record || application === null || record.application !== application) return null;
  return {
    number: record.number,
    item: record.item.code,
    open: record.status === 'OPEN',
    dataItems: record.item.dataItems,
    consent: record.consent.scope,
  };
}

export interface BindToCaseOptions {
  readonly client: Pick<PlatformClient, 'query'>;
}

export function createBindToCaseStage(options: BindToCaseOptions): GatewayHooks {
  return {
    name: 'bind-to-case',
    async onRequest({ context, rawBody }) {
      const number = statedCase(context.http, rawBody);
      if (number === null) return;
      let data: CaseForGatewayData;
      try {
        data = await options.client.query<CaseForGatewayData>('sharing', CASE_FOR_GATEWAY_QUERY, {
          number,
        });
      } catch {
        // Fail closed and say so: serving as if no case were named would look like a refusal.
        throw new HttpError(
          503,
          `cannot check case ${number} with the sharing platform now; try again shortly`,
          ErrorCode.REGISTRY_UNAVAILABLE,
        );
      }
      const record = caseRecordFromData(data);
      const binding = bindingFor(record, context.caller?.application ?? null);
      // An item that draws on the entities its applicants represent (个体工商户登记, say) binds
      // those entities too, as the legal-entity subgraph knows them now.
      const represented =
        binding && record && record.item.includesRepresentedEntities
          ? await representedBy(options.client, record.applicants.idNumbers, number)
          : [];
      boundCases.set(context, {
        number,
        binding,
        applicants:
          binding && record
            ? {
                idNumbers: new Set(record.applicants.idNumbers),
                creditCodes: new Set([...record.applicants.creditCodes, ...represented]),
              }
            : null,
        item: binding ? binding.item : null,
      });
    },
  };
}

async function representedBy(
  client: Pick<PlatformClient, 'query'>,
  idNumbers: readonly string[],
  number: string,
): Promise<string[]> {
  if (idNumbers.length === 0) return [];
  try {
    const data = await client.query<RepresentedEntitiesData>(
      'legal-entity',
      REPRESENTED_ENTITIES_QUERY,
      { people: idNumbers.map((idNumber) => ({ __typename: 'Person', idNumber })) },
    );
    return representedCreditCodes(data);
  } catch {
    throw new HttpError(
      503,
      `cannot check whom the applicants of case ${number} represent now; try again shortly`,
      ErrorCode.REGISTRY_UNAVAILABLE,
    );
  }
}
