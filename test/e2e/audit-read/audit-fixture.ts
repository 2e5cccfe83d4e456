/**
 * Test support for the audit subgraph: a temp audit database (SQLite or MariaDB) that the audit
 * library's own AuditTrail writes real, chained records into (journal, then shipped), and the
 * subgraph served over it with a stand-in for the gateway's signed caller header.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Knex } from 'knex';
import { readAuditConfig } from '../../../gateway/config/audit';
import type { AuditEntry } from '../../../contracts/audit/audit-record';
import { openAuditDatabase } from '../../../gateway/audit/audit-store';
import { AuditTrail } from '../../../gateway/audit/audit-trail';
import { testKeys } from '../../utils/audit-fixtures';
import type { AuditKeys } from '../../../contracts/audit/audit-keys';
import { withIdNumberCheck } from '../../../domain/id-number';
import { GraphQLResult, postGraphQL } from '../../utils/graphql-client';
import { createTempDatabase, TempDatabase } from '../../utils/temp-database';
import type { CallerIdentity } from '../../../contracts/caller/caller-identity';
import { RunningSubgraph, startSubgraphServer } from '../../../subgraphs/kit/subgraph-server';
import { CALLER_HEADER, testVerifier } from '../../../subgraphs/sharing/__tests__/sharing-fixture';
import { coordinateOwnersFrom } from '../../../subgraphs/audit/coordinate-owners';
import { createAuditSubgraph } from '../../../subgraphs/audit/module';
import { fixedSubjectKey } from '../../../subgraphs/audit/subject-key';

/** Two residents of Chongchuan (valid GB 11643 numbers). */
export const PERSON_A = withIdNumberCheck('32060219900101123');
export const PERSON_B = withIdNumberCheck('32060219851231456');

/**
 * A small supergraph with known owners, so the tests do not move when other subgraphs change:
 * Person and Query.person from population (public-security), LegalEntity and Query.legalEntity
 * from legal-entity (market-regulation).
 */
export const TEST_SUPERGRAPH = `
enum join__Graph {
  POPULATION @join__graph(name: "population", url: "http://127.0.0.1:4001/graphql")
  LEGAL_ENTITY @join__graph(name: "legal-entity", url: "http://127.0.0.1:4002/graphql")
}
type Query @join__type(graph: POPULATION) @join__type(graph: LEGAL_ENTITY) {
  person(idNumber: ID!): Person @join__field(graph: POPULATION) @sharing(level: UNCONDITIONAL)
  legalEntity(creditCode: ID!): LegalEntity @join__field(graph: LEGAL_ENTITY) @sharing(level: UNCONDITIONAL)
}
type Person @join__type(graph: POPULATION, key: "idNumber") @join__type(graph: LEGAL_ENTITY, key: "idNumber") @sharing(level: UNCONDITIONAL) {
  idNumber: ID! @join__field(graph: POPULATION) @join__field(graph: LEGAL_ENTITY) @sharing(level: UNCONDITIONAL, mask: ID_NUMBER)
  name: String! @join__field(graph: POPULATION) @sharing(level: UNCONDITIONAL, mask: NAME)
  birthDate: String @join__field(graph: POPULATION) @sharing(level: CONDITIONAL, mask: DATE)
  phone: String @join__field(graph: POPULATION) @sharing(level: CONDITIONAL, mask: PHONE)
  householdAddress: String @join__field(graph: POPULATION) @sharing(level: CONDITIONAL, mask: ADDRESS)
  enterprises: [String!] @join__field(graph: LEGAL_ENTITY) @sharing(level: CONDITIONAL)
}
type LegalEntity @join__type(graph: LEGAL_ENTITY, key: "creditCode") @sharing(level: UNCONDITIONAL) {
  creditCode: ID!
  name: String!
}
`;

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

/** As the gateway forwards a citizen's own token (gateway/auth/citizen-claims.ts). */
export function citizenOf(idNumber: string): CallerIdentity {
  return {
    department: 'citizen',
    application: null,
    operator: null,
    purpose: null,
    roles: [],
    citizenIdNumber: idNumber,
  };
}

