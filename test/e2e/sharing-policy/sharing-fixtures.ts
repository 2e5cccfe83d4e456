/**
 * Test support for the sharing-policy scenarios: grants made through the sharing subgraph's real
 * workflow over the gateway (apply as the consumer, approve or revoke as each owner), expired
 * grants inserted directly (the workflow cannot back-date), subjects picked from the seeded
 * databases, and a stage that records exactly what the gateway sends to subgraphs.
 */
import { parse, visit } from 'graphql';
import { Knex } from 'knex';
import { GatewayHooks } from '../../../gateway/stages/stage-hooks';
import { chinaDate } from '../../../subgraphs/sharing/clock';
import { bumpGrantVersion } from '../../../subgraphs/sharing/grant-versions';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform } from '../../utils/platform';

export const APPLY = `mutation Apply($input: SharingApplicationInput!) {
  applyForSharing(input: $input) { id status requests { id owner { code } items status } }
}`;
export const APPROVE = `mutation Approve($id: ID!, $input: SharingApprovalInput) {
  approveSharingRequest(id: $id, input: $input) { id status grant { id coordinates purposes clear } }
}`;
export const REVOKE = `mutation Revoke($id: ID!, $reason: String!) { revokeGrant(id: $id, reason: $reason) { id status } }`;

export interface Application {
  department: string;
  items: string[];
  purposes: string[];
  clear?: boolean;
  justification?: string;
}

export interface MadeGrant {
  id: string;
  owner: string;
}

/** Calls the gateway as `department` and fails the test on any GraphQL error. */
export async function call<T = any>(
  platform: Platform,
  url: string,
  department: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const { status, body } = await postGraphQL(
    url,
    query,
    variables,
    await platform.headers({ department, operator: `op@${department}` }),
  );
  if (status !== 200 || body.errors)
    throw new Error(`${department}: HTTP ${status} ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

/** Applies as the consumer, then every owner approves its request as asked: the grants in force. */
export async function applyAndApprove(
  platform: Platform,
  application: Application,
  url = platform.gatewayUrl,
): Promise<MadeGrant[]> {
  const { department, justification = '测试用途', ...input } = application;
  const applied = await call(platform, url, department, APPLY, {
    input: { ...input, justification },
  });
  const grants: MadeGrant[] = [];
  for (const request of applied.applyForSharing.requests as {
    id: string;
    owner: { code: string };
  }[]) {
    const approved = await call(platform, url, request.owner.code, APPROVE, { id: request.id });
    grants.push({ id: approved.approveSharingRequest.grant.id, owner: request.owner.code });
  }
  return grants;
}

export async function revoke(
  platform: Platform,
  grant: MadeGrant,
  url = platform.gatewayUrl,
): Promise<void> {
  await call(platform, url, grant.owner, REVOKE, { id: grant.id, reason: '测试撤销' });
}

/** A grant that ran out `daysAgo` days ago, inserted as the workflow would have stored it, version raised. */
export async function insertExpiredGrant(
  db: Knex,
  grant: {
    id: string;
    department: string;
    grantedBy: string;
    coordinates: string[];
    purposes: string[];
    daysAgo: number;
  },
): Promise<void> {
  const day = (offset: number) => chinaDate(new Date(Date.now() + offset * 86_400_000));
  await db.transaction(async (trx) => {
    await trx('grants').insert({
      id: grant.id,
      department: grant.department,
      application_id: null,
      coordinates: JSON.stringify(grant.coordinates),
      purposes: JSON.stringify(grant.purposes),
      valid_from: day(-grant.daysAgo - 60),
      valid_until: day(-grant.daysAgo),
      clear: false,
      status: 'ACTIVE',
      granted_by: grant.grantedBy,
      source_request_id: null,
      granted_at: new Date(Date.now() - (grant.daysAgo + 60) * 86_400_000).toISOString(),
      revoked_at: null,
      revoked_by: null,
      revoke_reason: null,
    });
    await bumpGrantVersion(trx, grant.department);
  });
}

export interface Subjects {
  /** A resident with a phone, a penalty record (with case handlers) and a certificate. */
  personId: string;
  penaltyId: string;
  certificateNumber: string;
  /** A legal entity's unified social credit code. */
  creditCode: string;
}

export async function pickSubjects(platform: Platform): Promise<Subjects> {
  const penalties: { id: string; subject_key: string }[] = await platform.subgraphs
    .credit!.db('credit_records')
    .where({ subject_kind: 'NATURAL_PERSON', kind: 'PENALTY' })
    .whereNotNull('case_handler')
    .orderBy('id')
    .select('id', 'subject_key');
  const certificates: { number: string; holder_key: string }[] = await platform.subgraphs
    .licences!.db('certificates')
    .where({ holder_kind: 'PERSON' })
    .whereNotNull('address')
    .orderBy('number')
    .select('number', 'holder_key');
  const withPhone = new Set(
    (
      await platform.subgraphs
        .population!.db('people')
        .whereIn('id_number', [...new Set(penalties.map((p) => p.subject_key))])
        .whereNotNull('phone')
        .select('id_number')
    ).map((r: { id_number: string }) => r.id_number),
  );
  const penalty = penalties.find(
    (p) => withPhone.has(p.subject_key) && certificates.some((c) => c.holder_key === p.subject_key),
  );
  if (!penalty)
    throw new Error(
      'the seeded city has no resident with a phone, a penalty and a certificate: raise `persons`',
    );
  const certificate = certificates.find((c) => c.holder_key === penalty.subject_key)!;
  const entity = await platform.subgraphs['legal-entity']!.db('legal_entities')
    .orderBy('credit_code')
    .first('credit_code');
  return {
    personId: penalty.subject_key,
    penaltyId: penalty.id,
    certificateNumber: certificate.number,
    creditCode: entity.credit_code,
  };
}

export interface SubgraphCapture {
  readonly hook: GatewayHooks;
  /** What subgraphs were sent since the last reset: subgraph name and the exact body. */
  readonly sent: { subgraph: string; body: string }[];
  reset(): void;
}

/** A stage that records every subgraph fetch the gateway makes for incoming requests. */
export function captureSubgraphRequests(): SubgraphCapture {
  const sent: { subgraph: string; body: string }[] = [];
  return {
    sent,
    reset: () => void (sent.length = 0),
    hook: {
      name: 'capture-subgraph-requests',
      onSubgraphRequest({ subgraph, body, context }) {
        if (context) sent.push({ subgraph, body });
      },
    },
  };
}

/** The field names selected anywhere in a subgraph request (arguments and variables aside). */
export function selectedFields(body: string): Set<string> {
  const names = new Set<string>();
  visit(parse((JSON.parse(body) as { query: string }).query), {
    Field: (node) => void names.add(node.name.value),
  });
  return names;
}

/** Whether any recorded fetch selects this field name. */
export function sentField(capture: SubgraphCapture, field: string): boolean {
  return capture.sent.some(({ body }) => selectedFields(body).has(field));
}
