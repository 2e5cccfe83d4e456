/**
 * Readiness and liveness: GET /health/ready says whether to give this instance traffic, GET
 * /health/live only that the process answers. A draining gateway (SIGTERM), one that cannot
 * write its audit journal and one that cannot load grants are not ready, and all stay live:
 * restarting them would help none.
 */
import path from 'node:path';
import { instrumentedFs } from '../../utils/audit-fixtures';
import { postGraphQL } from '../../utils/graphql-client';
import { Platform, startPlatform } from '../../utils/platform';
import { createAuditSetup, AuditSetup } from '../../utils/platform-audit';
import {
  gatewayEnvFor,
  GatewayProcess,
  startGatewayProcess,
  stopGatewayProcess,
} from '../audit/gateway-process';

const QUERY = 'query($id: ID!) { person(idNumber: $id) { gender } }';

async function probe(graphqlUrl: string, which: 'live' | 'ready') {
  const res = await fetch(graphqlUrl.replace(/\/graphql$/, `/health/${which}`));
  return {
    status: res.status,
    cache: res.headers.get('cache-control'),
    body: (await res.json()) as { status: string; failed?: string[]; checks?: object },
  };
}

describe('readiness of an audited gateway whose journal becomes unwritable', () => {
  const journalFs = instrumentedFs();
  let platform: Platform;
  let headers: Record<string, string>;
  let person: string;

  beforeAll(async () => {
    platform = await startPlatform({
      subgraphs: ['population', 'sharing'],
      persons: 50,
      audit: { trail: { fs: journalFs } },
    });
    headers = await platform.headers({ department: 'tax', operator: 'probe-test' });
    person = (await platform.subgraphs.population!.db('people').first('id_number')).id_number;
  });
  afterAll(async () => {
    journalFs.fault = null;
    await platform?.stop();
  });

  it('is ready while every check passes, and says which checks it made', async () => {
    const ready = await probe(platform.gatewayUrl, 'ready');
    expect(ready.status).toBe(200);
    expect(ready.cache).toBe('no-store');
    expect(ready.body).toMatchObject({
      status: 'ready',
      failed: [],
      checks: {
        supergraph: { status: 'ok' },
        audit: { status: 'ok', journal: 'writable' },
        draining: { status: 'ok' },
      },
    });
    expect((await probe(platform.gatewayUrl, 'live')).status).toBe(200);
  });

  it('is not ready once the journal cannot be written, naming the audit check; still live', async () => {
    journalFs.fault = 'ENOSPC';
    const refused = await postGraphQL(platform.gatewayUrl, QUERY, { id: person }, headers);
    expect(refused.status).toBe(503);
    const ready = await probe(platform.gatewayUrl, 'ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: 'unavailable',
      failed: ['audit'],
      checks: { audit: { status: 'unavailable', journal: 'unwritable', reason: 'ENOSPC' } },
    });
    const live = await probe(platform.gatewayUrl, 'live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
  });

  it('is ready again once the journal can be written', async () => {
    journalFs.fault = null;
    const deadline = Date.now() + 10_000;
    let ready = await probe(platform.gatewayUrl, 'ready');
    while (ready.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      ready = await probe(platform.gatewayUrl, 'ready');
    }
    expect(ready.status).toBe(200);
  });
});

describe('readiness of a gateway that cannot load grants', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({
      subgraphs: ['population', 'sharing'],
      persons: 20,
      audit: false,
      // Grants cached in process for 200 ms: the sharing subgraph's loss shows within a second.
      gateway: { grantsTtlMs: 200 },
    });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('is ready while grants load, and names the mode it serves them in', async () => {
    const ready = await probe(platform.gatewayUrl, 'ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ checks: { grants: { status: 'ok', mode: 'LOCAL' } } });
  });

  it('is not ready once no grant snapshot can be had, naming the grants check; still live', async () => {
    await platform.subgraphs.sharing!.stop();
    const deadline = Date.now() + 5000;
    let ready = await probe(platform.gatewayUrl, 'ready');
    while (ready.status === 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      ready = await probe(platform.gatewayUrl, 'ready');
    }
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: 'unavailable',
      failed: ['grants'],
      checks: { grants: { status: 'unavailable', grants: 'cannot be loaded' } },
    });
    expect((await probe(platform.gatewayUrl, 'live')).status).toBe(200);
  });
});

describe('readiness of a gateway process draining on SIGTERM', () => {
  let platform: Platform;
  let audit: AuditSetup;
  let gateway: GatewayProcess | null = null;

  beforeAll(async () => {
    platform = await startPlatform({
      subgraphs: ['population', 'sharing'],
      persons: 20,
      audit: false,
    });
    audit = createAuditSetup('sqlite', {});
  });
  afterAll(async () => {
    if (gateway) await stopGatewayProcess(gateway);
    await platform?.stop();
    await audit?.cleanup();
  });

  it('turns not ready at once, stays live and serving through the drain delay, then exits 0', async () => {
    gateway = await startGatewayProcess({
      ...gatewayEnvFor(platform, audit.dir),
      ...audit.env,
      GATEWAY_INSTANCE: 'gw-drain',
      AUDIT_JOURNAL_DIR: path.join(audit.dir, 'journal'),
      GATEWAY_DRAIN_DELAY_MS: '3000',
    });
    expect((await probe(gateway.url, 'ready')).status).toBe(200);

    gateway.child.kill('SIGTERM');
    const deadline = Date.now() + 1000;
    let ready = await probe(gateway.url, 'ready');
    while (ready.status === 200 && Date.now() < deadline) ready = await probe(gateway.url, 'ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', failed: ['draining'] });
    expect((await probe(gateway.url, 'live')).status).toBe(200);

    expect(await gateway.exited).toBe(0);
    expect(gateway.output()).toMatch(/SIGTERM: draining/);
    expect(gateway.output()).toMatch(/drained in \d+ ms/);
    gateway = null;
  });
});
