import type { GatewayContext } from '../../stages/request-context';
import type { PolicyPlan } from '../../policy';
import type { RequestOutcome } from '../../stages/stage-hooks';
import { HttpError } from '../../../contracts/http/http-error';
import { buildAuditEntry } from '../audit-entry';
import { LITERALS_KEY } from '../audit-document';

function context(overrides: Partial<GatewayContext> = {}): GatewayContext {
  return {
    requestId: 'req-1',
    receivedAt: 1_000,
    http: {
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      remoteAddress: '10.0.0.7',
    },
    caller: null,
    ...overrides,
  };
}

function outcome(ctx: GatewayContext, over: Partial<RequestOutcome> = {}): RequestOutcome {
  return {
    context: ctx,
    status: 200,
    body: '{"data":{}}',
    refusal: null,
    rawBody: Buffer.from('{}'),
    ...over,
  };
}

const raw = (body: object) => Buffer.from(JSON.stringify(body));
const none = { subgraphs: [], subjects: [] };

describe('the audit entry of a request', () => {
  it("of a refused request: what was attempted, by no known caller, with the refusal's code", () => {
    const ctx = context();
    const entry = buildAuditEntry(
      outcome(ctx, {
        status: 401,
        body: '{"errors":[]}',
        refusal: new HttpError(401, 'no token', 'UNAUTHENTICATED'),
        rawBody: raw({
          query: 'query Who($id: ID!) { person(idNumber: $id) { name } }',
          variables: { id: '320602199001011234' },
        }),
      }),
      none,
      1_012,
    );
    expect(entry).toMatchObject({
      requestId: 'req-1',
      time: 1_000,
      caller: {
        department: null,
        application: null,
        operator: null,
        roles: [],
        clientAddress: '10.0.0.7',
      },
      operationName: 'Who',
      document: 'query Who($id: ID!) { person(idNumber: $id) { name } }',
      variables: { id: '320602199001011234' },
      purpose: null,
      outcome: 'unauthenticated',
      httpStatus: 401,
      errorCodes: ['UNAUTHENTICATED'],
      latencyMs: 12,
      responseBytes: 13,
    });
    expect(entry.fields).toBeUndefined();
  });

  it("of a served request: the caller, the policy's coordinates and denials (marked in dry-run), what the stage saw", () => {
    const plan = {
      mode: 'dry-run',
      denied: [{ coordinate: 'Holder.phone', decidedBy: 'Person.phone', reason: 'NO_GRANT' }],
      coordinates: {
        requested: ['Person.phone', 'Query.holder'],
        served: ['Person.phone', 'Query.holder'],
        masked: [],
        denied: ['Holder.phone', 'Person.phone'],
      },
    } as unknown as PolicyPlan;
    const ctx = context({
      caller: {
        department: 'tax',
        application: 'app-1',
        operator: 'clerk',
        roles: ['r'],
        purpose: 'TAX_ADMINISTRATION',
      },
      operation: { document: { kind: 'Document', definitions: [] } as never, operationName: 'H' },
      result: { data: { holder: { phone: '1' } } },
    });
    const entry = buildAuditEntry(
      outcome(ctx, { rawBody: raw({ query: '{ holder(id: "x") { phone } }' }) }),
      {
        subgraphs: new Set(['population']),
        subjects: [{ kind: 'person', id: 'X' }],
        sharingPlan: plan,
      },
      1_001,
    );
    expect(entry).toMatchObject({
      caller: { department: 'tax', application: 'app-1', operator: 'clerk', roles: ['r'] },
      purpose: 'TAX_ADMINISTRATION',
      operationName: 'H',
      document: '{ holder(id: "<redacted>") { phone } }',
      variables: { [LITERALS_KEY]: ['"x"'] },
      fields: {
        requested: ['Person.phone', 'Query.holder'],
        served: ['Person.phone', 'Query.holder'],
        masked: [],
        denied: [
          { coordinate: 'Holder.phone', reason: 'NO_GRANT (dry-run: served)' },
          { coordinate: 'Person.phone', reason: 'NO_GRANT (dry-run: served)' },
        ],
      },
      subgraphs: ['population'],
      subjects: [{ kind: 'person', id: 'X' }],
      outcome: 'ok',
      errorCodes: [],
    });
  });
});
