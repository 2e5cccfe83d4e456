/**
 * The gateway's request stages (gateway/stages/stage-hooks.ts) are where authentication,
 * the sharing policy and the audit plug in; these tests pin down when each runs and what it
 * can do, with stand-in hooks.
 */
import { GraphQLError, Kind, visit } from 'graphql';
import { HttpError } from '../../../contracts/http/http-error';
import { GatewayHooks, RequestOutcome } from '../../../gateway/stages/stage-hooks';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';

interface Behaviour {
  refuse: boolean;
  withhold: string | null;
  failAudit: boolean;
  replaceResult: boolean;
}

describe('gateway request hooks', () => {
  let platform: Platform;
  let someone: string;
  const behaviour: Behaviour = {
    refuse: false,
    withhold: null,
    failAudit: false,
    replaceResult: false,
  };
  const lifecycle: string[] = [];
  const trail: string[] = [];
  const outcomes: RequestOutcome[] = [];

  const hooks: GatewayHooks = {
    name: 'test-stages',
    onRequest({ context, rawBody }) {
      trail.push('request');
      if (behaviour.refuse) throw new HttpError(401, 'no token', 'UNAUTHENTICATED');
      expect(rawBody.length).toBeGreaterThan(0);
      context.caller = {
        department: 'civil-affairs',
        application: null,
        operator: null,
        purpose: null,
        roles: [],
      };
    },
    onOperation(stage) {
      trail.push('operation');
      const field = behaviour.withhold;
      if (!field) return;
      stage.document = visit(stage.document, {
        Field: (node) => (node.name.value === field ? null : undefined),
      });
      stage.errors.push(
        new GraphQLError(`${field} withheld`, { extensions: { code: 'FORBIDDEN_FIELD' } }),
      );
    },
    onSubgraphRequest({ context, headers }) {
      trail.push(`subgraph:${context?.caller?.department}`);
      headers['x-test-caller'] = context?.caller?.department ?? 'none';
    },
    onResult(stage) {
      trail.push('result');
      if (behaviour.replaceResult) {
        stage.result = {
          ...stage.result,
          data: { person: null },
          errors: [
            new GraphQLError('replaced', {
              path: ['person'],
              extensions: { code: 'FORBIDDEN_FIELD' },
            }),
          ],
        };
      }
    },
    onSupergraph(supergraphSdl) {
      lifecycle.push(`supergraph:${supergraphSdl.includes('join__Graph')}`);
    },
    async start() {
      lifecycle.push('start');
    },
    async stop() {
      lifecycle.push('stop');
    },
    onResponse(outcome) {
      trail.push('response');
      outcomes.push(outcome);
      if (behaviour.failAudit)
        throw new HttpError(503, 'audit journal unavailable', 'AUDIT_UNAVAILABLE');
    },
  };

  const QUERY = `query($id: ID!) { person(idNumber: $id) { idNumber name } }`;

  beforeAll(async () => {
    // Stand-in stages only: no platform authentication or signing to get in their way.
    platform = await startPlatform({
      subgraphs: ['population'],
      persons: 200,
      hooks: [hooks],
      security: false,
    });
    someone = (await platform.subgraphs.population!.db('people').first('id_number')).id_number;
  });
  afterAll(async () => {
    await platform?.stop();
  });
  beforeEach(() => {
    Object.assign(behaviour, {
      refuse: false,
      withhold: null,
      failAudit: false,
      replaceResult: false,
    });
    trail.length = 0;
    outcomes.length = 0;
  });

  it('runs the stages once each, in order, around execution', async () => {
    const { status, body } = await postGraphQL(platform.gatewayUrl, QUERY, { id: someone });
    expect(status).toBe(200);
    expect(body.data?.person.idNumber).toBe(someone);
    expect(trail).toEqual(['request', 'operation', 'subgraph:civil-affairs', 'result', 'response']);
    expect(outcomes).toHaveLength(1);
    const [outcome] = outcomes;
    expect(outcome.status).toBe(200);
    expect(JSON.parse(outcome.body)).toEqual(body);
    expect(outcome.refusal).toBeNull();
    expect(outcome.context.caller?.department).toBe('civil-affairs');
    expect(outcome.context.operation?.document.kind).toBe(Kind.DOCUMENT);
    expect(outcome.context.result?.data).toEqual(body.data);
  });

  it('refuses before anything executes when onRequest throws, and still reports the outcome', async () => {
    behaviour.refuse = true;
    const { status, body } = await postGraphQL(platform.gatewayUrl, QUERY, { id: someone });
    expect(status).toBe(401);
    expect(body).toEqual({
      errors: [{ message: 'no token', extensions: { code: 'UNAUTHENTICATED' } }],
    });
    expect(trail).toEqual(['request', 'response']);
    expect(outcomes[0]).toMatchObject({ status: 401 });
    expect(outcomes[0].refusal?.code).toBe('UNAUTHENTICATED');
    expect(outcomes[0].context.operation).toBeUndefined();
  });

  it('executes the document an operation stage substitutes, with its errors, without reusing plans across variants', async () => {
    behaviour.withhold = 'name';
    const edited = await postGraphQL(platform.gatewayUrl, QUERY, { id: someone });
    expect(edited.body.data?.person).toEqual({ idNumber: someone });
    expect(edited.body.errors).toEqual([
      expect.objectContaining({
        message: 'name withheld',
        extensions: { code: 'FORBIDDEN_FIELD' },
      }),
    ]);

    // The same query text unedited must not be served the edited plan from the cache.
    behaviour.withhold = null;
    const plain = await postGraphQL(platform.gatewayUrl, QUERY, { id: someone });
    expect(plain.body.errors).toBeUndefined();
    expect(Object.keys(plain.body.data?.person)).toEqual(['idNumber', 'name']);
  });

  it('serialises the result a result stage substitutes, and records it for the response stage', async () => {
    behaviour.replaceResult = true;
    const { status, body } = await postGraphQL(platform.gatewayUrl, QUERY, { id: someone });
    expect(status).toBe(200);
    expect(body).toEqual({
      data: { person: null },
      errors: [{ message: 'replaced', path: ['person'], extensions: { code: 'FORBIDDEN_FIELD' } }],
    });
    expect(outcomes[0].context.result?.data).toEqual({ person: null });
  });

  it('hands hooks the supergraph and starts them before serving', () => {
    expect(lifecycle).toEqual(['supergraph:true', 'start']);
  });

  it('withholds the response when onResponse throws (nothing is served unlogged)', async () => {
    behaviour.failAudit = true;
    const { status, body } = await postGraphQL(platform.gatewayUrl, QUERY, { id: someone });
    expect(status).toBe(503);
    expect(body).toEqual({
      errors: [{ message: 'audit journal unavailable', extensions: { code: 'AUDIT_UNAVAILABLE' } }],
    });
    expect(body.data).toBeUndefined();
  });

  it('reports invalid operations to onResponse too', async () => {
    const { status } = await postGraphQL(platform.gatewayUrl, '{ nosuchfield }');
    expect(status).toBe(400);
    expect(trail).toEqual(['request', 'response']);
    expect(outcomes[0].status).toBe(400);
    expect(JSON.parse(outcomes[0].body).errors[0].extensions.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
  });
});
