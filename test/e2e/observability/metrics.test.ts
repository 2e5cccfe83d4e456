/**
 * What an operator sees of a gateway's traffic: GET /metrics in Prometheus' text format and one
 * JSON access line per request, after a request served in full, one with withheld fields, one
 * over the department's rate limit, one without a token and one with its subgraph down. Neither
 * may carry what the requests carried: the citizen's ID number (a variable) appears nowhere.
 */
import '../../utils/e2e-timeout';
import { Writable } from 'node:stream';
import { createGatewayLogger, lineLog } from '../../../gateway/logging';
import { manifestDocuments } from '../../../subgraphs/sharing/persisted-manifest';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';

const SERVED = 'query Gender($id: ID!) { person(idNumber: $id) { gender } }';
const WITHHELD = 'query Resident($id: ID!) { person(idNumber: $id) { gender birthDate phone } }';
const PING = 'query Ping { usePurposes { code } }';

/** One series' value in a text exposition, by name and exact label set; null when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | null {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    if (m[2].split(',').sort().join(',') === wanted) return Number(m[3]);
  }
  return null;
}

describe('gateway metrics and access logs', () => {
  let platform: Platform;
  let idNumber: string;
  const lines: Record<string, unknown>[] = [];
  const requestIds: string[] = [];
  let exposition: string;

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n'))
          if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    platform = await startPlatform({
      persons: 200,
      subgraphs: ['population', 'sharing'],
      // Housing may make three requests at once, then one a minute: its fourth is refused.
      gateway: { departmentBurst: 3, departmentRequestsPerMinute: 1 },
      log: lineLog(createGatewayLogger({ level: 'info', destination })),
    });
    idNumber = (
      await platform.subgraphs.population!.db('people').orderBy('id_number').first('id_number')
    ).id_number;

    const education = await platform.headers({
      department: 'education',
      purpose: 'EDUCATION_ENROLMENT',
    });
    const housing = await platform.headers({ department: 'housing' });
    const send = async (query: string, headers: Record<string, string>, expected: number) => {
      const answer = await postGraphQL(platform.gatewayUrl, query, { id: idNumber }, headers);
      expect(answer.status).toBe(expected);
      requestIds.push(answer.headers.get('x-request-id')!);
      return answer;
    };
    await send(SERVED, education, 200);
    await send(WITHHELD, education, 200);
    for (let i = 0; i < 3; i++) await send(PING, housing, 200);
    await send(PING, housing, 429);
    await send(SERVED, {}, 401);
    await platform.subgraphs.population!.stop();
    await send(SERVED, education, 200);

    const res = await fetch(`http://127.0.0.1:${platform.gateway.port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    exposition = await res.text();
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('counts requests by operation type and audit outcome', () => {
    const count = (graphql_operation_type: string, outcome: string) =>
      sample(exposition, 'shujutong_graphql_requests_total', { graphql_operation_type, outcome });
    expect(count('query', 'ok')).toBe(4);
    expect(count('query', 'denied-fields')).toBe(1);
    expect(count('query', 'subgraph-failed')).toBe(1);
    // Refused before anything parsed the document: the type is not known.
    expect(count('unknown', 'refused')).toBe(1);
    expect(count('unknown', 'unauthenticated')).toBe(1);
  });

  it('times requests in an OpenTelemetry-named histogram with method, status, type and outcome', () => {
    // No persisted document was used: the name label is empty, which Prometheus reads as absent.
    const labels = (status: string, type: string, outcome: string) => ({
      http_request_method: 'POST',
      http_response_status_code: status,
      graphql_operation_type: type,
      graphql_operation_name: '',
      outcome,
    });
    const count = 'http_server_request_duration_seconds_count';
    expect(sample(exposition, count, labels('429', 'unknown', 'refused'))).toBe(1);
    expect(sample(exposition, count, labels('200', 'query', 'subgraph-failed'))).toBe(1);
    expect(
      sample(exposition, 'http_server_request_duration_seconds_bucket', {
        le: '+Inf',
        ...labels('200', 'query', 'ok'),
      }),
    ).toBe(4);
  });

  it('counts rate-limited requests and error codes', () => {
    expect(exposition).toMatch(/^shujutong_rate_limited_requests_total 1$/m);
    expect(exposition).toMatch(/^shujutong_quota_exceeded_requests_total 0$/m);
    expect(sample(exposition, 'shujutong_graphql_errors_total', { code: 'RATE_LIMITED' })).toBe(1);
    expect(sample(exposition, 'shujutong_graphql_errors_total', { code: 'FORBIDDEN_FIELD' })).toBe(
      1,
    );
  });

  it("counts the sharing policy's decisions, denials by reason", () => {
    expect(
      sample(exposition, 'shujutong_policy_field_decisions_total', {
        decision: 'deny',
        reason: 'NO_GRANT',
      }),
    ).toBe(2);
  });

  it('times subgraph fetches and counts the failed ones by subgraph and failure', () => {
    expect(
      sample(exposition, 'shujutong_subgraph_fetch_duration_seconds_count', {
        subgraph: 'population',
        http_response_status_code: '200',
      }),
    ).toBe(2);
    const failures = exposition
      .split('\n')
      .filter((l) => l.startsWith('shujutong_subgraph_fetch_errors_total{subgraph="population"'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/failure="[A-Z_]+"\} 1$/);
  });

  it('reports the grant cache mode, the audit journal and process metrics', () => {
    expect(exposition).toMatch(/^shujutong_grant_cache_mode\{mode="LOCAL"\} 1$/m);
    expect(exposition).toMatch(/^shujutong_audit_journal_available 1$/m);
    expect(exposition).toMatch(/^shujutong_audit_journal_records \d+$/m);
    expect(exposition).toMatch(/^shujutong_audit_unshipped_records \d+$/m);
    const commits = /^shujutong_audit_journal_commit_duration_seconds_count (\d+)$/m.exec(
      exposition,
    );
    expect(Number(commits?.[1])).toBeGreaterThan(0);
    expect(exposition).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('carries no ID number, variable value or caller-chosen operation name', () => {
    expect(exposition).not.toContain(idNumber);
    expect(exposition).not.toMatch(/="(Resident|Gender|Ping)"/);
    expect(exposition).not.toContain('EDUCATION_ENROLMENT');
    expect(exposition).not.toMatch(/department|application/);
  });

  it('writes one JSON access line per request with its request id, and no personal data', () => {
    const access = lines.filter((l) => l.component === 'access');
    expect(access.map((l) => l.requestId)).toEqual(requestIds);
    expect(access[0]).toEqual(
      expect.objectContaining({
        level: 'info',
        msg: 'graphql request',
        method: 'POST',
        status: 200,
        operationType: 'query',
        outcome: 'ok',
        durationMs: expect.any(Number),
      }),
    );
    expect(access.map((l) => l.outcome)).toEqual([
      'ok',
      'denied-fields',
      'ok',
      'ok',
      'ok',
      'refused',
      'unauthenticated',
      'subgraph-failed',
    ]);
    expect(typeof access[0].time).toBe('string');
    for (const line of lines) expect(JSON.stringify(line)).not.toContain(idNumber);
  });
});

describe('operation names in metrics and access logs', () => {
  let platform: Platform;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n'))
          if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    platform = await startPlatform({
      persons: 200,
      subgraphs: ['population', 'legal-entity', 'spatial', 'licences', 'credit', 'sharing'],
      log: lineLog(createGatewayLogger({ level: 'info', destination })),
    });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('names a persisted document by its registered name, and nothing else by name', async () => {
    const profile = manifestDocuments().find((d) => d.name === 'ApplicantProfile')!;
    const headers = await platform.headers({
      department: 'big-data-bureau',
      application: 'service-network',
      operator: 'clerk-01',
      purpose: 'ADMINISTRATIVE_APPROVAL',
    });
    const idNumber = (
      await platform.subgraphs.population!.db('people').orderBy('id_number').first('id_number')
    ).id_number as string;
    const persisted = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ documentId: `sha256:${profile.sha256}`, variables: { idNumber } }),
    });
    expect(persisted.status).toBe(200);
    const adHoc = await postGraphQL(
      platform.gatewayUrl,
      'query MyOwnName($id: ID!) { person(idNumber: $id) { gender } }',
      { id: idNumber },
      headers,
    );
    expect(adHoc.status).toBe(200);

    const exposition = await (
      await fetch(`http://127.0.0.1:${platform.gateway.port}/metrics`)
    ).text();
    expect(exposition).toMatch(/graphql_operation_name="ApplicantProfile"/);
    expect(exposition).not.toContain('MyOwnName');
    expect(exposition).not.toContain(idNumber);
    const access = lines.filter((l) => l.component === 'access');
    expect(access.map((l) => l.operationName)).toEqual(['ApplicantProfile', undefined]);
  });
});