let counter = 0;

/** One request as the gateway would record it; `at` in UTC. */
export function access(
  at: string,
  caller: { department: string | null; application?: string | null; operator?: string | null },
  what: {
    purpose?: string | null;
    served?: string[];
    masked?: string[];
    denied?: { coordinate: string; reason: string }[];
    people?: string[];
    outcome?: AuditEntry['outcome'];
    document?: string;
    /** 办件: the approval case a case-bound request served. */
    case?: { number: string; item: string | null };
  },
): AuditEntry {
  counter++;
  return {
    requestId: `req-${counter}`,
    time: new Date(at),
    caller: {
      department: caller.department,
      application: caller.application ?? null,
      operator: caller.operator ?? (caller.department ? `op@${caller.department}` : null),
      roles: [],
    },
    operationName: `Op${counter}`,
    document: what.document ?? `query Op${counter} { person(idNumber: "x") { name } }`,
    variables: null,
    purpose: what.purpose ?? null,
    fields: {
      requested: [...(what.served ?? []), ...(what.denied ?? []).map((d) => d.coordinate)],
      served: what.served ?? [],
      masked: what.masked ?? [],
      denied: what.denied ?? [],
    },
    subgraphs: ['population'],
    outcome: what.outcome ?? 'ok',
    httpStatus: what.outcome === 'refused' ? 401 : 200,
    errorCodes: [],
    latencyMs: 5,
    responseBytes: 100,
    subjects: (what.people ?? []).map((id) => ({ kind: 'person' as const, id })),
    ...(what.case ? { case: what.case } : {}),
  };
}

export interface AuditFixture {
  temp: TempDatabase;
  server: RunningSubgraph;
  trail: AuditTrail;
  /** The trail's keys: the verifier checks its checkpoints with `keys.publicKey`. */
  keys: AuditKeys;
  /** Appends the entries through the audit trail and ships them into the database. */
  record(entries: readonly AuditEntry[]): Promise<void>;
  /** Posts to the subgraph as this caller (null: no caller). */
  as(
    caller: CallerIdentity | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResult>;
  /** A second connection to the audit database (e.g. for a concurrent summariser). */
  connect(): Promise<Knex>;
  stop(): Promise<void>;
}

export async function startAuditFixture(backend: 'sqlite' | 'mysql'): Promise<AuditFixture> {
  const keys = testKeys();
  const module = createAuditSubgraph({
    owners: coordinateOwnersFrom(TEST_SUPERGRAPH),
    subjectKey: fixedSubjectKey(keys.hmac),
    log: () => {},
  });
  const temp = await createTempDatabase(module, { backend, empty: true });
  const journalDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shujutong-audit-read-'));
  const connections: Knex[] = [];
  const connect = async () => {
    const db = await openAuditDatabase(temp.target);
    connections.push(db);
    return db;
  };
  const trail = await AuditTrail.open(
    readAuditConfig({ DATA_DIR: journalDir, GATEWAY_INSTANCE: 'gw-read-test' }),
    {
      keys,
      ship: false,
      connect: () => openAuditDatabase(temp.target),
      onWarning: () => {},
    },
  );
  const server = await startSubgraphServer(module, {
    db: temp.db,
    port: 0,
    verifyRequest: testVerifier,
    log: () => {},
  });
  return {
    temp,
    server,
    trail,
    keys,
    async record(entries) {
      for (const e of entries) await trail.append(e);
      await trail.shipper.drain();
    },
    as: (caller, query, variables = {}) =>
      postGraphQL(
        server.url,
        query,
        variables,
        caller ? { [CALLER_HEADER]: JSON.stringify(caller) } : {},
      ),
    connect,
    async stop() {
      await server.stop();
      await trail.close({ shipTimeoutMs: 0 });
      await Promise.all(connections.map((c) => c.destroy()));
      await temp.cleanup();
      fs.rmSync(journalDir, { recursive: true, force: true });
    },
  };
}
