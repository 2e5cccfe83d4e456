/**
 * What the gateway reads of an approval case (办件) from the sharing subgraph, and the headers a
 * request names its case by. Both sides build from this file: the subgraph's SDL must answer
 * CASE_FOR_GATEWAY_QUERY (a test in the sharing subgraph validates it), the gateway decides
 * with CaseRecord.
 */

/** The header a case-bound request names its case in (or `extensions.case` in the body). */
export const CASE_HEADER = 'x-case';

export const CASE_FOR_GATEWAY_QUERY = `query CaseForGateway($number: ID!) {
  case(number: $number) {
    number
    status
    application { id }
    item {
      code
      name
      includesRepresentedEntities
      dataItems { coordinate }
    }
    applicants { idNumbers creditCodes }
    consent { scope signedAt }
    openedAt
    closedAt
  }
}`;

/**
 * For an item that may draw on the legal entities its applicants represent
 * (`includesRepresentedEntities`): the entities each applicant is the legal representative of,
 * asked of the legal-entity subgraph by the federation entity query for Person.
 */
export const REPRESENTED_ENTITIES_QUERY = `query RepresentedEntities($people: [_Any!]!) {
  _entities(representations: $people) { ... on Person { enterprises { creditCode } } }
}`;

export interface RepresentedEntitiesData {
  _entities: ({ enterprises?: { creditCode: string }[] | null } | null)[];
}

export function representedCreditCodes(data: RepresentedEntitiesData): string[] {
  return data._entities.flatMap((p) => (p?.enterprises ?? []).map((e) => e.creditCode));
}

/** A case as the gateway decides with it. */
export interface CaseRecord {
  readonly number: string;
  readonly status: 'OPEN' | 'CLOSED';
  /** The registered application that opened the case: the only one that may pull under it. */
  readonly application: string;
  readonly item: {
    readonly code: string;
    readonly name: string;
    /** The item may also draw on legal entities an applicant represents (个体工商户登记, say). */
    readonly includesRepresentedEntities: boolean;
    /** Coordinates (`Type.field`, `Type.*`) the item may draw from the graph instead of paper. */
    readonly dataItems: readonly string[];
  };
  readonly applicants: {
    readonly idNumbers: readonly string[];
    readonly creditCodes: readonly string[];
  };
  /** What the applicants authorised (coordinates, `Type.*` allowed): within the item's data list. */
  readonly consent: { readonly scope: readonly string[]; readonly signedAt: string };
  readonly openedAt: string;
  readonly closedAt: string | null;
}

interface CaseForGatewayData {
  case: {
    number: string;
    status: 'OPEN' | 'CLOSED';
    application: { id: string };
    item: {
      code: string;
      name: string;
      includesRepresentedEntities: boolean;
      dataItems: { coordinate: string }[];
    };
    applicants: { idNumbers: string[]; creditCodes: string[] };
    consent: { scope: string[]; signedAt: string };
    openedAt: string;
    closedAt: string | null;
  } | null;
}

/** The gateway's record of the answer; null when no such case exists. */
export function caseRecordFromData(data: CaseForGatewayData): CaseRecord | null {
  const c = data.case;
  if (!c) return null;
  return {
    number: c.number,
    status: c.status,
    application: c.application.id,
    item: {
      code: c.item.code,
      name: c.item.name,
      includesRepresentedEntities: c.item.includesRepresentedEntities,
      dataItems: c.item.dataItems.map((d) => d.coordinate),
    },
    applicants: { idNumbers: c.applicants.idNumbers, creditCodes: c.applicants.creditCodes },
    consent: { scope: c.consent.scope, signedAt: c.consent.signedAt },
    openedAt: c.openedAt,
    closedAt: c.closedAt,
  };
}
