/**
 * One request through the gateway is one trace: the gateway's span for the request, its policy,
 * execution and audit spans, one span per subgraph fetch, and each subgraph's server span as the
 * child of the fetch that reached it (its `traceparent`). The spans say how much and how it
 * ended, never whose data: the ID numbers and credit code the request carried appear in none of
 * them. The request's audit record, and the department's access log, hold the trace id. With tracing off no `traceparent` leaves
 * the gateway and records have no trace id.
 */
import '../../utils/e2e-timeout';
import { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { Knex } from 'knex';
import type { GatewayHooks } from '../../../gateway/stages/stage-hooks';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { recordsFor } from '../audit/audit-rows';
import { runVerifyCommand } from '../../../gateway/audit/verify-command';

const REP =
  'query Rep($c: ID!) { legalEntity(creditCode: $c) { name legalRepresentative { gender } } }';

/** The headers each subgraph fetch went out with, seen after it was sent. */
function sentHeaders(): { hook: GatewayHooks; sent: Record<string, string>[] } {
  const sent: Record<string, string>[] = [];
  return {
    sent,
    hook: {
      name: 'sent-headers',
      onSubgraphResponse: ({ headers, context }) => {
        if (context) sent.push({ ...headers });
      },
    },
  };
}

/** What of a span would reach a collector: everything but the SDK's internals. */
function exported(span: ReadableSpan): string {
  return JSON.stringify({
    name: span.name,
    attributes: span.attributes,
    events: span.events,
    links: span.links,
    status: span.status,
    resource: span.resource.attributes,
  });
}

async function sample(platform: Platform) {
  const entity = await platform.subgraphs['legal-entity']!.db('legal_entities').first(
    'credit_code',
    'legal_rep_id_number',
  );
  const result = await postGraphQL(
    platform.gatewayUrl,
    REP,
    { c: entity.credit_code },
    await platform.headers({
      department: 'market-regulation',
      operator: 'clerk-3',
      purpose: 'MARKET_SUPERVISION',
    }),
  );
  return {
    result,
    requestId: result.headers.get('x-request-id')!,
    creditCode: entity.credit_code as string,
    representative: entity.legal_rep_id_number as string,
  };
}

describe('traces across the gateway and the subgraphs', () => {
  const exporter = new InMemorySpanExporter();
  const fetches = sentHeaders();
  let platform: Platform;
  let db: Knex;

  beforeAll(async () => {
    platform = await startPlatform({
      subgraphs: ['population', 'legal-entity', 'sharing', 'audit'],
      persons: 200,
      tracing: { exporter },
      hooks: [fetches.hook],
    });
    db = await platform.audit!.connect();
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('makes one trace of a request, with the subgraphs’ spans under the gateway’s fetches', async () => {
    const { result, requestId, creditCode, representative } = await sample(platform);
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();

    const spans = exporter.getFinishedSpans();
    const request = spans.find(
      (s) => s.name === 'graphql request' && s.attributes['graphql.operation.name'] === 'Rep',
    );
    expect(request).toBeDefined();
    const traceId = request!.spanContext().traceId;
    const trace = spans.filter((s) => s.spanContext().traceId === traceId);
    const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]));
    const service = (s: ReadableSpan) => s.resource.attributes['service.name'];

    // The gateway's steps, under the request.
    for (const name of ['sharing policy', 'plan and execute', 'audit append'])
      expect(trace.find((s) => s.name === name)?.parentSpanId).toBe(request!.spanContext().spanId);
    expect(request!.attributes).toMatchObject({
      'shujutong.outcome': 'ok',
      'shujutong.purpose': 'MARKET_SUPERVISION',
      'shujutong.subjects': 2,
      'http.response.status_code': 200,
    });

    // Each subgraph's server span is the child of the gateway's fetch that reached it.
    const servers = trace.filter((s) => service(s) !== 'shujutong-gateway');
    expect(new Set(servers.map(service))).toEqual(
      new Set(['shujutong-legal-entity', 'shujutong-population']),
    );
    for (const server of servers) {
      const fetch = byId.get(server.parentSpanId!);
      expect(fetch?.name).toMatch(/^subgraph /);
      expect(service(fetch!)).toBe('shujutong-gateway');
      expect(server.attributes['shujutong.subgraph']).toBe(fetch!.attributes['shujutong.subgraph']);
      expect(byId.get(fetch!.parentSpanId!)?.name).toBe('plan and execute');
    }
    // The header the subgraphs got names the fetch spans.
    const parents = fetches.sent.map((h) => h.traceparent).filter((t) => t?.includes(traceId));
    expect(parents.length).toBe(servers.length);

    // No identifier the request carried or got back is in any span.
    const serialised = spans.map(exported).join('\n');
    for (const secret of [creditCode, representative]) expect(serialised).not.toContain(secret);

    // The audit record leads to the trace.
    await platform.audit!.ship();
    const records = await recordsFor(db, requestId);
    expect(records).toHaveLength(1);
    expect(records[0].traceId).toBe(traceId);
    // And so does the department's access log, read from the audit subgraph.
    const log = await postGraphQL(
      platform.gatewayUrl,
      '{ accessLog { nodes { operationName traceId } } }',
      {},
      await platform.headers({ department: 'market-regulation', operator: 'clerk-3' }),
    );
    expect(log.body.errors).toBeUndefined();
    expect(log.body.data!.accessLog.nodes).toContainEqual({ operationName: 'Rep', traceId });

    // The trace id is evidence like the rest: audit:verify finds it changed or removed.
    const verify = async () => {
      let out = '';
      const code = await runVerifyCommand([], platform.audit!.env, {
        out: (t) => (out += t),
        err: (t) => (out += t),
      });
      return { code, out };
    };
    expect((await verify()).code).toBe(0);
    const id = records[0].id;
    for (const forged of [null, traceId.replace(/^./, traceId[0] === 'f' ? 'e' : 'f')]) {
      await db('audit_records').where({ id }).update({ trace_id: forged });
      const tampered = await verify();
      expect(tampered.code).toBe(1);
      expect(tampered.out).toContain(`MODIFIED: record ${id}`);
    }
    await db('audit_records').where({ id }).update({ trace_id: traceId });
    expect((await verify()).code).toBe(0);
  });
});

describe('with tracing off', () => {
  const fetches = sentHeaders();
  let platform: Platform;
  let db: Knex;

  beforeAll(async () => {
    platform = await startPlatform({
      subgraphs: ['population', 'legal-entity', 'sharing'],
      persons: 100,
      hooks: [fetches.hook],
    });
    db = await platform.audit!.connect();
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('sends no traceparent and records no trace id', async () => {
    const { result, requestId } = await sample(platform);
    expect(result.status).toBe(200);
    expect(fetches.sent.length).toBeGreaterThanOrEqual(2);
    for (const headers of fetches.sent) expect(Object.keys(headers)).not.toContain('traceparent');
    await platform.audit!.ship();
    const records = await recordsFor(db, requestId);
    expect(records).toHaveLength(1);
    expect(Object.keys(records[0])).not.toContain('traceId');
  });
});
