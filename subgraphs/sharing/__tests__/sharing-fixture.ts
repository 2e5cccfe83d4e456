/**
 * Test support for the sharing subgraph: a small supergraph with known classifications (so the
 * tests do not move when other subgraphs change), and a stand-in for the gateway's signed caller
 * headers: the server is started with a verifyRequest that reads the caller from a test header.
 */
import type http from 'node:http';
import { postGraphQL, GraphQLResult } from '../../../test/utils/graphql-client';
import type { CallerIdentity } from '../../../contracts/caller/caller-identity';
import type { RequestVerifier } from '../../kit/subgraph-server';
import { catalogueFromSupergraph } from '../coordinate-catalogue';

export const TEST_SUPERGRAPH = `
enum join__Graph {
  POPULATION @join__graph(name: "population", url: "http://127.0.0.1:4001/graphql")
  LEGAL_ENTITY @join__graph(name: "legal-entity", url: "http://127.0.0.1:4002/graphql")
  CREDIT @join__graph(name: "credit", url: "http://127.0.0.1:4007/graphql")
}
type Query @join__type(graph: POPULATION) @join__type(graph: LEGAL_ENTITY) {
  person(idNumber: ID!): Person @join__field(graph: POPULATION) @sharing(level: UNCONDITIONAL)
  people(regionCode: ID!): [Person!]! @join__field(graph: POPULATION) @sharing(level: CONDITIONAL)
}
type Person @join__type(graph: POPULATION, key: "idNumber") @join__type(graph: LEGAL_ENTITY, key: "idNumber") @sharing(level: UNCONDITIONAL) {
  idNumber: ID! @join__field(graph: POPULATION) @join__field(graph: LEGAL_ENTITY) @sharing(level: UNCONDITIONAL, mask: ID_NUMBER)
  name: String! @join__field(graph: POPULATION) @sharing(level: UNCONDITIONAL, mask: NAME)
  gender: String! @join__field(graph: POPULATION)
  birthDate: String! @join__field(graph: POPULATION) @sharing(level: CONDITIONAL, mask: DATE)
  phone: String @join__field(graph: POPULATION) @sharing(level: CONDITIONAL, mask: PHONE)
  ethnicity: String! @join__field(graph: POPULATION) @sharing(level: CONDITIONAL)
  enterprises: [String!]! @join__field(graph: LEGAL_ENTITY) @sharing(level: CONDITIONAL)
  policeNote: String @join__field(graph: POPULATION) @sharing(level: NONE)
}
type Household @join__type(graph: POPULATION, key: "number") @sharing(level: CONDITIONAL) {
  number: ID!
  address: String! @sharing(level: CONDITIONAL, mask: ADDRESS)
  members: [Person!]!
}
type LegalEntity @join__type(graph: LEGAL_ENTITY, key: "creditCode") @sharing(level: UNCONDITIONAL) {
  creditCode: ID!
  name: String!
  paidInCapital: Float @sharing(level: CONDITIONAL)
  contactPhone: String @sharing(level: CONDITIONAL, mask: PHONE)
  riskClass: String @sharing(level: NONE)
}
type Industry @join__type(graph: LEGAL_ENTITY) @sharing(level: UNCONDITIONAL) {
  code: ID!
  name: String!
}
type BlacklistEntry @join__type(graph: CREDIT) @sharing(level: NONE) {
  id: ID!
  reason: String!
}
`;

export const testCatalogue = () => catalogueFromSupergraph(TEST_SUPERGRAPH);

export const CALLER_HEADER = 'x-test-caller';

/** Reads the caller the test put in a header; no header, no caller (as an unsigned request would be). */
export const testVerifier: RequestVerifier = (req: http.IncomingMessage) => {
  const value = req.headers[CALLER_HEADER];
  return typeof value === 'string' ? (JSON.parse(value) as CallerIdentity) : null;
};

export function callerOf(department: string, extra: Partial<CallerIdentity> = {}): CallerIdentity {
  return {
    department,
    application: null,
    operator: `op@${department}`,
    purpose: null,
    roles: [],
    ...extra,
  };
}

/** A GraphQL client bound to a server URL, sending as a department (or as nobody). */
export function clientFor(url: string) {
  return (
    department: string | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResult> =>
    postGraphQL(
      url,
      query,
      variables,
      department ? { [CALLER_HEADER]: JSON.stringify(callerOf(department)) } : {},
    );
}

/** A clock the test moves by hand. */
export function manualClock(iso: string) {
  let now = new Date(iso);
  return {
    clock: () => now,
    set(next: string) {
      now = new Date(next);
    },
  };
}
